import type { WaitState } from './definition.js';
import { runtimeError } from './errors.js';
import type { ExecutionRecord, ThreadRecord } from './execution-record.js';
import { readPath } from './json-path.js';
import type { Scheduler } from './scheduler.js';
import type { ThreadControl } from './thread-control.js';

/**
 * The instants a thread waits for on the runtime clock: a Wait state's timestamp and the
 * delay before a retry. The wait is persisted in the thread; {@link ThreadTimers.arm}
 * schedules it again after a restart, and an instant already passed fires at once.
 */
export class ThreadTimers {
  /** Creates the timers of the threads `control` runs. */
  constructor(
    private readonly control: ThreadControl,
    private readonly scheduler: Scheduler,
  ) {}

  /** Enters a Wait state: waits until the timestamp at TimestampPath, or moves on at once if it has passed. */
  startWait(record: ExecutionRecord, thread: ThreadRecord, state: WaitState, input: unknown): void {
    const timestamp = readPath(state.TimestampPath, input);
    const dueAt = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
    if (Number.isNaN(dueAt)) throw runtimeError(`Wait state '${thread.state}' has an invalid timestamp ${JSON.stringify(timestamp)}`);
    if (dueAt <= this.control.now()) return this.control.advance(record, thread, state, input);
    this.control.setWait(thread, { kind: 'timer', purpose: 'wait', dueAt });
    this.arm(record, thread);
  }

  /** Runs the thread's state again after `delayMs` (a retry), at once when it is 0. */
  retryAfter(record: ExecutionRecord, thread: ThreadRecord, delayMs: number): void {
    if (delayMs <= 0) {
      this.control.setWait(thread, undefined);
      return this.control.wake(record, thread);
    }
    this.control.setWait(thread, { kind: 'timer', purpose: 'retry', dueAt: this.control.now() + delayMs });
    this.arm(record, thread);
  }

  /** Schedules the thread's timer wait, if it has one: a Wait state then leaves with its input, a retry runs the state again. */
  arm(record: ExecutionRecord, thread: ThreadRecord): void {
    const wait = thread.wait;
    if (wait?.kind !== 'timer') return;
    const epoch = thread.epoch;
    this.scheduler.schedule(this.key(record, thread), wait.dueAt, () => {
      if (!this.control.isCurrent(record, thread, epoch)) return;
      this.control.setWait(thread, undefined);
      if (wait.purpose === 'wait') this.control.guard(record, thread, () => this.control.advance(record, thread, this.control.stateOf(record, thread), thread.input));
      this.control.wake(record, thread);
      this.control.queue.markDirty(record);
    });
  }

  /** Cancels the thread's timer. */
  cancel(record: ExecutionRecord, thread: ThreadRecord): void {
    this.scheduler.cancel(this.key(record, thread));
  }

  private key(record: ExecutionRecord, thread: ThreadRecord): string {
    return `${record.executionArn}#${thread.id}#timer`;
  }
}

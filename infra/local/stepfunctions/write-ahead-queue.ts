import type { ExecutionRecord } from './execution-record.js';
import type { ExecutionStore } from './execution-store.js';
import type { Scheduler } from './scheduler.js';

/**
 * Orders the interpreter's work so that what it makes happen outside (a Lambda call,
 * the next state of a woken thread) comes after the state that led to it is on disk.
 * State changes are synchronous and only mark their execution dirty; outside work is
 * queued and run by a pump on the next macrotask, which first writes every dirty
 * execution. A crash therefore loses at most work that is re-run on resume.
 */
export class WriteAheadQueue {
  private readonly dirty = new Set<ExecutionRecord>();
  private readonly queue: (() => void)[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private pumpScheduled = false;
  private closed = false;

  /** Creates the queue; `onError` receives exceptions thrown by queued work. */
  constructor(
    private readonly store: ExecutionStore,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Whether {@link WriteAheadQueue.close} was called (later work is dropped). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Notes that an execution changed and must be written before the next queued work runs. */
  markDirty(record: ExecutionRecord): void {
    this.dirty.add(record);
    this.schedulePump();
  }

  /** Queues work to run once every dirty execution is written. */
  enqueue(work: () => void): void {
    this.queue.push(work);
    this.schedulePump();
  }

  /** Keeps a promise (a Lambda call) in the set {@link WriteAheadQueue.settle} waits for. */
  track(promise: Promise<unknown>): void {
    this.inflight.add(promise);
    const forget = (): void => {
      this.inflight.delete(promise);
    };
    promise.then(forget, forget);
  }

  /** Writes every dirty execution now. */
  flush(): void {
    if (this.closed) return;
    for (const record of this.dirty) this.store.saveExecution(record);
    this.dirty.clear();
  }

  /** Fires the scheduler's due timers and waits until nothing is queued, in flight or due. */
  async settle(scheduler: Scheduler): Promise<void> {
    for (;;) {
      scheduler.fireDue();
      if (this.inflight.size === 0 && this.queue.length === 0 && !this.pumpScheduled && !scheduler.hasDue()) break;
      await Promise.allSettled([...this.inflight]);
    }
    this.flush();
  }

  /** Writes what is pending; afterwards nothing is written or run. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.closed) return;
    this.pumpScheduled = true;
    this.track(
      new Promise<void>((resolve) => {
        setImmediate(() => {
          this.pumpScheduled = false;
          this.pump();
          resolve();
        });
      }),
    );
  }

  private pump(): void {
    for (;;) {
      this.flush();
      if (this.closed || this.queue.length === 0) return;
      for (const work of this.queue.splice(0)) {
        try {
          work();
        } catch (error) {
          this.onError(error);
        }
      }
    }
  }
}

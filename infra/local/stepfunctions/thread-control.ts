import type { StateDefinition } from './definition.js';
import type { StatesError } from './errors.js';
import type { ExecutionRecord, ThreadRecord, ThreadWait } from './execution-record.js';
import type { WriteAheadQueue } from './write-ahead-queue.js';

/** The fields a new thread starts with. */
export type NewThread = Pick<ThreadRecord, 'scope' | 'state' | 'input' | 'lastEventId'> & Partial<Pick<ThreadRecord, 'parentId' | 'index'>>;

/**
 * What the modules that run one kind of state (Tasks, Wait and retry timers, Map) may do
 * to a thread. Implemented by the ThreadRunner, which hands itself to them, so they never
 * import it.
 */
export interface ThreadControl {
  /** Where state changes are recorded and outside work is queued. */
  readonly queue: WriteAheadQueue;
  /** The runtime clock, in epoch milliseconds. */
  now(): number;
  /** The definition of the state the thread is in. */
  stateOf(record: ExecutionRecord, thread: ThreadRecord): StateDefinition;
  /** Whether the thread is still part of a running execution and, given `epoch`, has not moved or changed its wait since. */
  isCurrent(record: ExecutionRecord, thread: ThreadRecord, epoch?: number): boolean;
  /** Sets (or with `undefined` clears) what the thread waits for; bumps its epoch. */
  setWait(thread: ThreadRecord, wait: ThreadWait | undefined): void;
  /** Appends a history event after the thread's previous one. */
  event(record: ExecutionRecord, thread: ThreadRecord, type: string, details?: Record<string, unknown>): void;
  /** Leaves the current state with `output`, to `next` or else the state's Next; a terminal state ends the thread. */
  advance(record: ExecutionRecord, thread: ThreadRecord, state: StateDefinition, output: unknown, next?: string): void;
  /** Applies the state's Retry, then Catch, to an error; otherwise fails the thread upwards. */
  fail(record: ExecutionRecord, thread: ThreadRecord, error: StatesError): void;
  /** Queues the thread to run its current state. */
  wake(record: ExecutionRecord, thread: ThreadRecord): void;
  /** Runs a state change; a StatesError it throws goes to {@link ThreadControl.fail}; marks the execution dirty. */
  guard(record: ExecutionRecord, thread: ThreadRecord, work: () => void): void;
  /** Adds a thread (a Map iteration) to the execution. */
  newThread(record: ExecutionRecord, fields: NewThread): ThreadRecord;
  /** Removes every descendant of a thread, releasing their tokens and timers. */
  abortChildren(record: ExecutionRecord, thread: ThreadRecord): void;
}

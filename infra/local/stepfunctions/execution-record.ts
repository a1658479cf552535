/** Status values of an execution, as in the Step Functions API (this runtime never times an execution out). */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** The statuses an execution of this runtime can end in. */
export type ClosedStatus = 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** One history event in API shape, except `timestamp` which is kept in epoch milliseconds. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [detailsKey: string]: unknown;
}

/** A thread waiting on a Wait state or on the delay before a retry. */
export interface TimerWait {
  kind: 'timer';
  purpose: 'wait' | 'retry';
  dueAt: number;
}

/**
 * A thread inside a Task: `invoking` while the function is being called (re-run from the
 * start after a crash), `token` while waiting for SendTaskSuccess/Failure.
 */
export interface TaskWait {
  kind: 'task';
  phase: 'invoking' | 'token';
  resource: string;
  parameters: unknown;
  token?: string;
  timeoutAt?: number;
}

/** A Map state waiting for its iterations (child threads). */
export interface MapWait {
  kind: 'map';
  items: unknown[];
  /** The Map state's input, which ItemSelector reads. */
  input: unknown;
  nextIndex: number;
  running: number;
  completed: number;
  maxConcurrency: number;
  results: unknown[];
}

/** What a thread is waiting for; absent when it is ready to run its current state. */
export type ThreadWait = TimerWait | TaskWait | MapWait;

/** One line of control: the execution itself or one Map iteration. */
export interface ThreadRecord {
  id: string;
  /** The Map thread that spawned it, and its slot in that Map's results. */
  parentId?: string;
  index?: number;
  /** Which States block the current state belongs to (see `mapScope`). */
  scope: string;
  state: string;
  /** Input of the current state. */
  input: unknown;
  entered: boolean;
  /** Retries made per retrier for the current state entry. */
  retryAttempts: number[];
  /** Bumped on every change of position or wait, so stale callbacks can tell. */
  epoch: number;
  lastEventId: number;
  wait?: ThreadWait;
}

/** What became of a task token that is no longer waiting. */
export type TokenOutcome = 'completed' | 'timedOut' | 'closed';

/** Everything persisted about one execution (one JSON file per execution). */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  /** The definition the execution started with. */
  definition: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  threads: Record<string, ThreadRecord>;
  nextThreadId: number;
  tokenOutcomes: Record<string, TokenOutcome>;
  history: HistoryEvent[];
}

/** Which API field holds the details of an event type (e.g. `stateEnteredEventDetails`). */
function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/**
 * Appends an event to an execution's history and returns its id.
 *
 * @example appendEvent(record, 'PassStateEntered', now, thread.lastEventId, { name: 'A', input: '{}' })
 */
export function appendEvent(record: ExecutionRecord, type: string, timestamp: number, previousEventId: number, details?: Record<string, unknown>): number {
  const id = record.history.length + 1;
  const event: HistoryEvent = { id, previousEventId, timestamp, type };
  if (details) event[detailsKey(type)] = details;
  record.history.push(event);
  return id;
}

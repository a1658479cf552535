/** Error names defined by the Amazon States Language. */
export const StatesErrors = {
  all: 'States.ALL',
  runtime: 'States.Runtime',
  timeout: 'States.Timeout',
  heartbeatTimeout: 'States.HeartbeatTimeout',
  taskFailed: 'States.TaskFailed',
  noChoiceMatched: 'States.NoChoiceMatched',
  intrinsicFailure: 'States.IntrinsicFailure',
} as const;

/**
 * An error raised while a state runs, carrying the ASL error name and cause that
 * Retry/Catch match on and that end up in the history and DescribeExecution.
 *
 * @example throw new StatesError('States.Runtime', 'InputPath $.a matched nothing');
 */
export class StatesError extends Error {
  /** Creates the error; `error` is the ASL error name, `cause` the free-text cause. */
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/** Builds a `States.Runtime` error, the kind no Retry or Catch can handle. */
export function runtimeError(cause: string): StatesError {
  return new StatesError(StatesErrors.runtime, cause);
}

/** Whether an error can be handled by Retry/Catch at all (`States.Runtime` cannot). */
export function isRecoverable(error: string): boolean {
  return error !== StatesErrors.runtime;
}

/**
 * Whether one ErrorEquals entry matches an error name: exact names, `States.ALL`
 * (anything recoverable), `States.TaskFailed` (anything but timeouts) and
 * `States.Timeout` (which also covers `States.HeartbeatTimeout`).
 */
export function errorNameMatches(pattern: string, error: string): boolean {
  if (!isRecoverable(error)) return false;
  if (pattern === error || pattern === StatesErrors.all) return true;
  if (pattern === StatesErrors.timeout) return error === StatesErrors.heartbeatTimeout;
  if (pattern === StatesErrors.taskFailed) {
    return error !== StatesErrors.timeout && error !== StatesErrors.heartbeatTimeout;
  }
  return false;
}

/** Whether any entry of an ErrorEquals list matches the error name. */
export function errorEqualsMatches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some((pattern) => errorNameMatches(pattern, error));
}

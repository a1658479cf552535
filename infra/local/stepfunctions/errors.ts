/** Error names of the Amazon States Language that this runtime raises or matches. */
export const StatesErrors = {
  all: 'States.ALL',
  runtime: 'States.Runtime',
  timeout: 'States.Timeout',
  noChoiceMatched: 'States.NoChoiceMatched',
} as const;

/** The `States.*` names an ErrorEquals list may use here (any name outside `States.` is matched exactly). */
export const matchableStatesErrors: readonly string[] = [StatesErrors.all, StatesErrors.timeout];

/**
 * An error raised while a state runs, carrying the ASL error name and cause that
 * Retry/Catch match on and that end up in the history and DescribeExecution.
 *
 * @example throw new StatesError('States.Runtime', "The JSONPath '$.a' could not be found in the input");
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
 * Whether an ErrorEquals list matches an error name: by the exact name, or by
 * `States.ALL` (anything recoverable).
 *
 * @example errorEqualsMatches(['States.ALL'], 'Lambda.ServiceException') // true
 */
export function errorEqualsMatches(errorEquals: readonly string[], error: string): boolean {
  return isRecoverable(error) && errorEquals.some((pattern) => pattern === error || pattern === StatesErrors.all);
}

import { StatesError } from './errors.js';

/** The one service integration this runtime runs: `lambda:invoke`, optionally with a task token. */
export interface LambdaInvokeResource {
  /** `.waitForTaskToken`: the Task waits for SendTaskSuccess/Failure instead of the function's result. */
  waitForTaskToken: boolean;
  /** The `resourceType`/`resource` pair shown in history events, e.g. `lambda` / `invoke`. */
  label: { resourceType: 'lambda'; resource: string };
}

/** The keys a `lambda:invoke` Task's Parameters may have. */
export const lambdaInvokeParameters: readonly string[] = ['FunctionName', 'Payload', 'Payload.$'];

const lambdaInvoke = /^arn:aws[a-z-]*:states:::lambda:(invoke(\.waitForTaskToken)?)$/;

/**
 * Reads a Task Resource, or returns `undefined` when it is not `lambda:invoke[.waitForTaskToken]`.
 *
 * @example parseTaskResource('arn:aws:states:::lambda:invoke.waitForTaskToken')?.waitForTaskToken // true
 */
export function parseTaskResource(resource: string): LambdaInvokeResource | undefined {
  const match = lambdaInvoke.exec(resource);
  if (!match) return undefined;
  return { waitForTaskToken: match[2] !== undefined, label: { resourceType: 'lambda', resource: match[1] ?? '' } };
}

/** The result of a `lambda:invoke` Task, shaped like AWS's (the function's result is `Payload`). */
export function lambdaInvokeResult(payload: unknown, requestId: string): Record<string, unknown> {
  const headers = { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload === undefined ? null : payload,
    SdkHttpMetadata: { AllHttpHeaders: headers, HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/**
 * Maps an exception thrown by a handler to the Task error AWS reports: the error name
 * is the thrown error's `name` (Lambda's errorType) and the cause is the JSON
 * `{"errorMessage","errorType","trace":[]}`.
 */
export function lambdaError(thrown: unknown): StatesError {
  const errorType = thrown instanceof Error ? thrown.name : 'Error';
  const errorMessage = thrown instanceof Error ? thrown.message : String(thrown);
  return new StatesError(errorType, JSON.stringify({ errorMessage, errorType, trace: [] }));
}

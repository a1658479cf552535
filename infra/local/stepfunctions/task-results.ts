import { StatesError } from './errors.js';
import type { ExecutionRecord } from './execution-record.js';

/**
 * Splits a Task Resource into the `resourceType`/`resource` pair shown in history events.
 *
 * @example resourceLabel('arn:aws:states:::lambda:invoke') // { resourceType: 'lambda', resource: 'invoke' }
 */
export function resourceLabel(resource: string): { resourceType: string; resource: string } {
  const integration = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(resource);
  if (integration) return { resourceType: integration[1] ?? '', resource: integration[2] ?? '' };
  return { resourceType: 'lambda', resource };
}

/** The result of an optimised `lambda:invoke` Task, shaped like AWS's. */
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

/**
 * The DescribeExecution shape a `startExecution.sync` Task returns; with `.sync:2`
 * Input and Output are parsed JSON instead of strings.
 */
export function describeChildExecution(child: ExecutionRecord, parseJson: boolean): Record<string, unknown> {
  const data = (text: string | undefined): unknown => (parseJson && text !== undefined ? (JSON.parse(text) as unknown) : text);
  return {
    ExecutionArn: child.executionArn,
    StateMachineArn: child.stateMachineArn,
    Name: child.name,
    Status: child.status,
    StartDate: child.startDate,
    StopDate: child.stopDate,
    Input: data(child.input),
    InputDetails: { Included: true },
    ...(child.output !== undefined ? { Output: data(child.output), OutputDetails: { Included: true } } : {}),
    ...(child.error !== undefined ? { Error: child.error } : {}),
    ...(child.cause !== undefined ? { Cause: child.cause } : {}),
  };
}

/**
 * The log context of an invocation, for every handler's middy chain: with it each log line
 * carries Lambda's request id (`function_request_id`, with the function's name and cold
 * start) and, for an HTTP request, API Gateway's request id (`correlation_id`), so that one
 * request's lines are found together. Keys added during an invocation are dropped after it.
 */
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from './logger.js';

/** The Lambda context on every log line of the invocation. */
export function invocationLogging(): MiddlewareObj {
  return injectLambdaContext(logger, { resetKeys: true });
}

/** {@link invocationLogging} of an HTTP request, with API Gateway's request id as `correlation_id`. */
export function httpInvocationLogging(): MiddlewareObj {
  return injectLambdaContext(logger, { resetKeys: true, correlationIdPath: 'requestContext.requestId' });
}

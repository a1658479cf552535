/**
 * A middy middleware that turns every error into the contract's error body
 * `{"error":{"code","message","details"}}`. Domain errors keep their status; anything
 * unexpected is logged and answered 500 INTERNAL_ERROR without internals.
 */
import { IdempotencyAlreadyInProgressError, IdempotencyItemNotFoundError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { isDomainError } from '../../../shared/domain/errors.js';
import { RateLimitedError } from '../../../shared/domain/rate-limit.js';
import { logger } from '../../logger.js';

/** The JSON response of an error, with any extra headers (e.g. `retry-after`). */
export function errorResult(status: number, code: string, message: string, details: readonly unknown[] = [], headers: Record<string, string> = {}): APIGatewayProxyResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify({ error: { code, message, details } }),
  };
}

/** The answer to a refusal of the idempotency layer, if `error` is one the client can act on. */
function idempotencyRefusal(error: unknown): { status: 409 | 422; code: string; message: string } | undefined {
  // Another request with the same key holds its record, or held it a moment ago and has just
  // failed (its record is gone): try again.
  if (error instanceof IdempotencyAlreadyInProgressError || error instanceof IdempotencyItemNotFoundError) {
    return { status: 409, code: 'REQUEST_IN_PROGRESS', message: '相同的请求正在处理中，请稍后再试' };
  }
  if (error instanceof IdempotencyValidationError) return { status: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: '该幂等键（Idempotency-Key）已用于另一个请求' };
  return undefined;
}

/** Maps thrown errors to contract error responses. */
export function errorResponse(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (isDomainError(error)) {
        const headers: Record<string, string> = error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
        request.response = errorResult(error.status, error.code, error.message, error.details, headers);
        return;
      }
      const refusal = idempotencyRefusal(error);
      if (refusal) {
        request.response = errorResult(refusal.status, refusal.code, refusal.message);
        return;
      }
      const status = (error as { statusCode?: number } | null)?.statusCode;
      if (status === 404) {
        request.response = errorResult(404, 'NOT_FOUND', '请求的地址不存在');
        return;
      }
      logger.error('unhandled error', { error });
      request.response = errorResult(500, 'INTERNAL_ERROR', '服务暂时出现问题，请稍后重试');
    },
  };
}

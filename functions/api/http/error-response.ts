/**
 * A middy middleware that turns every error into the contract's error body
 * `{"error":{"code","message","details"}}`. Domain errors keep their status; anything
 * unexpected is logged and answered 500 INTERNAL_ERROR without internals.
 */
import { IdempotencyAlreadyInProgressError, IdempotencyItemNotFoundError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { catalogued, type ErrorCode, type MessageKey } from '#shared/domain/error-catalogue.js';
import { isDomainError, type DomainError } from '#shared/domain/errors.js';
import { RateLimitedError } from '#shared/domain/rate-limit.js';
import { logger } from '#functions/logger.js';

/** The JSON response of an error, with any extra headers (e.g. `retry-after`). */
export function errorResult(status: number, code: string, message: string, details: readonly unknown[] = [], headers: Record<string, string> = {}): APIGatewayProxyResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify({ error: { code, message, details } }),
  };
}

/** The JSON response of a catalogue message that names no values (the catalogue gives its status). */
export function cataloguedResult<C extends ErrorCode>(code: C, key: MessageKey<C>): APIGatewayProxyResultV2 {
  const { status, message } = catalogued(code, key);
  return errorResult(status, code, message);
}

/** The JSON response of a refusal, with any extra headers (e.g. `retry-after`). */
export function refusalResult(error: DomainError, headers: Record<string, string> = {}): APIGatewayProxyResultV2 {
  return errorResult(error.status, error.code, error.message, error.details, headers);
}

/** The answer to a refusal of the idempotency layer, if `error` is one the client can act on. */
function idempotencyRefusal(error: unknown): APIGatewayProxyResultV2 | undefined {
  // Another request with the same key holds its record, or held it a moment ago and has just
  // failed (its record is gone): try again.
  if (error instanceof IdempotencyAlreadyInProgressError || error instanceof IdempotencyItemNotFoundError) return cataloguedResult('REQUEST_IN_PROGRESS', 'sameKey');
  if (error instanceof IdempotencyValidationError) return cataloguedResult('IDEMPOTENCY_KEY_REUSED', 'otherRequest');
  return undefined;
}

/** Maps thrown errors to contract error responses. */
export function errorResponse(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (isDomainError(error)) {
        const headers: Record<string, string> = error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
        request.response = refusalResult(error, headers);
        return;
      }
      const refusal = idempotencyRefusal(error);
      if (refusal) {
        request.response = refusal;
        return;
      }
      const status = (error as { statusCode?: number } | null)?.statusCode;
      if (status === 404) {
        request.response = cataloguedResult('NOT_FOUND', 'route');
        return;
      }
      logger.error('unhandled error', { error });
      request.response = cataloguedResult('INTERNAL_ERROR', 'unexpected');
    },
  };
}

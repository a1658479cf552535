/**
 * Idempotent requests: a client that sends an `Idempotency-Key` header gets the first answer
 * again when it repeats the request (a double click, a retried call), and nothing is done twice.
 * Built on Powertools' idempotency middleware with records in the data table; without the
 * header, and for reads, a request is processed as usual. The key is bound to the caller and the request: the
 * same key with another body, path or caller is refused.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import { IdempotencyConfig, IdempotencyUnknownError } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { dependencies } from '#functions/composition-root.js';
import type { HttpEvent } from './http-event.js';

/** How long a remembered answer is replayed. */
const rememberSeconds = 24 * 3600;

const config = new IdempotencyConfig({
  eventKeyJmesPath: 'headers."idempotency-key"',
  payloadValidationJmesPath: '[requestContext.authorizer.jwt.claims.sub, requestContext.http.method, rawPath, body]',
  expiresAfterSeconds: rememberSeconds,
});

/** Powertools' middleware as this one calls it: what a hook returns (a replayed answer from `before`) is passed on as is. */
type IdempotencyHooks = { readonly [hook in 'before' | 'after' | 'onError']?: (request: Request<HttpEvent>) => unknown };

/**
 * The middleware of one writing route; its persistence is built from the composition root on
 * the route's first request. Read routes do not use it: a GET is never recorded.
 */
export function idempotentRequests(): MiddlewareObj<HttpEvent> {
  let inner: IdempotencyHooks | undefined;
  const middleware = () => (inner ??= makeHandlerIdempotent({ persistenceStore: dependencies().idempotency, config }) as IdempotencyHooks);
  return {
    before: (request) => middleware().before?.(request),
    after: (request) => middleware().after?.(request),
    // Powertools' onError deletes the key's record; when the refusal came from the idempotency
    // layer itself (key reused, request in progress) that record is another request's: keep it.
    onError: (request) => (request.error instanceof IdempotencyUnknownError ? undefined : middleware().onError?.(request)),
  };
}

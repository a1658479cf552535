/**
 * The body of a request on its way to the action, one middleware per step: its size is
 * checked on the bytes that came in, then it is parsed as JSON (with
 * `@middy/http-json-body-parser`) or kept as bytes, then validated with the route's zod schema.
 * Each step gives the route a new event rather than changing the one it got: the idempotency
 * layer hashes the request as it came, before and after the action.
 */
import type { MiddlewareObj } from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import type * as z from 'zod';
import { DomainError } from '#shared/domain/errors.js';
import type { HttpEvent, HttpResult, RouteEvent } from './http-event.js';
import { parseInput } from './validation.js';

type BodyMiddleware = MiddlewareObj<RouteEvent, HttpResult>;

function byteLengthOf(event: Pick<HttpEvent, 'body' | 'isBase64Encoded'>): number {
  if (!event.body) return 0;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body, 'utf8');
}

/**
 * Refuses a body over `maxBytes` (none: the gateway's own 10 MB limit applies).
 *
 * @throws DomainError PAYLOAD_TOO_LARGE (413).
 */
export function bodyLimit(maxBytes: number | undefined): BodyMiddleware {
  return {
    before: (request) => {
      if (maxBytes === undefined) return;
      if (byteLengthOf(request.event as HttpEvent) > maxBytes) {
        throw new DomainError('PAYLOAD_TOO_LARGE', 'body', { kilobytes: Math.floor(maxBytes / 1024) });
      }
    },
  };
}

// The contract reads every body of a JSON route as JSON whatever its content type says (clients
// such as curl often send none), so the parser's content-type check is off; the option exists
// in @middy/http-json-body-parser 6.4 but its typings do not declare it.
const parser = jsonBodyParser({ disableContentTypeCheck: true } as Parameters<typeof jsonBodyParser>[0]);

/**
 * Parses a JSON body; an absent or empty body is `{}`.
 *
 * @throws DomainError VALIDATION_FAILED (400) for a body that is not JSON.
 */
export function jsonBody(): BodyMiddleware {
  return {
    before: async (request) => {
      const { body } = request.event as HttpEvent;
      if (body === undefined || body === null || body === '') {
        request.event = { ...request.event, body: {} };
        return;
      }
      request.event = { ...request.event };
      try {
        await parser.before!(request as never);
      } catch {
        throw new DomainError('VALIDATION_FAILED', 'notJson');
      }
    },
  };
}

/** Hands the body over as bytes (file uploads), decoded from base64 when the gateway encoded it. */
export function rawBody(): BodyMiddleware {
  return {
    before: (request) => {
      const { body, isBase64Encoded } = request.event as HttpEvent;
      request.event = { ...request.event, body: body ? Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8') : new Uint8Array() };
    },
  };
}

/**
 * Replaces the parsed body by what `schema` makes of it.
 *
 * @throws DomainError VALIDATION_FAILED (400) with a detail per problem.
 */
export function validBody(schema: z.ZodType): BodyMiddleware {
  return {
    before: (request) => {
      request.event = { ...request.event, body: parseInput(schema, request.event.body) };
    },
  };
}

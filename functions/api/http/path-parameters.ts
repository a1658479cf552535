/**
 * Path parameters are ids: one that is not a {@link isBoundedId bounded id} (too long for a
 * store key, or characters no id of ours has) names nothing, and is refused before any store
 * read with the 404 a missing record gets.
 */
import type { MiddlewareObj } from '@middy/core';
import { DomainError } from '#shared/domain/errors.js';
import { isBoundedId } from './bounded-schemas.js';
import type { HttpEvent, HttpResult } from './http-event.js';

/** The refusal of an impossible id: review links keep their contract code, anything else names no resource. */
function refusalOf(name: string): DomainError {
  return name === 'linkId' ? new DomainError('LINK_INVALID', 'link') : new DomainError('NOT_FOUND', 'resource');
}

/**
 * Returns the path parameters when each is a bounded id.
 *
 * @throws DomainError NOT_FOUND (404), LINK_INVALID (404) for a review link.
 */
export function checkedPathParameters(params: Readonly<Record<string, string | undefined>>): Record<string, string> {
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || !isBoundedId(value)) {
      throw refusalOf(name);
    }
  }
  return params as Record<string, string>;
}

/**
 * The middleware form of {@link checkedPathParameters}: a route's ids are checked before it
 * reads anything.
 */
export function pathParameters(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: (request) => {
      request.event = { ...request.event, pathParameters: checkedPathParameters(request.event.pathParameters ?? {}) };
    },
  };
}

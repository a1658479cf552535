/** The first check of a route's chain: who may call it. */
import type { MiddlewareObj } from '@middy/core';
import type { HttpEvent, HttpResult, RouteContext } from './http-event.js';
import { principalOf, requireRole, type Role } from './principal.js';

/**
 * Lets through callers with `auth`'s role (any caller for `'public'`) and puts the caller on
 * the context as `principal`.
 *
 * @throws DomainError UNAUTHENTICATED (401) without a token; FORBIDDEN (403) for another role.
 */
export function authorize(auth: Role | 'public'): MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext> {
  return {
    before: (request) => {
      if (auth === 'public') return;
      request.context.principal = requireRole(principalOf(request.event), auth);
    },
  };
}

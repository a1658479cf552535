/**
 * Routes as middy chains. A route declares who may call it and its body; {@link route} wraps
 * its action once in the chain that route needs — the contract's error body, authorisation,
 * idempotent replays (writes only), path ids, the body's size limit, JSON parsing and
 * validation — and {@link httpApi} serves an audience's routes under `@middy/http-router`
 * with the log context and header normalisation they share.
 *
 * @example
 * export const handler = httpApi([
 *   route({ method: 'GET', path: '/api/programs', auth: 'public' }, async () => ({ body: { programs } })),
 * ]);
 */
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import type * as z from 'zod';
import { dependencies, type Dependencies } from '#functions/composition-root.js';
import { httpInvocationLogging } from '#functions/invocation-logging.js';
import { authorize } from './authorization.js';
import { emptyBody } from './bounded-schemas.js';
import { errorResponse } from './error-response.js';
import type { HttpEvent, HttpResult, RouteContext, RouteEvent } from './http-event.js';
import { idempotentRequests } from './idempotent-requests.js';
import { pathParameters } from './path-parameters.js';
import type { Principal, Role } from './principal.js';
import { bodyLimit, jsonBody, rawBody, validBody } from './request-body.js';

export type { HttpEvent } from './http-event.js';

/** What an action returns: JSON by default, or raw bytes with a content type. */
export type ActionResult =
  | { status?: number; body: unknown }
  | { status?: number; binary: Uint8Array; contentType: string; fileName?: string }
  | { status?: number; html: string };

export interface ActionInput<Body, Auth extends Role | 'public'> {
  readonly body: Body;
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly principal: Auth extends Role ? Principal : undefined;
  readonly deps: Dependencies;
  readonly event: RouteEvent<Body>;
}

export interface RouteSpec<S extends z.ZodType | undefined, Auth extends Role | 'public'> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly auth: Auth;
  /** The body's schema; without one (and without `rawBody`) the body must be empty or `{}`. */
  readonly body?: S;
  /** The raw body is passed as bytes (file uploads) instead of JSON. */
  readonly rawBody?: boolean;
  /** The largest body accepted, in bytes (a larger one is refused with 413); the gateway's 10 MB when absent. */
  readonly maxBodyBytes?: number;
}

/** A route with its own chain; more middlewares may be `use`d on its handler (e.g. a page's refusals). */
export interface Route {
  readonly method: RouteSpec<undefined, 'public'>['method'];
  readonly path: string;
  /** Who may call it, as its spec declares: anyone, or a signed-in caller with this role. */
  readonly auth: Role | 'public';
  readonly handler: MiddyfiedHandler<HttpEvent, HttpResult, Error, RouteContext>;
}

function toResult(result: ActionResult): HttpResult {
  const statusCode = result.status ?? 200;
  if ('binary' in result) {
    return {
      statusCode,
      isBase64Encoded: true,
      headers: {
        'content-type': result.contentType,
        ...(result.fileName ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(result.fileName)}` } : {}),
      },
      body: Buffer.from(result.binary).toString('base64'),
    };
  }
  if ('html' in result) {
    return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: result.html };
  }
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(result.body) };
}

/** The middlewares a route's spec asks for, in the order they run. */
function chainOf(spec: RouteSpec<z.ZodType | undefined, Role | 'public'>): MiddlewareObj[] {
  const body = spec.rawBody ? [rawBody()] : [jsonBody(), validBody(spec.body ?? emptyBody)];
  return [
    // Outermost: every refusal below becomes the contract's error body.
    errorResponse(),
    // Before any record is read or written: a caller who may not call the route learns 401/403,
    // never whether (or how) another caller used the same Idempotency-Key.
    authorize(spec.auth),
    // Reads are never recorded; a write with an Idempotency-Key is answered once.
    ...(spec.method === 'GET' ? [] : [idempotentRequests()]),
    pathParameters(),
    bodyLimit(spec.maxBodyBytes),
    ...body,
  ] as MiddlewareObj[];
}

/** Declares one route with its access rule, body schema and action, wrapped in its own chain. */
export function route<S extends z.ZodType | undefined = undefined, Auth extends Role | 'public' = 'public'>(
  spec: RouteSpec<S, Auth>,
  action: (input: ActionInput<S extends z.ZodType ? z.output<S> : unknown, Auth>) => Promise<ActionResult>,
): Route {
  const run = async (event: RouteEvent, context: RouteContext): Promise<HttpResult> =>
    toResult(
      await action({
        body: event.body as never,
        params: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        principal: context.principal as never,
        // Built on first use: routes that never touch a store (static pages) need no clients.
        get deps() {
          return dependencies();
        },
        event: event as never,
      }),
    );
  // The audience's handler keeps middy's early timeout: one timer per invocation.
  const handler = middy<HttpEvent, HttpResult, Error, RouteContext>(run as never, { timeoutEarlyInMillis: 0 }).use(chainOf(spec) as never);
  return { method: spec.method, path: spec.path, auth: spec.auth, handler };
}

/**
 * The Lambda handler of an audience's routes: the log context, then the router; a path no
 * route serves gets the contract's 404 body.
 */
export function httpApi(routes: readonly Route[]) {
  return middy<HttpEvent, HttpResult>()
    .use(httpInvocationLogging())
    .use(httpHeaderNormalizer())
    .use(errorResponse())
    .handler(httpRouterHandler<HttpEvent, HttpResult>([...routes]));
}

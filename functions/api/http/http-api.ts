/**
 * Builds an audience's Lambda handler from its routes: one middy handler with the router,
 * header normalisation and the contract's error responses. A route declares who may call it
 * and the zod schema of its body; its action gets typed input and returns status and body.
 *
 * @example
 * export const handler = httpApi([
 *   route({ method: 'GET', path: '/api/programs', auth: 'public' }, async () => ({ body: { programs } })),
 * ]);
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import { dependencies, type Dependencies } from '../../composition-root.js';
import { DomainError } from '../../../shared/domain/errors.js';
import { errorResponse } from './error-response.js';
import { idempotentRequests } from './idempotent-requests.js';
import { principalOf, requireRole, type Principal, type Role } from './principal.js';
import { emptyBody } from './bounded-schemas.js';
import { checkedPathParameters } from './path-parameters.js';
import { parseInput } from './validation.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

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
  readonly event: HttpEvent;
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

export interface Route {
  readonly method: RouteSpec<undefined, 'public'>['method'];
  readonly path: string;
  readonly handler: (event: HttpEvent) => Promise<APIGatewayProxyResultV2>;
}

function parseJsonBody(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 400, '请求正文不是有效的 JSON');
  }
}

/**
 * Refuses a body over `maxBytes`.
 *
 * @throws DomainError PAYLOAD_TOO_LARGE (413).
 */
function checkBodySize(event: HttpEvent, maxBytes: number | undefined): void {
  if (maxBytes === undefined || !event.body) return;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body, 'utf8');
  if (bytes > maxBytes) throw new DomainError('PAYLOAD_TOO_LARGE', 413, `请求内容过大（上限 ${Math.floor(maxBytes / 1024)} KB）`);
}

function rawBodyOf(event: HttpEvent): Uint8Array {
  if (!event.body) return new Uint8Array();
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

function toResult(result: ActionResult): APIGatewayProxyResultV2 {
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

/** Declares one route with its access rule, body schema and action. */
export function route<S extends z.ZodType | undefined = undefined, Auth extends Role | 'public' = 'public'>(
  spec: RouteSpec<S, Auth>,
  action: (input: ActionInput<S extends z.ZodType ? z.output<S> : unknown, Auth>) => Promise<ActionResult>,
): Route {
  return {
    method: spec.method,
    path: spec.path,
    handler: async (event) => {
      const principal = spec.auth === 'public' ? undefined : requireRole(principalOf(event), spec.auth as Role);
      const params = checkedPathParameters(event.pathParameters ?? {});
      checkBodySize(event, spec.maxBodyBytes);
      const body = spec.rawBody ? rawBodyOf(event) : parseInput(spec.body ?? emptyBody, parseJsonBody(event));
      const result = await action({
        body: body as never,
        params,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        principal: principal as never,
        // Built on first use: routes that never touch a store (static pages) need no clients.
        get deps() {
          return dependencies();
        },
        event,
      });
      return toResult(result);
    },
  };
}

/** The Lambda handler of an audience's routes. */
export function httpApi(routes: readonly Route[]) {
  return middy<HttpEvent, APIGatewayProxyResultV2>()
    .use(httpHeaderNormalizer())
    .use(errorResponse())
    .use(idempotentRequests())
    .handler(httpRouterHandler([...routes]) as never);
}

/**
 * The HTTP middleware chain fuzzed directly, without a server (as middy fuzzes its body
 * parser): arbitrary API Gateway v2 events — any method, path, path parameters, headers, JSON
 * or not, base64 or not — through `httpApi` with bounded schemas. Every answer is a 2xx or the
 * contract's error body; no event makes the chain answer 500 or throw.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { environmentNames } from '#infra/definitions/environment.js';
import { boundedText, finiteNumber, strictRecord } from '#functions/api/http/bounded-schemas.js';
import { httpApi, route, type HttpEvent } from '#functions/api/http/http-api.js';

beforeAll(() => {
  // Builds the store clients without calling them: no request carries an Idempotency-Key.
  vi.stubEnv(environmentNames.tableName, 'fuzz-table');
  vi.stubEnv('AWS_REGION', 'us-east-1');
});
afterAll(() => vi.unstubAllEnvs());

const body = z.object({ name: boundedText(10, { min: 1 }), score: finiteNumber({ min: 0, max: 10 }), scores: strictRecord(finiteNumber({ min: 0, max: 10 }), { maxKeys: 5 }).optional() }).strict();

const handler = httpApi([
  route({ method: 'POST', path: '/things/{id}', auth: 'public', body }, async ({ body: input, params }) => ({ status: 201, body: { input, params } })),
  route({ method: 'POST', path: '/things/{id}/close', auth: 'public' }, async () => ({ status: 202, body: {} })),
  route({ method: 'GET', path: '/admin/things/{id}', auth: 'admin' }, async ({ params }) => ({ body: { id: params['id'] } })),
]);

const paths = ['/things/{id}', '/things/{id}/close', '/admin/things/{id}', '/nowhere', '/things'];
const bodyText = fc.oneof(
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ name: fc.string(), score: fc.oneof(fc.double(), fc.constantFrom(5e-324, 1e300, 9007199254740992)) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  fc.constantFrom('{"name":"a","score":1,"scores":{"__proto__":1}}', '{"name":"a","score":1,"__proto__":{"x":1}}', '{"x":1}', '', 'null', '[]'),
);

/** The payload-2.0 event API Gateway sends for a request. */
function apiEvent(request: { method: string; path: string; id: string; body?: string | undefined; base64?: boolean; headers?: Record<string, string> }): HttpEvent {
  const rawPath = request.path.replace('{id}', encodeURIComponent(request.id));
  const text = request.body;
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.path}`,
    rawPath,
    rawQueryString: '',
    headers: request.headers ?? {},
    ...(request.path.includes('{id}') ? { pathParameters: { id: request.id } } : {}),
    ...(text === undefined ? {} : { body: request.base64 ? Buffer.from(text).toString('base64') : text }),
    isBase64Encoded: request.base64 ?? false,
    requestContext: { http: { method: request.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fuzz' }, authorizer: { jwt: { claims: {}, scopes: [] } } },
  } as unknown as HttpEvent;
}

async function answer(event: HttpEvent): Promise<{ statusCode: number; body: string }> {
  return (await handler(event, {} as never)) as { statusCode: number; body: string };
}

const event = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    path: fc.constantFrom(...paths),
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant('r'.repeat(2049)), fc.constantFrom('a_1', 'x.y', '..', '申报')),
    body: fc.option(bodyText, { nil: undefined }),
    base64: fc.boolean(),
    headers: fc.dictionary(fc.constantFrom('authorization', 'content-type', 'Content-Type', 'x-anything'), fc.string({ maxLength: 40 }), { maxKeys: 3 }),
  })
  .map(apiEvent);

/** Well-formed requests mixed in, so every run also proves the chain lets valid input through. */
const validEvent = fc
  .record({ id: fc.constantFrom('a_1', 'x.y', 'r1'), name: fc.string({ minLength: 1, maxLength: 10 }).filter((name) => name.trim().length > 0), score: fc.integer({ min: 0, max: 10 }) })
  .map(({ id, name, score }) => apiEvent({ method: 'POST', path: '/things/{id}', id, body: JSON.stringify({ name, score }), headers: { 'content-type': 'application/json' } }));

describe('the HTTP middleware chain under arbitrary events', () => {
  it('answers every event with a 2xx or the contract error body', async () => {
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: event, weight: 9 }, { arbitrary: validEvent, weight: 1 }), async (input) => {
        const result = await answer(input);
        expect(result.statusCode, `${input.requestContext.http.method} ${input.rawPath}`).toBeLessThan(500);
        if (result.statusCode < 300) {
          successes += 1;
          return;
        }
        const { error } = JSON.parse(result.body) as { error: { code: string; message: string; details: unknown[] } };
        expect(error.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
        expect(error.message).toMatch(/\p{Script=Han}/u);
        expect(Array.isArray(error.details)).toBe(true);
      }),
      { numRuns: 1500 },
    );
    expect(successes).toBeGreaterThan(0);
  });

  it('refuses a prototype key and any field on a route without a body, and bounds path ids', async () => {
    const call = (method: string, path: string, id: string, body: string) => answer(apiEvent({ method, path, id, body }));
    expect((await call('POST', '/things/{id}', 'a1', '{"name":"a","score":1,"scores":{"__proto__":1}}')).statusCode).toBe(400);
    expect((await call('POST', '/things/{id}/close', 'a1', '{"x":1}')).statusCode).toBe(400);
    expect((await call('POST', '/things/{id}/close', 'a1', '{}')).statusCode).toBe(202);
    expect(JSON.parse((await call('POST', '/things/{id}', 'r'.repeat(2049), '{"name":"a","score":1}')).body).error.code).toBe('NOT_FOUND');
    expect((await call('POST', '/things/{id}', 'a1', '{"name":"a","score":5e-324}')).statusCode).toBe(400);
    expect((await call('POST', '/things/{id}', 'a1', '{"name":"a","score":2.5}')).statusCode).toBe(201);
  });
});

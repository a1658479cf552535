/**
 * No request a client can send makes the API answer 500: every route of the catalogue gets
 * arbitrary JSON bodies, path parameters and query strings, as each audience, and must answer
 * with a contract error (or success), never a server error.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../infra/definitions/catalog.js';
import { devToken } from '../support/http-client.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let tokens: (string | undefined)[];

beforeAll(async () => {
  const base = runtime().baseUrl;
  tokens = [undefined, await devToken(base, { role: 'admin' }), await devToken(base, { role: 'institution', orgId: 'org-fuzz' }), 'not-a-jwt'];
});

const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('round_x', 'app_x', '..', '%00', 'a'.repeat(200)));
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.record({ roundId: fc.string(), form: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })) }).map((value) => JSON.stringify(value)),
  fc.record({ scores: fc.dictionary(fc.string({ maxLength: 5 }), fc.double()), comment: fc.string(), recommendation: fc.string(), final: fc.boolean() }).map((value) => JSON.stringify(value)),
);

describe('the HTTP API under arbitrary input', () => {
  it.each(routes.filter((route) => route.path.startsWith('/api/')).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s answers every request with a 2xx or a contract 4xx',
    async (_name, route) => {
      const base = runtime().baseUrl;
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 3, maxLength: 3 }), body, fc.nat({ max: 3 }), fc.dictionary(fc.constantFrom('entityId', 'to', 'x'), fc.string({ maxLength: 20 })), async (params, payload, who, query) => {
          let index = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[index++] ?? 'x'));
          const url = `${base}${path}?${new URLSearchParams(query).toString()}`;
          const token = tokens[who];
          const response = await fetch(url, {
            method: route.method,
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            ...(route.method === 'GET' ? {} : { body: payload }),
          });
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            const parsed = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
            expect(typeof parsed.error?.code).toBe('string');
            expect(typeof parsed.error?.message).toBe('string');
          } else {
            await response.arrayBuffer();
          }
        }),
        { numRuns: 12 },
      );
    },
  );
});

/**
 * The body middlewares of a route's chain fuzzed directly, as middy fuzzes its JSON body
 * parser: any body, base64 or not, with or without a content type, through `bodyLimit`,
 * `jsonBody` and `validBody` in a bare middy chain. JSON comes out as `JSON.parse` reads it,
 * anything else is the contract's 400 VALIDATION_FAILED (never the parser's 415), and the event
 * the chain was given is left as it came (the idempotency layer hashes it after the action).
 */
import middy from '@middy/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { bodyLimit, jsonBody, rawBody, validBody } from '#functions/api/http/request-body.js';
import type { HttpEvent, RouteEvent } from '#functions/api/http/http-event.js';
import { isDomainError } from '#shared/domain/errors.js';

const parsed = middy(async (event: RouteEvent) => event.body).use(jsonBody() as never);
const bytes = middy(async (event: RouteEvent) => event.body).use(rawBody() as never);

function eventOf(body: string | undefined, options: { base64?: boolean; contentType?: string } = {}): HttpEvent {
  return {
    headers: options.contentType ? { 'content-type': options.contentType } : {},
    ...(body === undefined ? {} : { body: options.base64 ? Buffer.from(body).toString('base64') : body }),
    isBase64Encoded: options.base64 ?? false,
  } as unknown as HttpEvent;
}

async function outcome(handler: (event: never, context: never) => Promise<unknown>, event: HttpEvent): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await handler(event as never, {} as never) };
  } catch (error) {
    return { error };
  }
}

const notJson = fc.string({ minLength: 1 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const options = fc.record({ base64: fc.boolean(), contentType: fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/json; charset=utf-8') });

describe('the JSON body of a route', () => {
  it('is read as JSON.parse reads it, whatever the content type and encoding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), options, async (value, how) => {
        const text = JSON.stringify(value);
        expect((await outcome(parsed, eventOf(text, how))).value).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses anything that is not JSON with 400 VALIDATION_FAILED', async () => {
    await fc.assert(
      fc.asyncProperty(notJson, options, async (text, how) => {
        const { error } = await outcome(parsed, eventOf(text, how));
        expect(isDomainError(error) && { code: error.code, status: error.status, message: error.message }).toEqual({ code: 'VALIDATION_FAILED', status: 400, message: '请求正文不是有效的 JSON' });
      }),
      { numRuns: 2000 },
    );
  });

  it('is {} when the request has none', async () => {
    for (const body of [undefined, '']) expect((await outcome(parsed, eventOf(body))).value).toEqual({});
  });

  it('leaves the event it was given as it came', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value))), options, async (text, how) => {
        const event = eventOf(text, how);
        const before = structuredClone(event);
        await outcome(parsed, event);
        await outcome(bytes, event);
        expect(event).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the size limit and the schema', () => {
  const chain = (maxBytes: number) =>
    middy(async (event: RouteEvent) => event.body).use([bodyLimit(maxBytes), jsonBody(), validBody(z.object({ name: z.string() }).strict())] as never);

  it('refuse a body over the limit with 413 before reading it, and one off the schema with 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 80 }), fc.boolean(), async (name, maxBytes, base64) => {
        const text = JSON.stringify({ name });
        const { value, error } = await outcome(chain(maxBytes), eventOf(text, { base64 }));
        if (Buffer.byteLength(text) > maxBytes) expect(isDomainError(error) && [error.code, error.status]).toEqual(['PAYLOAD_TOO_LARGE', 413]);
        else expect(value).toEqual({ name });
      }),
      { numRuns: 1000 },
    );
    const { error } = await outcome(chain(100), eventOf('{"name":1}'));
    expect(isDomainError(error) && [error.code, error.status, error.details[0]?.path]).toEqual(['VALIDATION_FAILED', 400, 'name']);
  });

  it('hand a raw body over as the bytes that were sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.boolean(), async (text, base64) => {
        expect(Buffer.from((await outcome(bytes, eventOf(text, { base64 }))).value as Uint8Array).toString()).toBe(text);
      }),
    );
  });
});

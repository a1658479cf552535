/**
 * What a client sends never makes the API answer 500 (issue #7, items 4–8), against the real
 * local runtime: malformed escapes, numbers the store cannot keep, ids past the key limits,
 * oversized URLs and bodies, prototype keys and unknown fields on routes without a body.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, type JsonResponse } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, uploadPdf, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;
let institution: string;

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin' });
  institution = await devToken(base, { role: 'institution', orgId: 'org-limits' });
});

/** A raw request: the body is sent exactly as given. */
async function send(method: string, path: string, options: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Streams `megabytes` MiB of zeros as a chunked body with node:http; the answer, or the socket error's code. */
function streamBody(path: string, token: string, megabytes: number): Promise<JsonResponse | string> {
  return new Promise((done) => {
    const outgoing = request(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => done({ status: incoming.statusCode ?? 0, body: JSON.parse(text) }));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    const chunk = Buffer.alloc(1024 * 1024);
    let sent = 0;
    const pump = (): void => {
      while (sent < megabytes) {
        sent += 1;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      outgoing.end();
    };
    pump();
  });
}

/** Writes `bytes` on a raw connection and returns what comes back until the server closes it. */
function rawExchange(bytes: string): Promise<string> {
  return new Promise((done, fail) => {
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname, () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('end', () => done(received));
    socket.on('error', fail);
  });
}

/** Expects the contract's error body with `status` and `code`, and a Chinese message. */
function expectRefusal(response: JsonResponse, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  expect(response.body.error.message).toMatch(/\p{Script=Han}/u);
  expect(Array.isArray(response.body.error.details)).toBe(true);
}

describe('item 4: a malformed percent-escape in the path', () => {
  it('is refused 400 with the error body on every kind of route', async () => {
    expectRefusal(await send('GET', '/api/review/%ZZ'), 400, 'MALFORMED_PATH');
    expectRefusal(await send('GET', '/api/applications/%', { token: institution }), 400, 'MALFORMED_PATH');
    expectRefusal(await send('GET', '/api/programs/%E4%B8'), 400, 'MALFORMED_PATH');
    expectRefusal(await send('POST', '/api/admin/rounds/%C0%AF/close-intake', { token: admin }), 400, 'MALFORMED_PATH');
    expectRefusal(await send('GET', '/api/nowhere/%ZZ'), 400, 'MALFORMED_PATH');
  });
});

describe('item 5: numbers the store cannot keep', () => {
  it('are refused in the application form, within the field\'s range or not', async () => {
    const roundId = await openCityRound(base, admin);
    for (const raw of ['9007199254740992', '1e-131', '5e-324']) {
      const form = JSON.stringify(cityConsortiumForm()).replace(/"enterprises":\d+/, `"enterprises":${raw}`);
      expect(form).toContain(raw);
      const created = await send('POST', '/api/applications', { token: institution, body: `{"roundId":"${roundId}","form":${form}}` });
      expectRefusal(created, 400, 'VALIDATION_FAILED'); // a draft whose only problems are invalid values
      expect(created.body.error.details).toContainEqual(expect.objectContaining({ path: 'enterprises', kind: 'invalid' }));
    }
  });

  it('are refused in round settings', async () => {
    const round = { programId: 'gx-city-consortium', title: '数值边界', year: 2026, intakeOpensAt: '2026-01-01T00:00:00+08:00', intakeClosesAt: '2026-02-01T00:00:00+08:00' };
    for (const extra of ['"indicatorWeights":{"1":1e300}', '"indicatorWeights":{"1":5e-324}', '"quota":9007199254740992', '"quota":1e300']) {
      expectRefusal(await send('POST', '/api/admin/rounds', { token: admin, body: `${JSON.stringify(round).slice(0, -1)},${extra}}` }), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('item 6: ids past the store\'s key limits', () => {
  const long = 'r'.repeat(2049);

  it('in the path are 404 before any store read', async () => {
    expectRefusal(await send('GET', `/api/admin/rounds/${long}`, { token: admin }), 404, 'NOT_FOUND');
    expectRefusal(await send('GET', `/api/applications/${long}/evidence/${long}`, { token: institution }), 404, 'NOT_FOUND');
    expectRefusal(await send('GET', `/api/public/rounds/${long}/results`), 404, 'NOT_FOUND');
    expectRefusal(await send('POST', `/api/public/rounds/${long}/objections`, { body: '{}' }), 404, 'NOT_FOUND');
    expectRefusal(await send('GET', `/api/review/${long}`), 404, 'LINK_INVALID');
    expectRefusal(await send('GET', `/api/programs/${long}`), 404, 'NOT_FOUND');
  });

  it('in a body are 400', async () => {
    expectRefusal(await send('POST', '/api/applications', { token: institution, body: JSON.stringify({ roundId: long, form: {} }) }), 400, 'VALIDATION_FAILED');
    expectRefusal(await send('GET', `/api/admin/audit?entityId=${long}`, { token: admin }), 400, 'VALIDATION_FAILED');
    const expert = { name: '长', email: `${'e'.repeat(2049)}@experts.test`, organization: '某大学', expertise: [] };
    expectRefusal(await send('POST', '/api/admin/experts', { token: admin, body: JSON.stringify(expert) }), 400, 'VALIDATION_FAILED');
  });
});

describe('item 7: oversized requests', () => {
  it('a URL over 16 KB is answered 414 with the error body, one past the parser\'s limit 431', async () => {
    expectRefusal(await send('GET', `/api/programs?q=${'x'.repeat(17 * 1024)}`), 414, 'URI_TOO_LONG');
    expectRefusal(await send('GET', `/api/review/${'x'.repeat(11 * 1024)}`), 414, 'URI_TOO_LONG');
    expectRefusal(await send('GET', `/api/programs?q=${'x'.repeat(70 * 1024)}`), 431, 'HEADERS_TOO_LARGE');
    expectRefusal(await send('GET', '/api/programs', { headers: { 'x-padding': 'p'.repeat(11 * 1024) } }), 431, 'HEADERS_TOO_LARGE');
    expect((await send('GET', `/api/programs?q=${'x'.repeat(9 * 1024)}`)).status).toBe(200);
  });

  it('a request Node cannot parse is answered 400 with the error body', async () => {
    const answer = await rawExchange('GET /api/programs HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const { error } = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/\p{Script=Han}/u);
  });

  it('a body over 10 MB is answered 413 with the error body, every time (never a reset)', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x20);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expectRefusal(await send('POST', '/api/applications', { token: institution, body: big }), 413, 'PAYLOAD_TOO_LARGE');
    }
    for (const megabytes of [11, 30, 60, 11, 30, 60]) {
      const answer = await streamBody('/api/applications', institution, megabytes);
      expect(typeof answer === 'string' ? answer : answer.status).toBe(413);
      expectRefusal(answer as JsonResponse, 413, 'PAYLOAD_TOO_LARGE');
    }
    expectRefusal(await send('POST', '/api/admin/experts/import', { token: admin, body: new Uint8Array(24 * 1024 * 1024), headers: { 'content-type': 'text/csv' } }), 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('deeply nested JSON', () => {
  it('is refused like any other wrong value, never 500', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const roundId = await openCityRound(base, admin);
    const form = JSON.stringify(cityConsortiumForm()).replace('"summary":', `"otherIndustry":${deep},"summary":`);
    for (const body of [deep, `{"roundId":"${roundId}","form":${form}}`, `{"roundId":"${roundId}","form":{"applicantName":${deep}}}`]) {
      const answer = await send('POST', '/api/applications', { token: institution, body });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
  });
});

describe('item 8: fields a route does not take', () => {
  it('close-intake and DELETE evidence refuse unknown body fields and change nothing', async () => {
    const roundId = await openCityRound(base, admin);
    expectRefusal(await send('POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin, body: '{"force":true}' }), 400, 'VALIDATION_FAILED');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('open');

    const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId, form: cityConsortiumForm() } });
    expect(draft.status).toBe(201);
    const applicationId = draft.body.application.id as string;
    const evidence = await uploadPdf(base, institution, applicationId, 'application_form', await samplePdf(1));
    const path = `/api/applications/${applicationId}/evidence/${evidence.id}`;
    expectRefusal(await send('DELETE', path, { token: institution, body: '{"reason":"x"}' }), 400, 'VALIDATION_FAILED');
    expect((await callApi(base, 'GET', path, { token: institution })).body.evidence.status).toBe('verified');
    expectRefusal(await send('POST', `/api/applications/${applicationId}/submit`, { token: institution, body: '{"__proto__":{"x":1}}' }), 400, 'VALIDATION_FAILED');
    expect((await send('DELETE', path, { token: institution })).status).toBe(200);
  });
});

describe('one idempotency key sent by several requests at once (found by the fuzz suite)', () => {
  it('never answers 500 when the request holding the key fails and drops its record', async () => {
    for (let wave = 0; wave < 4; wave += 1) {
      const key = `race-${wave}-${Date.now()}`;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => send('POST', '/api/admin/rounds', { token: admin, body: '{"title":1}', headers: { 'idempotency-key': key } })),
      );
      for (const answer of answers) expect([400, 409]).toContain(answer.status);
      for (const answer of answers) expect(answer.body.error.code).toMatch(/^(VALIDATION_FAILED|REQUEST_IN_PROGRESS)$/);
    }
  });
});

describe('review scores (items 5 and 8)', () => {
  it('a prototype key or an unstorable score is refused and the task stays open', async () => {
    const expert = { name: '严', email: 'strict@experts.test', organization: '广西大学', expertise: ['职业教育'], capacity: 5 };
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 1, minValidReviews: 1 });
    await submitAcceptedApplication(base, { admin, institution: await devToken(base, { role: 'institution', orgId: 'org-scores' }) }, roundId, cityConsortiumForm('钦州市人民政府', '钦州市域产教联合体'));
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    const [link] = await reviewLinks(base, expert.email);
    expect((await callApi(base, 'POST', `/api/review/${link}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    const scores = codes.map((code) => `"${code}":8`).join(',');
    const submit = (extra: string) => send('POST', `/api/review/${link}/scores`, { body: `{"scores":{${scores}${extra}},"comment":"好","recommendation":"recommend","final":true}` });

    for (const extra of [',"__proto__":5', ',"constructor":5', `,"${codes[0]}":5e-324`]) {
      expectRefusal(await submit(extra), 400, 'VALIDATION_FAILED');
    }
    expect((await callApi(base, 'GET', `/api/review/${link}`)).body.task.status).not.toBe('submitted');
    expect((await submit('')).status).toBe(200);
  });
});

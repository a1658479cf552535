/**
 * No request a client can send makes the API answer 500 (issue #7): every route of the
 * catalogue gets generated requests against the real local runtime — real and impossible ids
 * (malformed percent-escapes, ids past the store's 2048-byte keys), almost-valid bodies with
 * one field replaced by a hostile value (numbers DynamoDB cannot store, huge strings,
 * `__proto__` keys, unknown fields), arbitrary JSON and text, oversized URLs and a few bodies
 * over 10 MB — as every audience. Every answer is a 2xx or carries the contract's error body
 * (`code` UPPER_SNAKE, a Chinese `message`, `details`); one run sends at least 3000 requests.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteDefinition } from '#infra/definitions/catalog.js';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();

/** Requests each property run sends at once (over keep-alive connections). */
const batchSize = 8;
const minimumRequests = 3000;
const runsPerRoute = Math.ceil(minimumRequests / (routes.length * batchSize));

/** What the generated requests covered, checked at the end. */
const sent = { total: 0, malformedEscape: 0, longId: 0, oversizeUrl: 0, oversizeBody: 0, prototypeKey: 0, unknownField: 0, unstorableNumber: 0, success: 0 };

interface World {
  readonly base: string;
  readonly tokens: readonly (string | undefined)[];
  readonly ids: readonly string[];
  readonly templates: ReadonlyMap<string, Record<string, unknown>>;
  readonly codes: readonly string[];
}
let world: World;

/** A round in review with one expert's link, a submitted and a draft application with evidence. */
beforeAll(async () => {
  const base = runtime().baseUrl;
  const admin = await devToken(base, { role: 'admin' });
  const owner = await devToken(base, { role: 'institution', orgId: 'org-fuzz' });
  const stranger = await devToken(base, { role: 'institution', orgId: 'org-other' });
  const expert = await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: { name: '模', email: 'fuzz@experts.test', organization: '广西大学', expertise: ['职业教育'] } });
  const roundId = await openCityRound(base, admin, { expertsPerApplication: 1, minValidReviews: 1 });
  const { applicationId, evidence } = await submitAcceptedApplication(base, { admin, institution: owner }, roundId);
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  const [linkId] = await reviewLinks(base, 'fuzz@experts.test');
  const openRoundId = await openCityRound(base, admin);
  const draft = await callApi(base, 'POST', '/api/applications', { token: owner, body: { roundId: openRoundId, form: cityConsortiumForm() } });
  const draftId = draft.body.application.id as string;
  const slot = await callApi(base, 'POST', `/api/applications/${draftId}/evidence`, {
    token: owner,
    body: { materialKey: 'application_form', fileName: '申报书.pdf', contentType: 'application/pdf', size: 1000 },
  });
  const taskId = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments[0].taskId as string;
  const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
  const now = Date.now();
  const programTemplate = (await callApi(base, 'GET', '/api/admin/programs/gx-city-consortium', { token: admin })).body.template as Record<string, unknown>;
  const templates = new Map<string, Record<string, unknown>>([
    ['POST /api/admin/rounds', { programId: 'gx-city-consortium', title: '模糊测试批次', year: 2026, intakeOpensAt: new Date(now).toISOString(), intakeClosesAt: new Date(now + 86_400_000).toISOString() }],
    ['POST /api/admin/applications/{id}/screening', { outcome: 'accept', reasons: [] }],
    ['POST /api/admin/programs', { template: { ...programTemplate, id: 'fuzz-program' } }],
    ['PUT /api/admin/programs/{id}', { template: programTemplate }],
    ['POST /api/admin/experts', { name: '专家', email: 'x@experts.test', organization: '某大学', expertise: ['职业教育'] }],
    ['POST /api/admin/rounds/{id}/shortlist', { approve: true, applicationIds: [applicationId] }],
    ['POST /api/admin/objections/{id}/resolve', { outcome: 'dismissed', note: '经核实不成立' }],
    ['POST /api/admin/review-tasks/{taskId}/reassign', { expertId: expert.body.expert.id, reason: '专家出差，无法按期评审' }],
    ['POST /api/admin/rounds/{id}/final-approval', { approve: true, noticeNumber: '桂教〔2026〕1号' }],
    ['POST /api/admin/applications/{id}/site-visits', { scheduledAt: new Date(now + 86_400_000).toISOString(), expertIds: [expert.body.expert.id], location: '柳东新区' }],
    ['POST /api/admin/site-visits/{id}/report', { findings: '实训条件具备。', recommendation: 'conditional' }],
    ['POST /api/applications', { roundId: openRoundId, form: cityConsortiumForm() }],
    ['PATCH /api/applications/{id}', { form: cityConsortiumForm() }],
    ['POST /api/applications/{id}/evidence', { materialKey: 'application_form', fileName: '申报书.pdf', contentType: 'application/pdf', size: 1000 }],
    ['POST /api/review/{linkId}/conflict', { hasConflict: false }],
    ['POST /api/review/{linkId}/scores', { scores: Object.fromEntries(codes.map((code) => [code, 5])), comment: '好', recommendation: 'recommend', final: false }],
    ['POST /api/review/{linkId}/decline', { reason: '时间冲突' }],
    ['POST /api/public/rounds/{id}/objections', { applicationId, name: '张三', phone: '13800000000', content: '该单位申报材料与实际情况不符，请核查。' }],
  ]);
  const ids = [roundId, openRoundId, applicationId, draftId, evidence.id as string, slot.body.evidence.id as string, expert.body.expert.id as string, linkId!, taskId, 'gx-city-consortium'];
  world = { base, tokens: [undefined, admin, owner, stranger, 'not-a-jwt'], ids, templates, codes };
}, 120_000);

// ---- hostile values -------------------------------------------------------------------------

const unstorableNumbers = [9007199254740992, -9007199254740992, 1e-131, 5e-324, 1e300, -1e300, 1e126];
const number = fc.oneof(fc.constantFrom(...unstorableNumbers), fc.constantFrom(0, -1, 0.5, 3, 100, 101, 2 ** 31), fc.double());
const longText = fc.tuple(fc.constantFrom(129, 2049, 3000, 20_000), fc.constantFrom('x', '长', '%')).map(([length, char]) => char.repeat(length));
const text = fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: longText }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '__proto__', '%ZZ', '../x', '\u0000', 'app_x') });
const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** `value` with an own, enumerable `key` (also `__proto__`), as JSON.parse would make it. */
function withKey(value: Record<string, unknown>, key: string, field: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, existing] of Object.entries(value)) Object.defineProperty(copy, name, { value: existing, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
  return copy;
}

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: number },
  text,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(text, { maxLength: 3 }),
  fc.tuple(prototypeKey, number).map(([key, value]) => withKey({}, key, value)),
);

/** A generated body: its text and what it exercises. */
interface Body {
  readonly text: string | undefined;
  readonly tags: readonly (keyof typeof sent)[];
}

/** Bodies for a route: its valid template with one field replaced, nested or added, or anything at all. */
function bodyFor(route: RouteDefinition): fc.Arbitrary<Body> {
  const template = world.templates.get(`${route.method} ${route.path}`) ?? {};
  const fields = Object.keys(template);
  const nestedFields = fields.filter((field) => typeof template[field] === 'object' && template[field] !== null && !Array.isArray(template[field]));
  const json = (value: unknown, tags: Body['tags'] = []): Body => ({ text: JSON.stringify(value), tags });
  const tagsOf = (key: string, value: unknown): Body['tags'] => [
    ...(['__proto__', 'constructor', 'prototype'].includes(key) ? (['prototypeKey'] as const) : []),
    ...(typeof value === 'number' && unstorableNumbers.includes(value) ? (['unstorableNumber'] as const) : []),
  ];
  const options: fc.Arbitrary<Body>[] = [
    fc.constant(json(template)),
    fc.constant({ text: undefined, tags: [] }),
    fc.tuple(fc.oneof(prototypeKey, fc.string({ minLength: 1, maxLength: 12 })), hostile).map(([key, value]) => json(withKey(template, key, value), [...tagsOf(key, value), 'unknownField'])),
    fc.jsonValue({ maxDepth: 3 }).map((value) => json(value)),
    fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '[1,', '{"a":1e999}', '"\\ud800"', '{"__proto__":{"x":1}}')).map((value) => ({ text: value, tags: [] })),
  ];
  if (fields.length > 0) {
    options.push(fc.tuple(fc.constantFrom(...fields), hostile).map(([field, value]) => json({ ...template, [field]: value }, tagsOf(field, value))));
  }
  if (nestedFields.length > 0) {
    const nestedKey = fc.oneof(prototypeKey, fc.constantFrom(...world.codes, 'enterprises', 'applicantName', 'x'), fc.string({ maxLength: 10 }));
    options.push(
      fc.tuple(fc.constantFrom(...nestedFields), nestedKey, hostile).map(([field, key, value]) =>
        json({ ...template, [field]: withKey(template[field] as Record<string, unknown>, key, value) }, tagsOf(key, value)),
      ),
    );
  }
  return fc.oneof(...options);
}

/** A path parameter as it appears in the URL: a real id, any string, a malformed escape, a long id. */
function segment(): fc.Arbitrary<{ raw: string; tags: Body['tags'] }> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...world.ids).map((raw) => ({ raw, tags: [] })) },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map((value) => ({ raw: encodeURIComponent(value), tags: [] })) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%E4%B8', '%C0%AF', '%%41', 'a%2', '%FF').map((raw) => ({ raw, tags: ['malformedEscape' as const] })) },
    { weight: 1, arbitrary: fc.constantFrom(129, 2049, 4000).map((length) => ({ raw: 'r'.repeat(length), tags: length > 2048 ? ['longId' as const] : [] })) },
    { weight: 1, arbitrary: fc.constantFrom('%2F', 'a%2Fb', '%00', '%20', '%E4%B8%AD').map((raw) => ({ raw, tags: [] })) },
  );
}

/** A query string: a few short parameters (real ids among them), now and then one over 16 KB. */
function query(): fc.Arbitrary<string> {
  const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...world.ids), fc.constant('r'.repeat(2049)));
  return fc.oneof(
    { weight: 20, arbitrary: fc.dictionary(fc.constantFrom('entityId', 'roundId', 'programId', 'status', 'to', 'q', 'limit', 'nextToken', 'x'), value, { maxKeys: 3 }).map((entries) => new URLSearchParams(entries).toString()) },
    { weight: 1, arbitrary: fc.constantFrom(17 * 1024, 70 * 1024).map((length) => `pad=${'q'.repeat(length)}`) },
  );
}

interface GeneratedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly token: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly body: Body;
  readonly segmentTags: Body['tags'];
}

function requestFor(route: RouteDefinition): fc.Arbitrary<GeneratedRequest> {
  const names = route.path.match(/\{[^}]+\}/g) ?? [];
  return fc
    .record({
      segments: fc.array(segment(), { minLength: names.length, maxLength: names.length }),
      method: fc.oneof({ weight: 19, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') }),
      query: query(),
      who: fc.nat({ max: world.tokens.length - 1 }),
      idempotencyKey: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(fc.uuid(), fc.stringMatching(/^[!-~]{1,40}$/), fc.constant('k'.repeat(3000))) }),
      body: bodyFor(route),
    })
    .map(({ segments, method, query: search, who, idempotencyKey, body }) => {
      let index = 0;
      return {
        method,
        path: route.path.replace(/\{[^}]+\}/g, () => segments[index++]!.raw),
        query: search,
        token: world.tokens[who],
        idempotencyKey,
        body,
        segmentTags: segments.flatMap((item) => item.tags),
      };
    });
}

function describeRequest(request: GeneratedRequest): string {
  return `${request.method} ${request.path.slice(0, 200)}?${request.query.slice(0, 100)} body=${(request.body.text ?? '').slice(0, 300)}`;
}

/** Sends one request and checks the answer: never 5xx; every non-2xx carries the contract's error body. */
async function sendAndCheck(request: GeneratedRequest): Promise<void> {
  const url = `${world.base}${request.path}${request.query ? `?${request.query}` : ''}`;
  const hasBody = request.body.text !== undefined && request.method !== 'GET';
  const response = await fetch(url, {
    method: request.method,
    headers: {
      'content-type': 'application/json',
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
    },
    ...(hasBody ? { body: request.body.text } : {}),
  });
  sent.total += 1;
  for (const tag of [...request.segmentTags, ...(hasBody ? request.body.tags : [])]) sent[tag] += 1;
  if (url.length > 16 * 1024) sent.oversizeUrl += 1;
  await expectContractAnswer(response, describeRequest(request), isPagePath(request.path));
}

/** Pages (outside `/api`, but not their scripts) answer a refusal with a readable page instead of the JSON body. */
function isPagePath(path: string): boolean {
  return !path.startsWith('/api/') && !path.startsWith('/assets/');
}

/** Asserts a response is a 2xx, or a 4xx with the contract's error body (for a page: a page with the Chinese refusal in an alert). */
async function expectContractAnswer(response: Response, what: string, page = false): Promise<void> {
  expect(response.status, what).toBeLessThan(500);
  if (response.status >= 200 && response.status < 300) {
    sent.success += 1;
    await response.arrayBuffer();
    return;
  }
  const text = await response.text();
  if (page && response.headers.get('content-type')?.startsWith('text/html')) {
    expect(text, `${response.status} page without a Chinese alert, for ${what}`).toMatch(/<p role="alert">[^<]*\p{Script=Han}/u);
    return;
  }
  let parsed: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const { code, message, details } = parsed?.error ?? {};
  const contract = typeof code === 'string' && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code) && typeof message === 'string' && /\p{Script=Han}/u.test(message) && Array.isArray(details);
  expect(contract, `${response.status} "${text.slice(0, 200)}" is not the contract's error body, for ${what}`).toBe(true);
}

describe('the HTTP API under generated requests', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s answers every request with a 2xx or a contract error',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(fc.array(requestFor(route), { minLength: batchSize, maxLength: batchSize }), async (batch) => {
          await Promise.all(batch.map(sendAndCheck));
        }),
        { numRuns: runsPerRoute, endOnFailure: true },
      );
    },
  );

  it('answers bodies over 10 MB with 413 and the error body', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 512).fill(0x7b);
    for (const path of ['/api/applications', '/api/admin/experts/import', `/api/review/${world.ids[7]}/scores`]) {
      const response = await fetch(`${world.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${world.tokens[1]}` }, body: big });
      sent.total += 1;
      sent.oversizeBody += 1;
      expect(response.status).toBe(413);
      await expectContractAnswer(response, `POST ${path} with ${big.length} bytes`);
    }
  });

  it(`sent at least ${minimumRequests} requests over every route, covering each kind of hostile input`, () => {
    expect(sent.total).toBeGreaterThanOrEqual(minimumRequests);
    for (const kind of ['malformedEscape', 'longId', 'oversizeUrl', 'prototypeKey', 'unknownField', 'unstorableNumber'] as const) expect(sent[kind], kind).toBeGreaterThanOrEqual(20);
    expect(sent.oversizeBody).toBeGreaterThanOrEqual(3);
    expect(sent.success).toBeGreaterThan(0);
    console.log(`api fuzz: ${JSON.stringify(sent)}`);
  });
});

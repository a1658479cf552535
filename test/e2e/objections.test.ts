/**
 * Objections (异议) against the local runtime, over HTTP: a flood from one client is cut off
 * with 429 RATE_LIMITED while other clients get through, one phone number is limited per
 * round, an identical objection is recorded once and answered with its first receipt number,
 * and staff dismiss a whole batch with one note, each objection with its audit event, after
 * which the round goes on. Each "client" is its own loopback address (127.x.y.z).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, postJsonFrom } from '../support/http-client.js';
import { roundOnPublicNotice, runtimeNow, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;
let roundId: string;
let applicationId: string;
let publicityEndsAt: string;
/** Every objection accepted so far: id → receipt number. */
const accepted = new Map<string, string>();

const receiptFormat = /^YY-2026-\d{6}$/;

function objection(index: number, overrides: Record<string, unknown> = {}) {
  return { applicationId, name: `异议人${index}`, phone: `139${String(index).padStart(8, '0')}`, content: `第 ${index} 条异议：申报材料中的企业数量与实际情况不符。`, ...overrides };
}

function post(from: string, body: unknown) {
  return postJsonFrom(base, from, `/api/public/rounds/${roundId}/objections`, body);
}

function remember(response: { status: number; body: any }) {
  if (response.status === 201) accepted.set(response.body.objection.id, response.body.receiptNumber);
}

/** Moves the runtime clock to 1 s into the next minute, so a test's requests share one minute window. */
async function nextMinute(): Promise<void> {
  const now = await runtimeNow(base);
  await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: (60_000 - (now % 60_000)) / 1000 + 1 } });
}

async function listObjections(): Promise<any[]> {
  return (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/objections`, { token: admin })).body.objections;
}

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '厅职成处' });
  const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou', name: '柳州市' });
  ({ roundId, applicationId, publicityEndsAt } = await roundOnPublicNotice(base, { admin, institution }));
  // The per-day windows are UTC days: keep every request of this file inside one of them.
  const now = await runtimeNow(base);
  const untilMidnight = 86_400_000 - (now % 86_400_000);
  if (untilMidnight < 3600_000) await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: untilMidnight / 1000 + 60 } });
}, 180_000);

describe('public objections', () => {
  it('cut a flood from one client off after 5 a minute with 429 RATE_LIMITED, Retry-After and the error body; other clients still get through', async () => {
    await nextMinute();
    const flood = await Promise.all(Array.from({ length: 50 }, (_, index) => post('127.0.0.1', objection(index))));
    const statuses = flood.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(45);
    for (const refused of flood.filter((response) => response.status === 429)) {
      expect(refused.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^提交过于频繁，请在 \d+ 秒后再试$/), details: [] } });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    flood.forEach(remember);

    const other = await post('127.0.0.2', objection(100));
    expect(other.status).toBe(201);
    remember(other);
    expect((await listObjections()).length).toBe(6);

    // The next minute the flooding client may send again.
    await nextMinute();
    const later = await post('127.0.0.1', objection(101));
    expect(later.status).toBe(201);
    remember(later);
  });

  it('limit one phone number to 3 objections a day in a round, whichever client sends them', async () => {
    await nextMinute();
    const phone = '13712345678';
    for (const index of [200, 201, 202]) {
      const response = await post('127.0.0.3', objection(index, { phone }));
      expect(response.status).toBe(201);
      remember(response);
    }
    const fourth = await post('127.0.0.4', objection(203, { phone: '+86 137-1234-5678' }));
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('RATE_LIMITED');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(60);
    const otherPhone = await post('127.0.0.4', objection(204));
    expect(otherPhone.status).toBe(201);
    remember(otherPhone);
  });

  it('record an identical objection once and answer every copy with its first receipt number', async () => {
    await nextMinute();
    const original = objection(300);
    const copies = await Promise.all([post('127.0.0.5', original), post('127.0.0.6', original), post('127.0.0.7', original)]);
    expect(copies.map((response) => response.status).sort()).toEqual([200, 200, 201]);
    const first = copies.find((response) => response.status === 201)!;
    remember(first);
    for (const copy of copies) {
      expect(copy.body.receiptNumber).toBe(first.body.receiptNumber);
      expect(copy.body.objection.id).toBe(first.body.objection.id);
    }
    const respaced = await post('127.0.0.8', { ...original, name: '另一个署名', phone: '+86 139 0000 0300', content: `  ${original.content.replace('企业数量', '企业 数量')}\n` });
    expect(respaced.status).toBe(200);
    expect(respaced.body).toMatchObject({ duplicate: true, receiptNumber: first.body.receiptNumber, objection: { id: first.body.objection.id } });
    const recorded = (await listObjections()).filter((item) => item.content === original.content);
    expect(recorded).toHaveLength(1);
    expect((await callApi(base, 'GET', `/api/admin/audit?entityId=${first.body.objection.id}`, { token: admin })).body.events.map((event: any) => event.action)).toEqual(['objection.raised']);
  });

  it('number the receipts YY-<year>-<six digits>, each once in the round', async () => {
    const objections = await listObjections();
    expect(objections.length).toBe(accepted.size);
    for (const item of objections) {
      expect(item.receiptNumber).toMatch(receiptFormat);
      expect(item.receiptNumber).toBe(accepted.get(item.id));
    }
    // Unique; numbers taken by copies that lost the race to a duplicate are skipped, never reused.
    expect(new Set(objections.map((item) => item.receiptNumber)).size).toBe(objections.length);
    const numbers = objections.map((item) => Number(item.receiptNumber.slice(-6))).sort((a, b) => a - b);
    expect(numbers[0]).toBe(1);
    expect(numbers.at(-1)).toBeLessThanOrEqual(objections.length + 2);
  });

  it('let staff dismiss a batch with one note, each objection with its audit event; the round goes on once none is open; a repeat changes nothing', async () => {
    // More objections than one transaction holds, from nine more clients.
    await nextMinute();
    const more = await Promise.all(Array.from({ length: 45 }, (_, index) => post(`127.0.1.${1 + Math.floor(index / 5)}`, objection(400 + index))));
    expect(more.map((response) => response.status)).toEqual(Array(45).fill(201));
    more.forEach(remember);

    // Publicity ends; the open objections hold the round.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: Math.ceil((Date.parse(publicityEndsAt) - (await runtimeNow(base))) / 1000) + 60 } });
    admin = await devToken(base, { role: 'admin', name: '厅职成处' });
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 1 } });
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('in_publicity');

    const ids = [...accepted.keys()];
    expect(ids.length).toBeGreaterThan(40);
    const path = `/api/admin/rounds/${roundId}/objections/resolve`;
    const note = '经核实，申报材料属实，异议不成立。';
    expect((await callApi(base, 'POST', path, { token: admin, body: { objectionIds: [...ids, 'obj_unknown'], outcome: 'dismissed', note } })).status).toBe(404);
    expect((await callApi(base, 'POST', path, { token: admin, body: { objectionIds: Array(501).fill(ids[0]), outcome: 'dismissed', note } })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await listObjections()).every((item) => item.status === 'open')).toBe(true);

    // All but one: the round stays held while any objection is open.
    const [last, ...rest] = [ids.at(-1)!, ...ids.slice(0, -1)];
    const dismissed = await callApi(base, 'POST', path, { token: admin, body: { objectionIds: rest, outcome: 'dismissed', note } });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ resolved: rest.length, unchanged: 0 });
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 1 } });
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('in_publicity');

    // The last one: the round goes on to the final approval at once, without waiting for a check.
    const final = await callApi(base, 'POST', path, { token: admin, body: { objectionIds: [last], outcome: 'dismissed', note } });
    expect(final.body).toMatchObject({ resolved: 1, unchanged: 0 });
    await waitForRoundStatus(base, admin, roundId, 'awaiting_final_approval');

    const stored = await listObjections();
    expect(stored).toHaveLength(ids.length);
    for (const item of stored) expect(item).toMatchObject({ status: 'dismissed', resolution: { outcome: 'dismissed', note, by: '厅职成处' } });
    const trails = await Promise.all(ids.map(async (id) => (await callApi(base, 'GET', `/api/admin/audit?entityId=${id}`, { token: admin })).body.events));
    for (const [index, events] of trails.entries()) {
      expect(events.map((event: any) => [event.action, event.entityId, event.actor])).toEqual([
        ['objection.raised', ids[index], expect.stringMatching(/^public:/)],
        ['objection.dismissed', ids[index], expect.stringMatching(/^admin:/)],
      ]);
    }

    // Idempotent: the whole batch again changes nothing; another outcome for resolved ones is refused.
    const repeated = await callApi(base, 'POST', path, { token: admin, body: { objectionIds: ids, outcome: 'dismissed', note } });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ resolved: 0, unchanged: ids.length });
    const reversed = await callApi(base, 'POST', path, { token: admin, body: { objectionIds: ids.slice(0, 2), outcome: 'upheld', note: '改判' } });
    expect(reversed.status).toBe(409);
    expect(reversed.body.error.code).toBe('INVALID_STATE');
    expect((await callApi(base, 'GET', `/api/admin/audit?entityId=${ids[0]}`, { token: admin })).body.events).toHaveLength(2);
  }, 120_000);
});

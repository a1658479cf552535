/**
 * The portal's 开始申报 on a cycle evaluation (周期评估) in headless Chromium against a recording
 * fake of the institution API: the application is created for the organisation's unit the
 * round evaluates (`unitId`), a recognition round's without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInFakeInstitution, startPageHarness, type FakeAnswer, type PageHarness } from './page-harness.js';

const round = (id: string, kind: 'recognition' | 'evaluation') => ({
  id,
  title: kind === 'evaluation' ? '2029年示范基地周期评估' : '2029年示范基地认定',
  year: 2029,
  programId: 'miit-demo-base',
  programName: '工业和信息化部校企协同育人示范基地',
  intakeOpensAt: '2029-01-01T00:00:00.000Z',
  intakeClosesAt: '2029-12-31T00:00:00.000Z',
  status: 'open',
  kind,
  ...(kind === 'evaluation' ? { units: [{ id: 'unit_a', organization: '哈尔滨工业大学', title: '智能制造示范基地' }] } : {}),
});

const posts: unknown[] = [];

function answer(method: string, path: string, body: unknown): FakeAnswer {
  if (method === 'GET' && path === '/api/rounds') return { status: 200, body: { rounds: [round('round_ev', 'evaluation'), round('round_rec', 'recognition')] } };
  if (method === 'GET' && path === '/api/applications') return { status: 200, body: { applications: [] } };
  if (method === 'POST' && path === '/api/applications') {
    posts.push(body);
    return { status: 422, body: { error: { code: 'INTAKE_CLOSED', message: '已记录', details: [] } } };
  }
  return { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到', details: [] } } };
}

let harness: PageHarness;

beforeAll(async () => {
  harness = await startPageHarness(() => answer);
  await signInFakeInstitution(harness, { orgId: 'org-hit', name: '哈尔滨工业大学' });
});

afterAll(async () => {
  await harness?.close();
});

describe('开始申报 in the portal', () => {
  it('applies for the organisation unit in a cycle evaluation, and without a unit in a recognition', async () => {
    const { page } = await harness.open('/portal');
    const evaluation = page.getByRole('article', { name: '2029年示范基地周期评估' });
    await evaluation.getByRole('button', { name: '开始申报' }).click();
    await expect.poll(() => posts.length).toBe(1);
    await page.getByRole('article', { name: '2029年示范基地认定' }).getByRole('button', { name: '开始申报' }).click();
    await expect.poll(() => posts.length).toBe(2);
    expect(posts).toEqual([
      { roundId: 'round_ev', form: {}, unitId: 'unit_a' },
      { roundId: 'round_rec', form: {} },
    ]);
    await page.close();
  });
});

/**
 * The portal's 认定单位 for a unit under rectification (限期整改), in headless Chromium against a
 * recording fake of the institution API: the page says by when the 整改报告 is due, lists it among
 * the duties by that name, and 填报 opens its form (整改措施, 整改成效) and creates it with
 * `kind: "rectification"` of the deadline's year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReportForms, defaultReportMaterials } from '#shared/domain/unit-report.js';
import { signInFakeInstitution, startPageHarness, type FakeAnswer, type PageHarness } from './page-harness.js';

const deadline = '2030-03-31T16:00:00.000Z';
const unit = { id: 'unit_b', organization: '北京航空航天大学', title: '航空发动机校企协同育人示范基地', cycleStartsAt: '2026-12-02T00:00:00.000Z', cycleEndsAt: '2029-12-02T00:00:00.000Z', status: 'rectifying', statusLabel: '整改中' };
const duties = [
  { year: 2029, kind: 'summary', kindLabel: '年度工作总结', dueAt: '2029-12-31T16:00:00.000Z', overdue: false, status: 'accepted', reportId: 'r-sum' },
  { year: 2030, kind: 'rectification', kindLabel: '整改报告', dueAt: deadline, overdue: false, status: 'missing' },
];
const posts: { path: string; body: unknown }[] = [];

function answer(method: string, path: string, body: unknown): FakeAnswer {
  if (method === 'GET' && path === '/api/units') return { status: 200, body: { units: [unit] } };
  if (method === 'GET' && path === `/api/units/${unit.id}/reports`) return { status: 200, body: { unit, duties, reports: [], forms: defaultReportForms, materials: defaultReportMaterials } };
  if (method === 'POST' && path === `/api/units/${unit.id}/reports`) {
    posts.push({ path, body });
    return { status: 201, body: { report: { id: 'r-rect', status: 'draft', form: {} } } };
  }
  return { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到', details: [] } } };
}

let harness: PageHarness;

beforeAll(async () => {
  harness = await startPageHarness(() => answer);
  await signInFakeInstitution(harness, { orgId: 'org-ev-b', name: '北京航空航天大学' });
});

afterAll(async () => {
  await harness?.close();
});

describe('认定单位 of a rectifying unit', () => {
  it('shows the 整改报告 due at the deadline and files it with its own form', async () => {
    const { page } = await harness.open('/portal/units');
    await page.getByRole('heading', { name: unit.title }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('本项目处于限期整改期').textContent()).toContain('前提交整改报告');
    const row = page.getByRole('row', { name: /整改报告/ });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('整改报告');
    await row.getByRole('button', { name: '填报 整改报告' }).click();
    const editor = page.getByRole('region', { name: '整改报告' });
    await editor.getByLabel('整改措施').fill('聘任企业导师 12 名。');
    await editor.getByLabel('整改成效').fill('企业导师授课占比达 30%。');
    await editor.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => posts.length).toBe(1);
    expect(posts[0]!.body).toMatchObject({ year: 2030, kind: 'rectification', form: { measures: '聘任企业导师 12 名。', results: '企业导师授课占比达 30%。' } });
    await page.close();
  });
});

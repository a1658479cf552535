/**
 * The pages of recognised units on the real local runtime, driven by role and accessible name:
 * the institution fills and submits its first annual plan on 认定单位 (form, a real PDF through
 * the file input, verified, 提交); staff review it on 年度报告 (待审核 → 通过 with a rating), list
 * the units on 认定单位 by status, and see the unit that filed nothing in 逾期未交 once the clock
 * passes the due date.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, publishedCityRound, runtimeNow } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf } from '../support/uploads.js';
import { saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();
const files = mkdtempSync(join(tmpdir(), 'unit-files-'));

afterAll(() => rmSync(files, { recursive: true, force: true }));

const patiently = { timeout: 20_000 };
const diligent = { orgId: 'org-liuzhou', form: { ...cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体'), contactEmail: 'unit@liuzhou.test' } };
const late = { orgId: 'org-yulin', form: { ...cityConsortiumForm('玉林市人民政府', '玉林机械产业市域产教联合体'), contactEmail: 'unit@yulin.test' } };

describe('the pages of recognised units', () => {
  it('lets the institution file its annual plan and staff review it, list the units and see the late one', async () => {
    const base = runtime().baseUrl;
    await publishedCityRound(base, 'unit-pages', [diligent, late]);
    const school = await devToken(base, { role: 'institution', orgId: diligent.orgId });
    const unit = (await callApi(base, 'GET', '/api/units', { token: school })).body.units[0];
    const firstDuty = (await callApi(base, 'GET', `/api/units/${unit.id}/reports`, { token: school })).body.duties[0];
    const plan = `${firstDuty.year}年度年度工作计划`;

    // The institution fills the plan, uploads its evidence and submits.
    const institution = await signInThroughPage(browser(), base, { role: 'institution', orgId: diligent.orgId, name: '王老师' });
    const { page } = institution;
    await page.getByRole('link', { name: '认定单位' }).click();
    await page.getByRole('heading', { name: '柳州汽车产业市域产教联合体' }).waitFor(patiently);
    await page.getByRole('button', { name: `填报 ${plan}` }).click();
    const editor = page.getByRole('region', { name: plan });
    await editor.getByLabel('年度工作计划').fill('推进现场工程师联合培养。');
    await editor.getByLabel('年度主要目标').fill('新增订单班 2 个。');
    await editor.getByRole('button', { name: '保存' }).click();
    await editor.getByText('已保存。').waitFor(patiently);
    const pdf = join(files, '佐证材料.pdf');
    writeFileSync(pdf, await samplePdf(1));
    await editor.getByLabel('佐证材料').setInputFiles(pdf);
    await editor.getByText('已通过校验').waitFor(patiently);
    await editor.getByRole('button', { name: '提交' }).click();
    await editor.getByText('已提交，等待审核。').waitFor(patiently);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(`^${firstDuty.year} 年度工作计划`) }).getByRole('cell').nth(3).textContent(), patiently).toBe('已提交');
    await saveScreenshot(page, 'portal-unit-reports');

    // Staff review it: 待审核 → 通过 with 良好.
    const staff = await signInThroughPage(browser(), base, { role: 'admin', name: '职成处' });
    await staff.page.getByRole('link', { name: '年度报告' }).click();
    await staff.page.getByLabel('状态').selectOption({ label: '待审核' });
    await staff.page.getByRole('button', { name: `审核 柳州市人民政府 ${plan}` }).click();
    const review = staff.page.getByRole('form', { name: `审核：柳州市人民政府 ${plan}` });
    await review.getByText('年度主要目标').waitFor(patiently);
    expect(await review.innerText()).toContain('佐证材料：佐证材料.pdf');
    await review.getByLabel('评级').selectOption({ label: '良好' });
    await review.getByLabel('审核意见').fill('计划可行。');
    await review.getByRole('button', { name: '通过' }).click();
    await staff.page.getByText(`已通过“柳州市人民政府”的${plan}。`).waitFor(patiently);
    const admin = await devToken(base, { role: 'admin' });
    const accepted = (await callApi(base, 'GET', '/api/admin/reports?status=accepted', { token: admin })).body.reports;
    expect(accepted).toEqual([expect.objectContaining({ organization: '柳州市人民政府', review: expect.objectContaining({ rating: 'good', note: '计划可行。' }) })]);

    // 认定单位 lists both units, filtered by status.
    await staff.page.getByRole('link', { name: '认定单位' }).click();
    await staff.page.getByLabel('状态').selectOption({ label: '建设中' });
    await expect.poll(async () => (await staff.page.getByRole('row').allTextContents()).filter((text) => text.includes('市人民政府')).length, patiently).toBe(2);
    // each unit's program by its name, not its id
    expect(await staff.page.getByRole('row', { name: /柳州市人民政府/ }).getByRole('cell').nth(2).textContent()).toMatch(/^广西.*市域产教联合体/);
    await staff.page.getByLabel('状态').selectOption({ label: '已撤销' });
    await staff.page.getByText('没有符合条件的认定单位。').waitFor(patiently);

    // Past the due date the late unit is in 逾期未交 (the list's default), reminded.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: Math.ceil((Date.parse(firstDuty.dueAt) - (await runtimeNow(base))) / 1000) + 3600 } });
    await eventually(async () => {
      const { body } = await callApi(base, 'GET', '/api/admin/reports?status=overdue', { token: await devToken(base, { role: 'admin' }) });
      return body.reports?.some((row: { reminded: boolean }) => row.reminded) ? true : undefined;
    }, 'the late unit reminded');
    const after = await signInThroughPage(browser(), base, { role: 'admin', name: '职成处' });
    await after.page.getByRole('link', { name: '年度报告' }).click();
    const lateRow = after.page.getByRole('row', { name: /玉林市人民政府/ });
    await lateRow.waitFor(patiently);
    expect(await lateRow.getByRole('cell').nth(5).textContent()).toBe('逾期未交，未填报，已催报');
    expect(await after.page.getByRole('row', { name: /柳州市人民政府/ }).count()).toBe(0);
    await saveScreenshot(after.page, 'console-overdue-reports');
    expect([...institution.problems, ...staff.problems, ...after.problems]).toEqual([]);
  });
});

/**
 * Staff console pages on the real local runtime, driven by role and label as UI.md names them:
 * the rounds list and its 新建批次 form, the expert pool (import from a real .xlsx, 添加专家,
 * search), the audit trail, and review progress with 改派 on a round in review.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundStatusLabels } from '#shared/domain/round.js';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { openCityRound, runtimeNow, submitAcceptedApplication, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();
let files: string;
/** The round the audit test drives into review (one application, one expert each), for the review progress test. */
let inReview: { roundId: string } | undefined;

beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'pool-console-'));
});

afterAll(() => {
  rmSync(files, { recursive: true, force: true });
});

/** How long a page may take to show the outcome of a call (the runtime's workflows run meanwhile). */
const patiently = { timeout: 15_000 };

/** A `datetime-local` value: the Beijing wall-clock time of `ms`. */
function beijingInput(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Whether the page is wider than the window (it must not be, at a phone's width too). */
async function overflows(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth');
}

/** Writes an expert list workbook (header row, then `rows`) and returns its path. */
async function expertWorkbook(rows: readonly (readonly (string | number)[])[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('专家名单');
  sheet.addRow(['姓名', '邮箱', '工作单位', '地区', '专业领域', '回避单位', '评审上限']);
  for (const row of rows) sheet.addRow([...row]);
  const path = join(files, '专家名单.xlsx');
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

describe('the staff console pages', () => {
  it('creates a round from a program with the labelled fields, refusing an intake that closes before it opens', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    const program = (await callApi(base, 'GET', '/api/programs/gx-city-consortium')).body;
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '张处长' });
    await page.getByRole('button', { name: '新建批次' }).click();
    await page.getByLabel('认定项目').selectOption({ label: program.name });
    // the template's settings are offered as defaults
    await expect.poll(() => page.getByLabel('每份申报专家人数').inputValue(), patiently).toBe(String(program.review.expertsPerApplication));
    const now = await runtimeNow(base);
    await page.getByLabel('批次名称').fill('2027年市域产教联合体认定（第一批）');
    await page.getByLabel('年度').fill('2027');
    await page.getByLabel('申报开始时间').fill(beijingInput(now + 3600_000));
    await page.getByLabel('申报截止时间').fill(beijingInput(now - 86_400_000 + 3600_000));
    await page.getByRole('button', { name: '创建' }).click();
    const closes = page.getByLabel('申报截止时间');
    await expect.poll(() => closes.getAttribute('aria-invalid'), patiently).toBe('true');
    const describedBy = (await closes.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).toContain('申报截止时间必须晚于开始时间');
    await saveScreenshot(page, 'console-round-form');

    const opens = now + 3600_000;
    const closesAt = now + 20 * 86_400_000;
    await closes.fill(beijingInput(closesAt));
    await page.getByLabel('每份申报专家人数').fill('3');
    await page.getByText('高级设置').click();
    // 分配方式 and 同地区专家回避: the program avoids experts of the applicant's city unless the round says otherwise
    const mode = page.getByRole('combobox', { name: '分配方式' });
    const region = page.getByRole('checkbox', { name: '同地区专家回避' });
    await expect.poll(() => region.isChecked(), patiently).toBe(true);
    expect(await mode.inputValue()).toBe('optimal');
    expect(await mode.locator('option').allInnerTexts()).toEqual(['择优分配', '随机抽取']);
    await mode.selectOption({ label: '随机抽取' });
    await region.uncheck();
    await page.getByLabel('入围名额').fill('4');
    await page.getByLabel('公示天数').fill('7');
    // 实地考察 starts from the program's setting (the seed names no site visit for 市域产教联合体)
    const siteVisit = page.getByRole('combobox', { name: '实地考察' });
    expect(await siteVisit.inputValue()).toBe('none');
    expect(await siteVisit.locator('option').allInnerTexts()).toEqual(['不安排', '必要时安排', '必须考察']);
    await siteVisit.selectOption({ label: '必须考察' });
    await page.getByLabel('文号前缀').fill('桂产教认');
    await page.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/\/console\/rounds\/[^/]+$/);
    const roundId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const { round } = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body;
    const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
    expect(round).toMatchObject({
      programId: 'gx-city-consortium',
      title: '2027年市域产教联合体认定（第一批）',
      year: 2027,
      status: 'open',
      expertsPerApplication: 3,
      quota: 4,
      publicityWorkingDays: 7,
      reviewDays: program.review.reviewDays,
      intakeOpensAt: new Date(minute(opens)).toISOString(),
      intakeClosesAt: new Date(minute(closesAt)).toISOString(),
      assignmentMode: 'draw',
      avoidSameRegion: false,
      siteVisit: 'required',
    });
    expect(round.issuer.noticePrefix).toBe('桂产教认');

    await page.goto(`${base}/console`);
    const row = page.getByRole('row', { name: /2027年市域产教联合体认定（第一批）/ });
    await row.waitFor();
    expect(await row.innerText()).toContain(program.name);
    expect(await row.innerText()).toContain(roundStatusLabels.open);
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/console/rounds/${roundId}`);
    await saveScreenshot(page, 'console-rounds');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflows(page)).toBe(false);
    await saveScreenshot(page, 'console-rounds-phone');
    expect(problems).toEqual([]);
  });

  it('imports experts from an .xlsx with the rejected row and its reason, adds one by hand and searches the pool', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    const workbook = await expertWorkbook([
      ['陈思远', 'chen.siyuan@experts.test', '广西大学', '南宁市', '职业教育、产教融合', '柳州市人民政府', 8],
      ['刘海燕', 'not-an-email', '广西师范大学', '桂林市', '教育管理', '', ''],
      ['黄志强', 'huang.zhiqiang@experts.test', '广西科技大学', '柳州市', '汽车，智能制造', '', 12],
    ]);
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin' });
    await page.goto(`${base}/console/experts`);
    await page.getByLabel('专家名单文件').setInputFiles(workbook);
    await page.getByRole('button', { name: '导入专家' }).click();
    await expect.poll(async () => page.getByRole('status').filter({ hasText: '已导入' }).textContent(), patiently).toContain('已导入 2 位专家');
    const rejected = page.getByRole('table', { name: /未导入的行/ });
    expect(await rejected.getByRole('row').nth(1).innerText()).toMatch(/^3\s+邮箱：格式不正确$/);
    await page.getByRole('row', { name: /黄志强/ }).waitFor();
    expect(await page.getByRole('row', { name: /陈思远/ }).innerText()).toContain('柳州市人民政府');
    const pool = (await callApi(base, 'GET', '/api/admin/experts', { token: admin })).body.experts as { name: string; expertise: string[]; capacity: number }[];
    expect(pool.find((expert) => expert.name === '黄志强')).toMatchObject({ expertise: ['汽车', '智能制造'], capacity: 12 });
    expect(pool.some((expert) => expert.name === '刘海燕')).toBe(false);

    await page.getByRole('button', { name: '添加专家' }).click();
    await page.getByLabel('姓名').fill('周明华');
    await page.getByLabel('邮箱').fill('zhou-at-experts');
    await page.getByLabel('工作单位').fill('南宁职业技术大学');
    await page.getByLabel('地区').fill('南宁市');
    await page.getByLabel('专业领域').fill('数字经济、电子商务');
    await page.getByLabel('回避单位').fill('南宁市人民政府');
    await page.getByLabel('评审上限').fill('6');
    await page.getByRole('button', { name: '添加专家' }).click();
    await expect.poll(() => page.getByLabel('邮箱').getAttribute('aria-invalid'), patiently).toBe('true');
    await page.getByLabel('邮箱').fill('zhou.minghua@experts.test');
    await page.getByRole('button', { name: '添加专家' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已添加专家' }).textContent(), patiently).toContain('周明华');
    await page.getByRole('row', { name: /周明华/ }).waitFor();
    const added = ((await callApi(base, 'GET', '/api/admin/experts', { token: admin })).body.experts as { name: string }[]).find((expert) => expert.name === '周明华');
    expect(added).toMatchObject({ email: 'zhou.minghua@experts.test', organization: '南宁职业技术大学', region: '南宁市', expertise: ['数字经济', '电子商务'], conflicts: ['南宁市人民政府'], capacity: 6 });

    await page.getByLabel('搜索专家').fill('汽车');
    await expect.poll(() => page.locator('tbody tr').filter({ hasText: '@experts.test' }).count(), patiently).toBe(1);
    expect(await page.getByRole('row', { name: /黄志强/ }).isVisible()).toBe(true);
    await page.getByLabel('搜索专家').fill('');
    await expect.poll(() => page.locator('tbody tr').filter({ hasText: '@experts.test' }).count(), patiently).toBe(3);
    await saveScreenshot(page, 'console-experts');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflows(page)).toBe(false);
    await saveScreenshot(page, 'console-experts-phone');
    expect(problems).toEqual([]);
  });

  it('shows the audit trail of an application and of a whole round with Chinese action labels, names and titles', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin', name: '张处长' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
    for (const expert of [
      { name: '李明', email: 'li.ming@review.test', organization: '桂林电子科技大学', expertise: ['职业教育'] },
      { name: '王芳', email: 'wang.fang@review.test', organization: '广西民族大学', expertise: ['汽车'] },
    ]) {
      expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: { ...expert, capacity: 1 } })).status).toBe(201);
    }
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 1, minValidReviews: 1 });
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    inReview = { roundId };

    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '张处长' });
    await page.goto(`${base}/console/audit`);
    await page.getByLabel('对象编号').fill(applicationId);
    await page.getByRole('button', { name: '查询' }).click();
    const trail = page.getByRole('table');
    await trail.waitFor();
    for (const label of ['创建申报书', '提交申报', '形式审查通过', '进入专家评审', '柳州汽车产业市域产教联合体']) expect(await trail.innerText()).toContain(label);
    expect(await trail.innerText()).not.toMatch(/application\.[a-z_]+|app_/);
    expect(new URL(page.url()).search).toBe(`?entityId=${applicationId}`);
    await saveScreenshot(page, 'console-audit');

    // a round's whole trail, the round chosen by its title
    await page.getByLabel('按批次').check();
    await page.getByLabel('评审批次').selectOption({ label: '2026年市域产教联合体认定' });
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => trail.innerText(), patiently).toContain('截止申报');
    for (const label of ['创建批次', '开始专家评审', '分配评审任务', '提交申报', '张处长']) expect(await trail.innerText()).toContain(label);
    expect(new URL(page.url()).search).toBe(`?roundId=${roundId}`);

    // other pages link straight to a trail
    await page.goto(`${base}/console/audit?roundId=${encodeURIComponent(roundId)}`);
    await expect.poll(() => page.getByRole('table').innerText(), patiently).toContain('创建批次');
    expect(await page.getByLabel('按批次').isChecked()).toBe(true);
    await page.goto(`${base}/console/audit?entityId=no-such-record`);
    await expect.poll(() => page.getByText('没有找到操作记录。').count(), patiently).toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflows(page)).toBe(false);
    expect(problems).toEqual([]);
  });

  it('shows review progress per application and expert, and reassigns a task to a chosen expert', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    const { roundId } = inReview!;
    const progress = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/progress`, { token: admin });
      return body.applications?.[0]?.tasks?.length ? body : undefined;
    }, 'review tasks');
    const task = progress.applications[0].tasks[0] as { taskId: string; expertName: string };
    const pool = (await callApi(base, 'GET', '/api/admin/experts', { token: admin })).body.experts as { id: string; name: string; organization: string }[];
    const other = pool.find((expert) => ['李明', '王芳'].includes(expert.name) && expert.name !== task.expertName)!;

    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '张处长' });
    await page.goto(`${base}/console/rounds/${roundId}/reviews`);
    // the application's tasks (the per-expert table names the experts too)
    const tasksOf = page.getByRole('region', { name: /柳州汽车产业市域产教联合体/ });
    const row = tasksOf.getByRole('row', { name: new RegExp(task.expertName) });
    await row.waitFor();
    expect(await row.innerText()).toContain('已邀请');
    const perExpert = page.getByRole('region', { name: '按专家查看' });
    expect(await perExpert.getByRole('row', { name: new RegExp(task.expertName) }).innerText()).toMatch(/1\s+1\s+0\s+0/);
    await page.getByRole('row', { name: new RegExp(task.expertName) }).getByRole('button', { name: '改派' }).click();
    // 陈思远 declared a conflict with the applicant, and the expert being replaced is on the application
    const choices = await page.getByLabel('改派给').locator('option').allInnerTexts();
    expect(choices[0]).toBe('自动选择（最合适的可用专家）');
    expect(choices.some((choice) => choice.startsWith('陈思远') || choice.startsWith(task.expertName))).toBe(false);
    expect(choices).toContain(`${other.name}（${other.organization}）`);
    await page.getByRole('button', { name: '确认改派' }).click();
    await expect.poll(() => page.getByLabel('改派理由').getAttribute('aria-invalid'), patiently).toBe('true');
    await page.getByLabel('改派给').selectOption({ label: `${other.name}（${other.organization}）` });
    await page.getByLabel('改派理由').fill('原专家出差，无法按期评审');
    await page.getByRole('button', { name: '确认改派' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已改派' }).textContent(), patiently).toContain(other.name);
    const replaced = tasksOf.getByRole('row', { name: new RegExp(other.name) });
    await replaced.waitFor();
    expect(await replaced.innerText()).toContain('已邀请');
    expect(await row.innerText()).toContain('已改派');
    expect(await row.innerText()).toContain('改派理由：原专家出差，无法按期评审');
    expect(await row.getByRole('button', { name: '改派' }).count()).toBe(0);
    const after = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/progress`, { token: admin })).body;
    const tasks = after.applications[0].tasks as { taskId: string; expertId: string; status: string }[];
    expect(tasks.find((item) => item.taskId === task.taskId)?.status).toBe('reassigned');
    expect(tasks.filter((item) => item.expertId === other.id).map((item) => item.status)).toEqual(['invited']);

    // 自动选择: the API picks the best eligible alternate
    await replaced.getByRole('button', { name: '改派' }).click();
    await page.getByLabel('改派理由').fill('专家申请回避');
    await page.getByRole('button', { name: '确认改派' }).click();
    await expect.poll(() => tasksOf.getByRole('row').count(), patiently).toBe(4);
    const third = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/progress`, { token: admin })).body.applications[0].tasks.at(-1) as { expertName: string; status: string };
    expect(third.status).toBe('invited');
    expect([task.expertName, other.name, '陈思远']).not.toContain(third.expertName);
    expect(await page.getByRole('status').filter({ hasText: '已改派' }).textContent()).toContain(third.expertName);
    expect(await tasksOf.getByRole('row', { name: new RegExp(third.expertName) }).innerText()).toContain('已邀请');
    await saveScreenshot(page, 'console-reviews');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflows(page)).toBe(false);
    expect(problems).toEqual([]);
  });

  it('shows on request which experts the round recuses, with the reason in Chinese', async () => {
    const base = runtime().baseUrl;
    const { roundId } = inReview!;
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '张处长' });
    await page.goto(`${base}/console/rounds/${roundId}/reviews`);
    const show = page.getByRole('button', { name: '查看回避情况' });
    await show.waitFor();
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('table', { name: '须回避的专家' }).count()).toBe(0);
    await show.click();
    const table = page.getByRole('table', { name: '须回避的专家' });
    await table.waitFor(patiently);
    expect(await page.getByRole('button', { name: '收起回避情况' }).getAttribute('aria-expanded')).toBe('true');
    // 陈思远 declared a conflict with 柳州市人民政府; 周明华's declared conflict (南宁市人民政府) is another applicant
    const row = table.getByRole('row', { name: /陈思远/ });
    expect(await row.innerText()).toMatch(/柳州汽车产业市域产教联合体（柳州市人民政府）\s+陈思远\s+该专家已声明与申报单位存在利益冲突，须回避\s+柳州市人民政府/);
    expect(await table.getByRole('row', { name: /周明华/ }).count()).toBe(0);
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['申报', '回避专家', '回避原因', '依据']);
    await saveScreenshot(page, 'console-recusals');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflows(page)).toBe(false);
    expect(problems).toEqual([]);
  });
});

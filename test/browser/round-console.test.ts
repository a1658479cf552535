/**
 * Staff run a round from the console on the real local runtime: the round dashboard says what
 * the round waits on and offers the next action (截止申报, 批准入围名单, 最终审定 with the 文号,
 * the notice and export downloads), the screening queue decides three applications (通过,
 * 退回修改 with a 退回理由, 不予受理), and a failed workflow step is retried from the dashboard.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, submitForScreening, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { launchBrowser, saveScreenshot, signInThroughPage, type Browser } from './page-harness.js';

const runtime = useRuntimeProcess();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const issuer = { name: '广西职业教育创新发展领导小组办公室', noticePrefix: '桂教职成' };
const experts = [
  { name: '专家甲', email: 'jia@console.test', organization: '广西大学', expertise: ['职业教育'] },
  { name: '专家乙', email: 'yi@console.test', organization: '广西科技大学', expertise: ['汽车'] },
];
const applicants = {
  accepted: cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体'),
  returned: cityConsortiumForm('桂林市人民政府', '桂林旅游产业市域产教联合体'),
  ineligible: cityConsortiumForm('梧州市人民政府', '梧州再生资源市域产教联合体'),
};

/** The text of the dashboard's 当前待办 section. */
function nextStepText(page: Page): Promise<string> {
  return page.getByRole('region', { name: '当前待办' }).innerText();
}

/** Clicks a link that downloads through the page; resolves to the saved file's name and bytes. */
async function download(page: Page, name: string): Promise<{ name: string; bytes: Buffer }> {
  const started = page.waitForEvent('download');
  await page.getByRole('link', { name }).click();
  const file = await started;
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** Fails unless the page fits a phone's width; saves the phone's view as `screenshot` when named. */
async function fitsPhone(page: Page, screenshot?: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
  if (screenshot) await saveScreenshot(page, screenshot);
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('the round dashboard and the screening queue', () => {
  it('take staff from open intake through screening, shortlist and final approval to the downloads', async () => {
    const base = runtime().baseUrl;
    let admin = await devToken(base, { role: 'admin' });
    for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
    const roundId = await openCityRound(base, admin, { title: '2026年市域产教联合体认定（控制台）', expertsPerApplication: 2, minValidReviews: 2, publicityWorkingDays: 5, issuer });
    const institutions: Record<string, string> = {};
    const ids: Record<string, string> = {};
    for (const [key, form] of Object.entries(applicants)) {
      institutions[key] = await devToken(base, { role: 'institution', orgId: `org-${key}` });
      ids[key] = (await submitForScreening(base, institutions[key], roundId, form)).applicationId;
    }

    const { page, problems } = await signInThroughPage(browser, base, { role: 'admin', name: '职成处王科长' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${base}/console/rounds/${roundId}`);
    await page.getByRole('heading', { name: '2026年市域产教联合体认定（控制台）' }).waitFor();
    await expect.poll(() => nextStepText(page)).toContain('等待申报单位提交申报');
    expect(await nextStepText(page)).toContain('已提交 3 份，其中 3 份待形式审查');
    expect(await page.locator('[aria-current="step"]').innerText()).toBe('申报中');
    expect(await page.getByRole('region', { name: /申报情况/ }).innerText()).toContain('形式审查中');
    await saveScreenshot(page, 'console-round-open');
    await fitsPhone(page, 'console-round-open-phone');

    // 截止申报 asks first (the browser's dialog); cancelling leaves the round open.
    const asked: string[] = [];
    page.once('dialog', (dialog) => void (asked.push(dialog.message()), dialog.dismiss()));
    await page.getByRole('button', { name: '截止申报' }).click();
    await expect.poll(() => asked).toEqual(['截止后申报单位将不能再提交申报，并进入形式审查。确定现在截止申报吗？']);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('open');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '截止申报' }).click();
    await expect.poll(() => nextStepText(page)).toContain('3 份申报待形式审查');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('screening');

    // The queue: open each application beside the list and decide it there.
    await page.getByRole('link', { name: '进入形式审查' }).click();
    await page.waitForURL(`${base}/console/rounds/${roundId}/applications`);
    const queue = page.getByRole('region', { name: /申报列表/ });
    await expect.poll(() => queue.getByRole('row').count()).toBe(4);
    await queue.getByRole('button', { name: applicants.accepted.projectTitle }).click();
    const opened = page.getByRole('region', { name: applicants.accepted.projectTitle });
    await expect.poll(() => opened.innerText()).toContain('柳东新区汽车产业园');
    const shown = await opened.innerText();
    expect(shown).toContain('依托园区名称');
    expect(shown).toContain('申报书.pdf');
    expect(shown).toContain('已通过校验');
    expect(shown).toContain('资格条件自动检查');
    expect(shown).toMatch(/符合/);
    // The file downloads from its short-lived link.
    const fileLink = opened.getByRole('link', { name: '下载 申报书.pdf' });
    await fileLink.waitFor();
    const file = await fetch(new URL((await fileLink.getAttribute('href'))!, base));
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await saveScreenshot(page, 'console-screening');
    await fitsPhone(page, 'console-screening-phone');
    await opened.getByRole('button', { name: '通过' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已通过形式审查' }).count()).toBe(1);
    await expect.poll(() => queue.getByRole('row').count()).toBe(3);

    await queue.getByRole('button', { name: applicants.returned.projectTitle }).click();
    const returned = page.getByRole('region', { name: applicants.returned.projectTitle });
    await returned.getByRole('button', { name: '退回修改' }).click();
    await expect.poll(() => returned.getByText('请填写退回理由（每行一条）。').count()).toBe(1);
    expect(await returned.getByLabel('退回理由').getAttribute('aria-invalid')).toBe('true');
    await returned.getByLabel('退回理由').fill('缺少依托园区管委会盖章页\n产值数据请附统计部门证明');
    await returned.getByRole('button', { name: '退回修改' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已退回修改' }).count()).toBe(1);
    const institutionView = await callApi(base, 'GET', `/api/applications/${ids['returned']}`, { token: institutions['returned']! });
    expect(institutionView.body.application.status).toBe('returned');
    expect(institutionView.body.application.screening.reasons).toEqual(['缺少依托园区管委会盖章页', '产值数据请附统计部门证明']);

    await queue.getByRole('button', { name: applicants.ineligible.projectTitle }).click();
    const ineligible = page.getByRole('region', { name: applicants.ineligible.projectTitle });
    // Only the opened application offers its decision.
    expect(await page.getByRole('button', { name: '通过' }).count()).toBe(1);
    await ineligible.getByLabel('退回理由').fill('依托园区不在本市行政区域内');
    await ineligible.getByRole('button', { name: '不予受理' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已不予受理' }).count()).toBe(1);
    await expect.poll(() => queue.innerText()).toContain('没有符合筛选条件的申报');
    await queue.getByLabel('状态筛选').selectOption({ label: '全部申报' });
    await expect.poll(() => queue.getByRole('row').count()).toBe(4);
    const statuses = Object.fromEntries(
      await Promise.all(Object.entries(ids).map(async ([key, id]) => [key, (await callApi(base, 'GET', `/api/applications/${id}`, { token: institutions[key]! })).body.application.status])),
    );
    // the accepted one may already be in review: the last decision moves the round on at once
    expect(statuses).toEqual({ accepted: expect.stringMatching(/^(accepted|in_review)$/), returned: 'returned', ineligible: 'ineligible' });

    // The experts review; the dashboard asks for the shortlist approval.
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    await page.goto(`${base}/console/rounds/${roundId}`);
    await expect.poll(() => nextStepText(page)).toContain('专家评审中：已提交 0 份评审意见，还有 2 份未提交。');
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    for (const expert of experts) await submitReview(base, (await reviewLinks(base, expert.email))[0]!, codes, 8);
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    await page.reload();
    await expect.poll(() => nextStepText(page)).toContain('请审定拟入围名单（拟入围 1 份）');
    expect(await page.getByRole('link', { name: '调整入围名单' }).getAttribute('href')).toBe(`/console/rounds/${roundId}/ranking`);
    await saveScreenshot(page, 'console-round-shortlist');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '批准入围名单' }).click();
    await expect.poll(() => nextStepText(page), { timeout: 30_000 }).toContain('公示至');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.shortlist.applicationIds).toEqual([ids['accepted']]);

    // Publicity ends (the runtime's clock moves on, so the session is signed in again).
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    admin = await devToken(base, { role: 'admin' });
    await waitForRoundStatus(base, admin, roundId, 'awaiting_final_approval');
    await page.close();
    const again = await signInThroughPage(browser, base, { role: 'admin', name: '职成处王科长' });
    const staff = again.page;
    await staff.setViewportSize({ width: 1366, height: 768 });
    await staff.goto(`${base}/console/rounds/${roundId}`);
    await expect.poll(() => nextStepText(staff)).toContain('请最终审定并填写认定文号');
    await staff.getByLabel('文号').fill('桂政办发〔2026〕9号');
    await staff.getByRole('button', { name: '最终审定' }).click();
    await expect.poll(() => staff.getByLabel('文号').getAttribute('aria-invalid')).toBe('true');
    expect(await staff.getByRole('region', { name: '当前待办' }).innerText()).toContain('文号应以发文机关代字“桂教职成”开头');
    await staff.getByLabel('文号').fill('桂教职成〔2026〕9号');
    await staff.getByRole('button', { name: '最终审定' }).click();
    await expect.poll(() => nextStepText(staff), { timeout: 30_000 }).toContain('认定结果已于');
    expect(await nextStepText(staff)).toContain('文号 桂教职成〔2026〕9号');
    expect(await staff.locator('[aria-current="step"]').innerText()).toBe('已发布认定结果');

    // The downloads go through the page with the session, never with a token in the URL.
    expect(await staff.getByRole('link', { name: '下载认定通知' }).getAttribute('href')).toBe(`/api/admin/rounds/${roundId}/notice.pdf`);
    const notice = await download(staff, '下载认定通知');
    expect(notice.name).toMatch(/\.pdf$/);
    expect(notice.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const workbook = await download(staff, '导出Excel');
    expect(workbook.name).toMatch(/\.xlsx$/);
    expect(workbook.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await saveScreenshot(staff, 'console-round-published');
    await fitsPhone(staff);
    expect([...problems, ...again.problems]).toEqual([]);
  }, 240_000);

  it('shows a failed workflow step with its reason and retries it once the cause is fixed', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    // Three experts per application, at least three valid reviews, two experts in the pool: assignment fails.
    const roundId = await openCityRound(base, admin, { title: '2026年市域产教联合体认定（专家不足）', expertsPerApplication: 3, minValidReviews: 3 });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-hechi' });
    await submitAcceptedApplication(base, { admin, institution }, roundId, cityConsortiumForm('河池市人民政府', '河池有色金属市域产教联合体'));

    const { page, problems } = await signInThroughPage(browser, base, { role: 'admin' });
    await page.goto(`${base}/console/rounds/${roundId}`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '截止申报' }).click();
    const failure = page.getByRole('alert').filter({ hasText: '流程异常' });
    await expect.poll(() => failure.count(), { timeout: 30_000 }).toBe(1);
    expect(await failure.innerText()).toContain('分配评审专家');
    expect(await failure.innerText()).toMatch(/请添加专家/);
    expect(await nextStepText(page)).toContain('流程环节“分配评审专家”出错');
    await saveScreenshot(page, 'console-round-failure');

    const third = { name: '专家丙', email: 'bing@console.test', organization: '桂林电子科技大学', expertise: ['电子信息'] };
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: third })).status).toBe(201);
    await failure.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => nextStepText(page), { timeout: 30_000 }).toContain('专家评审中');
    expect(await page.getByRole('alert').filter({ hasText: '流程异常' }).count()).toBe(0);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('in_review');
    expect(problems).toEqual([]);
  }, 120_000);

  it('新建批次 keeps what staff typed when the program defaults arrive after it', async () => {
    const base = runtime().baseUrl;
    const { page, problems } = await signInThroughPage(browser, base, { role: 'admin', name: '职成处王科长' });
    // the program's template (the defaults) answers late, as on a slow line
    await page.route('**/api/programs/gx-city-consortium', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByRole('button', { name: '新建批次' }).click();
    await page.getByLabel('认定项目').selectOption({ label: '广西壮族自治区市域产教联合体' });
    await page.getByLabel('每份申报专家人数').fill('2');
    await expect.poll(() => page.getByLabel('最少有效评审数').inputValue(), { timeout: 10_000 }).not.toBe('');
    expect(await page.getByLabel('每份申报专家人数').inputValue()).toBe('2');
    expect(problems).toEqual([]);
    await page.close();
  });
});

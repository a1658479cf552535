/**
 * README.md's "In the browser" walkthrough as a newcomer follows it on a fresh runtime with the
 * demo data (`npm start`): the names it tells the reader to click or fill, on the page it says,
 * with the demo data it promises. The round's later steps (screening to results) are the
 * journeys and `ui-contract.test.ts`; this file covers what only the README names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../support/http-client.js';
import { startRuntimeProcess, type RuntimeProcess } from '../support/runtime-process.js';
import { saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

let runtime: RuntimeProcess | undefined;
beforeAll(async () => {
  runtime = await startRuntimeProcess({ demo: true });
});
afterAll(async () => {
  await runtime?.dispose();
});
const browser = useBrowser();
const base = () => runtime!.baseUrl;

describe('README "In the browser" on the demo data', () => {
  it('1–3, 13: staff sign in (姓名 optional), the rounds list with the demo round, its tabs and 当前待办, 专家库 with six experts, 搜索专家, 下载导入模板, 审计记录 按对象/按批次', async () => {
    const staff = await signInThroughPage(browser(), base(), { role: 'admin', name: '职成处' });
    const { page } = staff;
    expect(new URL(page.url()).pathname).toBe('/console');
    await page.getByRole('heading', { level: 1, name: '评审批次' }).waitFor();
    const demo = page.getByRole('link', { name: /市域产教联合体认定（演示）$/ });
    await demo.waitFor();
    expect(await demo.count()).toBe(1);
    await page.getByRole('button', { name: '新建批次', exact: true }).click();
    await page.getByText('高级设置', { exact: true }).waitFor();

    await demo.click();
    await page.waitForURL(/\/console\/rounds\/[^/]+$/);
    await page.getByRole('navigation', { name: '批次页面' }).waitFor();
    for (const tab of ['概况', '形式审查', '评审进度', '评审排名', '异议处理']) expect(await page.getByRole('link', { name: tab, exact: true }).count(), tab).toBe(1);
    await page.getByRole('heading', { name: '当前待办', exact: true }).waitFor();
    await saveScreenshot(page, 'readme-demo-round');

    await page.getByRole('link', { name: '专家库', exact: true }).click();
    await page.waitForURL(/\/console\/experts$/);
    await expect.poll(() => page.getByRole('row').count()).toBe(7);
    await page.getByLabel('搜索专家', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '下载导入模板', exact: true }).or(page.getByRole('button', { name: '下载导入模板', exact: true })).count()).toBe(1);

    await page.getByRole('link', { name: '审计记录', exact: true }).click();
    await page.waitForURL(/\/console\/audit$/);
    for (const scope of ['按对象', '按批次']) expect(await page.getByRole('radio', { name: scope, exact: true }).count(), scope).toBe(1);
    await page.getByRole('textbox', { name: '对象编号', exact: true }).waitFor();
    expect(staff.problems).toEqual([]);
  });

  it('4: org-liuzhou sees the demo round with 查看申报要求 and 开始申报; a second 开始申报 opens the same application', async () => {
    const institution = await signInThroughPage(browser(), base(), { role: 'institution', orgId: 'org-liuzhou' });
    const { page } = institution;
    expect(new URL(page.url()).pathname).toBe('/portal');
    const card = page.getByRole('article', { name: /市域产教联合体认定（演示）$/ });
    await card.waitFor();
    expect(await card.getByRole('link', { name: '查看申报要求', exact: true }).count()).toBe(1);
    await card.getByRole('button', { name: '开始申报', exact: true }).click();
    await page.waitForURL(/\/portal\/applications\/[^/]+$/);
    const first = page.url();
    await page.goto(`${base()}/portal`);
    await page.getByRole('article', { name: /市域产教联合体认定（演示）$/ }).getByRole('button', { name: '开始申报', exact: true }).click();
    await page.waitForURL(/\/portal\/applications\/[^/]+$/);
    expect(page.url()).toBe(first);
    expect(institution.problems).toEqual([]);
  });

  it('7 and 12: the mail view /dev/mail?view=1 and the clock at /dev/clock answer as described', async () => {
    const mail = await fetch(`${base()}/dev/mail?view=1`);
    expect(mail.status).toBe(200);
    expect(mail.headers.get('content-type')).toContain('text/html');
    expect((await callApi(base(), 'GET', '/dev/mail')).status).toBe(200);
    const moved = await callApi(base(), 'POST', '/dev/clock', { body: { advanceSeconds: 60 } });
    expect(moved.status).toBe(200);
  });
});

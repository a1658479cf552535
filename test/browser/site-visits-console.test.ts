/**
 * Site visits (实地考察) in the console on the real local runtime: on the ranking page of a
 * seed-000 round with `siteVisit: "required"`, staff are warned that a report is missing and the
 * approval is refused; they schedule a visit (`安排实地考察`: time, experts picked by name, place) —
 * a recused expert refused with the reason beside the experts —, file its report (`填写考察报告`,
 * 有条件推荐), see the recommendation beside the scores, and then `批准入围名单` passes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { miitDemoBaseForm, miitRoundAwaitingShortlist, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();
let base: string;
let admin: string;
let roundId: string;
let form: ReturnType<typeof miitDemoBaseForm>;

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '人事教育司' });
  ({ roundId, form } = await miitRoundAwaitingShortlist(base, admin, 'svc', { siteVisit: 'required' }));
  for (const expert of [
    { name: '考察专家丙', email: 'svc-bing@experts.test', organization: '中国商飞上海飞机设计研究院' },
    { name: '企业专家丁', email: 'svc-ding@experts.test', organization: form.partnerName },
  ]) {
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: { ...expert, expertise: ['航空宇航'] } })).status).toBe(201);
  }
}, 240_000);

describe('site visits on the console ranking page', () => {
  it('schedules a visit, files its report and then approves the shortlist', async () => {
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '人事教育司' });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${base}/console/rounds/${roundId}/ranking`);
    const warning = page.getByRole('note').filter({ hasText: '本批次须进行实地考察' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`《${form.projectTitle}》`);
    await page.getByRole('button', { name: '批准入围名单' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '尚无考察报告' });
    await expect.poll(() => refusal.count()).toBe(1);
    expect(await refusal.textContent()).toBe(`本批次须进行实地考察，以下申报尚无考察报告，暂不能审定入围名单：“${form.projectTitle}”`);

    // Schedule: a recused expert is refused with the reason, beside the experts.
    await page.getByRole('button', { name: '安排实地考察' }).click();
    const scheduleForm = page.getByRole('form', { name: `安排实地考察：${form.projectTitle}` });
    await scheduleForm.getByLabel('考察时间').fill('2026-12-20T09:30');
    await scheduleForm.getByLabel('考察地点').fill('北京市海淀区学院路37号');
    await scheduleForm.getByRole('checkbox', { name: /^考察专家丙/ }).check();
    await scheduleForm.getByRole('checkbox', { name: /^企业专家丁/ }).check();
    await scheduleForm.getByRole('button', { name: '确定安排' }).click();
    const experts = scheduleForm.getByRole('group', { name: '考察专家' });
    await expect.poll(() => experts.getAttribute('aria-invalid')).toBe('true');
    expect(await experts.innerText()).toContain('企业专家丁：该专家所在单位是申报书中列出的合作单位或联合申报单位，须回避');
    await saveScreenshot(page, 'console-site-visit-refused');
    await scheduleForm.getByRole('checkbox', { name: /^企业专家丁/ }).uncheck();
    await scheduleForm.getByRole('button', { name: '确定安排' }).click();
    await page.getByRole('status').filter({ hasText: '已安排实地考察' }).waitFor();
    const row = page.locator('table.ranking > tbody > tr').first();
    await expect.poll(() => row.innerText()).toContain('已安排 2026-12-20 09:30');
    expect(await row.innerText()).toContain('考察专家：考察专家丙');

    // Report: 有条件推荐, shown beside the scores; the warning is gone.
    await row.getByRole('button', { name: '填写考察报告' }).click();
    const reportForm = page.getByRole('form', { name: `填写考察报告：${form.projectTitle}` });
    await reportForm.getByLabel('考察情况').fill('联合实验室与研究生工作站运行良好，建议补充实践课程清单。');
    await reportForm.getByRole('radio', { name: '有条件推荐' }).check();
    await reportForm.getByRole('button', { name: '提交考察报告' }).click();
    await page.getByRole('status').filter({ hasText: '考察报告已提交' }).waitFor();
    await expect.poll(() => row.innerText()).toContain('有条件推荐');
    expect(await row.getByRole('button', { name: '填写考察报告' }).count()).toBe(0);
    expect(await warning.count()).toBe(0);
    expect(await refusal.count()).toBe(0);
    await saveScreenshot(page, 'console-site-visit-reported');
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body.ranking;
    expect(ranking[0].siteVisit).toBe('conditional');

    // Now the decision passes.
    await page.getByRole('button', { name: '批准入围名单' }).click();
    await page.getByRole('status').filter({ hasText: '入围名单已批准' }).waitFor();
    await waitForRoundStatus(base, admin, roundId, 'in_publicity');
    expect(problems).toEqual([]);
  }, 120_000);
});

/**
 * Staff decide a round in the console on the real local runtime (`npm start`): the ranking
 * page of a ranked round of three applications (order, names, indicator columns,
 * recommendation counts and spread flag as the API ranks them), the shortlist adjusted with a
 * reason and approved (the round goes on public notice with exactly the chosen applications,
 * the reason in the audit trail), then an objection filed through the public API dismissed on
 * the objections page with a note.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, openCityRound, reviewLinks, submitAcceptedApplication, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { documentWidth, saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();
let base: string;
let admin: string;
let roundId: string;

const experts = [
  { name: '专家甲', email: 'decide-jia@experts.test', organization: '广西大学', expertise: ['职业教育'] },
  { name: '专家乙', email: 'decide-yi@experts.test', organization: '广西科技大学', expertise: ['汽车'] },
];

/** The three applications, and what each expert (by index) scores on every item and recommends. */
const applications = [
  { org: 'org-liuzhou', form: cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体'), reviews: [{ score: 9, recommend: true }, { score: 9, recommend: true }] },
  { org: 'org-guilin', form: cityConsortiumForm('桂林市人民政府', '桂林文旅产业市域产教联合体'), reviews: [{ score: 8, recommend: true }, { score: 7, recommend: false }] },
  { org: 'org-qinzhou', form: cityConsortiumForm('钦州市人民政府', '钦州港口物流市域产教联合体'), reviews: [{ score: 9, recommend: false }, { score: 5, recommend: false }] },
];
const ids: string[] = [];

interface IndicatorNode {
  code: string;
  title: string;
  children?: IndicatorNode[];
}
let indicators: IndicatorNode[];

const leaves = (nodes: IndicatorNode[]): IndicatorNode[] => nodes.flatMap((node) => (node.children ? leaves(node.children) : [node]));

/** An expert scores every item of the application behind `linkId` as its plan says (group 1 one point higher, so the columns differ). */
async function review(linkId: string, expertIndex: number): Promise<void> {
  const task = (await callApi(base, 'GET', `/api/review/${linkId}`)).body.task;
  const plan = applications.find((item) => item.form.projectTitle === task.applicationTitle)!.reviews[expertIndex]!;
  expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
  const scores = Object.fromEntries(leaves(indicators).map((leaf) => [leaf.code, leaf.code.startsWith('1.') ? plan.score + 1 : plan.score]));
  const scored = await callApi(base, 'POST', `/api/review/${linkId}/scores`, {
    body: { scores, comment: '已审阅全部材料。', recommendation: plan.recommend ? 'recommend' : 'not_recommend', final: true },
  });
  expect(scored.status).toBe(200);
}

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '韦处长' });
  indicators = (await callApi(base, 'GET', '/api/programs/gx-city-consortium')).body.indicators;
  for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
  roundId = await openCityRound(base, admin, { expertsPerApplication: 2, minValidReviews: 2, publicityWorkingDays: 5, quota: 2, aggregation: 'mean' });
  for (const application of applications) {
    const institution = await devToken(base, { role: 'institution', orgId: application.org });
    ids.push((await submitAcceptedApplication(base, { admin, institution }, roundId, application.form)).applicationId);
  }
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  for (const [index, expert] of experts.entries()) {
    for (const linkId of await reviewLinks(base, expert.email, applications.length)) await review(linkId, index);
  }
  await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
}, 240_000);

describe('deciding a round in the console', () => {
  it('shows the ranking as the API ranks it, takes an adjusted shortlist only with a reason, and puts exactly that list on public notice', async () => {
    const ranked = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body;
    // 柳州 (group 1 at 10, the rest at 9) before 桂林 (mean of 8s and 7s) before 钦州 (9s and 5s)
    expect(ranked.ranking.map((line: { applicationId: string }) => line.applicationId)).toEqual(ids);
    expect(ranked.proposedShortlist).toEqual([ids[0], ids[1]]);

    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '韦处长' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${base}/console/rounds/${roundId}/ranking`);
    const boxes = page.getByRole('checkbox', { name: '列入入围名单' });
    await expect.poll(() => boxes.count()).toBe(3);

    // Rows by rank, with names, scores as the API gives them, the counts and the flags.
    const rows = page.locator('table.ranking > tbody > tr');
    const texts = await rows.allInnerTexts();
    applications.forEach((application, index) => {
      expect(texts[index]).toContain(application.form.applicantName);
      expect(texts[index]).toContain(application.form.projectTitle);
      expect(texts[index]).toContain(ranked.ranking[index].score.toFixed(2));
      const recommend = application.reviews.filter((item) => item.recommend).length;
      expect(texts[index]).toContain(`推荐 ${recommend} / 不推荐 ${2 - recommend}`);
    });
    expect(await boxes.nth(0).getAttribute('aria-describedby').then((id) => page.locator(`[id="${id}"]`).textContent())).toBe(applications[0]!.form.projectTitle);
    // 钦州's experts are 40 points apart (9s against 5s): flagged; the others are not.
    expect(texts[2]).toContain('分歧较大');
    expect(texts[0]).not.toContain('分歧较大');
    expect(texts[1]).not.toContain('分歧较大');
    // Both of 钦州's experts advise against it; no tie straddles the quota's cut.
    expect(texts[2]).toContain('专家均不推荐');
    expect(texts.join('')).not.toContain('并列');
    expect(ranked.ranking.map((line: { tiedAtCut: boolean }) => line.tiedAtCut)).toEqual([false, false, false]);
    // One column per first-level indicator, titled as the program names it.
    for (const node of indicators) await expect.poll(() => page.getByRole('columnheader', { name: node.title }).count()).toBe(1);
    // The scored items of a row open below it.
    await page.getByRole('button', { name: '展开评分项' }).first().click();
    const firstItem = leaves(indicators)[0]!;
    await expect.poll(() => page.getByRole('cell', { name: firstItem.code, exact: true }).count()).toBe(1);
    expect(await page.locator('tr.items').innerText()).toContain('10.00 / 10');
    await page.getByRole('button', { name: '收起评分项' }).click();

    // Pre-checked with the proposed shortlist; the count against the quota follows the choice.
    expect([await boxes.nth(0).isChecked(), await boxes.nth(1).isChecked(), await boxes.nth(2).isChecked()]).toEqual([true, true, false]);
    await expect.poll(() => page.getByTestId('chosen-count').textContent()).toBe('2 / 2 项');
    expect(await page.getByLabel('调整理由').count()).toBe(0);
    // At 1366×768 the whole table fits: nothing to scroll sideways, inside or outside it.
    const [inner, outer] = await page.getByRole('region', { name: '评审排名与入围名单' }).evaluate((element) => [element.scrollWidth, element.clientWidth]);
    expect(inner).toBeLessThanOrEqual(outer);
    expect(await documentWidth(page)).toBeLessThanOrEqual(1366);
    await saveScreenshot(page, 'console-ranking');

    await boxes.nth(1).uncheck();
    await expect.poll(() => page.getByTestId('chosen-count').textContent()).toBe('1 / 2 项');
    const note = page.getByLabel('调整理由');
    await note.waitFor();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: '批准入围名单' }).click();
    await expect.poll(() => note.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await note.getAttribute('aria-describedby'))!.split(' ');
    expect(await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()))).toContain('请填写调整理由');
    expect(await note.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(dialogs).toEqual([]);
    await saveScreenshot(page, 'console-ranking-note-required');

    const reason = '桂林项目一名专家不推荐，经领导小组研究暂不列入。';
    await note.fill(reason);
    await page.getByRole('button', { name: '批准入围名单' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '入围名单已批准' }).count()).toBe(1);
    expect(dialogs).toEqual(['确认批准入围名单（共 1 项）？批准后名单将进入公示，不能再修改。']);
    await expect.poll(() => page.getByTestId('round-status').textContent(), { timeout: 15_000 }).toBe('公示中');
    // Read-only now: the approved list, who approved it and why.
    expect(await boxes.count()).toBe(0);
    const approved = page.getByRole('region', { name: '已批准的入围名单' });
    expect(await approved.getByRole('listitem').allInnerTexts()).toEqual([`${applications[0]!.form.applicantName}｜${applications[0]!.form.projectTitle}`]);
    expect(await approved.innerText()).toContain(reason);
    expect(await approved.innerText()).toContain('韦处长');
    await saveScreenshot(page, 'console-ranking-approved');

    const round = await waitForRoundStatus(base, admin, roundId, 'in_publicity');
    expect(round.shortlist.applicationIds).toEqual([ids[0]]);
    const events = (await callApi(base, 'GET', `/api/admin/audit?entityId=${roundId}`, { token: admin })).body.events;
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'round.shortlist_approved', detail: { count: 1, adjusted: true, note: reason } })]));

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('region', { name: '已批准的入围名单' }).waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists objections with their targets by name, open first, and resolves each only with a note', async () => {
    const target = applications[0]!.form;
    const file = async (body: Record<string, string>) => {
      const filed = await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, { body: { applicationId: ids[0]!, ...body } });
      expect(filed.status).toBe(201);
      return filed.body.receiptNumber as string;
    };
    const first = await file({ name: '李明', organization: '柳州某机械公司', phone: '13912345678', content: '公示材料中合作企业数量与实际不符，请核实。' });
    const second = await file({ name: '王芳', phone: '13987654321', content: '该联合体的实训基地尚未建成。' });

    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '韦处长' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${base}/console/rounds/${roundId}/objections`);
    const region = page.getByRole('region', { name: first });
    await region.waitFor();
    const text = await region.innerText();
    for (const part of [target.applicantName, target.projectTitle, '李明（柳州某机械公司）', '13912345678', '公示材料中合作企业数量与实际不符', '待处理']) expect(text).toContain(part);
    expect(text).not.toContain(ids[0]!);
    expect(await page.getByTestId('open-objections').textContent()).toBe('2');
    expect(await page.getByText('公示期').first().isVisible()).toBe(true);
    await saveScreenshot(page, 'console-objections');

    // Two open: each region has its own note and buttons. An empty note is refused beside the field.
    await region.getByRole('button', { name: '异议不成立' }).click();
    const note = region.getByLabel('处理意见');
    await expect.poll(() => note.getAttribute('aria-invalid')).toBe('true');
    expect(await region.getByText('请填写处理意见').count()).toBe(1);
    expect(await note.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    const reason = '经核实，合作企业数量与佐证材料一致。';
    await note.fill(reason);
    await region.getByRole('button', { name: '异议不成立' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: `异议 ${first} 已处理` }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('open-objections').textContent()).toBe('1');
    const resolved = await region.innerText();
    for (const part of ['异议不成立', reason, '韦处长']) expect(resolved).toContain(part);
    // The open one is listed first now, and its names are the only ones on the page.
    expect(await page.getByRole('region', { name: /^YY-/ }).evaluateAll((sections) => sections.map((section) => section.getAttribute('aria-label')))).toEqual([second, first]);
    expect(await page.getByRole('button', { name: '异议不成立' }).count()).toBe(1);
    await saveScreenshot(page, 'console-objections-resolved');

    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.getByLabel('处理意见').fill('经现场核查，实训基地确未建成，异议属实。');
    await page.getByRole('button', { name: '异议成立' }).click();
    await expect.poll(() => page.getByTestId('open-objections').textContent()).toBe('0');
    expect(dialogs).toEqual(['确认“异议成立”？该申报将不予认定。']);
    expect(await page.getByRole('button', { name: '异议成立' }).count()).toBe(0);

    const objections = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/objections`, { token: admin })).body.objections;
    expect(Object.fromEntries(objections.map((item: { receiptNumber: string }) => [item.receiptNumber, item]))).toMatchObject({
      [first]: { status: 'dismissed', applicant: target.applicantName, title: target.projectTitle, resolution: { outcome: 'dismissed', note: reason, by: '韦处长' } },
      [second]: { status: 'upheld', resolution: { outcome: 'upheld', note: '经现场核查，实训基地确未建成，异议属实。', by: '韦处长' } },
    });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await region.waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'console-objections-phone');
    expect(problems).toEqual([]);
  });

  it('says what a round without a ranking is waiting for', async () => {
    const waiting = await openCityRound(base, admin, { title: '2027年市域产教联合体认定', year: 2027 });
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin' });
    await page.goto(`${base}/console/rounds/${waiting}/ranking`);
    const notice = page.getByRole('status').filter({ hasText: '暂无排名' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('批次仍在申报期');
    expect(await page.getByRole('checkbox', { name: '列入入围名单' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '批准入围名单' }).count()).toBe(0);
    await saveScreenshot(page, 'console-ranking-not-ready');
    expect(problems).toEqual([]);
  });
});

/**
 * Accessibility of every page of the page catalogue on the real local runtime: axe-core's
 * WCAG 2.1 A/AA rules and best practices find no violation on any page in its important states (with real data: a
 * round in screening, in review, ranked, on public notice and published, an application with
 * evidence, an expert's review link), no page overflows sideways at 1366×768 or on a 390×844
 * phone, and a person can sign in and work with the keyboard only (skip link first, Enter
 * submits, confirmations asked first, a visible focus, the focus on the first invalid field
 * after a refusal).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPages, publicPages } from '#functions/web/page-catalog.js';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, roundOnPublicNotice, submitForScreening, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { documentWidth, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();

/**
 * axe-core's source, evaluated in the page with `page.evaluate`: the pages' CSP
 * (`script-src 'self'`) blocks an inline `<script>` that `page.addScriptTag({ content })` would
 * add, while code evaluated through the DevTools protocol is not subject to the page's CSP. So
 * the pages are checked with their real CSP in force (no `bypassCSP` context needed).
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  readonly target: readonly unknown[];
  readonly failureSummary?: string;
}
interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly AxeNode[];
}

/**
 * The violations axe-core finds on the page, one readable line each ([] when none): the WCAG 2.1
 * A/AA rules, and axe's best practices too (one main landmark, headings in order, content in
 * landmarks), which the issue's "accessible" asks for as well. Results axe cannot decide
 * ("incomplete", e.g. the contrast of text under the review page's sticky bar) are not counted.
 */
async function axeViolations(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const { passed, violations } = await page.evaluate<{ passed: number; violations: AxeViolation[] }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((result) => ({ passed: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })) }))`,
  );
  // a page axe found nothing to check on (not rendered yet) would pass vacuously
  if (passed < 5) return [`${label}: axe checked only ${passed} rules`];
  return violations.map((violation) => `${label}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`).join(' | ')}`);
}

/** The document's width beyond the viewport at 1366×768 and at 390×844 ([] when it fits both). */
async function overflows(page: Page, label: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of [
    { width: 390, height: 844 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    const width = await documentWidth(page);
    if (width > size.width) found.push(`${label}: ${width}px wide at ${size.width}×${size.height}`);
  }
  return found;
}

/** What the focused element is: its tag, id, accessible text, whether it is invalid, and its outline. */
interface Focused {
  readonly tag: string;
  readonly id: string;
  readonly text: string;
  readonly invalid: boolean;
  readonly outline: string;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(`(() => {
    const element = document.activeElement ?? document.body;
    const style = getComputedStyle(element);
    return { tag: element.tagName.toLowerCase(), id: element.id, text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(), invalid: element.getAttribute('aria-invalid') === 'true' || element.getAttribute('role') === 'alert', outline: style.outlineStyle === 'none' ? 'none' : style.outlineWidth + ' ' + style.outlineStyle };
  })()`);
}

/** Presses Tab until the focused element's text is `text` (at most `limit` times); returns how many presses it took. */
async function tabTo(page: Page, text: string, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).text === text) return presses;
  }
  throw new Error(`Tab did not reach “${text}” in ${limit} presses`);
}

/** What a page visit needs: who is signed in (a tab each), the URL, what shows it is loaded, and further states. */
interface Visit {
  readonly page: string;
  readonly label: string;
  readonly as: 'admin' | 'institution' | 'nobody';
  readonly url: string;
  readonly ready: (page: Page) => Promise<unknown>;
  readonly states?: readonly { readonly label: string; readonly act: (page: Page) => Promise<unknown> }[];
}

const catalogue = [...appPages, ...publicPages].map((entry) => entry.path);
const visited = new Set<string>();

describe('accessibility of every page on the real runtime', () => {
  const tabs = new Map<Visit['as'], Page>();
  const problems: string[] = [];

  async function tab(as: Visit['as']): Promise<Page> {
    const existing = tabs.get(as);
    if (existing) return existing;
    const base = runtime().baseUrl;
    const opened = as === 'nobody' ? await browser().open(`${base}/signin`) : await signInThroughPage(browser(), base, as === 'admin' ? { role: 'admin', name: '韦处长' } : { role: 'institution', orgId: 'org-liuzhou' });
    opened.page.on('pageerror', (error) => problems.push(error.message));
    tabs.set(as, opened.page);
    return opened.page;
  }

  /** Opens each visit, runs axe on it and on each of its states, and measures its width. */
  async function check(visits: readonly Visit[]): Promise<string[]> {
    const found: string[] = [];
    for (const visit of visits) {
      const page = await tab(visit.as);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(runtime().baseUrl + visit.url);
      await visit.ready(page);
      found.push(...(await axeViolations(page, visit.label)), ...(await overflows(page, visit.label)));
      for (const state of visit.states ?? []) {
        await state.act(page);
        found.push(...(await axeViolations(page, `${visit.label} — ${state.label}`)), ...(await overflows(page, `${visit.label} — ${state.label}`)));
      }
      visited.add(visit.page);
    }
    return found;
  }

  const status = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor();
  const rounds: { onNotice?: string; screening?: string; applicationOnNotice?: string; screened?: string; draft?: string; objection?: string } = {};
  let admin = '';

  it('the pages with a round on notice and a round in screening: sign-in, console, portal, screening, publicity, objections, experts, audit', async () => {
    const base = runtime().baseUrl;
    admin = await devToken(base, { role: 'admin', name: '职成处' });
    const liuzhou = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
    const guilin = await devToken(base, { role: 'institution', orgId: 'org-guilin' });
    const onNotice = await roundOnPublicNotice(base, { admin, institution: liuzhou });
    rounds.onNotice = onNotice.roundId;
    rounds.applicationOnNotice = onNotice.applicationId;
    const objection = await callApi(base, 'POST', `/api/public/rounds/${onNotice.roundId}/objections`, { body: { applicationId: onNotice.applicationId, name: '王某', phone: '0772-1234567', content: '合作企业数量与实际情况不符，请予核查。' } });
    expect(objection.status).toBe(201);
    rounds.screening = await openCityRound(base, admin, { title: '2026年市域产教联合体认定（第二批）', expertsPerApplication: 2, minValidReviews: 2 });
    rounds.screened = (await submitForScreening(base, guilin, rounds.screening, cityConsortiumForm('桂林市人民政府', '桂林旅游产业市域产教联合体'))).applicationId;
    const draft = await callApi(base, 'POST', '/api/applications', { token: liuzhou, body: { roundId: rounds.screening, form: { applicantName: '柳州市人民政府' } } });
    expect(draft.status).toBe(201);
    rounds.draft = draft.body.application.id;

    const found = await check([
      { page: '/signin', label: '登录', as: 'nobody', url: '/signin', ready: (page) => page.getByRole('button', { name: '登录' }).waitFor(), states: [{ label: '单位编号未填', act: async (page) => { await page.getByLabel('身份').selectOption({ label: '申报单位' }); await page.getByRole('button', { name: '登录' }).click(); await expect.poll(async () => (await focused(page)).id).toBe(await page.getByLabel('单位编号').getAttribute('id')); } }] },
      {
        page: '/console',
        label: '评审批次',
        as: 'admin',
        url: '/console',
        ready: (page) => page.getByRole('link', { name: '2026年市域产教联合体认定（第二批）' }).waitFor(),
        states: [
          { label: '新建批次表单', act: async (page) => { await page.getByRole('button', { name: '新建批次' }).click(); await page.getByLabel('批次名称').waitFor(); } },
          { label: '新建批次未填', act: async (page) => { await page.getByLabel('批次名称').fill(''); await page.getByRole('button', { name: '创建' }).click(); await page.locator('[aria-invalid="true"]').first().waitFor(); } },
        ],
      },
      { page: '/console/rounds/{id}', label: '批次详情（形式审查中）', as: 'admin', url: `/console/rounds/${rounds.screening}`, ready: (page) => page.getByRole('button', { name: '截止申报' }).waitFor() },
      { page: '/console/rounds/{id}', label: '批次详情（公示中）', as: 'admin', url: `/console/rounds/${rounds.onNotice}`, ready: (page) => page.getByRole('region', { name: '当前待办' }).waitFor() },
      {
        page: '/console/rounds/{id}/applications',
        label: '形式审查',
        as: 'admin',
        url: `/console/rounds/${rounds.screening}/applications`,
        ready: (page) => page.getByRole('button', { name: '桂林旅游产业市域产教联合体' }).waitFor(),
        states: [
          { label: '打开申报', act: async (page) => { await page.getByRole('button', { name: '桂林旅游产业市域产教联合体' }).click(); await page.getByRole('button', { name: '通过' }).waitFor(); } },
          { label: '退回理由未填', act: async (page) => { await page.getByRole('button', { name: '退回修改' }).click(); await expect.poll(async () => (await focused(page)).id).toBe(await page.getByLabel('退回理由').getAttribute('id')); } },
        ],
      },
      { page: '/console/rounds/{id}/reviews', label: '评审进度（公示中）', as: 'admin', url: `/console/rounds/${rounds.onNotice}/reviews`, ready: (page) => status(page, '专家甲') },
      { page: '/console/rounds/{id}/ranking', label: '评审排名（公示中）', as: 'admin', url: `/console/rounds/${rounds.onNotice}/ranking`, ready: (page) => status(page, '柳州汽车产业市域产教联合体') },
      { page: '/console/rounds/{id}/objections', label: '异议处理', as: 'admin', url: `/console/rounds/${rounds.onNotice}/objections`, ready: (page) => page.getByRole('button', { name: '异议不成立' }).waitFor(), states: [{ label: '处理意见未填', act: async (page) => { await page.getByRole('button', { name: '异议不成立' }).click(); await page.locator('[aria-invalid="true"], [role="alert"]').first().waitFor(); } }] },
      { page: '/console/experts', label: '专家库', as: 'admin', url: '/console/experts', ready: (page) => status(page, '专家甲'), states: [{ label: '添加专家表单', act: async (page) => { await page.getByRole('button', { name: '添加专家' }).click(); await page.getByRole('button', { name: '添加专家' }).last().waitFor(); } }] },
      { page: '/console/audit', label: '审计记录', as: 'admin', url: '/console/audit', ready: (page) => page.getByLabel('对象编号').waitFor(), states: [{ label: '查询结果', act: async (page) => { await page.getByLabel('对象编号').fill(rounds.applicationOnNotice!); await page.getByRole('button', { name: '查询' }).click(); await page.getByRole('table').first().waitFor(); } }] },
      { page: '/portal', label: '申报首页', as: 'institution', url: '/portal', ready: (page) => page.getByRole('button', { name: '开始申报' }).first().waitFor() },
      { page: '/portal/rounds/{id}', label: '申报要求', as: 'institution', url: `/portal/rounds/${rounds.screening}`, ready: (page) => page.getByRole('heading', { name: '申报条件' }).waitFor() },
      {
        page: '/portal/applications/{id}',
        label: '申报书（草稿）',
        as: 'institution',
        url: `/portal/applications/${rounds.draft}`,
        ready: (page) => page.getByRole('button', { name: '保存草稿' }).waitFor(),
        states: [
          { label: '字段错误', act: async (page) => { await page.getByLabel('联系电话').fill('12345'); await page.getByRole('button', { name: '保存草稿' }).click(); await page.locator('[aria-invalid="true"]').first().waitFor(); } },
          { label: '提交被拒', act: async (page) => { await page.getByRole('button', { name: '提交申报' }).click(); await page.getByRole('alert').first().waitFor(); } },
        ],
      },
      { page: '/portal/applications/{id}', label: '申报书（公示中）', as: 'institution', url: `/portal/applications/${rounds.applicationOnNotice}`, ready: (page) => page.getByTestId('application-status').waitFor() },
      { page: '/portal/profile', label: '单位信息', as: 'institution', url: '/portal/profile', ready: (page) => page.getByLabel('单位类型').waitFor(), states: [{ label: '信用代码错误', act: async (page) => { await page.getByLabel('统一社会信用代码').fill('123'); await page.getByRole('button', { name: '保存' }).click(); await page.locator('[aria-invalid="true"]').first().waitFor(); } }] },
      { page: '/publicity/{roundId}', label: '公示', as: 'nobody', url: `/publicity/${rounds.onNotice}`, ready: (page) => page.getByRole('button', { name: '提交异议' }).waitFor(), states: [{ label: '异议表单未填', act: async (page) => { await page.getByRole('button', { name: '提交异议' }).click(); await page.locator('[aria-invalid="true"]').first().waitFor(); } }] },
    ]);
    expect(found).toEqual([]);
  });

  it('the pages of a round in review: review progress with the 改派 form open, and the expert review page at each step', async () => {
    const base = runtime().baseUrl;
    expect((await callApi(base, 'POST', `/api/admin/applications/${rounds.screened}/screening`, { token: admin, body: { outcome: 'accept', reasons: [] } })).status).toBe(200);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${rounds.screening}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, rounds.screening!, 'in_review');
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: { name: '专家丙', email: 'a11y-bing@experts.test', organization: '桂林电子科技大学', expertise: ['旅游'] } })).status).toBe(201);
    const link = (await reviewLinks(base, 'notice-jia@experts.test', 2)).at(-1)!;

    const found = await check([
      { page: '/console/rounds/{id}', label: '批次详情（评审中）', as: 'admin', url: `/console/rounds/${rounds.screening}`, ready: (page) => page.getByRole('region', { name: '当前待办' }).waitFor() },
      { page: '/console/rounds/{id}/reviews', label: '评审进度（评审中）', as: 'admin', url: `/console/rounds/${rounds.screening}/reviews`, ready: (page) => page.getByRole('button', { name: '改派' }).first().waitFor(), states: [{ label: '改派表单', act: async (page) => { await page.getByRole('button', { name: '改派' }).first().click(); await page.getByLabel('改派给').waitFor(); } }] },
      {
        page: '/review/{linkId}',
        label: '专家评审',
        as: 'nobody',
        url: `/review/${link}`,
        ready: (page) => page.getByRole('button', { name: '确认声明' }).waitFor(),
        states: [
          { label: '评分', act: async (page) => { await page.getByRole('radio', { name: '无利益冲突' }).check(); await page.getByRole('button', { name: '确认声明' }).click(); await page.getByRole('button', { name: '提交评审' }).waitFor({ state: 'visible' }); } },
          { label: '评分未填', act: async (page) => { await page.getByRole('button', { name: '提交评审' }).click(); await page.locator('#score-form [aria-invalid="true"]').first().waitFor(); } },
        ],
      },
    ]);
    expect(found).toEqual([]);
  });

  it('the ranking of a reviewed round, and the results of a published round', async () => {
    const base = runtime().baseUrl;
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    // 专家甲 declared no conflict on the page already; 专家乙 declares it over the API.
    const scores = { scores: Object.fromEntries(codes.map((code) => [code, 7])), comment: '材料完整。', recommendation: 'recommend', final: true };
    expect((await callApi(base, 'POST', `/api/review/${(await reviewLinks(base, 'notice-jia@experts.test', 2)).at(-1)}/scores`, { body: scores })).status).toBe(200);
    await submitReview(base, (await reviewLinks(base, 'notice-yi@experts.test', 2)).at(-1)!, codes, 7);
    await waitForRoundStatus(base, admin, rounds.screening!, 'awaiting_shortlist_approval');
    const found = await check([
      { page: '/console/rounds/{id}/ranking', label: '评审排名（待批准入围）', as: 'admin', url: `/console/rounds/${rounds.screening}/ranking`, ready: (page) => page.getByRole('checkbox', { name: '列入入围名单' }).first().waitFor(), states: [{ label: '调整入围名单', act: async (page) => { await page.getByRole('checkbox', { name: '列入入围名单' }).first().uncheck(); } }] },
      { page: '/console/rounds/{id}', label: '批次详情（待批准入围）', as: 'admin', url: `/console/rounds/${rounds.screening}`, ready: (page) => page.getByRole('button', { name: '批准入围名单' }).waitFor() },
    ]);

    // The round on notice ends its publicity and is published; the sessions signed in before the clock moved have expired.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    const staff = await devToken(base, { role: 'admin', name: '职成处' });
    const objections = (await callApi(base, 'GET', `/api/admin/rounds/${rounds.onNotice}/objections`, { token: staff })).body.objections;
    expect((await callApi(base, 'POST', `/api/admin/objections/${objections[0].id}/resolve`, { token: staff, body: { outcome: 'dismissed', note: '经核实，合作企业数量属实。' } })).status).toBe(200);
    await waitForRoundStatus(base, staff, rounds.onNotice!, 'awaiting_final_approval');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${rounds.onNotice}/final-approval`, { token: staff, body: { approve: true, noticeNumber: '桂教职成〔2026〕8号' } })).status).toBe(200);
    await waitForRoundStatus(base, staff, rounds.onNotice!, 'published');

    for (const page of tabs.values()) await page.close();
    tabs.clear();
    found.push(
      ...(await check([
      { page: '/console/rounds/{id}', label: '批次详情（已发布）', as: 'admin', url: `/console/rounds/${rounds.onNotice}`, ready: (page) => page.getByRole('link', { name: '下载认定通知' }).waitFor() },
      { page: '/console/rounds/{id}/objections', label: '异议处理（已处理）', as: 'admin', url: `/console/rounds/${rounds.onNotice}/objections`, ready: (page) => status(page, '经核实，合作企业数量属实。') },
      { page: '/portal/applications/{id}', label: '申报书（已认定）', as: 'institution', url: `/portal/applications/${rounds.applicationOnNotice}`, ready: (page) => page.getByTestId('application-status').waitFor() },
      { page: '/results/{roundId}', label: '认定结果', as: 'nobody', url: `/results/${rounds.onNotice}`, ready: (page) => page.getByRole('link', { name: '下载认定通知' }).waitFor() },
      {
        page: '/console/programs',
        label: '认定项目',
        as: 'admin',
        url: '/console/programs',
        ready: (page) => page.getByRole('link', { name: '上海市产教融合标杆学校' }).waitFor(),
        states: [
          { label: '新增认定项目表单', act: async (page) => { await page.getByRole('button', { name: '新增认定项目' }).click(); await page.getByLabel('模板 JSON').waitFor(); } },
          { label: '模板有误', act: async (page) => { await page.getByLabel('模板 JSON').fill('{}'); await page.getByRole('button', { name: '保存' }).click(); await page.getByRole('alert').waitFor(); } },
        ],
      },
      { page: '/console/programs/{id}', label: '认定项目详情', as: 'admin', url: '/console/programs/sh-industry-enterprise', ready: (page) => page.getByRole('heading', { name: '评审指标' }).waitFor(), states: [{ label: '发布新版本表单', act: async (page) => { await page.getByRole('button', { name: '发布新版本' }).click(); await page.getByLabel('模板 JSON').waitFor(); } }] },
      { page: '/console/units', label: '认定单位', as: 'admin', url: '/console/units', ready: (page) => page.getByRole('cell', { name: '建设中' }).first().waitFor() },
      { page: '/console/reports', label: '年度报告', as: 'admin', url: '/console/reports', ready: (page) => page.getByText('没有符合条件的年度报告。').waitFor() },
      {
        page: '/portal/units',
        label: '认定单位（年度报告）',
        as: 'institution',
        url: '/portal/units',
        ready: (page) => page.getByRole('button', { name: /^填报 / }).first().waitFor(),
        states: [{ label: '填报年度报告', act: async (page) => { await page.getByRole('button', { name: /^填报 / }).first().click(); await page.getByLabel('年度工作计划', { exact: true }).waitFor(); } }],
      },
      ])),
    );
    expect(found).toEqual([]);
  });

  it('the checker reports a violation when a page has one (an unlabelled text box)', async () => {
    const { page } = await browser().open(`${runtime().baseUrl}/signin`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.evaluate(`document.querySelector('main').append(Object.assign(document.createElement('input'), { type: 'text' }))`);
    expect((await axeViolations(page, '登录')).map((line) => line.split(' ')[1])).toEqual(['label']);
    await page.close();
  });

  it('signs in, works and signs out with the keyboard only: skip link first, Enter submits, confirmations asked first, a visible focus, the focus on the first invalid field after a refusal', async () => {
    const base = runtime().baseUrl;
    const staff = await devToken(base, { role: 'admin', name: '职成处' });
    const roundId = await openCityRound(base, staff, { title: '2026年市域产教联合体认定（键盘）' });
    const { page, problems: pageProblems } = await browser().open(`${base}/signin`);
    await page.getByRole('button', { name: '登录' }).waitFor();

    // The skip link comes first; following it, the next stop is the first field of the form.
    expect(await tabTo(page, '跳到主要内容', 1)).toBe(1);
    expect((await focused(page)).outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe(await page.getByLabel('身份').getAttribute('id'));
    await tabTo(page, '', 3); // 单位编号 (empty)
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe(await page.getByLabel('姓名').getAttribute('id'));
    await page.keyboard.type('韦处长');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/console`);
    await page.getByRole('button', { name: '退出登录' }).waitFor();

    // 新建批次 by keyboard, with a visible focus ring; 创建 with nothing filled moves the focus to the first invalid field.
    await page.getByRole('link', { name: '2026年市域产教联合体认定（键盘）' }).waitFor();
    expect(await tabTo(page, '跳到主要内容', 1)).toBe(1);
    await tabTo(page, '新建批次');
    expect((await focused(page)).outline).toMatch(/^[1-9]\d*(\.\d+)?px solid$/);
    await page.keyboard.press('Enter');
    await page.getByLabel('批次名称').waitFor();
    await page.getByLabel('批次名称').fill('');
    await tabTo(page, '创建', 60);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).invalid).toBe(true);

    // 截止申报 by Enter asks first in the browser's own dialog (keyboard-operable by construction):
    // dismissing it leaves the round open, accepting it closes intake.
    await page.goto(`${base}/console/rounds/${roundId}`);
    await page.getByRole('button', { name: '截止申报' }).waitFor();
    await tabTo(page, '截止申报');
    const asked: string[] = [];
    page.once('dialog', (dialog) => void (asked.push(dialog.type()), dialog.dismiss()));
    await page.keyboard.press('Enter');
    await expect.poll(() => asked).toEqual(['confirm']);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: staff })).body.round.status).toBe('open');
    expect((await focused(page)).text).toBe('截止申报');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('Enter');
    await eventually(async () => ((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: staff })).body.round.status === 'open' ? undefined : true), 'intake closed');

    // 退出登录 by keyboard lands on the sign-in page, whose first stop is the skip link again.
    await tabTo(page, '退出登录');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/signin/);
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await tabTo(page, '跳到主要内容', 1)).toBe(1);
    expect(pageProblems).toEqual([]);
    await page.close();
  });

  it('visits every page of the catalogue, without a script error', () => {
    expect(catalogue.filter((path) => !visited.has(path))).toEqual([]);
    expect(problems).toEqual([]);
  });
});

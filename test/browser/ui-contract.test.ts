/**
 * UI.md as an outside test reads it, on the real local runtime: every page's names, found the
 * way Playwright's `getByRole(role, { name, exact: true })` and `getByLabel(label, { exact: true })`
 * find them, in the state where UI.md says they exist — and found once where a person expects
 * one (strict mode), or once per application / task / objection when scoped by its title, the
 * expert's name or the receipt number. The round is driven through the pages where UI.md names
 * the action, otherwise through the API. It also pins how the confirmed actions ask: with the
 * native `window.confirm`, which Playwright dismisses unless a handler accepts it (then the
 * action does nothing).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applicationStatusLabels } from '#shared/domain/status-labels.js';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, submitForScreening, waitForApplicationStatus, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf } from '../support/uploads.js';
import { saveScreenshot, signInThroughPage, useBrowser, type OpenedPage } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();

/** Resolves once `locator` matches exactly one element (what strict mode needs). */
async function exactlyOne(locator: Locator, what: string): Promise<void> {
  await locator.first().waitFor({ state: 'attached' });
  expect(await locator.count(), what).toBe(1);
}

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const label = (scope: Page | Locator, text: string) => scope.getByLabel(text, { exact: true });

/** `<html lang="zh-CN">` and one `退出登录`: the rules of every signed-in page. */
async function signedInPage(page: Page): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  await exactlyOne(button(page, '退出登录'), `退出登录 on ${page.url()}`);
}

/** The Chinese status label in `data-testid="application-status"`. */
async function statusShown(page: Page, status: keyof typeof applicationStatusLabels): Promise<void> {
  await expect.poll(() => page.getByTestId('application-status').innerText()).toContain(applicationStatusLabels[status]);
}

const experts = [
  { name: '黄专家', email: 'huang@contract.test', organization: '广西大学', expertise: ['职业教育'] },
  { name: '陆专家', email: 'lu@contract.test', organization: '广西科技大学', expertise: ['汽车'] },
  { name: '莫专家', email: 'mo@contract.test', organization: '桂林理工大学', expertise: ['机械'] },
];
const liuzhou = cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体');
const yulin = { ...cityConsortiumForm('玉林市人民政府', '玉林机械装备市域产教联合体'), contactEmail: 'b@yulin.test' };
const roundTitle = '2026年市域产教联合体认定';
const otherRoundTitle = '2026年市域产教联合体认定（第二批）';

const state = { roundId: '', admin: '', liuzhouToken: '', liuzhouId: '', yulinId: '', staff: undefined as OpenedPage | undefined, objectionReceipt: '' };
const staffPage = () => state.staff!.page;
const roundPath = (suffix = '') => `${runtime().baseUrl}/console/rounds/${encodeURIComponent(state.roundId)}${suffix}`;

describe('UI.md names on the real runtime', () => {
  it('sign-in: 身份 with 管理员 and 申报单位, 单位编号, 登录; staff land on /console, institutions on /portal', async () => {
    const base = runtime().baseUrl;
    const { page, problems } = await browser().open(`${base}/signin`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await exactlyOne(page.getByRole('combobox', { name: '身份', exact: true }), '身份');
    const roleBox = page.getByRole('combobox', { name: '身份', exact: true });
    for (const option of ['管理员', '申报单位']) await exactlyOne(roleBox.getByRole('option', { name: option, exact: true }), option);
    await roleBox.selectOption({ label: '申报单位' });
    await exactlyOne(page.getByRole('textbox', { name: '单位编号', exact: true }), '单位编号');
    await exactlyOne(button(page, '登录'), '登录');
    await page.close();
    expect(problems).toEqual([]);

    const staff = await signInThroughPage(browser(), base, { role: 'admin', name: '职成处' });
    expect(new URL(staff.page.url()).pathname).toBe('/console');
    await signedInPage(staff.page);
    state.staff = staff;
    const institution = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-liuzhou' });
    expect(new URL(institution.page.url()).pathname).toBe('/portal');
    await signedInPage(institution.page);
    await institution.page.close();
  });

  it('/console: 新建批次 opens the fields 认定项目 … 每份申报专家人数 and 创建', async () => {
    const page = staffPage();
    await exactlyOne(button(page, '新建批次'), '新建批次');
    await button(page, '新建批次').click();
    for (const name of ['认定项目', '批次名称', '年度', '申报开始时间', '申报截止时间', '每份申报专家人数']) await exactlyOne(label(page, name), name);
    expect(await label(page, '认定项目').evaluate((node) => node.tagName)).toBe('SELECT');
    await exactlyOne(button(page, '创建'), '创建');
    await saveScreenshot(page, 'contract-new-round');
  });

  it('/console 新建批次: what a person types before the program\'s defaults arrive stays as typed', async () => {
    const page = staffPage();
    // the program's template answers late, as on a slow line
    await page.route('**/api/programs/gx-city-consortium', async (route) => {
      await new Promise((done) => setTimeout(done, 800));
      await route.continue();
    });
    await label(page, '认定项目').selectOption({ label: '广西壮族自治区市域产教联合体' });
    await label(page, '每份申报专家人数').fill('2');
    await page.getByText('高级设置', { exact: true }).click();
    await expect.poll(() => label(page, '最少有效评审数').inputValue()).not.toBe('');
    expect(await label(page, '每份申报专家人数').inputValue()).toBe('2');
    await page.unroute('**/api/programs/gx-city-consortium');
  });

  it('/console/experts: 导入专家 with the file input 专家名单文件, 添加专家; /console/audit: 对象编号 and 查询', async () => {
    const base = runtime().baseUrl;
    const page = staffPage();
    await page.goto(`${base}/console/experts`);
    await signedInPage(page);
    await exactlyOne(button(page, '导入专家'), '导入专家');
    await exactlyOne(label(page, '专家名单文件'), '专家名单文件');
    expect(await label(page, '专家名单文件').getAttribute('type')).toBe('file');
    await exactlyOne(button(page, '添加专家'), '添加专家');
    // README: `添加专家` (fill the form, then `添加专家` again) — one such button while the form is open too
    await button(page, '添加专家').click();
    await exactlyOne(button(page, '添加专家'), '添加专家 with the form open');
    await page.goto(`${base}/console/audit`);
    await signedInPage(page);
    await exactlyOne(page.getByRole('textbox', { name: '对象编号', exact: true }), '对象编号');
    await exactlyOne(button(page, '查询'), '查询');
  });

  it('/portal: a link per open round with its title and one 开始申报 each; the application page names every field and material', async () => {
    const base = runtime().baseUrl;
    state.admin = await devToken(base, { role: 'admin', name: '职成处' });
    for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: state.admin, body: expert })).status).toBe(201);
    state.roundId = await openCityRound(base, state.admin, { expertsPerApplication: 2, minValidReviews: 2, publicityWorkingDays: 5 });
    await openCityRound(base, state.admin, { title: otherRoundTitle });
    const portal = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-liuzhou' });
    const { page } = portal;
    page.on('dialog', (dialog) => void dialog.accept());
    for (const title of [roundTitle, otherRoundTitle]) await exactlyOne(page.getByRole('link', { name: title, exact: true }), `link ${title}`);
    await expect.poll(() => button(page, '开始申报').count()).toBe(2);
    // each reachable by scoping to the round's card, an article named by its title
    const entry = page.getByRole('article', { name: roundTitle, exact: true });
    await exactlyOne(button(entry, '开始申报'), `开始申报 of ${roundTitle}`);
    await exactlyOne(button(page.getByRole('article', { name: otherRoundTitle, exact: true }), '开始申报'), `开始申报 of ${otherRoundTitle}`);
    await saveScreenshot(page, 'contract-portal');
    await button(entry, '开始申报').click();
    await page.waitForURL(/\/portal\/applications\/[^/]+$/);
    state.liuzhouId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await signedInPage(page);
    await statusShown(page, 'draft');
    for (const name of ['保存草稿', '提交申报', '撤回申报']) await exactlyOne(button(page, name), name);

    // every field of the program, labelled exactly with its template label
    const program = (await callApi(base, 'GET', '/api/programs/gx-city-consortium')).body;
    const values: Record<string, unknown> = liuzhou;
    type TemplateField = { key: string; label: string; type: string; when?: { field: string; equals: unknown } };
    const fields = program.form as TemplateField[];
    const controlOf = (field: TemplateField) => (field.type === 'multiselect' ? page.getByRole('group', { name: field.label, exact: true }) : label(page, field.label));
    const setValue = async (field: TemplateField, value: unknown) => {
      const control = controlOf(field);
      if (field.type === 'select') await control.selectOption(String(value));
      else if (field.type === 'boolean') await control.setChecked(value === true);
      else await control.fill(String(value));
    };
    for (const field of fields) {
      // a conditional field is checked with its condition met, then the condition is put back
      const controller = field.when ? fields.find((other) => other.key === field.when!.field)! : undefined;
      if (controller) await setValue(controller, field.when!.equals);
      await exactlyOne(controlOf(field), `field ${field.key} «${field.label}»`);
      if (controller) await setValue(controller, values[controller.key]);
      const value = values[field.key];
      if (value !== undefined) await setValue(field, value);
    }
    for (const material of program.materials as { key: string; title: string }[]) {
      const input = label(page, material.title);
      await exactlyOne(input, `material ${material.key} «${material.title}»`);
      expect(await input.getAttribute('type')).toBe('file');
    }
    await button(page, '保存草稿').click();
    await expect.poll(async () => (await callApi(base, 'GET', `/api/applications/${state.liuzhouId}`, { token: await devToken(base, { role: 'institution', orgId: 'org-liuzhou' }) })).body.application.form?.projectTitle).toBe(liuzhou.projectTitle);
    const required = (program.materials as { title: string; required: boolean }[]).filter((material) => material.required);
    const pdf = Buffer.from(await samplePdf(2));
    for (const material of required) {
      await label(page, material.title).setInputFiles({ name: `${material.title}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await page.getByText('已通过校验').nth(required.indexOf(material)).waitFor();
    }
    await button(page, '提交申报').click();
    state.liuzhouToken = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
    await waitForApplicationStatus(base, state.liuzhouToken, state.liuzhouId, 'screening');
    await page.reload();
    await statusShown(page, 'screening');
    await exactlyOne(button(page, '撤回申报'), '撤回申报 while in formal review');
    await saveScreenshot(page, 'contract-application');
    expect(portal.problems).toEqual([]);
    await page.close();
  });

  it('dashboard while open: 截止申报 asks with window.confirm — dismissed (Playwright\'s default) nothing happens, accepted the intake closes', async () => {
    const base = runtime().baseUrl;
    const yulinToken = await devToken(base, { role: 'institution', orgId: 'org-yulin' });
    state.yulinId = (await submitForScreening(base, yulinToken, state.roundId, yulin)).applicationId;
    const page = staffPage();
    await page.goto(roundPath());
    await signedInPage(page);
    await exactlyOne(button(page, '截止申报'), '截止申报');
    await button(page, '截止申报').click();
    await page.waitForTimeout(500);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${state.roundId}`, { token: state.admin })).body.round.status).toBe('open');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await button(page, '截止申报').click();
    await waitForRoundStatus(base, state.admin, state.roundId, 'screening');
    expect(asked).toEqual(['confirm']);
  });

  it('screening queue: per application 通过, 退回修改 with 退回理由, 不予受理 — one each on the page with one application open', async () => {
    const base = runtime().baseUrl;
    const page = staffPage();
    await page.goto(roundPath('/applications'));
    await signedInPage(page);
    for (const form of [liuzhou, yulin]) {
      // the queue's entry is a button whose name holds the title (not a UI.md name)
      await exactlyOne(page.getByRole('button', { name: form.projectTitle }), `open ${form.projectTitle}`);
      await page.getByRole('button', { name: form.projectTitle }).click();
      for (const name of ['通过', '退回修改', '不予受理']) await exactlyOne(button(page, name), `${name} for ${form.projectTitle}`);
      await exactlyOne(page.getByRole('textbox', { name: '退回理由', exact: true }), `退回理由 for ${form.projectTitle}`);
      await button(page, '通过').click();
      await page.getByRole('status').filter({ hasText: form.projectTitle }).first().waitFor();
    }
    await waitForRoundStatus(base, state.admin, state.roundId, 'in_review');
  });

  it('/console/rounds/{id}/reviews: one 改派 per task, reachable by application and expert', async () => {
    const base = runtime().baseUrl;
    const page = staffPage();
    await page.goto(roundPath('/reviews'));
    await signedInPage(page);
    const progress = (await callApi(base, 'GET', `/api/admin/rounds/${state.roundId}/progress`, { token: state.admin })).body;
    const tasks = (progress.applications as { applicationTitle?: string; title?: string; tasks: { expertName: string }[] }[]).flatMap((entry) => entry.tasks.map((task) => ({ title: entry.applicationTitle ?? entry.title ?? '', expert: task.expertName })));
    expect(tasks).toHaveLength(4);
    await expect.poll(() => button(page, '改派').count()).toBe(4);
    for (const task of tasks) {
      const region = page.getByRole('region', { name: new RegExp(task.title) });
      await exactlyOne(region, `region of ${task.title}`);
      const row = region.getByRole('row', { name: new RegExp(task.expert) });
      await exactlyOne(row, `row of ${task.expert} in ${task.title}`);
      await exactlyOne(button(row, '改派'), `改派 of ${task.expert} in ${task.title}`);
    }
  });

  it('/review/{linkId}: 无利益冲突, 存在利益冲突, 确认声明; a number per leaf indicator by its code; 推荐, 不推荐, 保存草稿, 提交评审, 谢绝评审', async () => {
    const base = runtime().baseUrl;
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    const progress = (await callApi(base, 'GET', `/api/admin/rounds/${state.roundId}/progress`, { token: state.admin })).body;
    const mailed = (name: string) => progress.applications.flatMap((entry: { tasks: { expertName: string }[] }) => entry.tasks).filter((task: { expertName: string }) => task.expertName === name).length;
    const links = (await Promise.all(experts.map(async (expert) => (mailed(expert.name) ? reviewLinks(base, expert.email, mailed(expert.name)) : [])))).flat();
    expect(links).toHaveLength(4);
    // README step 7: the mail view lists each 【评审邀请】 with its link 进入评审
    const mails = await browser().open(`${base}/dev/mail?view=1`);
    expect(await mails.page.getByRole('link', { name: /【评审邀请】/ }).count()).toBeGreaterThanOrEqual(4);
    await mails.page.getByRole('link', { name: /【评审邀请】/ }).first().click();
    const enter = mails.page.getByRole('link', { name: '进入评审', exact: true });
    await exactlyOne(enter, '进入评审 in the mail');
    expect(await enter.getAttribute('href')).toMatch(/\/review\/[^/]+$/);
    await mails.page.close();
    const { page, problems } = await browser().open(`${base}/review/${links[0]}`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    for (const name of ['无利益冲突', '存在利益冲突']) await exactlyOne(page.getByRole('radio', { name, exact: true }), name);
    await exactlyOne(button(page, '确认声明'), '确认声明');
    await page.getByRole('radio', { name: '无利益冲突', exact: true }).check();
    await button(page, '确认声明').click();
    for (const code of codes) await exactlyOne(page.getByRole('spinbutton', { name: new RegExp(`^${code.replace(/[.]/g, '\\.')}`) }), `score ${code}`);
    for (const name of ['推荐', '不推荐']) await exactlyOne(page.getByRole('radio', { name, exact: true }), name);
    for (const name of ['保存草稿', '提交评审', '谢绝评审']) await exactlyOne(button(page, name), name);
    for (const code of codes) await page.getByRole('spinbutton', { name: new RegExp(`^${code.replace(/[.]/g, '\\.')}`) }).fill('8');
    await page.getByLabel('评审意见').fill('材料完整，特色鲜明。');
    await page.getByRole('radio', { name: '推荐', exact: true }).check();
    // 提交评审 asks with window.confirm: Playwright dismisses it by default, so nothing is sent …
    await button(page, '提交评审').click();
    await page.waitForTimeout(500);
    expect((await callApi(base, 'GET', `/api/review/${links[0]}`)).body.task.status).not.toBe('submitted');
    // … and with the dialog accepted, it is
    page.once('dialog', (dialog) => void dialog.accept());
    await button(page, '提交评审').click();
    await expect.poll(async () => (await callApi(base, 'GET', `/api/review/${links[0]}`)).body.task.status).toBe('submitted');
    await saveScreenshot(page, 'contract-review');
    expect(problems).toEqual([]);
    await page.close();
    for (const linkId of links.slice(1)) {
      expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
      const scores = Object.fromEntries(codes.map((code) => [code, 8]));
      expect((await callApi(base, 'POST', `/api/review/${linkId}/scores`, { body: { scores, comment: '材料完整。', recommendation: 'recommend', final: true } })).status).toBe(200);
    }
    await waitForRoundStatus(base, state.admin, state.roundId, 'awaiting_shortlist_approval');
  });

  it('awaiting shortlist approval: 列入入围名单 per application and one 批准入围名单 on the ranking page and on the dashboard, both asking with window.confirm', async () => {
    const base = runtime().baseUrl;
    const page = staffPage();
    await page.goto(roundPath('/ranking'));
    await signedInPage(page);
    await expect.poll(() => page.getByRole('checkbox', { name: '列入入围名单', exact: true }).count()).toBe(2);
    for (const form of [liuzhou, yulin]) {
      await exactlyOne(page.getByRole('row').filter({ hasText: form.projectTitle }).getByRole('checkbox', { name: '列入入围名单', exact: true }), `列入入围名单 of ${form.projectTitle}`);
    }
    await exactlyOne(button(page, '批准入围名单'), '批准入围名单 on the ranking');
    // the ranking asks with window.confirm: unhandled, Playwright dismisses it and nothing happens
    await button(page, '批准入围名单').click();
    await page.waitForTimeout(500);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${state.roundId}`, { token: state.admin })).body.round.status).toBe('awaiting_shortlist_approval');
    await page.goto(roundPath());
    await exactlyOne(button(page, '批准入围名单'), '批准入围名单 on the dashboard');
    // the dashboard asks with window.confirm too
    page.once('dialog', (dialog) => void dialog.accept());
    await button(page, '批准入围名单').click();
    await waitForRoundStatus(base, state.admin, state.roundId, 'in_publicity');
  });

  it('/publicity/{roundId}: 异议对象, 姓名（或单位名称）, 联系电话, 异议内容, 提交异议', async () => {
    const base = runtime().baseUrl;
    const { page, problems } = await browser().open(`${base}/publicity/${encodeURIComponent(state.roundId)}`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await button(page, '提交异议').waitFor();
    for (const name of ['异议对象', '姓名（或单位名称）', '联系电话', '异议内容']) await exactlyOne(label(page, name), name);
    await exactlyOne(button(page, '提交异议'), '提交异议');
    await label(page, '异议对象').selectOption({ label: `${yulin.applicantName} — ${yulin.projectTitle}` });
    await label(page, '姓名（或单位名称）').fill('李某');
    await label(page, '联系电话').fill('13900000000');
    await label(page, '异议内容').fill('该联合体的合作企业数量与实际情况不符，请核查。');
    await button(page, '提交异议').click();
    const receipt = page.getByText(/受理编号：YY-2026-\d{6}/);
    await receipt.waitFor();
    state.objectionReceipt = /YY-2026-\d{6}/.exec((await receipt.textContent()) ?? '')![0];
    expect(problems).toEqual([]);
    await page.close();
  });

  it('/console/rounds/{id}/objections: 处理意见, 异议成立 (window.confirm), 异议不成立 per open objection', async () => {
    const base = runtime().baseUrl;
    const page = staffPage();
    await page.goto(roundPath('/objections'));
    await signedInPage(page);
    const card = page.getByRole('region', { name: state.objectionReceipt });
    await exactlyOne(card, `objection ${state.objectionReceipt}`);
    for (const name of ['异议成立', '异议不成立']) {
      await exactlyOne(button(page, name), `${name} on the page`);
      await exactlyOne(button(card, name), `${name} of ${state.objectionReceipt}`);
    }
    await exactlyOne(page.getByRole('textbox', { name: '处理意见', exact: true }), '处理意见');
    await card.getByRole('textbox', { name: '处理意见', exact: true }).fill('经核实，异议不成立。');
    // 异议成立 asks with window.confirm; unhandled, nothing is decided
    await button(card, '异议成立').click();
    await page.waitForTimeout(500);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${state.roundId}/objections`, { token: state.admin })).body.objections[0].status).toBe('open');
    await button(card, '异议不成立').click();
    await expect.poll(async () => (await callApi(base, 'GET', `/api/admin/rounds/${state.roundId}/objections`, { token: state.admin })).body.objections[0].status).toBe('dismissed');
  });

  it('awaiting final approval: 文号 and 最终审定 on the dashboard; then 下载认定通知 and 导出Excel; /results 下载认定通知; the portal shows 已认定', async () => {
    const base = runtime().baseUrl;
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    state.admin = await devToken(base, { role: 'admin', name: '职成处' });
    await waitForRoundStatus(base, state.admin, state.roundId, 'awaiting_final_approval');
    const again = await signInThroughPage(browser(), base, { role: 'admin', name: '职成处' });
    const { page } = again;
    await page.goto(roundPath());
    await signedInPage(page);
    await exactlyOne(page.getByRole('textbox', { name: '文号', exact: true }), '文号');
    await exactlyOne(button(page, '最终审定'), '最终审定');
    await page.getByRole('textbox', { name: '文号', exact: true }).fill('桂教职成〔2026〕8号');
    await button(page, '最终审定').click();
    await waitForRoundStatus(base, state.admin, state.roundId, 'published');
    for (const name of ['下载认定通知', '导出Excel']) await exactlyOne(page.getByRole('link', { name, exact: true }), `${name} on the dashboard`);
    // README step 13: 审计记录, 按对象 with 对象编号 → 查询 lists the application's trail
    await page.getByRole('link', { name: '审计记录', exact: true }).click();
    await page.waitForURL(/\/console\/audit$/);
    await page.getByRole('radio', { name: '按对象', exact: true }).check();
    await page.getByRole('textbox', { name: '对象编号', exact: true }).fill(state.liuzhouId);
    await button(page, '查询').click();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(3);
    expect(again.problems).toEqual([]);

    const results = await browser().open(`${base}/results/${encodeURIComponent(state.roundId)}`);
    expect(await results.page.getAttribute('html', 'lang')).toBe('zh-CN');
    await exactlyOne(results.page.getByRole('link', { name: '下载认定通知', exact: true }), '下载认定通知 on the results');
    await results.page.getByText('桂教职成〔2026〕8号').first().waitFor();
    await results.page.getByText(liuzhou.applicantName).first().waitFor();
    expect(results.problems).toEqual([]);

    const portal = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-liuzhou' });
    await portal.page.goto(`${base}/portal/applications/${encodeURIComponent(state.liuzhouId)}`);
    await statusShown(portal.page, 'recognized');
    await exactlyOne(portal.page.getByRole('link', { name: '下载认定通知', exact: true }).or(button(portal.page, '下载认定通知')), '下载认定通知 in the portal');
    expect(portal.problems).toEqual([]);
    expect(state.staff!.problems).toEqual([]);
  });
});

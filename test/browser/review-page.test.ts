/**
 * The expert review page in real headless Chromium. The page handler of `functions/web/pages.ts`
 * is served by a tiny HTTP server in the test; the JSON API the page calls is a fake that
 * answers in the shapes of API.md and records every request, so the assertions are about the
 * page's own behaviour: the declaration comes before the materials, the total follows the
 * typed scores, API errors show next to the fields and the submission posts `final: true`.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, startPageHarness, type PageHarness } from './page-harness.js';

const linkId = 'LinkAbcdefghijklmnopqrstuv';
const expiredLinkId = 'LinkExpiredxxxxxxxxxxxxxxx';
const dueAt = '2026-12-01T09:59:00.000Z';

/** One request the page sent to the fake API. */
interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

const program = {
  id: 'test-program',
  name: '校企协同育人示范基地',
  issuer: '某省教育厅',
  policyRef: '某教发〔2026〕1号',
  applicantKinds: [{ code: 'college', label: '高校', organizationKinds: ['undergraduate_university'] }],
  form: [
    { key: 'applicantName', label: '申报单位', type: 'text', required: true },
    { key: 'projectTitle', label: '项目名称', type: 'text', required: true },
    { key: 'cooperationYears', label: '合作年限', type: 'number', required: true, unit: '年' },
    { key: 'hasOrderClass', label: '是否开设订单班', type: 'boolean', required: true },
  ],
  materials: [{ key: 'plan', title: '建设方案', required: true, formats: ['pdf'], maxBytes: 10_000_000 }],
};

const indicators = [
  {
    code: '1',
    title: '合作基础',
    children: [
      { code: '1.1', title: '校企合作年限' },
      { code: '1.2', title: '共建实训平台' },
    ],
  },
  {
    code: '2',
    title: '育人成效',
    children: [
      { code: '2.1', title: '学生就业质量' },
      { code: '2.2', title: '订单班培养', when: { field: 'hasOrderClass', equals: true } },
      { code: '2.3', title: '现代学徒制', when: { field: 'hasOrderClass', equals: false } },
    ],
  },
];

/** The fake review and programs API, in the response shapes of API.md. */
class FakeApi {
  readonly calls: Call[] = [];
  status = 'invited';
  /** The due time has passed although the workflow has not yet marked the task expired. */
  pastDue = false;
  scoreAnswers: { status: number; body: unknown }[] = [];

  answer(method: string, path: string, body: unknown): { status: number; body: unknown } {
    this.calls.push(body === undefined ? { method, path } : { method, path, body });
    const error = (status: number, code: string, message: string, details: unknown[] = []) => ({ status, body: { error: { code, message, details } } });
    if (method === 'GET' && path === '/api/programs') {
      return { status: 200, body: { programs: [{ id: program.id, name: program.name, issuer: program.issuer, policyRef: program.policyRef, applicantKinds: program.applicantKinds }] } };
    }
    if (method === 'GET' && path === `/api/programs/${program.id}`) return { status: 200, body: { program: { ...program, indicators } } };
    if (path.startsWith(`/api/review/${expiredLinkId}`)) return error(410, 'LINK_EXPIRED', '该评审链接已过截止时间');
    if (!path.startsWith(`/api/review/${linkId}`)) return error(404, 'LINK_INVALID', '评审链接无效');
    const action = path.slice(`/api/review/${linkId}`.length);
    if (method === 'GET' && action === '') {
      return { status: 200, body: { task: { status: this.status, dueAt, program: program.name, applicationTitle: '智能制造产教融合实训基地', applicant: '某某职业技术学院' } } };
    }
    if (method === 'POST' && action === '/conflict') {
      const { hasConflict } = body as { hasConflict: boolean };
      this.status = hasConflict ? 'conflict' : 'accepted';
      return { status: 200, body: { task: { status: this.status, dueAt } } };
    }
    if (method === 'GET' && action === '/application') {
      if (this.pastDue) return error(410, 'LINK_EXPIRED', '该评审链接已过截止时间');
      if (this.status === 'invited') return error(403, 'CONFLICT_NOT_DECLARED', '请先声明与该申报单位无利益冲突，再查看材料和评分');
      if (this.status !== 'accepted') return error(410, 'LINK_EXPIRED', '该评审链接已完成或已失效');
      return {
        status: 200,
        body: {
          application: {
            id: 'app-1',
            title: '智能制造产教融合实训基地',
            applicant: '某某职业技术学院',
            form: { applicantName: '某某职业技术学院', projectTitle: '智能制造产教融合实训基地', cooperationYears: 5, hasOrderClass: true },
          },
          indicators,
          scoring: { leafMaxScore: 10, total: 100 },
          evidence: [
            { id: 'ev-1', materialKey: 'plan', fileName: '建设方案.pdf', pages: 12, sha256: 'ab'.repeat(32), downloadUrl: '/files/plan.pdf' },
          ],
        },
      };
    }
    if (method === 'POST' && action === '/scores') {
      const next = this.scoreAnswers.shift();
      if (next) return next;
      const input = body as { scores: Record<string, number>; comment: string; recommendation: string; final: boolean };
      if (input.final) this.status = 'submitted';
      return { status: 200, body: { task: { status: this.status, dueAt, total: 82.5, draft: { scores: input.scores, comment: input.comment, recommendation: input.recommendation } } } };
    }
    return error(404, 'NOT_FOUND', '请求的地址不存在');
  }
}

let api = new FakeApi();
let harness: PageHarness;
let page: Page | undefined;
const problems = new WeakMap<Page, string[]>();

beforeAll(async () => {
  harness = await startPageHarness(() => (method, path, body) => api.answer(method, path, body));
});

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  api = new FakeApi();
});

async function open(path: string): Promise<Page> {
  const opened = await harness.open(path);
  page = opened.page;
  problems.set(opened.page, opened.problems);
  return opened.page;
}

function problemsOf(target: Page): string[] {
  return problems.get(target) ?? [];
}

const score = (target: Page, code: string) => target.locator(`[id="score-${code}"]`);

describe('the expert review page', () => {
  it('asks for the conflict declaration before it shows any material', async () => {
    const target = await open(`/review/${linkId}`);
    await expect.poll(() => target.locator('#task-title').textContent()).toBe('智能制造产教融合实训基地');
    expect(await target.locator('#task-program').textContent()).toBe(program.name);
    // due time in Beijing time whatever the browser's own zone
    expect(await target.locator('#task-due').textContent()).toBe('2026-12-01 17:59（北京时间）');
    expect(await target.locator('#task-status').textContent()).toBe('待声明利益冲突');
    expect(await target.locator('#conflict-step').isVisible()).toBe(true);
    expect(await target.locator('#materials-step').isVisible()).toBe(false);
    expect(await target.locator('#scores-step').isVisible()).toBe(false);

    await target.getByRole('button', { name: '确认声明' }).click();
    await expect.poll(() => target.locator('#error-hasConflict').textContent()).toBe('请选择是否存在利益冲突。');
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/review/${linkId}`]);
    expect(problemsOf(target)).toEqual([]);
  });

  it('declares no conflict, shows the materials, keeps a running total, shows a 422 next to the field and submits final scores', async () => {
    const target = await open(`/review/${linkId}`);
    await target.getByLabel('无利益冲突').check();
    await target.getByLabel('说明（选填）').fill('与该单位无任职、合作或亲属关系');
    await target.getByRole('button', { name: '确认声明' }).click();

    await target.locator('#materials-step').waitFor({ state: 'visible' });
    const reviewCalls = () => api.calls.filter((call) => call.path.startsWith('/api/review/')).map((call) => `${call.method} ${call.path}`);
    expect(reviewCalls()).toEqual([`GET /api/review/${linkId}`, `POST /api/review/${linkId}/conflict`, `GET /api/review/${linkId}/application`]);
    expect(api.calls.find((call) => call.path.endsWith('/conflict'))?.body).toEqual({ hasConflict: false, note: '与该单位无任职、合作或亲属关系' });
    expect(await target.locator('#conflict-step').isVisible()).toBe(false);

    // form values with the program's labels, and the evidence download link
    const facts = await target.locator('#application-form').innerText();
    expect(facts).toContain('合作年限');
    expect(facts).toContain('5 年');
    expect(facts).toContain('是否开设订单班');
    const link = target.getByRole('link', { name: '建设方案.pdf' });
    expect(await link.getAttribute('href')).toBe('/files/plan.pdf');
    expect(await target.locator('#evidence-list').innerText()).toContain('建设方案');

    // the leaves that apply to this application, 0..10 each; 2.3 does not apply
    expect(await score(target, '2.3').count()).toBe(0);
    expect(await score(target, '1.1').getAttribute('max')).toBe('10');
    expect(await target.locator('#total').textContent()).toBe('0.00');
    await score(target, '1.1').fill('8');
    await expect.poll(() => target.locator('#total').textContent()).toBe('20.00');
    await score(target, '1.2').fill('10');
    await expect.poll(() => target.locator('#total').textContent()).toBe('45.00');
    await score(target, '2.1').fill('6');
    await score(target, '2.2').fill('9');
    await expect.poll(() => target.locator('#total').textContent()).toBe('82.50');
    await target.getByLabel('评审意见').fill('合作基础扎实，育人成效明显；建议加强师资共建。');
    await target.getByLabel('推荐', { exact: true }).check();
    await saveScreenshot(target, 'review-page-scoring');

    // the API refuses the draft: its message and the detail next to the indicator
    api.scoreAnswers.push({
      status: 422,
      body: { error: { code: 'SCORES_INVALID', message: '评分不完整或有误', details: [{ path: '2.1', message: '「2.1 学生就业质量」的分数应在 0–10 分之间', reason: 'out_of_range' }] } },
    });
    await target.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => target.locator('#score-error').textContent()).toBe('评分不完整或有误');
    expect(await target.locator('[id="error-2.1"]').textContent()).toBe('「2.1 学生就业质量」的分数应在 0–10 分之间');
    expect(await score(target, '2.1').getAttribute('aria-invalid')).toBe('true');

    await target.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => target.locator('#score-error').textContent()).toMatch(/^草稿已保存/);
    expect(await target.locator('[id="error-2.1"]').textContent()).toBe('');

    const dialogs: string[] = [];
    target.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await target.getByRole('button', { name: '提交评审' }).click();
    await expect.poll(() => target.locator('#notice').textContent()).toContain('评审已提交');
    expect(await target.locator('#notice').textContent()).toContain('82.50');
    expect(dialogs).toEqual(['提交后不能再修改评分。确定提交评审吗？']);

    const posts = api.calls.filter((call) => call.path.endsWith('/scores'));
    expect(posts).toHaveLength(3);
    const expected = { scores: { '1.1': 8, '1.2': 10, '2.1': 6, '2.2': 9 }, comment: '合作基础扎实，育人成效明显；建议加强师资共建。', recommendation: 'recommend' };
    expect(posts.map((call) => call.body)).toEqual([
      { ...expected, final: false },
      { ...expected, final: false },
      { ...expected, final: true },
    ]);
    expect(await target.locator('#scores-step').isVisible()).toBe(false);
    expect(problemsOf(target)).toEqual([]);
  });

  it('checks every score before it submits and sends nothing while one is missing', async () => {
    api.status = 'accepted';
    const target = await open(`/review/${linkId}`);
    await target.locator('#scores-step').waitFor({ state: 'visible' });
    expect(api.calls.some((call) => call.path.endsWith('/conflict'))).toBe(false);
    await score(target, '1.1').fill('11');
    await target.getByRole('button', { name: '提交评审' }).click();
    await expect.poll(() => target.locator('#score-error').textContent()).toBe('请先改正标出的问题。');
    expect(await target.locator('[id="error-1.1"]').textContent()).toBe('分数应在 0–10 分之间。');
    expect(await target.locator('[id="error-1.2"]').textContent()).toBe('请为此项打分。');
    expect(await target.locator('#error-recommendation').textContent()).toBe('请选择推荐意见。');
    expect(api.calls.some((call) => call.path.endsWith('/scores'))).toBe(false);
  });

  it('ends the task when the expert declares a conflict', async () => {
    const target = await open(`/review/${linkId}`);
    target.on('dialog', (dialog) => void dialog.accept());
    await target.getByLabel('存在利益冲突').check();
    await target.getByRole('button', { name: '确认声明' }).click();
    await expect.poll(() => target.locator('#notice').textContent()).toContain('您已声明存在利益冲突');
    expect(api.calls.find((call) => call.path.endsWith('/conflict'))?.body).toEqual({ hasConflict: true });
    expect(api.calls.some((call) => call.path.endsWith('/application'))).toBe(false);
    expect(await target.locator('#materials-step').isVisible()).toBe(false);
  });

  it('explains unknown and expired links in Chinese', async () => {
    const unknown = await open('/review/NoSuchLinkxxxxxxxxxxxxxxxx');
    await expect.poll(() => unknown.locator('#notice').textContent()).toBe('评审链接无效，请核对邮件中的链接是否完整。');
    expect(await unknown.locator('#conflict-step').isVisible()).toBe(false);
    await unknown.close();

    const expired = await open(`/review/${expiredLinkId}`);
    await expect.poll(() => expired.locator('#notice').textContent()).toBe('该评审链接已过截止时间。如有疑问，请联系主管部门。');
    expect(await expired.locator('#notice').getAttribute('class')).toContain('error');
  });

  it('shows a used-up link\'s status and a Chinese message, and never asks for the materials', async () => {
    api.status = 'submitted';
    const target = await open(`/review/${linkId}`);
    await expect.poll(() => target.locator('#notice').textContent()).toBe('评审已提交，感谢您的辛勤工作！');
    expect(await target.locator('#task-status').textContent()).toBe('已提交');
    expect(await target.locator('#task-title').textContent()).toBe('智能制造产教融合实训基地');
    for (const step of ['#conflict-step', '#materials-step', '#scores-step', '#decline-step']) expect(await target.locator(step).isVisible()).toBe(false);
    expect(api.calls.some((call) => call.path.endsWith('/application'))).toBe(false);
    expect(problemsOf(target)).toEqual([]);
  });

  it('explains a link past its due time when the materials answer 410', async () => {
    api.status = 'accepted';
    api.pastDue = true;
    const target = await open(`/review/${linkId}`);
    await expect.poll(() => target.locator('#notice').textContent()).toBe('该评审链接已过截止时间。如有疑问，请联系主管部门。');
    expect(await target.locator('#notice').getAttribute('class')).toContain('error');
    for (const step of ['#materials-step', '#scores-step', '#decline-step']) expect(await target.locator(step).isVisible()).toBe(false);
    expect(await target.locator('#evidence-list a').count()).toBe(0);
    expect(problemsOf(target)).toEqual([]);
  });

  it('answers a link mangled when copied from a mail with a readable page, not the API body', async () => {
    const target = await open(`/review/${linkId}${encodeURIComponent('。')}`);
    expect(await target.getByRole('heading', { level: 1 }).textContent()).toBe('页面不存在');
    expect(await target.getByRole('alert').textContent()).toBe('评审链接无效');
    expect(api.calls).toEqual([]);
    const response = await fetch(`${harness.baseUrl}/review/${linkId}${encodeURIComponent('。')}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves the page with a policy that allows only this origin’s scripts and no inline script', async () => {
    const response = await fetch(`${harness.baseUrl}/review/${linkId}`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`"linkId":"${linkId}"`);
    expect(html).toContain('<script src="/assets/review-page.js" defer></script>');
  });
});

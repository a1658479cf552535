/**
 * The public notice page in headless Chromium against a recording fake of the public API
 * (shapes of API.md): the list with its Beijing-time period, the objection form's own checks,
 * the API's refusals next to the fields, and the closed notice.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, startPageHarness, type FakeAnswer, type PageHarness } from './page-harness.js';

const roundId = 'round_publicity_test';

class FakePublicApi {
  readonly posts: unknown[] = [];
  status: 'open' | 'closed' = 'open';
  objectionAnswers: FakeAnswer[] = [];

  answer(method: string, path: string, body: unknown): FakeAnswer {
    if (method === 'GET' && path === `/api/public/rounds/${roundId}/publicity`) {
      return {
        status: 200,
        body: {
          status: this.status,
          startsAt: '2026-11-01T16:00:00.000Z',
          endsAt: '2026-11-08T16:00:00.000Z',
          entries: [
            { applicationId: 'app-b', applicant: '柳州职业技术大学', title: '柳州市汽车产业产教联合体' },
            { applicationId: 'app-a', applicant: '南宁职业技术大学', title: '南宁市新能源汽车产教联合体' },
          ],
        },
      };
    }
    if (method === 'POST' && path === `/api/public/rounds/${roundId}/objections`) {
      this.posts.push(body);
      return this.objectionAnswers.shift() ?? { status: 201, body: { objection: { id: 'obj_123', status: 'open', createdAt: '2026-11-03T02:00:00.000Z' }, receiptNumber: 'YY-2026-000123' } };
    }
    return { status: 404, body: { error: { code: 'PUBLICITY_NOT_STARTED', message: '该批次尚未公示', details: [] } } };
  }
}

let api = new FakePublicApi();
let harness: PageHarness;
let page: Page | undefined;

beforeAll(async () => {
  harness = await startPageHarness(() => (method, path, body) => api.answer(method, path, body));
});

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  api = new FakePublicApi();
});

/** Opens the notice and sends a complete objection against app-b. */
async function sendValidObjection(): Promise<Page> {
  const { page: target } = await open(`/publicity/${roundId}`);
  await target.locator('#objection-section').waitFor({ state: 'visible' });
  await target.getByLabel('异议对象').selectOption('app-b');
  await target.getByLabel('姓名（或单位名称）').fill('王某');
  await target.getByLabel('联系电话').fill('13800000000');
  await target.getByLabel('异议内容').fill('申报材料中的合作企业数量与实际情况不符。');
  await target.getByRole('button', { name: '提交异议' }).click();
  return target;
}

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await harness.open(path);
  page = opened.page;
  return opened;
}

describe('the public notice page', () => {
  it('lists the shortlist with the period in Beijing time', async () => {
    const { page: target, problems } = await open(`/publicity/${roundId}`);
    await target.locator('#list-section').waitFor({ state: 'visible' });
    expect(await target.locator('#period').textContent()).toBe('2026-11-02 00:00 至 2026-11-09 00:00（北京时间）');
    expect(await target.locator('#entries tr').allInnerTexts()).toEqual(['1\t柳州职业技术大学\t柳州市汽车产业产教联合体', '2\t南宁职业技术大学\t南宁市新能源汽车产教联合体']);
    expect(await target.locator('#objection-section').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('checks the objection form, shows the API refusal next to its field and confirms the objection', async () => {
    const { page: target, problems } = await open(`/publicity/${roundId}`);
    await target.locator('#objection-section').waitFor({ state: 'visible' });
    await target.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => target.locator('#objection-error').textContent()).toBe('请先改正标出的问题。');
    expect(await target.locator('#error-applicationId').textContent()).toBe('此项必填。');
    expect(await target.locator('#error-name').textContent()).toBe('此项必填。');
    expect(await target.locator('#error-phone').textContent()).toBe('此项必填。');
    expect(await target.locator('#error-content').textContent()).toBe('此项必填。');
    expect(await target.locator('#name').getAttribute('aria-invalid')).toBe('true');

    await target.getByLabel('异议对象').selectOption('app-a');
    await target.getByLabel('姓名（或单位名称）').fill('王某');
    await target.getByLabel('联系电话').fill('电话');
    await target.getByLabel('异议内容').fill('太短');
    await target.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => target.locator('#error-phone').textContent()).toBe('请填写有效的电话号码（7–30 位数字，可含 +、-、括号和空格）。');
    expect(await target.locator('#error-content').textContent()).toBe('异议内容不少于 10 个字。');
    expect(api.posts).toEqual([]);

    api.objectionAnswers.push({
      status: 422,
      body: { error: { code: 'NOT_ON_PUBLICITY', message: '该申报不在公示名单中', details: [{ path: 'applicationId', message: '不在公示名单中' }] } },
    });
    await target.getByLabel('联系电话').fill('0771-1234567');
    await target.getByLabel('异议内容').fill('申报材料中的合作企业数量与实际情况不符，请予核查。');
    await target.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => target.locator('#error-applicationId').textContent()).toBe('不在公示名单中');
    expect(await target.locator('#objection-error').textContent()).toBe('该申报不在公示名单中');

    api.objectionAnswers.push({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: '提交过于频繁，请在 45 秒后再试', details: [] } },
    });
    await target.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => target.locator('#objection-error').textContent()).toBe('提交过于频繁，请在 45 秒后再试');

    await target.getByLabel('工作单位（选填）').fill('某某公司');
    await target.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => target.locator('#objection-error').textContent()).toBe('您的异议已受理（受理编号：YY-2026-000123），我们将依规核查处理。');
    const sent = { applicationId: 'app-a', name: '王某', phone: '0771-1234567', content: '申报材料中的合作企业数量与实际情况不符，请予核查。' };
    expect(api.posts).toEqual([sent, sent, { ...sent, organization: '某某公司' }]);
    expect(await target.locator('#name').inputValue()).toBe('');
    await saveScreenshot(target, 'publicity-page-objection');
    expect(problems).toEqual([]);
  });

  it('tells an objector who sends the same objection again that it was already accepted, with its receipt number', async () => {
    api.objectionAnswers.push({ status: 200, body: { objection: { id: 'obj_123', status: 'open' }, receiptNumber: 'YY-2026-000007', duplicate: true } });
    const target = await sendValidObjection();
    await expect.poll(() => target.locator('#objection-error').textContent()).toBe('相同的异议此前已受理（受理编号：YY-2026-000007），无需重复提交。');
  });

  it('says objections are no longer accepted once the notice has closed', async () => {
    api.status = 'closed';
    const { page: target } = await open(`/publicity/${roundId}`);
    await expect.poll(() => target.locator('#state').textContent()).toBe('公示期已结束，不再受理异议。');
    expect(await target.locator('#objection-section').isVisible()).toBe(false);
  });

  it('closes the form when the API says the notice is over', async () => {
    api.objectionAnswers.push({ status: 409, body: { error: { code: 'PUBLICITY_CLOSED', message: '当前不在公示期内，不能提出异议', details: [] } } });
    const target = await sendValidObjection();
    await expect.poll(() => target.locator('#notice').textContent()).toBe('当前不在公示期内，不能提出异议');
    expect(await target.locator('#objection-section').isVisible()).toBe(false);
    expect(await target.locator('#state').textContent()).toBe('公示期已结束，不再受理异议。');
  });

  it('explains a round that is not on public notice', async () => {
    const { page: target } = await open('/publicity/unknown-round');
    await expect.poll(() => target.locator('#notice').textContent()).toBe('该批次尚未公示，或公示信息不存在。');
    expect(await target.locator('#list-section').isVisible()).toBe(false);
  });
});

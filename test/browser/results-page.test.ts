/**
 * The public results page in headless Chromium against a fake of the public results API: the
 * notice number, issuer, date (Beijing) and recognised units, the `下载认定通知` link, a round
 * not yet published, and the page's CSP (no inline script: the page script comes from this
 * origin, bundled from TypeScript).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, startPageHarness, type FakeAnswer, type PageHarness } from './page-harness.js';

const roundId = 'round_results_test';
const revokedRoundId = 'round_revoked_test';

function answer(method: string, path: string): FakeAnswer {
  if (method === 'GET' && path === `/api/public/rounds/${roundId}/results`) {
    return {
      status: 200,
      body: {
        roundTitle: '2026年市域产教联合体认定',
        programName: '广西壮族自治区市域产教联合体',
        issuer: '广西职业教育创新发展领导小组办公室',
        noticeNumber: '桂教职成〔2026〕8号',
        publishedAt: '2026-11-30T17:30:00.000Z',
        noticeUrl: `/api/public/rounds/${roundId}/notice.pdf`,
        recognized: [
          { applicationId: 'app-a', applicant: '柳州市人民政府', title: '柳州汽车产业市域产教联合体' },
          { applicationId: 'app-b', applicant: '南宁市人民政府', title: '南宁新能源汽车市域产教联合体' },
        ],
      },
    };
  }
  if (method === 'GET' && path === `/api/public/rounds/${revokedRoundId}/results`) {
    return {
      status: 200,
      body: {
        kind: 'recognition',
        roundTitle: '2026年校企协同育人示范基地认定',
        issuer: '工业和信息化部人事教育司',
        noticeNumber: '工信人函〔2026〕1号',
        publishedAt: '2026-11-30T02:00:00.000Z',
        recognized: [
          { applicationId: 'app-a', applicant: '哈尔滨工业大学', title: '智能制造示范基地' },
          { applicationId: 'app-c', applicant: '北京理工大学', title: '无人系统示范基地', revoked: true },
        ],
        revoked: [{ unitId: 'unit_c', applicationId: 'app-c', applicant: '北京理工大学', title: '无人系统示范基地', roundId: 'round_ev', noticeNumber: '工信人函〔2029〕5号', revokedAt: '2029-07-01T02:00:00.000Z' }],
      },
    };
  }
  return { status: 404, body: { error: { code: 'RESULTS_NOT_PUBLISHED', message: '该批次尚未发布认定结果', details: [] } } };
}

let harness: PageHarness;
let page: Page | undefined;

beforeAll(async () => {
  harness = await startPageHarness(() => answer);
});

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
});

describe('the public results page', () => {
  it('shows the notice number, issuer, date and recognised units with the notice link', async () => {
    const opened = await harness.open(`/results/${roundId}`);
    page = opened.page;
    await page.locator('#list-section').waitFor({ state: 'visible' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('认定结果：2026年市域产教联合体认定');
    expect(await page.locator('#notice-number').textContent()).toBe('桂教职成〔2026〕8号');
    expect(await page.locator('#issuer').textContent()).toBe('广西职业教育创新发展领导小组办公室');
    // 17:30 UTC on 30 November is 1 December in Beijing
    expect(await page.locator('#published-at').textContent()).toBe('2026年12月1日');
    expect(await page.locator('#entries tr').allInnerTexts()).toEqual(['1\t柳州市人民政府\t柳州汽车产业市域产教联合体', '2\t南宁市人民政府\t南宁新能源汽车市域产教联合体']);
    const link = page.getByRole('link', { name: '下载认定通知' });
    expect(await link.getAttribute('href')).toBe(`/api/public/rounds/${roundId}/notice.pdf`);
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'results-page-phone');
    expect(opened.problems).toEqual([]);
  });

  it('marks a unit revoked later and lists the revocations with their notice number', async () => {
    const opened = await harness.open(`/results/${revokedRoundId}`);
    page = opened.page;
    await page.locator('#revoked-section').waitFor({ state: 'visible' });
    expect(await page.locator('#entries tr').allInnerTexts()).toEqual(['1\t哈尔滨工业大学\t智能制造示范基地', '2\t北京理工大学\t无人系统示范基地（已撤销认定）']);
    expect(await page.getByRole('heading', { name: '撤销认定名单' }).count()).toBe(1);
    expect(await page.locator('#revoked-entries li').allInnerTexts()).toEqual(['北京理工大学｜无人系统示范基地（工信人函〔2029〕5号，2029年7月1日撤销认定）']);
    expect(opened.problems).toEqual([]);
  });

  it('lists no revocations where there are none', async () => {
    const opened = await harness.open(`/results/${roundId}`);
    page = opened.page;
    await page.locator('#list-section').waitFor({ state: 'visible' });
    expect(await page.locator('#revoked-section').isVisible()).toBe(false);
  });

  it('says so when the results are not published', async () => {
    const opened = await harness.open('/results/unknown-round');
    page = opened.page;
    await expect.poll(() => page!.locator('#status').textContent()).toBe('该批次尚未发布认定结果，或批次不存在。');
    expect(await page.locator('#results').isVisible()).toBe(false);
    expect(opened.problems).toEqual([]);
  });

  it('runs no inline script: its CSP allows only this origin’s scripts, and its script is served as JavaScript', async () => {
    const response = await fetch(`${harness.baseUrl}/results/${roundId}`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('<script src="/assets/results-page.js" defer></script>');
    expect(html.match(/<script(?![^>]*type="application\/json")(?![^>]*src=)[^>]*>/g)).toBeNull();
    const script = await fetch(`${harness.baseUrl}/assets/results-page.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('/api/public/rounds/');
    expect((await fetch(`${harness.baseUrl}/assets/other.js`)).status).toBe(404);
  });
});

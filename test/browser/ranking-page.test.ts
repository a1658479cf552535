/**
 * The console ranking page in headless Chromium against a recording fake of the staff API
 * (shapes of API.md v1.1), for what a real round rarely shows: a tie at the quota's cut (并列,
 * the count over the quota), an application with too few reviews, the approval body (ids only
 * when the choice differs from the proposed list), and the API's refusals beside 调整理由 or in
 * the alert region.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findProgram } from '#shared/programs/registry.js';
import { saveScreenshot, useFakeStaffPages, type FakeAnswer } from './page-harness.js';

const roundId = 'round_ranking_test';
const program = findProgram('gx-city-consortium')!;

function line(applicationId: string, rank: number, score: number | null, details: { tiedAtCut?: boolean; recommend?: number } = {}) {
  const recommend = details.recommend ?? 2;
  return {
    applicationId,
    rank,
    score,
    validReviews: score === null ? 1 : 2,
    spread: 4,
    applicant: `${applicationId}申报单位`,
    title: `${applicationId}联合体`,
    indicatorScores: { '1.1': 8, '2.1': 7 },
    recommendations: { recommend, not_recommend: 2 - recommend },
    normalizedScore: score === null ? null : 0.5,
    tiedAtCut: details.tiedAtCut ?? false,
    allNotRecommended: recommend === 0,
  };
}

class FakeStaffApi {
  readonly posts: unknown[] = [];
  shortlistAnswers: FakeAnswer[] = [];
  /** The proposed shortlist (丙: every expert advised against it). */
  proposed = ['甲', '乙'];

  answer(method: string, path: string, body: unknown): FakeAnswer {
    if (method === 'GET' && path === `/api/admin/rounds/${roundId}`) {
      return {
        status: 200,
        body: {
          round: { id: roundId, title: '2026年市域产教联合体认定', programId: program.id, status: 'awaiting_shortlist_approval', quota: 1, aggregation: 'mean', leafMaxScore: 10, counts: {}, proposedShortlist: this.proposed },
        },
      };
    }
    if (method === 'GET' && path === `/api/admin/rounds/${roundId}/progress`) {
      return { status: 200, body: { applications: [], experts: [] } };
    }
    if (method === 'GET' && path === `/api/admin/rounds/${roundId}/ranking`) {
      return {
        status: 200,
        body: {
          ranking: [line('甲', 1, 80, { tiedAtCut: true }), line('乙', 1, 80, { tiedAtCut: true, recommend: 1 }), line('丙', 3, 70, { recommend: 0 }), line('丁', 4, null)],
          proposedShortlist: this.proposed,
        },
      };
    }
    if (method === 'GET' && path === `/api/programs/${program.id}`) return { status: 200, body: program };
    if (method === 'POST' && path === `/api/admin/rounds/${roundId}/shortlist`) {
      this.posts.push(body);
      return this.shortlistAnswers.shift() ?? { status: 200, body: { round: {} } };
    }
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到', details: [] } } };
  }
}

const staff = useFakeStaffPages(() => new FakeStaffApi());

async function openRanking(): Promise<{ page: Page; problems: string[] }> {
  const opened = await staff.open(`/console/rounds/${roundId}/ranking`);
  opened.page.on('dialog', (dialog) => void dialog.accept());
  await expect.poll(() => opened.page.getByRole('checkbox', { name: '列入入围名单' }).count()).toBe(4);
  return opened;
}

describe('the console ranking page', () => {
  it('marks the tie at the cut, the count over the quota and an application with too few reviews', async () => {
    const { page, problems } = await openRanking();
    await page.setViewportSize({ width: 1366, height: 768 });
    const rows = await page.locator('table.ranking > tbody > tr').allInnerTexts();
    expect(rows.map((row) => row.includes('并列'))).toEqual([true, true, false, false]);
    expect(rows[2]).toContain('专家均不推荐');
    expect(rows[3]).toContain('有效评审不足');
    expect(await page.getByText('“并列”：名额分界处分数相同的申报').count()).toBe(1);
    // 丙, which every expert advised against, is not proposed: no warning over the list
    expect(await page.getByText('全部专家均不推荐').count()).toBe(0);
    // both tied applications are proposed: 2 chosen against a quota of 1
    expect(await page.getByTestId('chosen-count').textContent()).toBe('2 / 1 项');
    expect(await page.getByRole('status').filter({ hasText: '超出入围名额 1 项' }).count()).toBe(1);
    await saveScreenshot(page, 'console-ranking-tie');
    expect(problems).toEqual([]);
  });

  it('warns over a proposed list that holds an application every expert advised against, on the ranking page and the dashboard', async () => {
    staff.fake().proposed = ['甲', '乙', '丙'];
    const { page, problems } = await openRanking();
    const warning = page.getByRole('note').filter({ hasText: '全部专家均不推荐' });
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.textContent()).toBe('拟入围名单中有 1 项全部专家均不推荐：《丙联合体》。请研究确定是否列入。');
    const rows = await page.locator('table.ranking > tbody > tr').allInnerTexts();
    expect(rows[2]).toContain('拟入围');
    expect(rows[2]).toContain('专家均不推荐');

    // The dashboard approves the proposed list in one click: the same warning sits above the button.
    await page.goto(page.url().replace(/\/ranking$/, ''));
    await expect.poll(() => page.getByRole('button', { name: '批准入围名单' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('note').filter({ hasText: '《丙联合体》' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('approves the proposed list without ids or note', async () => {
    const { page, problems } = await openRanking();
    await page.getByRole('button', { name: '批准入围名单' }).click();
    await expect.poll(() => staff.fake().posts).toEqual([{ approve: true }]);
    expect(problems).toEqual([]);
  });

  it('sends the changed list with its reason in ranking order, and shows the refusals beside 调整理由 or in the alert region', async () => {
    staff.fake().shortlistAnswers = [
      { status: 422, body: { error: { code: 'VALIDATION_FAILED', message: '请求参数有误', details: [{ path: 'note', message: '调整理由过长' }] } } },
      { status: 409, body: { error: { code: 'INVALID_STATE', message: '当前不在审定拟入围名单环节', details: [] } } },
    ];
    const { page, problems } = await openRanking();
    const boxes = page.getByRole('checkbox', { name: '列入入围名单' });
    await boxes.nth(1).uncheck();
    await boxes.nth(2).check();
    await page.getByLabel('调整理由').fill('乙项目暂缓，丙项目特色突出。');
    await page.getByRole('button', { name: '批准入围名单' }).click();
    await expect.poll(() => page.getByText('调整理由过长').count()).toBe(1);
    expect(await page.getByLabel('调整理由').getAttribute('aria-invalid')).toBe('true');
    expect(staff.fake().posts).toEqual([{ approve: true, applicationIds: ['甲', '丙'], note: '乙项目暂缓，丙项目特色突出。' }]);

    await page.getByRole('button', { name: '批准入围名单' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('当前不在审定拟入围名单环节');
    expect(await page.getByLabel('调整理由').getAttribute('aria-invalid')).toBeNull();
    // back to the proposed list: no reason asked for any more
    await boxes.nth(1).check();
    await boxes.nth(2).uncheck();
    expect(await page.getByLabel('调整理由').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

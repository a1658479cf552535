/**
 * The round dashboard of a program's own procedure, in headless Chromium against a fake of the
 * staff API: a seed-004 round without publicity waits for 领导小组审定 (named beside 最终审定, no
 * 公示 step), and 取消批次 takes a reason, asks for confirmation and then shows the cancellation.
 */
import { describe, expect, it } from 'vitest';
import { findProgram } from '#shared/programs/registry.js';
import { saveScreenshot, useFakeStaffPages, type FakeAnswer } from './page-harness.js';

const roundId = 'round_procedure_test';
const program = findProgram('gx-city-consortium')!;
const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();
const approval = { body: '广西职业教育创新发展领导小组', decisionTitle: '领导小组审定' };

class FakeStaffApi {
  status = 'awaiting_final_approval';
  cancellation: { reason: string; cancelledBy: string; cancelledAt: string } | undefined;
  readonly posts: { path: string; body: unknown }[] = [];

  answer(method: string, path: string, body: unknown): FakeAnswer {
    const base = `/api/admin/rounds/${roundId}`;
    if (method === 'GET' && path === base) {
      const statusLabel = this.status === 'cancelled' ? '已取消' : this.status === 'awaiting_final_approval' ? '待领导小组审定' : '专家评审';
      const round = {
        id: roundId,
        title: '2026年市域产教联合体认定（不公示）',
        programId: program.id,
        year: 2026,
        status: this.status,
        statusLabel,
        approval,
        publicityWorkingDays: 0,
        siteVisit: 'none',
        intakeOpensAt: hours(-400),
        intakeClosesAt: hours(-200),
        intakeClosedAt: hours(-200),
        counts: { shortlisted: 1, not_shortlisted: 1 },
        shortlist: { applicationIds: ['a1'], approvedBy: '职成处', approvedAt: hours(-1) },
        ...(this.cancellation ? { cancellation: this.cancellation } : {}),
      };
      return { status: 200, body: { round } };
    }
    if (method === 'GET' && path === `${base}/progress`) return { status: 200, body: { applications: [], experts: [] } };
    if (method === 'GET' && path === `${base}/objections`) return { status: 200, body: { objections: [] } };
    if (method === 'GET' && path === `/api/programs/${program.id}`) return { status: 200, body: program };
    if (method === 'POST' && path === `${base}/cancel`) {
      this.posts.push({ path, body });
      this.status = 'cancelled';
      this.cancellation = { reason: (body as { reason: string }).reason, cancelledBy: '韦处长', cancelledAt: hours(0) };
      return { status: 200, body: { round: { id: roundId, status: 'cancelled' } } };
    }
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到', details: [] } } };
  }
}

const staff = useFakeStaffPages(() => new FakeStaffApi());

describe('the round dashboard of a round without publicity', () => {
  it('waits for 领导小组审定, named beside 最终审定, with no publicity step', async () => {
    const { page, problems } = await staff.open(`/console/rounds/${roundId}`);
    await expect.poll(() => page.getByTestId('round-status').innerText()).toBe('待领导小组审定');
    expect(await page.locator('[aria-current="step"]').innerText()).toBe('待领导小组审定');
    expect(await page.locator('.round-steps li').allInnerTexts()).not.toContain('公示中');
    const next = await page.getByRole('region', { name: '当前待办' }).innerText();
    expect(next).toContain('本批次无公示环节，入围名单已确定，请最终审定并填写认定文号。审定机关：广西职业教育创新发展领导小组（领导小组审定）。');
    const button = page.getByRole('button', { name: '最终审定' });
    const describedBy = (await button.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe('领导小组审定：广西职业教育创新发展领导小组');
    expect(await page.getByRole('region', { name: '关键时间' }).innerText()).toContain('本批次无公示环节');
    await saveScreenshot(page, 'console-round-no-publicity');
    expect(problems).toEqual([]);
  });
});

describe('取消批次 on the round dashboard', () => {
  it('asks for the reason, confirms, cancels, and then shows the cancellation with its reason', async () => {
    staff.fake().status = 'in_review';
    const { page, problems } = await staff.open(`/console/rounds/${roundId}`);
    const cancel = page.getByRole('button', { name: '取消批次' });
    await cancel.click();
    await expect.poll(() => page.getByLabel('取消原因').getAttribute('aria-invalid')).toBe('true');
    expect(staff.fake().posts).toEqual([]);

    await page.getByLabel('取消原因').fill('上级通知调整认定安排');
    // the browser's own dialog: dismissed first (nothing is sent), then accepted
    page.once('dialog', (dialog) => void dialog.dismiss());
    await cancel.click();
    expect(staff.fake().posts).toEqual([]);
    page.once('dialog', (dialog) => void dialog.accept());
    await cancel.click();
    await expect.poll(() => page.getByTestId('round-status').innerText()).toBe('已取消');
    expect(staff.fake().posts).toEqual([{ path: `/api/admin/rounds/${roundId}/cancel`, body: { reason: '上级通知调整认定安排' } }]);
    expect(await page.getByRole('region', { name: '当前待办' }).innerText()).toContain('原因：上级通知调整认定安排');
    expect(await page.getByRole('button', { name: '取消批次' }).count()).toBe(0);
    await saveScreenshot(page, 'console-round-cancelled');
    expect(problems).toEqual([]);
  });
});

/**
 * The round dashboard in headless Chromium against a fake of the staff API (shapes of API.md
 * v1.1), for what the real runtime hardly shows: reviews late with their slot unfilled (the
 * workflow expires and replaces them at their due time), objections waiting during publicity,
 * and a refused 文号 shown beside the field.
 */
import { describe, expect, it } from 'vitest';
import { findProgram } from '#shared/programs/registry.js';
import { saveScreenshot, useFakeStaffPages, type FakeAnswer } from './page-harness.js';

const roundId = 'round_dashboard_test';
const program = findProgram('gx-city-consortium')!;
const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();

function task(taskId: string, expertName: string, status: string, overdue: boolean, replacedBy?: string) {
  return { taskId, expertId: `e-${taskId}`, expertName, organization: `${expertName}所在大学`, status, dueAt: hours(overdue ? -5 : 48), remindersSent: overdue ? 1 : 0, overdue, ...(replacedBy ? { replacedBy } : {}) };
}

class FakeStaffApi {
  status = 'in_review';
  readonly posts: { path: string; body: unknown }[] = [];

  answer(method: string, path: string, body: unknown): FakeAnswer {
    const base = `/api/admin/rounds/${roundId}`;
    if (method === 'GET' && path === base) {
      const round = {
        id: roundId,
        title: '2026年市域产教联合体认定',
        programId: program.id,
        year: 2026,
        status: this.status,
        intakeOpensAt: hours(-400),
        intakeClosesAt: hours(-200),
        intakeClosedAt: hours(-200),
        counts: { in_review: 2, returned: 1 },
        ...(this.status === 'in_review' ? {} : { publicity: { startsAt: hours(-24), endsAt: hours(72) } }),
      };
      return { status: 200, body: { round } };
    }
    if (method === 'GET' && path === `${base}/progress`) {
      return {
        status: 200,
        body: {
          applications: [
            { applicationId: 'a1', applicant: '柳州市人民政府', title: '柳州汽车产业市域产教联合体', status: 'in_review', validReviews: 1, required: 2, tasks: [task('t1', '专家甲', 'submitted', false), task('t2', '专家乙', 'accepted', true)] },
            {
              applicationId: 'a2',
              applicant: '桂林市人民政府',
              title: '桂林旅游产业市域产教联合体',
              status: 'in_review',
              validReviews: 0,
              required: 2,
              tasks: [task('t3', '专家丙', 'expired', true), task('t4', '专家丁', 'expired', true, 't5'), task('t5', '专家戊', 'invited', false)],
            },
          ],
          experts: [],
        },
      };
    }
    if (method === 'GET' && path === `${base}/objections`) return { status: 200, body: { objections: [{ id: 'o1', status: 'open' }, { id: 'o2', status: 'dismissed' }] } };
    if (method === 'GET' && path === `/api/programs/${program.id}`) return { status: 200, body: program };
    if (method === 'POST' && path === `${base}/final-approval`) {
      this.posts.push({ path, body });
      const message = '文号应以发文机关代字“桂教职成”开头（发文机关：广西职业教育创新发展领导小组办公室）';
      return { status: 422, body: { error: { code: 'NOTICE_NUMBER_INVALID', message, details: [{ path: 'noticeNumber', message }] } } };
    }
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到', details: [] } } };
  }
}

const staff = useFakeStaffPages(() => new FakeStaffApi());

describe('the round dashboard', () => {
  it('lists the late reviews whose slot nobody took, highlighted, by application and expert', async () => {
    const { page, problems } = await staff.open(`/console/rounds/${roundId}`);
    const late = page.getByRole('region', { name: /逾期未交的评审/ });
    await expect.poll(() => late.locator('tr.overdue').count()).toBe(2);
    const text = await late.innerText();
    expect(text).toContain('柳州汽车产业市域产教联合体');
    expect(text).toContain('专家乙');
    expect(text).toContain('专家丙');
    expect(text).toContain('已过期失效');
    // submitted, replaced and not yet due tasks are not late
    for (const name of ['专家甲', '专家丁', '专家戊']) expect(text).not.toContain(name);
    const next = await page.getByRole('region', { name: '当前待办' }).innerText();
    expect(next).toContain('已提交 1 份评审意见，还有 2 份未提交。其中 2 份已逾期未交');
    expect(await page.getByRole('link', { name: '查看评审进度' }).getAttribute('href')).toBe(`/console/rounds/${roundId}/reviews`);
    await saveScreenshot(page, 'console-round-late-reviews');
    expect(problems).toEqual([]);
  });

  it('sends staff to the open objections during publicity', async () => {
    staff.fake().status = 'in_publicity';
    const { page, problems } = await staff.open(`/console/rounds/${roundId}`);
    const next = page.getByRole('region', { name: '当前待办' });
    await expect.poll(() => next.innerText()).toContain('已收到 1 条异议待处理');
    expect(await next.innerText()).toContain('等待：公众异议期');
    expect(await page.getByRole('link', { name: '处理异议' }).getAttribute('href')).toBe(`/console/rounds/${roundId}/objections`);
    expect(await page.locator('[aria-current="step"]').innerText()).toBe('公示中');
    expect(problems).toEqual([]);
  });

  it('shows a refused 文号 beside the field', async () => {
    staff.fake().status = 'awaiting_final_approval';
    const { page, problems } = await staff.open(`/console/rounds/${roundId}`);
    await page.getByLabel('文号').fill('桂政办发〔2026〕9号');
    await page.getByRole('button', { name: '最终审定' }).click();
    await expect.poll(() => page.getByLabel('文号').getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await page.getByLabel('文号').getAttribute('aria-describedby'))!.split(' ');
    const error = await page.locator(`[id="${describedBy.at(-1)}"]`).innerText();
    expect(error).toContain('文号应以发文机关代字“桂教职成”开头');
    expect(staff.fake().posts).toEqual([{ path: `/api/admin/rounds/${roundId}/final-approval`, body: { approve: true, noticeNumber: '桂政办发〔2026〕9号' } }]);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

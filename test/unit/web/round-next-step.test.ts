/** What the round dashboard says a round waits on, and the next action it offers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundStatuses } from '#shared/domain/round.js';
import { nextStep, tallyReviews, type RoundSummary } from '#functions/web/browser/console/round-next-step.js';

const now = new Date('2026-12-01T04:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3600_000).toISOString();

function round(status: string, extra: Partial<RoundSummary> = {}): RoundSummary {
  return { status, intakeClosesAt: hours(48), counts: {}, ...extra };
}

describe('nextStep', () => {
  it('waits on institutions while intake is open, with the deadline in Beijing time and 截止申报 offered', () => {
    const step = nextStep(round('open', { counts: { draft: 3, screening: 2, accepted: 1, withdrawn: 1 } }), { now });
    expect(step).toEqual({
      waitingOn: 'institutions',
      text: '等待申报单位提交申报，截止时间 2026-12-03 12:00（已提交 3 份，其中 2 份待形式审查）。到时系统自动截止申报，也可提前截止。',
      action: 'close_intake',
    });
  });

  it('waits on the system once the intake deadline has passed', () => {
    expect(nextStep(round('open', { intakeClosesAt: hours(-1) }), { now })).toMatchObject({ waitingOn: 'system', text: expect.stringContaining('系统正在截止申报') });
    expect(nextStep(round('open', { intakeClosesAt: hours(-1) }), { now }).action).toBeUndefined();
  });

  it('sends staff to the queue while applications wait for formal review, and to the system once none does', () => {
    expect(nextStep(round('screening', { counts: { submitted: 1, screening: 2, accepted: 4 } }), { now })).toEqual({ waitingOn: 'staff', text: '3 份申报待形式审查，请逐份审查。', action: 'screen' });
    expect(nextStep(round('screening', { counts: { accepted: 4, returned: 1 } }), { now })).toEqual({ waitingOn: 'system', text: '形式审查已完成，系统正在分配评审专家。' });
  });

  it('counts reviews in review and names the late ones whose slot is unfilled (open past due, or expired without a replacement)', () => {
    const reviews = tallyReviews([
      { status: 'submitted', overdue: false },
      { status: 'accepted', overdue: true },
      { status: 'invited', overdue: true },
      { status: 'invited', overdue: false },
      { status: 'expired', overdue: true, replacedBy: 't-9' },
      { status: 'reassigned', overdue: false, replacedBy: 't-8' },
      { status: 'expired', overdue: true },
    ]);
    expect(reviews).toEqual({ submitted: 1, open: 3, overdue: 3 });
    expect(nextStep(round('in_review'), { now, reviews })).toEqual({
      waitingOn: 'experts',
      text: '专家评审中：已提交 1 份评审意见，还有 3 份未提交。其中 3 份已逾期未交，请督促或改派专家。',
      action: 'reviews',
    });
    expect(nextStep(round('in_review'), { now, reviews: { submitted: 2, open: 1, overdue: 0 } }).text).not.toContain('逾期');
  });

  it('asks staff to approve the proposed shortlist, then waits on the system once approved', () => {
    expect(nextStep(round('awaiting_shortlist_approval', { proposedShortlist: ['a', 'b'] }), { now })).toEqual({
      waitingOn: 'staff',
      text: '评审已完成，请审定拟入围名单（拟入围 2 份）。',
      action: 'approve_shortlist',
    });
    expect(nextStep(round('awaiting_shortlist_approval', { shortlist: {} }), { now })).toMatchObject({ waitingOn: 'system' });
    expect(nextStep(round('awaiting_shortlist_approval', { proposedShortlist: ['a'], siteVisit: 'required' }), { now })).toEqual({
      waitingOn: 'staff',
      text: '评审已完成，请审定拟入围名单（拟入围 1 份）。本批次须进行实地考察：请在“评审排名”页安排考察并填写考察报告，全部提交后方可审定。',
      action: 'approve_shortlist',
    });
    expect(nextStep(round('awaiting_shortlist_approval', { proposedShortlist: ['a'], siteVisit: 'when_needed' }), { now }).text).toBe('评审已完成，请审定拟入围名单（拟入围 1 份）。');
  });

  it('waits on the public during publicity and on staff for objections left open after it', () => {
    const publicity = { startsAt: hours(-24), endsAt: hours(24) };
    expect(nextStep(round('in_publicity', { publicity }), { now, openObjections: 0 })).toEqual({ waitingOn: 'public', text: '公示至 2026-12-02 12:00，期间公众可提出异议。' });
    expect(nextStep(round('in_publicity', { publicity }), { now, openObjections: 2 })).toEqual({
      waitingOn: 'public',
      text: '公示至 2026-12-02 12:00，期间公众可提出异议。已收到 2 条异议待处理。',
      action: 'objections',
    });
    const ended = { startsAt: hours(-48), endsAt: hours(-1) };
    expect(nextStep(round('in_publicity', { publicity: ended }), { now, openObjections: 1 })).toMatchObject({ waitingOn: 'staff', action: 'objections' });
    expect(nextStep(round('in_publicity', { publicity: ended }), { now, openObjections: 0 })).toMatchObject({ waitingOn: 'system' });
  });

  it('asks for the final approval, then offers the downloads once published', () => {
    expect(nextStep(round('awaiting_final_approval'), { now })).toEqual({ waitingOn: 'staff', text: '公示已结束，请最终审定并填写认定文号。', action: 'final_approval' });
    expect(nextStep(round('awaiting_final_approval', { finalDecision: { noticeNumber: '桂教职成〔2026〕9号' } }), { now })).toMatchObject({ waitingOn: 'system' });
    expect(nextStep(round('published', { finalDecision: { noticeNumber: '桂教职成〔2026〕9号' }, publishedAt: hours(-2) }), { now })).toEqual({
      waitingOn: 'nobody',
      text: '认定结果已于 2026-12-01 10:00 发布，文号 桂教职成〔2026〕9号。',
      action: 'downloads',
    });
    expect(nextStep(round('cancelled'), { now })).toEqual({ waitingOn: 'nobody', text: '该批次已取消。' });
  });

  it('follows the round’s own procedure: no publicity after the shortlist, the final decision by its name, a cancellation with its reason', () => {
    const approval = { body: '广西职业教育创新发展领导小组', decisionTitle: '领导小组审定' };
    expect(nextStep(round('awaiting_shortlist_approval', { shortlist: {}, publicityWorkingDays: 0 }), { now }).text).toBe('拟入围名单已审定；本批次无公示环节，系统正在转入最终审定。');
    expect(nextStep(round('awaiting_shortlist_approval', { shortlist: {}, publicityWorkingDays: 5 }), { now }).text).toBe('拟入围名单已审定，系统正在开始公示。');
    expect(nextStep(round('awaiting_final_approval', { publicityWorkingDays: 0, approval }), { now })).toEqual({
      waitingOn: 'staff',
      text: '本批次无公示环节，入围名单已确定，请最终审定并填写认定文号。审定机关：广西职业教育创新发展领导小组（领导小组审定）。',
      action: 'final_approval',
    });
    expect(nextStep(round('awaiting_final_approval', { publicityWorkingDays: 5, approval: { body: '工业和信息化部', decisionTitle: '部审核' } }), { now }).text).toBe(
      '公示已结束，请最终审定并填写认定文号。审定机关：工业和信息化部（部审核）。',
    );
    expect(nextStep(round('cancelled', { cancellation: { reason: '政策调整', cancelledAt: hours(-2) } }), { now })).toEqual({ waitingOn: 'nobody', text: '该批次已于 2026-12-01 10:00 取消，原因：政策调整' });
  });

  it('puts a failed workflow step first, whatever the status: staff retry it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...roundStatuses), fc.string({ minLength: 1, maxLength: 10 }), (status, stepLabel) => {
        const step = nextStep(round(status, { failure: { stepLabel, reason: '原因' } }), { now });
        expect(step).toEqual({ waitingOn: 'staff', text: `流程环节“${stepLabel}”出错，请处理原因后点击“重试”。`, action: 'retry' });
      }),
    );
  });

  it('offers an action to staff exactly when the round waits on them, or a link to follow the others', () => {
    const staffActions = ['screen', 'approve_shortlist', 'final_approval', 'retry', 'objections'];
    fc.assert(
      fc.property(
        fc.constantFrom(...roundStatuses),
        fc.dictionary(fc.constantFrom('submitted', 'screening', 'accepted', 'draft'), fc.nat(5)),
        fc.nat(3),
        fc.integer({ min: -72, max: 72 }),
        (status, counts, openObjections, offset) => {
          const step = nextStep(round(status, { counts, intakeClosesAt: hours(offset), publicity: { startsAt: hours(-100), endsAt: hours(offset) } }), { now, openObjections });
          if (step.waitingOn === 'staff') expect(staffActions).toContain(step.action);
          if (step.waitingOn === 'system') expect(step.action).toBeUndefined();
          expect(step.text.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

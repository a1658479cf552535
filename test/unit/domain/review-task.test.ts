import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterWaitRanOut,
  assertLinkActive,
  assertLinkValid,
  assertMaterialsOpen,
  attachCallback,
  countedReviews,
  createReviewTask,
  declareConflict,
  declineTask,
  expireTask,
  holdsCapacity,
  isOpenTask,
  markReassigned,
  reassignTask,
  reviewTaskStatuses,
  saveScores,
  type ReviewTask,
  type ReviewTaskStatus,
} from '#shared/domain/review-task.js';
import { errorOf } from '#test/support/error-of.js';
import { at } from './records-fixture.js';

const expert = { kind: 'expert' as const, id: 'x1' };
const system = { kind: 'system' as const, id: 'wf' };

function invited(): ReviewTask {
  return createReviewTask({ roundId: 'r', applicationId: 'a', expertId: 'x1', dueAt: at(60 * 24) }, { id: 't', linkId: 'L'.repeat(43), actor: system, now: at(0) }).entity;
}

const scores = { scores: { '1.1': 8 }, total: 80, comment: '好', recommendation: 'recommend' as const };

type Step = 'accept' | 'conflict' | 'draft' | 'submit' | 'decline' | 'expire';
const steps: readonly Step[] = ['accept', 'conflict', 'draft', 'submit', 'decline', 'expire'];

/** Carries out one step on `task`; expiring a closed task leaves it as it is. */
function apply(task: ReviewTask, step: Step, now: Date): ReviewTask {
  const context = { actor: expert, now };
  switch (step) {
    case 'accept':
      return declareConflict(task, { hasConflict: false }, context).entity;
    case 'conflict':
      return declareConflict(task, { hasConflict: true }, context).entity;
    case 'draft':
      return saveScores(task, { ...scores, final: false }, context).entity;
    case 'submit':
      return saveScores(task, { ...scores, final: true }, context).entity;
    case 'decline':
      return declineTask(task, 'x', context).entity;
    case 'expire':
      return expireTask(task, { actor: system, now })?.entity ?? task;
  }
}

/** What the rules say `step` does to a task in `status` (before or after its due time): its new status, or the code it is refused with. */
function expectedOutcome(status: ReviewTaskStatus, step: Step, late: boolean): { status: ReviewTaskStatus } | { code: string } {
  const open = status === 'invited' || status === 'accepted';
  if (step === 'expire') return { status: open ? 'expired' : status };
  if (!open || late) return { code: 'LINK_EXPIRED' };
  if (step === 'decline') return { status: 'declined' };
  if (step === 'accept' || step === 'conflict') {
    return status === 'invited' ? { status: step === 'accept' ? 'accepted' : 'conflict' } : { code: 'INVALID_STATE' };
  }
  return status === 'accepted' ? { status: step === 'submit' ? 'submitted' : 'accepted' } : { code: 'CONFLICT_NOT_DECLARED' };
}

describe('review tasks', () => {
  it('show materials and take scores only after the expert declared no conflict', () => {
    const task = invited();
    expect(() => saveScores(task, { ...scores, final: false }, { actor: expert, now: at(1) })).toThrow(expect.objectContaining({ code: 'CONFLICT_NOT_DECLARED', status: 403 }));
    const accepted = declareConflict(task, { hasConflict: false }, { actor: expert, now: at(1) }).entity;
    const draft = saveScores(accepted, { ...scores, final: false }, { actor: expert, now: at(2) }).entity;
    expect(draft).toMatchObject({ status: 'accepted', total: 80 });
    const submitted = saveScores(draft, { ...scores, final: true }, { actor: expert, now: at(3) }).entity;
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: at(3).toISOString() });
    expect(() => saveScores(submitted, { ...scores, final: true }, { actor: expert, now: at(4) })).toThrow(expect.objectContaining({ code: 'LINK_EXPIRED', status: 410 }));
  });

  it('a declared conflict closes the task; so do a decline and the due time', () => {
    const conflict = declareConflict(invited(), { hasConflict: true, note: '曾在该单位任职' }, { actor: expert, now: at(1) }).entity;
    expect(conflict.status).toBe('conflict');
    expect(() => saveScores(conflict, { ...scores, final: true }, { actor: expert, now: at(2) })).toThrow(expect.objectContaining({ code: 'LINK_EXPIRED' }));
    expect(declineTask(invited(), '出差', { actor: expert, now: at(1) }).entity.status).toBe('declined');
    expect(() => declareConflict(invited(), { hasConflict: false }, { actor: expert, now: at(60 * 24) })).toThrow(expect.objectContaining({ code: 'LINK_EXPIRED' }));
    const expired = expireTask(invited(), { actor: system, now: at(60 * 24) })!.entity;
    expect([expired.status, expired.expiredAt]).toEqual(['expired', at(60 * 24).toISOString()]);
    // The alternate replacing it keeps the record that the task ran out of time.
    expect(markReassigned(expired, 't2', { actor: system, now: at(60 * 24 + 1) }).entity).toMatchObject({ status: 'reassigned', replacedBy: 't2', expiredAt: expired.expiredAt });
  });

  it('tell the workflow what a slot does when its wait ran out: remind once, expire, go on to an alternate, or end', () => {
    const due = at(60 * 24);
    const before = at(60 * 24 - 1);
    const live = { withdrawn: false, now: before };
    const reminded = attachCallback(invited(), 'tok-2', { actor: system, now: at(1), reminder: true }).entity;
    const accepted = declareConflict(invited(), { hasConflict: false }, { actor: expert, now: at(1) }).entity;
    expect(afterWaitRanOut(invited(), live)).toBe('remind');
    expect(afterWaitRanOut(reminded, live)).toBe('expire');
    expect(afterWaitRanOut(accepted, { withdrawn: false, now: due })).toBe('expire');
    expect(afterWaitRanOut(invited(), { withdrawn: true, now: before })).toBe('done');
    expect(afterWaitRanOut(saveScores(accepted, { ...scores, final: true }, { actor: expert, now: at(2) }).entity, { withdrawn: false, now: due })).toBe('done');
    // Ended without a review just as the wait ran out (its callback lost the race): the slot looks for the alternate.
    const staff = { actor: { kind: 'admin' as const, id: 'u1' }, actorName: '职成处', now: at(2) };
    expect(afterWaitRanOut(reassignTask(invited(), { taskId: 't2', expertId: 'x2' }, '专家出国', staff).entity, live)).toBe('reassign');
    expect(afterWaitRanOut(declineTask(invited(), '出差', { actor: expert, now: at(1) }).entity, live)).toBe('reassign');
    expect(afterWaitRanOut(declareConflict(invited(), { hasConflict: true }, { actor: expert, now: at(1) }).entity, live)).toBe('reassign');
    expect(afterWaitRanOut(expireTask(invited(), { actor: system, now: due })!.entity, { withdrawn: false, now: due })).toBe('reassign');
  });

  it('staff reassign only an open task: the link stops working and the audit names the reason and both experts', () => {
    const staff = { actor: { kind: 'admin' as const, id: 'u1' }, actorName: '职成处', now: at(5) };
    for (const open of [invited(), declareConflict(invited(), { hasConflict: false }, { actor: expert, now: at(1) }).entity]) {
      const change = reassignTask(open, { taskId: 't2', expertId: 'x2' }, '专家出国', staff);
      expect(change.entity).toMatchObject({ status: 'reassigned', replacedBy: 't2', reassignment: { reason: '专家出国', by: '职成处', at: at(5).toISOString() }, version: open.version + 1 });
      expect(change.expectedVersion).toBe(open.version);
      expect(change.events).toEqual([
        expect.objectContaining({ action: 'review_task.reassigned', actor: 'admin:u1', detail: { reason: '专家出国', fromExpertId: 'x1', toExpertId: 'x2', replacementTaskId: 't2', by: '职成处' } }),
      ]);
      expect(() => assertLinkActive(change.entity, at(6))).toThrow(expect.objectContaining({ code: 'LINK_EXPIRED', status: 410 }));
    }
    const closed = [
      saveScores(declareConflict(invited(), { hasConflict: false }, { actor: expert, now: at(1) }).entity, { ...scores, final: true }, { actor: expert, now: at(2) }).entity,
      declineTask(invited(), '出差', { actor: expert, now: at(1) }).entity,
      expireTask(invited(), { actor: system, now: at(60 * 24) })!.entity,
      reassignTask(invited(), { taskId: 't2', expertId: 'x2' }, '专家出国', staff).entity,
    ];
    for (const task of closed) {
      expect(() => reassignTask(task, { taskId: 't3', expertId: 'x3' }, '再次改派', staff), task.status).toThrow(expect.objectContaining({ code: 'INVALID_STATE', status: 409 }));
    }
  });

  it('hold a place of the expert\'s capacity while open or submitted, and free it once declined, conflicted, expired or reassigned', () => {
    expect(reviewTaskStatuses.filter((status) => holdsCapacity({ status }))).toEqual(['invited', 'accepted', 'submitted']);
    // whatever an expert does, a task that freed its place never holds one again
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...steps), { maxLength: 8 }), (sequence) => {
        let task = invited();
        let freed = false;
        for (const [index, step] of sequence.entries()) {
          try {
            task = apply(task, step, at(index + 1));
          } catch {
            // a refused step leaves the task as it was
          }
          if (freed) expect(holdsCapacity(task)).toBe(false);
          freed ||= !holdsCapacity(task);
        }
      }),
    );
  });

  it('counts reminders only when the callback is renewed as one', () => {
    const first = attachCallback(invited(), 'tok-1', { actor: system, now: at(0), reminder: false }).entity;
    const second = attachCallback(first, 'tok-2', { actor: system, now: at(10), reminder: true }).entity;
    expect([first.reminders, second.reminders, second.callbackToken]).toEqual([0, 1, 'tok-2']);
  });

  it('refuses exactly what the rules refuse, with their code, and never leaves a closed status, whatever the expert tries', () => {
    const tried = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom<Step>(...steps), fc.integer({ min: 1, max: 2000 })), { maxLength: 10 }), (attempts) => {
        let task = invited();
        let closedAs: string | undefined;
        for (const [step, minute] of [...attempts].sort((a, b) => a[1] - b[1])) {
          const now = at(minute);
          const expected = expectedOutcome(task.status, step, now.getTime() >= Date.parse(task.dueAt));
          const error = errorOf(() => apply(task, step, now));
          // The verbs are pure: a refused step leaves the task as it was.
          const next = error ? task : apply(task, step, now);
          if ('code' in expected) expect(error).toMatchObject({ code: expected.code });
          else expect({ error, status: next.status }).toEqual({ error: undefined, status: expected.status });
          const outcome = `${step}:${'code' in expected ? expected.code : next === task ? 'unchanged' : 'done'}`;
          tried.set(outcome, (tried.get(outcome) ?? 0) + 1);
          task = next;
          if (closedAs) expect(task.status).toBe(closedAs);
          if (!['invited', 'accepted'].includes(task.status)) closedAs = task.status;
        }
      }),
      { numRuns: 300 },
    );
    // Every step was both carried out and refused for each of its reasons.
    const cases = [...steps.map((step) => `${step}:done`), ...steps.filter((step) => step !== 'expire').map((step) => `${step}:LINK_EXPIRED`)];
    cases.push('expire:unchanged', 'accept:INVALID_STATE', 'conflict:INVALID_STATE', 'draft:CONFLICT_NOT_DECLARED', 'submit:CONFLICT_NOT_DECLARED');
    expect(cases.filter((name) => !tried.has(name))).toEqual([]);
  });
});

describe('scores of a review', () => {
  it('total only once every item is scored; a final submission must be complete', async () => {
    const { totalOfScores } = await import('#shared/domain/scoring.js');
    const { makeProgram } = await import('./program-fixture.js');
    const program = makeProgram();
    const all = { '1.1': 10, '1.2': 10, '2.1': 10, '2.2': 10, '2.3': 10 };
    expect(totalOfScores(program.indicators, all, program.scoring, { final: true })).toBe(100);
    expect(totalOfScores(program.indicators, { '1.1': 8 }, program.scoring, { final: false })).toBeUndefined();
    expect(() => totalOfScores(program.indicators, { '1.1': 8 }, program.scoring, { final: true })).toThrow(expect.objectContaining({ code: 'SCORES_INVALID' }));
    expect(() => totalOfScores(program.indicators, { '1.1': 11 }, program.scoring, { final: false })).toThrow(expect.objectContaining({ code: 'SCORES_INVALID' }));
    const task = declareConflict(invited(), { hasConflict: false }, { actor: expert, now: at(1) }).entity;
    const complete = saveScores(task, { ...scores, total: 80, final: false }, { actor: expert, now: at(2) }).entity;
    const { total: _total, ...partial } = scores;
    expect(saveScores(complete, { ...partial, final: false }, { actor: expert, now: at(3) }).entity.total).toBeUndefined();
  });
});

describe('a review link', () => {
  it('is open only while invited or accepted, and leads to its task in every status but expired and reassigned (410)', () => {
    expect(reviewTaskStatuses.filter((status) => isOpenTask({ status }))).toEqual(['invited', 'accepted']);
    expect(reviewTaskStatuses.filter((status) => errorOf(() => assertLinkValid({ status })) === undefined)).toEqual(['invited', 'accepted', 'declined', 'conflict', 'submitted']);
    expect(errorOf(() => assertLinkValid({ status: 'reassigned' }))).toMatchObject({ code: 'LINK_EXPIRED', status: 410, message: '该评审链接已失效' });
    // pages ask with the status string the API gave them
    expect(isOpenTask({ status: 'unknown' })).toBe(false);
  });
});

describe('the materials behind a review link', () => {
  it('are shown only while the accepted task is open and before its due time; a used-up link answers 410', () => {
    const context = { actor: expert, now: at(1) };
    const refusal = (task: ReviewTask, now: Date) => {
      try {
        assertMaterialsOpen(task, now);
        return 'open';
      } catch (error) {
        return `${(error as { status: number }).status} ${(error as { code: string }).code}`;
      }
    };
    const accepted = declareConflict(invited(), { hasConflict: false }, context).entity;
    expect(refusal(invited(), at(1))).toBe('403 CONFLICT_NOT_DECLARED');
    expect(refusal(accepted, at(2))).toBe('open');
    expect(refusal(accepted, at(60 * 24))).toBe('410 LINK_EXPIRED');
    expect(refusal(saveScores(accepted, { ...scores, final: true }, { actor: expert, now: at(2) }).entity, at(3))).toBe('410 LINK_EXPIRED');
    expect(refusal(declineTask(accepted, '出差', { actor: expert, now: at(2) }).entity, at(3))).toBe('410 LINK_EXPIRED');
    expect(refusal(declareConflict(invited(), { hasConflict: true }, context).entity, at(2))).toBe('410 LINK_EXPIRED');
    expect(refusal(expireTask(accepted, { actor: system, now: at(60 * 24) })!.entity, at(60 * 24))).toBe('410 LINK_EXPIRED');
  });
});

describe('the reviews that count for an application', () => {
  const statuses: ReviewTask['status'][] = ['invited', 'accepted', 'declined', 'conflict', 'submitted', 'expired', 'reassigned'];
  const taskArb = fc.record({
    applicationId: fc.constantFrom('a', 'b'),
    expertId: fc.constantFrom('x1', 'x2', 'x3'),
    status: fc.constantFrom(...statuses),
    minute: fc.integer({ min: 0, max: 1000 }),
  });

  it('are the submitted ones, one per expert (the first submission), however many tasks an expert holds', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 12 }), (specs) => {
        const tasks = specs.map((spec, index): ReviewTask => ({
          ...invited(),
          id: `t${index}`,
          applicationId: spec.applicationId,
          expertId: spec.expertId,
          status: spec.status,
          ...(spec.status === 'submitted' ? { submittedAt: at(spec.minute).toISOString() } : {}),
        }));
        const counted = countedReviews(tasks, 'a');
        const submitted = tasks.filter((task) => task.applicationId === 'a' && task.status === 'submitted');
        expect(counted.map((task) => task.expertId).sort()).toEqual([...new Set(submitted.map((task) => task.expertId))].sort());
        for (const task of counted) {
          const earliest = submitted.filter((other) => other.expertId === task.expertId).map((other) => other.submittedAt!).sort()[0];
          expect(task.submittedAt).toBe(earliest);
        }
      }),
    );
  });

  it('count an expert with three submitted tasks on one application once', () => {
    const submitted = (id: string, minute: number): ReviewTask => ({ ...invited(), id, status: 'submitted', submittedAt: at(minute).toISOString(), total: minute });
    expect(countedReviews([submitted('t1', 30), submitted('t2', 10), submitted('t3', 20)], 'a').map((task) => task.id)).toEqual(['t2']);
  });
});

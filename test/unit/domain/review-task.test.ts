import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertMaterialsOpen, attachCallback, createReviewTask, declareConflict, declineTask, expireTask, saveScores, type ReviewTask } from '../../../shared/domain/review-task.js';
import { at } from './records-fixture.js';

const expert = { kind: 'expert' as const, id: 'x1' };
const system = { kind: 'system' as const, id: 'wf' };

function invited(): ReviewTask {
  return createReviewTask({ roundId: 'r', applicationId: 'a', expertId: 'x1', dueAt: at(60 * 24) }, { id: 't', linkId: 'L'.repeat(43), actor: system, now: at(0) }).entity;
}

const scores = { scores: { '1.1': 8 }, total: 80, comment: '好', recommendation: 'recommend' as const };

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
    expect(expireTask(invited(), { actor: system, now: at(60 * 24) })!.entity.status).toBe('expired');
  });

  it('counts reminders only when the callback is renewed as one', () => {
    const first = attachCallback(invited(), 'tok-1', { actor: system, now: at(0), reminder: false }).entity;
    const second = attachCallback(first, 'tok-2', { actor: system, now: at(10), reminder: true }).entity;
    expect([first.reminders, second.reminders, second.callbackToken]).toEqual([0, 1, 'tok-2']);
  });

  it('never leaves a closed status, whatever the expert tries', () => {
    type Step = 'accept' | 'conflict' | 'draft' | 'submit' | 'decline' | 'expire';
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Step>('accept', 'conflict', 'draft', 'submit', 'decline', 'expire'), { maxLength: 10 }), (steps) => {
        let task = invited();
        let closedAs: string | undefined;
        for (const [index, step] of steps.entries()) {
          const context = { actor: expert, now: at(index + 1) };
          try {
            if (step === 'accept') task = declareConflict(task, { hasConflict: false }, context).entity;
            if (step === 'conflict') task = declareConflict(task, { hasConflict: true }, context).entity;
            if (step === 'draft') task = saveScores(task, { ...scores, final: false }, context).entity;
            if (step === 'submit') task = saveScores(task, { ...scores, final: true }, context).entity;
            if (step === 'decline') task = declineTask(task, 'x', context).entity;
            if (step === 'expire') task = expireTask(task, { actor: system, now: context.now })?.entity ?? task;
          } catch {
            // refused: the task stays as it was
          }
          if (closedAs) expect(task.status).toBe(closedAs);
          if (!['invited', 'accepted'].includes(task.status)) closedAs = task.status;
        }
      }),
    );
  });
});

describe('scores of a review', () => {
  it('total only once every item is scored; a final submission must be complete', async () => {
    const { totalOfScores } = await import('../../../shared/domain/scoring.js');
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

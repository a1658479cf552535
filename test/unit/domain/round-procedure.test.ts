import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revise } from '#shared/domain/entity.js';
import { advanceRound, cancelRound, createRound, needsPublicity, roundStatuses, roundStatusLabel, type Round, type RoundStatus } from '#shared/domain/round.js';
import { approvalOf, defaultSiteVisit, publicityMayBeSkipped } from '#shared/programs/procedure.js';
import { findProgram } from '#shared/programs/registry.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import { errorOf } from '#test/support/error-of.js';
import { makeProgram } from './program-fixture.js';
import { at, openRound, staff, t0 } from './records-fixture.js';

const open = (program: ProgramTemplate, settings: { publicityWorkingDays?: number; siteVisit?: 'none' | 'when_needed' | 'required' } = {}) =>
  createRound(
    { programId: program.id, title: '批次', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: at(60).toISOString(), ...settings },
    program,
    { id: 'r', province: 'gx', actor: staff, now: t0 },
  ).entity;

const program = (id: string) => findProgram(id)!;
const seed004Programs = ['gx-city-consortium', 'gx-industry-community', 'cn-asean-tech-innovation', 'cn-asean-craftsman'];

describe('a round’s site-visit setting', () => {
  it('follows the program (never → none, when_needed, always → required) unless the round sets its own', () => {
    expect(open(program('miit-demo-base')).siteVisit).toBe('when_needed');
    expect(open(program('gx-city-consortium')).siteVisit).toBe('none');
    expect(open(makeProgram({ review: { siteVisit: 'always' } })).siteVisit).toBe('required');
    expect(open(program('gx-city-consortium'), { siteVisit: 'required' }).siteVisit).toBe('required');
    expect(open(program('miit-demo-base'), { siteVisit: 'none' }).siteVisit).toBe('none');
    expect(defaultSiteVisit(makeProgram({ review: {} }))).toBe('none');
  });
});

describe('publicity of a round', () => {
  it('may be 0 working days (none) only where the program allows it: every seed-004 program, not seed 000', () => {
    for (const id of seed004Programs) {
      expect(publicityMayBeSkipped(program(id))).toBe(true);
      const round = open(program(id), { publicityWorkingDays: 0 });
      expect(round.publicityWorkingDays).toBe(0);
      expect(needsPublicity(round)).toBe(false);
    }
    for (const id of ['miit-demo-base', 'sh-collab-base']) {
      expect(publicityMayBeSkipped(program(id))).toBe(false);
      expect(errorOf(() => open(program(id), { publicityWorkingDays: 0 }))).toMatchObject({
        code: 'ROUND_INVALID',
        status: 422,
        details: [{ path: 'publicityWorkingDays', message: `“${program(id).name}”规定须经公示，公示天数不能为0` }],
      });
      expect(needsPublicity(open(program(id)))).toBe(true);
    }
  });

  it('may be skipped where the program marks its publicity step optional', () => {
    const optionalStep = makeProgram({ steps: [{ kind: 'application', title: '申报' }, { kind: 'publicity', title: '公示', optional: true }] });
    expect(publicityMayBeSkipped(optionalStep)).toBe(true);
    expect(needsPublicity(open(optionalStep, { publicityWorkingDays: 0 }))).toBe(false);
    expect(publicityMayBeSkipped(makeProgram({ steps: [{ kind: 'publicity', title: '公示' }] }))).toBe(false);
  });

  it('decides where the approved shortlist goes: on public notice, or (none) straight to the final decision', () => {
    const ranked = (publicityWorkingDays: number): Round => revise(openRound(), { status: 'awaiting_shortlist_approval', publicityWorkingDays }, t0);
    const step = (round: Round, to: RoundStatus) => () => advanceRound(round, to, {}, { actor: staff, now: t0, action: 'x' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (days) => {
        const round = ranked(days);
        const held = needsPublicity(round);
        expect(held).toBe(days > 0);
        const [allowed, refused]: [RoundStatus, RoundStatus] = held ? ['in_publicity', 'awaiting_final_approval'] : ['awaiting_final_approval', 'in_publicity'];
        expect(step(round, allowed)).not.toThrow();
        expect(errorOf(step(round, refused))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
        expect(step(round, 'cancelled')).not.toThrow();
      }),
    );
  });
});

describe('the approving body’s name', () => {
  it('is the seed’s: 部审核 for seed 000, 领导小组审定 for seed 004, 最终审定 where the program names none', () => {
    expect(approvalOf(program('miit-demo-base'))).toEqual({ body: '工业和信息化部', decisionTitle: '部审核' });
    for (const id of seed004Programs) {
      expect(approvalOf(program(id))).toEqual({ body: '广西职业教育创新发展领导小组', decisionTitle: '领导小组审定' });
    }
    expect(approvalOf(program('sh-collab-base'))).toEqual({ body: '上海市教育委员会', decisionTitle: '最终审定' });
  });

  it('names the wait for the final decision and leaves every other status label as it is', () => {
    expect(roundStatusLabel('awaiting_final_approval', approvalOf(program('gx-city-consortium')))).toBe('待领导小组审定');
    expect(roundStatusLabel('awaiting_final_approval', approvalOf(program('miit-demo-base')))).toBe('待部审核');
    expect(roundStatusLabel('awaiting_final_approval', approvalOf(program('sh-collab-base')))).toBe('待最终审定');
    expect(roundStatusLabel('in_publicity', approvalOf(program('gx-city-consortium')))).toBe('公示中');
    expect(roundStatuses.filter((status) => roundStatusLabel(status, { decisionTitle: 'X' }).includes('X'))).toEqual(['awaiting_final_approval']);
  });
});

describe('cancelling a round', () => {
  const context = { actor: staff, actorName: '职成处', now: at(5) };

  it('stops it in any status before the final decision, keeping the reason and who cancelled it', () => {
    for (const status of roundStatuses.filter((item) => item !== 'published' && item !== 'cancelled')) {
      const round = revise(openRound(), { status }, t0);
      const change = cancelRound(round, '政策调整', context);
      expect(change.entity).toMatchObject({ status: 'cancelled', cancellation: { reason: '政策调整', cancelledBy: '职成处', cancelledAt: at(5).toISOString() } });
      expect(change.expectedVersion).toBe(round.version);
    }
  });

  it('refuses once the final decision is taken or the results are published, and a second time', () => {
    const published = revise(openRound(), { status: 'published' }, t0);
    expect(errorOf(() => cancelRound(published, 'x', context))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
    const decided = revise(openRound(), { status: 'awaiting_final_approval', finalDecision: { noticeNumber: 'n', approvedBy: 'a', approvedAt: t0.toISOString() } }, t0);
    expect(errorOf(() => cancelRound(decided, 'x', context))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
    const cancelled = cancelRound(openRound(), 'x', context).entity;
    expect(errorOf(() => cancelRound(cancelled, 'x', context))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });
});

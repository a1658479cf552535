import { describe, expect, it } from 'vitest';
import { advanceRound, approveFinal, approveShortlist, createRound, isIntakeOpen, roundStatuses, type Round, type RoundStatus } from '#shared/domain/round.js';
import { revise } from '#shared/domain/entity.js';
import { DomainError } from '#shared/domain/errors.js';
import { errorOf } from '#test/support/error-of.js';
import { findProgram } from '#shared/programs/registry.js';
import { makeProgram } from './program-fixture.js';
import { at, openRound, staff, t0 } from './records-fixture.js';

describe('createRound', () => {
  it('takes unset settings from the program template and audits the creation', () => {
    const program = makeProgram({ quota: 7 });
    const change = createRound(
      { programId: program.id, title: '批次', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: at(60).toISOString() },
      program,
      { id: 'r', province: 'gx', actor: staff, now: t0 },
    );
    expect(change.entity).toMatchObject({ status: 'open', quota: 7, expertsPerApplication: 5, minValidReviews: 3, publicityWorkingDays: 5, version: 1 });
    expect(change.expectedVersion).toBe(0);
    expect(change.events).toEqual([expect.objectContaining({ action: 'round.created', entityId: 'r', fromVersion: 0, toVersion: 1, actor: 'admin:staff-1' })]);
  });

  it('sets no quota (no cap) unless the round or its program sets one', () => {
    const open = (programId: string, quota?: number) =>
      createRound(
        { programId, title: '批次', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: at(60).toISOString(), ...(quota === undefined ? {} : { quota }) },
        findProgram(programId)!,
        { id: 'r', province: 'gx', actor: staff, now: t0 },
      ).entity;
    for (const programId of ['miit-demo-base', 'sh-collab-base']) {
      expect(findProgram(programId)!.quota).toBeUndefined();
      expect(open(programId)).not.toHaveProperty('quota');
      expect(open(programId, 4).quota).toBe(4);
    }
    expect(open('gx-city-consortium').quota).toBe(findProgram('gx-city-consortium')!.quota);
    expect(open('gx-city-consortium', 12).quota).toBe(12);
  });

  it('assigns optimally unless asked to draw, and avoids the region as the program says unless the round says otherwise', () => {
    const open = (programId: string, settings: { assignmentMode?: 'optimal' | 'draw'; avoidSameRegion?: boolean } = {}) =>
      createRound(
        { programId, title: '批次', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: at(60).toISOString(), ...settings },
        findProgram(programId)!,
        { id: 'r', province: 'gx', actor: staff, now: t0 },
      ).entity;
    expect(open('gx-city-consortium')).toMatchObject({ assignmentMode: 'optimal', avoidSameRegion: true });
    expect(open('gx-industry-community')).toMatchObject({ assignmentMode: 'optimal', avoidSameRegion: false });
    expect(open('gx-city-consortium', { assignmentMode: 'draw', avoidSameRegion: false })).toMatchObject({ assignmentMode: 'draw', avoidSameRegion: false });
    expect(open('miit-demo-base', { avoidSameRegion: true }).avoidSameRegion).toBe(true);
    // the seed is drawn when experts are assigned, not when the round opens
    expect(open('gx-city-consortium', { assignmentMode: 'draw' })).not.toHaveProperty('assignmentSeed');
  });

  it('refuses an intake window that ends before it starts or is already over, naming the field', () => {
    const program = makeProgram();
    const attempt = (opens: Date, closes: Date) => () =>
      createRound({ programId: program.id, title: 'x', year: 2026, intakeOpensAt: opens.toISOString(), intakeClosesAt: closes.toISOString() }, program, { id: 'r', province: 'gx', actor: staff, now: t0 });
    expect(errorOf(attempt(at(10), at(5)))).toMatchObject({
      code: 'ROUND_INVALID',
      status: 422,
      details: [{ path: 'intakeClosesAt', message: '申报截止时间必须晚于开始时间' }],
    });
    // Opens and closes in the right order, but closes before now: only the "already over" check refuses it.
    expect(errorOf(attempt(at(-100), at(-10)))).toMatchObject({
      code: 'ROUND_INVALID',
      status: 422,
      details: [{ path: 'intakeClosesAt', message: '申报截止时间必须晚于当前时间' }],
    });
    expect(errorOf(attempt(at(-100), t0))).toMatchObject({ code: 'ROUND_INVALID', details: [{ message: '申报截止时间必须晚于当前时间' }] });
    expect(attempt(at(-100), at(1))).not.toThrow();
  });

  it('refuses more valid reviews than experts per application', () => {
    const program = makeProgram();
    expect(() =>
      createRound(
        { programId: program.id, title: 'x', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: at(60).toISOString(), expertsPerApplication: 2, minValidReviews: 3 },
        program,
        { id: 'r', province: 'gx', actor: staff, now: t0 },
      ),
    ).toThrow(expect.objectContaining({ code: 'ROUND_INVALID' }));
  });
});

describe('the round life cycle', () => {
  it('is open for intake only inside its window and while open', () => {
    const round = openRound();
    expect(isIntakeOpen(round, t0)).toBe(true);
    expect(isIntakeOpen(round, new Date(Date.parse(round.intakeClosesAt)))).toBe(false);
    expect(isIntakeOpen(round, new Date(Date.parse(round.intakeOpensAt) - 1))).toBe(false);
    const closed = advanceRound(round, 'screening', {}, { actor: staff, now: t0, action: 'round.intake_closed' }).entity;
    expect(isIntakeOpen(closed, t0)).toBe(false);
  });

  it('walks its statuses in order only, bumping the version once per step', () => {
    const order: RoundStatus[] = ['screening', 'assigning', 'in_review', 'awaiting_shortlist_approval', 'in_publicity', 'awaiting_final_approval', 'published'];
    let round = openRound();
    for (const [index, status] of order.entries()) {
      for (const skipped of order.slice(index + 1)) {
        expect(() => advanceRound(round, skipped, {}, { actor: staff, now: t0, action: 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE', status: 409 }));
      }
      const change = advanceRound(round, status, {}, { actor: staff, now: t0, action: `to.${status}` });
      expect(change.expectedVersion).toBe(round.version);
      expect(change.entity.version).toBe(round.version + 1);
      round = change.entity;
    }
    for (const status of roundStatuses) expect(() => advanceRound(round, status, {}, { actor: staff, now: t0, action: 'x' })).toThrow(DomainError);
  });
});

describe('staff decisions', () => {
  const ranked: Round = revise(
    openRound(),
    {
      status: 'awaiting_shortlist_approval',
      ranking: [
        { applicationId: 'a', rank: 1, score: 90, validReviews: 3, spread: 2 },
        { applicationId: 'b', rank: 2, score: 80, validReviews: 3, spread: 4 },
      ],
      proposedShortlist: ['a'],
    },
    t0,
  );
  const context = { actor: staff, actorName: '职成处', now: at(5) };

  it('approve the proposed shortlist by default, or a choice among the ranked applications, once', () => {
    expect(approveShortlist(ranked, {}, context).entity.shortlist).toMatchObject({ applicationIds: ['a'], approvedBy: '职成处' });
    const chosen = approveShortlist(ranked, { applicationIds: ['a', 'b'], note: '同分并列' }, context);
    expect(chosen.entity.shortlist).toMatchObject({ applicationIds: ['a', 'b'], note: '同分并列' });
    expect(chosen.events.map((event) => event.action)).toEqual(['round.shortlist_approved']);
    // the audit trail keeps the reason of an adjusted list; the proposed one (in any order) is no adjustment
    expect(chosen.events[0]!.detail).toEqual({ count: 2, adjusted: true, note: '同分并列' });
    expect(approveShortlist(ranked, {}, context).events[0]!.detail).toEqual({ count: 1, adjusted: false });
    expect(approveShortlist(ranked, { applicationIds: ['a'] }, context).events[0]!.detail).toEqual({ count: 1, adjusted: false });
    expect(() => approveShortlist(chosen.entity, {}, context)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => approveShortlist(ranked, { applicationIds: ['z'] }, context)).toThrow(expect.objectContaining({ code: 'SHORTLIST_INVALID', status: 422 }));
    expect(() => approveShortlist(openRound(), {}, context)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('take the final approval only after publicity, once, with the notice number', () => {
    expect(() => approveFinal(ranked, '桂教〔2026〕1号', context)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    const waiting = revise(ranked, { status: 'awaiting_final_approval' }, t0);
    const approved = approveFinal(waiting, '桂教〔2026〕1号', context);
    expect(approved.entity.finalDecision).toEqual({ noticeNumber: '桂教〔2026〕1号', approvedBy: '职成处', approvedAt: at(5).toISOString() });
    expect(() => approveFinal(approved.entity, '桂教〔2026〕2号', context)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('refuse a notice number that does not carry the issuer’s prefix', () => {
    const waiting = revise(ranked, { status: 'awaiting_final_approval', issuer: { name: '广西职业教育创新发展领导小组办公室', noticePrefix: '桂教职成' } }, t0);
    expect(errorOf(() => approveFinal(waiting, '桂政办发〔2026〕1号', context))).toMatchObject({
      code: 'NOTICE_NUMBER_INVALID',
      status: 422,
      details: [{ path: 'noticeNumber', message: '文号应以发文机关代字“桂教职成”开头（发文机关：广西职业教育创新发展领导小组办公室）' }],
    });
    expect(approveFinal(waiting, '桂教职成〔2026〕8号', context).entity.finalDecision?.noticeNumber).toBe('桂教职成〔2026〕8号');
  });
});

describe('the notice issuer of a round', () => {
  const open = (programId: string, issuer?: { name: string; noticePrefix?: string }) =>
    createRound(
      { programId, title: '批次', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: at(60).toISOString(), ...(issuer ? { issuer } : {}) },
      findProgram(programId)!,
      { id: 'r', province: 'gx', actor: staff, now: t0 },
    ).entity;

  it('is the body the seed puts in charge of the recognition unless the round names one', () => {
    expect(open('gx-city-consortium').issuer).toEqual({ name: '广西职业教育创新发展领导小组办公室' });
    expect(open('gx-industry-community').issuer).toEqual({ name: '广西职业教育创新发展领导小组办公室' });
    expect(open('cn-asean-tech-innovation').issuer).toEqual({ name: '广西壮族自治区教育厅' });
    expect(open('miit-demo-base').issuer).toEqual({ name: '工业和信息化部人事教育司' });
    expect(open('gx-city-consortium', { name: '广西壮族自治区教育厅', noticePrefix: '桂教职成' }).issuer).toEqual({ name: '广西壮族自治区教育厅', noticePrefix: '桂教职成' });
  });
});

/** Annual duties of recognised units: the cycle's years and due dates, lateness, and the report's life. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemActor } from '#shared/domain/audit-event.js';
import { revise } from '#shared/domain/entity.js';
import type { Evidence } from '#shared/domain/evidence.js';
import { endRectification, recognizeUnit } from '#shared/domain/unit.js';
import { annualDuties, createReport, dueDateOf, dutyStates, editReport, isDutyOverdue, rectificationDuty, reportFormsOf, reviewReport, reviewUnitReport, submitReport } from '#shared/domain/unit-report.js';
import { rectifyUnit } from '#shared/domain/unit-evaluation.js';
import { programTemplateSchema } from '#shared/programs/schema.js';
import { findProgram } from '#shared/programs/registry.js';
import { makeProgram } from './program-fixture.js';
import { at, draftApplication, openRound, school, staff } from './records-fixture.js';

const program = makeProgram();
const recognized = revise(draftApplication(), { status: 'recognized' as const }, at(1));
const unit = recognizeUnit(recognized, openRound(program), program, { actor: systemActor, now: new Date('2026-12-02T08:00:00Z') }).entity;
const plan = { plan: '推进现场工程师培养。', goals: '新增订单班 2 个。' };
const context = { actor: school, now: new Date('2027-01-10T00:00:00Z') };

describe('annual duties', () => {
  it('owes a plan and a summary in each calendar year after recognition, due at the end of the day in China', () => {
    expect(annualDuties(unit, program).map((duty) => [duty.year, duty.kind, duty.dueAt])).toEqual([
      [2027, 'plan', '2027-03-31T16:00:00.000Z'],
      [2027, 'summary', '2027-12-31T16:00:00.000Z'],
      [2028, 'plan', '2028-03-31T16:00:00.000Z'],
      [2028, 'summary', '2028-12-31T16:00:00.000Z'],
      [2029, 'plan', '2029-03-31T16:00:00.000Z'],
      [2029, 'summary', '2029-12-31T16:00:00.000Z'],
    ]);
    // recognised on 31 December after 16:00 UTC: already 1 January in China
    const lateInYear = { recognizedAt: '2026-12-31T17:00:00.000Z', cycleEndsAt: '2029-12-31T17:00:00.000Z' };
    expect(annualDuties(lateInYear, program).map((duty) => duty.year)).toEqual([2028, 2028, 2029, 2029, 2030, 2030]);
  });

  it('extends over each later cycle an evaluation starts (继续认定), the years already owed kept', () => {
    const continued = { ...unit, cycleStartsAt: '2029-11-20T02:00:00.000Z', cycleEndsAt: '2032-11-20T02:00:00.000Z' };
    expect([...new Set(annualDuties(continued, program).map((duty) => duty.year))]).toEqual([2027, 2028, 2029, 2030, 2031, 2032]);
  });

  it('takes the due dates and cycle from the program, and refuses a day that is not in every year', () => {
    const custom = { ...program, duties: { cycleYears: 1, planDue: '02-15', summaryDue: '11-30' } };
    const unitOfCustom = recognizeUnit(recognized, openRound(custom), custom, { actor: systemActor, now: new Date('2026-12-02T08:00:00Z') }).entity;
    expect(annualDuties(unitOfCustom, custom).map((duty) => duty.dueAt)).toEqual(['2027-02-15T16:00:00.000Z', '2027-11-30T16:00:00.000Z']);
    const base = findProgram('miit-demo-base')!;
    expect(programTemplateSchema.safeParse({ ...base, duties: { planDue: '02-29' } }).success).toBe(false);
    expect(programTemplateSchema.safeParse({ ...base, duties: { planDue: '13-01' } }).success).toBe(false);
    expect(programTemplateSchema.parse({ ...base, duties: {} }).duties).toEqual({ planDue: '03-31', summaryDue: '12-31' });
  });

  it('is late from its due date while no report is submitted, whatever the dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -86_400_000, max: 86_400_000 }), (year, month, offset) => {
        const monthDay = `${String(month).padStart(2, '0')}-28`;
        const due = dueDateOf(year, monthDay);
        const duty = { year, kind: 'plan' as const, dueAt: due.toISOString() };
        const now = new Date(due.getTime() + offset);
        expect(isDutyOverdue(duty, undefined, now)).toBe(offset >= 0);
        expect(isDutyOverdue(duty, { status: 'returned' }, now)).toBe(offset >= 0);
        expect(isDutyOverdue(duty, { status: 'submitted' }, now)).toBe(false);
        expect(isDutyOverdue(duty, { status: 'accepted' }, now)).toBe(false);
      }),
    );
  });
});

describe('annual reports', () => {
  it('starts a draft for a duty of the cycle only, while the unit is under duty', () => {
    const draft = createReport(unit, { year: 2027, kind: 'plan', form: { plan: '计划' } }, program, { ...context, id: 'r-1' }).entity;
    expect(draft).toMatchObject({ unitId: unit.id, orgId: unit.orgId, year: 2027, kind: 'plan', status: 'draft', dueAt: '2027-03-31T16:00:00.000Z' });
    expect(() => createReport(unit, { year: 2030, kind: 'plan', form: {} }, program, { ...context, id: 'r-2' })).toThrow(expect.objectContaining({ code: 'REPORT_YEAR_INVALID', status: 422 }));
    expect(() => createReport(unit, { year: 2027, kind: 'plan', form: { unknown: 'x' } }, program, { ...context, id: 'r-3' })).toThrow(expect.objectContaining({ code: 'FORM_INVALID' }));
    const revoked = revise(unit, { status: 'revoked' as const }, at(2));
    expect(() => createReport(revoked, { year: 2027, kind: 'plan', form: {} }, program, { ...context, id: 'r-4' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE', status: 409 }));
  });

  it('submits a complete report with every file checked; staff accept it or return it for a corrected resubmission', () => {
    const draft = createReport(unit, { year: 2027, kind: 'plan', form: { plan: '计划' } }, program, { ...context, id: 'r-1' }).entity;
    expect(() => submitReport(draft, [], program, context)).toThrow(expect.objectContaining({ code: 'FORM_INVALID' }));
    const complete = editReport(draft, plan, program, context).entity;
    const pending = { id: 'ev-1', materialKey: 'evidence', status: 'pending', createdAt: context.now.toISOString() } as Evidence;
    expect(() => submitReport(complete, [pending], program, context)).toThrow(expect.objectContaining({ code: 'EVIDENCE_NOT_VERIFIED' }));
    const submitted = submitReport(complete, [{ ...pending, status: 'verified' }], program, context).entity;
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: context.now.toISOString() });
    expect(() => editReport(submitted, plan, program, context)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    const returned = reviewReport(submitted, { outcome: 'returned', note: '目标不具体' }, { actor: staff, actorName: '职成处', now: context.now }).entity;
    expect(returned.review).toMatchObject({ outcome: 'returned', note: '目标不具体', by: '职成处' });
    expect(() => reviewReport(returned, { outcome: 'accepted', note: '' }, { actor: staff, actorName: '职成处', now: context.now })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    const again = submitReport(editReport(returned, { ...plan, goals: '订单班 2 个、实训基地 1 个。' }, program, context).entity, [], program, context).entity;
    const accepted = reviewReport(again, { outcome: 'accepted', rating: 'excellent', note: '' }, { actor: staff, actorName: '职成处', now: context.now }).entity;
    expect(accepted).toMatchObject({ status: 'accepted', review: { outcome: 'accepted', rating: 'excellent' } });
    expect(dutyStates(unit, program, [accepted], new Date('2027-06-01T00:00:00Z')).map((duty) => [duty.year, duty.kind, duty.overdue, duty.report?.id])).toEqual([
      [2027, 'plan', false, 'r-1'],
      [2027, 'summary', false, undefined],
      [2028, 'plan', false, undefined],
      [2028, 'summary', false, undefined],
      [2029, 'plan', false, undefined],
      [2029, 'summary', false, undefined],
    ]);
  });
});

describe('the rectification report (整改报告)', () => {
  // 限期整改 to 2029-12-31 17:00 UTC: already 1 January 2030 in China
  const deadline = '2029-12-31T17:00:00.000Z';
  const rectifying = rectifyUnit(unit, { roundId: 'ev-1', note: '企业导师参与不足。', deadline }, { actor: systemActor, now: new Date('2029-10-01T00:00:00Z') })!.entity;
  const form = { problems: '企业导师参与不足。', measures: '聘任企业导师 12 名。', results: '导师授课占比达 30%。' };
  const staffContext = { actor: staff, actorName: '职成处', now: new Date('2029-11-01T00:00:00Z') };
  const submitted = () => {
    const draft = createReport(rectifying, { year: 2030, kind: 'rectification', form }, program, { ...context, id: 'r-rect' }).entity;
    return submitReport(draft, [], program, context).entity;
  };

  it('is owed only by a rectifying unit, due at its deadline, of the deadline\'s year in China', () => {
    expect(rectificationDuty(unit)).toBeUndefined();
    expect(annualDuties(unit, program).some((duty) => duty.kind === 'rectification')).toBe(false);
    expect(rectificationDuty(rectifying)).toEqual({ year: 2030, kind: 'rectification', dueAt: deadline });
    expect(annualDuties(rectifying, program).at(-1)).toEqual({ year: 2030, kind: 'rectification', dueAt: deadline });
    const states = dutyStates(rectifying, program, [], new Date(Date.parse(deadline) + 1));
    expect(states.find((duty) => duty.kind === 'rectification')?.overdue).toBe(true);
    expect(dutyStates(rectifying, program, [], new Date(Date.parse(deadline) - 1)).find((duty) => duty.kind === 'rectification')?.overdue).toBe(false);
  });

  it('has the platform form (整改措施, 整改成效) and refuses a unit not under rectification or another year', () => {
    expect(reportFormsOf(program).rectification.map((field) => field.label)).toEqual(['评估指出的问题', '整改措施', '整改成效', '长效机制']);
    expect(submitted()).toMatchObject({ kind: 'rectification', year: 2030, status: 'submitted', dueAt: deadline });
    expect(() => createReport(unit, { year: 2030, kind: 'rectification', form }, program, { ...context, id: 'r-x' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE', status: 409 }));
    expect(() => createReport(rectifying, { year: 2029, kind: 'rectification', form }, program, { ...context, id: 'r-y' })).toThrow(expect.objectContaining({ code: 'REPORT_YEAR_INVALID', status: 422 }));
  });

  it('accepted, ends the rectification (the unit active again, once); returned, keeps it', () => {
    const accepted = reviewUnitReport(submitted(), rectifying, { outcome: 'accepted', rating: 'pass', note: '' }, staffContext);
    expect(accepted.report.entity.status).toBe('accepted');
    expect(accepted.unit?.entity).toMatchObject({ status: 'active', version: rectifying.version + 1 });
    expect(accepted.unit?.entity.rectification).toBeUndefined();
    expect(accepted.unit?.events.map((event) => event.action)).toEqual(['unit.rectification_ended']);
    expect(endRectification(accepted.unit!.entity, 'r-rect', staffContext)).toBeUndefined();
    const returned = reviewUnitReport(submitted(), rectifying, { outcome: 'returned', note: '成效缺少数据。' }, staffContext);
    expect(returned.report.entity.status).toBe('returned');
    expect(returned.unit).toBeUndefined();
    // an accepted plan or summary leaves the unit as it is
    const plan2030 = { ...submitted(), kind: 'summary' as const };
    expect(reviewUnitReport(plan2030, rectifying, { outcome: 'accepted', note: '' }, staffContext).unit).toBeUndefined();
  });
});

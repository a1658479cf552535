/** Recognised units: the deterministic id, the cycle from the program, and the cycle's end. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemActor } from '#shared/domain/audit-event.js';
import { revise } from '#shared/domain/entity.js';
import { addYears, completeUnitCycle, cycleYearsOf, recognizeUnit, recordDutyReminder, unitIdOf } from '#shared/domain/unit.js';
import { findProgram } from '#shared/programs/registry.js';
import { makeProgram } from './program-fixture.js';
import { at, draftApplication, openRound } from './records-fixture.js';

const program = makeProgram();
const recognized = revise(draftApplication(), { status: 'recognized' as const, form: { ...draftApplication().form, contactEmail: 'lian@liuzhou.test' } }, at(1));
const context = { actor: systemActor, now: new Date('2026-12-02T08:00:00Z') };

describe('recognised units', () => {
  it('takes its id, names and contact from the recognised application, with a 3-year cycle by default', () => {
    const unit = recognizeUnit(recognized, openRound(program), program, context).entity;
    expect(unit).toMatchObject({
      id: unitIdOf(recognized.id),
      applicationId: recognized.id,
      roundId: 'round-1',
      orgId: recognized.orgId,
      organization: recognized.applicantName,
      title: recognized.title,
      contactEmail: 'lian@liuzhou.test',
      recognizedAt: '2026-12-02T08:00:00.000Z',
      cycleStartsAt: '2026-12-02T08:00:00.000Z',
      cycleEndsAt: '2029-12-02T08:00:00.000Z',
      status: 'active',
      version: 1,
    });
    expect(unitIdOf(recognized.id)).toBe(unitIdOf(recognized.id));
  });

  it('reads the cycle length from the program: its duties, else its periodic evaluation (seed 000: 3, craftsman colleges: 1)', () => {
    expect(cycleYearsOf(findProgram('miit-demo-base')!)).toBe(3);
    expect(cycleYearsOf(findProgram('cn-asean-craftsman')!)).toBe(1);
    expect(cycleYearsOf(findProgram('gx-city-consortium')!)).toBe(3);
    expect(cycleYearsOf({ ...findProgram('cn-asean-craftsman')!, duties: { cycleYears: 5, planDue: '03-31', summaryDue: '12-31' } })).toBe(5);
  });

  it('refuses an application that is not recognised', () => {
    expect(() => recognizeUnit(draftApplication(), openRound(program), program, context)).toThrow(RangeError);
  });

  it('completes an active unit only once its cycle has ended', () => {
    const unit = recognizeUnit(recognized, openRound(program), program, context).entity;
    expect(completeUnitCycle(unit, { actor: systemActor, now: new Date('2029-12-02T07:59:59Z') })).toBeUndefined();
    const ended = completeUnitCycle(unit, { actor: systemActor, now: new Date('2029-12-02T08:00:00Z') })!.entity;
    expect(ended.status).toBe('completed');
    expect(completeUnitCycle(ended, { actor: systemActor, now: new Date('2030-01-01T00:00:00Z') })).toBeUndefined();
    expect(completeUnitCycle(revise(unit, { status: 'revoked' as const }, at(2)), { actor: systemActor, now: new Date('2030-01-01T00:00:00Z') })).toBeUndefined();
  });

  it('reminds each duty once', () => {
    const unit = recognizeUnit(recognized, openRound(program), program, context).entity;
    const reminded = recordDutyReminder(unit, '2027-plan', context)!.entity;
    expect(reminded.remindedDuties).toEqual(['2027-plan']);
    expect(recordDutyReminder(reminded, '2027-plan', context)).toBeUndefined();
    expect(recordDutyReminder(reminded, '2027-summary', context)!.entity.remindedDuties).toEqual(['2027-plan', '2027-summary']);
  });

  it('moves a date by whole years, never backwards and by 365 or 366 days a year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 10 }), (date, years) => {
        const days = (addYears(date, years).getTime() - date.getTime()) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(365 * years);
        expect(days).toBeLessThanOrEqual(366 * years + 1);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dutyLeg, legDays } from '#shared/domain/duty-legs.js';
import type { AnnualDuty } from '#shared/domain/unit-report.js';

const DAY_MS = 86_400_000;
const now = new Date('2026-12-02T00:00:00Z');
const year = 365 * DAY_MS;

/** The legs of a chain as the workflow runs them: the first from the beginning, each next from the last one's end. */
function chain(duties: readonly AnnualDuty[], cycleEndsAt: string) {
  const legs = [{ start: now.getTime(), ...dutyLeg(duties, cycleEndsAt, null, now) }];
  while (!legs.at(-1)!.lastLeg) {
    const from = legs.at(-1)!.until;
    legs.push({ start: Date.parse(from), ...dutyLeg(duties, cycleEndsAt, from, new Date(from)) });
    if (legs.length > 100) throw new Error('no last leg');
  }
  return legs;
}

/** Duties due from a year before `now` to ten years after it, and a cycle ending in that span. */
const scenario = fc.record({
  dueAts: fc.array(fc.integer({ min: now.getTime() - year, max: now.getTime() + 10 * year }), { maxLength: 25 }),
  cycleEndsAt: fc.integer({ min: now.getTime(), max: now.getTime() + 10 * year }),
});

describe('duty legs', () => {
  it('starts with the duties already due and those of the next 300 days', () => {
    const duties: AnnualDuty[] = [
      { year: 2026, kind: 'summary', dueAt: '2026-11-30T16:00:00.000Z' },
      { year: 2027, kind: 'plan', dueAt: '2027-03-31T16:00:00.000Z' },
      { year: 2027, kind: 'summary', dueAt: '2028-01-31T16:00:00.000Z' },
    ];
    expect(dutyLeg(duties, '2029-12-01T00:00:00.000Z', null, now)).toEqual({ duties: duties.slice(0, 2), until: '2027-09-28T00:00:00.000Z', lastLeg: false });
    expect(dutyLeg(duties, '2029-12-01T00:00:00.000Z', '2027-09-28T00:00:00.000Z', now)).toMatchObject({ duties: duties.slice(2), lastLeg: false });
    expect(dutyLeg(duties, '2027-06-01T00:00:00.000Z', null, now)).toMatchObject({ lastLeg: false });
    expect(dutyLeg(duties.slice(0, 2), '2027-06-01T00:00:00.000Z', null, now)).toMatchObject({ lastLeg: true });
  });

  it('puts a duty due exactly at a leg\'s end in the next leg only', () => {
    const first = dutyLeg([], '2029-12-01T00:00:00.000Z', null, now);
    const atBoundary: AnnualDuty = { year: 2027, kind: 'plan', dueAt: first.until };
    expect(dutyLeg([atBoundary], '2029-12-01T00:00:00.000Z', null, now)).toMatchObject({ duties: [], lastLeg: false });
    expect(dutyLeg([atBoundary], '2029-12-01T00:00:00.000Z', first.until, new Date(first.until))).toMatchObject({ duties: [atBoundary] });
  });

  it('does not end the cycle in a leg whose end is the cycle\'s end: the next leg is the last', () => {
    const until = dutyLeg([], '2029-12-01T00:00:00.000Z', null, now).until;
    expect(dutyLeg([], until, null, now)).toMatchObject({ until, lastLeg: false });
    expect(dutyLeg([], until, until, new Date(until))).toMatchObject({ lastLeg: true });
    expect(chain([], until)).toHaveLength(2);
  });

  describe('properties', () => {
    it('holds every duty in exactly one leg of the chain, in no leg longer than 300 days, and ends the cycle in the last', () => {
      fc.assert(
        fc.property(scenario, ({ dueAts, cycleEndsAt }) => {
          const duties = dueAts.map((ms, index): AnnualDuty => ({ year: 2026 + index, kind: 'plan', dueAt: new Date(ms).toISOString() }));
          const legs = chain(duties, new Date(cycleEndsAt).toISOString());
          expect(legs.flatMap((leg) => leg.duties).sort((a, b) => a.year - b.year)).toEqual(duties);
          for (const leg of legs) {
            expect(Date.parse(leg.until) - leg.start).toBe(legDays * DAY_MS);
            for (const duty of leg.duties) expect(Date.parse(duty.dueAt)).toBeLessThan(Date.parse(leg.until));
          }
          const last = legs.at(-1)!;
          expect(cycleEndsAt).toBeLessThan(Date.parse(last.until));
          expect(legs.filter((leg) => leg.lastLeg)).toEqual([last]);
        }),
      );
    });
  });
});

/**
 * Legs of a unit's duty workflow. A recognition cycle lasts years, an AWS Standard Step
 * Functions execution one year at most: the workflow runs as a chain of executions, each
 * covering one leg of at most {@link legDays} days and starting the next at its end.
 *
 * A leg starting at `from` (null for a chain's first leg: from the beginning, so a duty already
 * due is reminded at once) ends at `until` = {@link legDays} days after its start (`from`, or the
 * instant the first leg begins). It holds the duties due in [from, until); consecutive legs
 * (the next `from` is this `until`) hold every duty exactly once. The leg is the last when the
 * cycle and every duty end before `until`: it then waits for the cycle's end and ends the cycle.
 */
import type { AnnualDuty } from './unit-report.js';

/** The longest leg one execution covers: well inside the year a Standard execution may last. */
export const legDays = 300;
const legMs = legDays * 86_400_000;

/** One leg: its duties by due date, its end, and whether the cycle ends in it. */
export interface DutyLeg {
  readonly duties: readonly AnnualDuty[];
  readonly until: string;
  readonly lastLeg: boolean;
}

/**
 * The leg of a unit's duties that starts at `from` (null: the chain's first leg, starting `now`).
 *
 * @example
 * dutyLeg(annualDuties(unit, program), unit.cycleEndsAt, null, now); // { duties: the first 300 days', until, lastLeg: false }
 */
export function dutyLeg(duties: readonly AnnualDuty[], cycleEndsAt: string, from: string | null, now: Date): DutyLeg {
  const start = from === null ? now.getTime() : Date.parse(from);
  const until = start + legMs;
  const inLeg = duties.filter((duty) => (from === null || Date.parse(duty.dueAt) >= start) && Date.parse(duty.dueAt) < until);
  const lastAt = duties.reduce((last, duty) => Math.max(last, Date.parse(duty.dueAt)), Date.parse(cycleEndsAt));
  return { duties: inLeg, until: new Date(until).toISOString(), lastLeg: lastAt < until };
}

/**
 * What a cycle evaluation's conclusion does to a recognised unit (激励和退出机制), applied when
 * the evaluation round publishes: 继续认定 and 给予激励 keep the unit active and start its next
 * cycle (of the program's cycle length, from the publication); 限期整改 puts it under
 * rectification with a deadline, by which it owes a rectification report; 撤销认定 revokes it with
 * the round and its notice number. Each records the conclusion as the unit's `lastEvaluation`,
 * which makes a retried publication change nothing twice.
 */
import { audit, type Actor, type Change } from './audit-event.js';
import { revise } from './entity.js';
import { DomainError } from './errors.js';
import type { EvaluationOutcome } from './round.js';
import { addYears, type Unit } from './unit.js';

/** The conclusion an evaluation round reached on a unit, as the unit keeps it. */
export interface UnitEvaluation {
  readonly roundId: string;
  readonly outcome: EvaluationOutcome;
  readonly note: string;
  readonly at: string;
}

/** A unit as the evaluation leaves it: with its last conclusion. */
export type EvaluatedUnitRecord = Unit & { readonly lastEvaluation?: UnitEvaluation };

interface Context {
  readonly actor: Actor;
  readonly now: Date;
}

interface Conclusion {
  readonly roundId: string;
  readonly note: string;
}

/**
 * Records `outcome` on the unit with `changes`; `endsRectification` drops a rectification the
 * unit was under. Undefined when this round concluded on the unit already.
 */
function conclude(
  unit: EvaluatedUnitRecord,
  outcome: EvaluationOutcome,
  conclusion: Conclusion,
  changes: Partial<Pick<EvaluatedUnitRecord, 'status' | 'cycleStartsAt' | 'cycleEndsAt' | 'rectification' | 'revocation'>>,
  context: Context & { action: string; detail: Record<string, unknown>; endsRectification?: boolean },
): Change<EvaluatedUnitRecord> | undefined {
  if (unit.lastEvaluation?.roundId === conclusion.roundId) return undefined;
  if (unit.status === 'revoked') throw new DomainError('INVALID_STATE', 'unitRevoked', { organization: unit.organization });
  const { rectification: _over, ...withoutRectification } = unit;
  const kept: EvaluatedUnitRecord = context.endsRectification ? withoutRectification : unit;
  const lastEvaluation: UnitEvaluation = { roundId: conclusion.roundId, outcome, note: conclusion.note, at: context.now.toISOString() };
  const next = revise(kept, { ...changes, lastEvaluation }, context.now);
  return {
    entity: next,
    expectedVersion: unit.version,
    events: [audit(context.actor, context.action, 'unit', unit, next, context.now, { roundId: conclusion.roundId, outcome, ...context.detail })],
  };
}

/** The next cycle of `cycleYears` from `now`, active, out of any rectification. */
function continued(unit: EvaluatedUnitRecord, outcome: 'continue' | 'incentive', conclusion: Conclusion & { cycleYears: number }, context: Context) {
  const cycle = { status: 'active' as const, cycleStartsAt: context.now.toISOString(), cycleEndsAt: addYears(context.now, conclusion.cycleYears).toISOString() };
  const action = outcome === 'continue' ? 'unit.evaluation_continued' : 'unit.evaluation_incentive';
  return conclude(unit, outcome, conclusion, cycle, { ...context, action, detail: { cycleEndsAt: cycle.cycleEndsAt }, endsRectification: true });
}

/**
 * 继续认定: the unit stays recognised and starts its next cycle of `cycleYears` from now (a
 * rectification it was under ends). Undefined when this round concluded on it already.
 *
 * @throws DomainError INVALID_STATE (409) for a revoked unit.
 */
export function continueUnit(unit: EvaluatedUnitRecord, conclusion: Conclusion & { cycleYears: number }, context: Context): Change<EvaluatedUnitRecord> | undefined {
  return continued(unit, 'continue', conclusion, context);
}

/**
 * 给予激励: as {@link continueUnit}, recorded as an incentive (the note says what it is).
 *
 * @throws DomainError INVALID_STATE (409) for a revoked unit.
 */
export function rewardUnit(unit: EvaluatedUnitRecord, conclusion: Conclusion & { cycleYears: number }, context: Context): Change<EvaluatedUnitRecord> | undefined {
  return continued(unit, 'incentive', conclusion, context);
}

/**
 * 限期整改: the unit is `rectifying` until `deadline`, by which it owes a rectification report.
 * Undefined when this round concluded on it already.
 *
 * @throws DomainError INVALID_STATE (409) for a revoked unit.
 */
export function rectifyUnit(unit: EvaluatedUnitRecord, conclusion: Conclusion & { deadline: string }, context: Context): Change<EvaluatedUnitRecord> | undefined {
  const rectification = { deadline: conclusion.deadline, note: conclusion.note, roundId: conclusion.roundId };
  return conclude(unit, 'rectify', conclusion, { status: 'rectifying', rectification }, { ...context, action: 'unit.rectification_ordered', detail: { deadline: conclusion.deadline } });
}

/**
 * 撤销认定: the unit is `revoked` by the round's final approval with its notice number.
 * Undefined when this round concluded on it already.
 *
 * @throws DomainError INVALID_STATE (409) for a unit revoked already.
 */
export function revokeUnit(unit: EvaluatedUnitRecord, conclusion: Conclusion & { noticeNumber: string }, context: Context): Change<EvaluatedUnitRecord> | undefined {
  const revocation = { roundId: conclusion.roundId, noticeNumber: conclusion.noticeNumber, at: context.now.toISOString() };
  return conclude(unit, 'revoke', conclusion, { status: 'revoked', revocation }, { ...context, action: 'unit.revoked', detail: { noticeNumber: conclusion.noticeNumber } });
}

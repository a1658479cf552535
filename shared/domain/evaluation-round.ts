/**
 * Cycle evaluation rounds (周期评估): a round of kind `evaluation` over recognised units of one
 * program, run by the same review machinery on the program's evaluation view, and ending in one
 * conclusion per unit (继续认定, 给予激励, 限期整改, 撤销认定) taken in the shortlist step. The
 * units to be revoked are the round's shortlist: they go on public notice and to final approval.
 */
import type { ProgramTemplate } from '../programs/schema.js';
import type { Application } from './application.js';
import { audit, type Actor, type Change } from './audit-event.js';
import { revise } from './entity.js';
import { DomainError, type ErrorDetail } from './errors.js';
import { createRound, type EvaluationDecision, type EvaluationOutcome, type NewRoundInput, type Round } from './round.js';

/** What an evaluation round needs to know of a unit. */
export interface EvaluatedUnit {
  readonly id: string;
  readonly programId: string;
  readonly orgId: string;
  readonly organization: string;
  readonly title: string;
  readonly status: 'active' | 'rectifying' | 'revoked' | 'completed';
}

/** The statuses of units an evaluation round evaluates unless staff list them: the ones under way. */
export const defaultEvaluatedStatuses: readonly EvaluatedUnit['status'][] = ['active', 'rectifying'];

/** Chinese names of the conclusions, for pages and mails. */
export const evaluationOutcomeLabels: Readonly<Record<EvaluationOutcome, string>> = {
  continue: '继续认定',
  incentive: '给予激励',
  rectify: '限期整改',
  revoke: '撤销认定',
};

/** Whether a round is a cycle evaluation. */
export function isEvaluationRound(round: Pick<Round, 'kind'>): boolean {
  return round.kind === 'evaluation';
}

/**
 * Opens a cycle evaluation of `units` (found by the handler, `undefined` for an unknown id) on
 * the evaluation view of their program; settings not given come from the program as for a
 * recognition round.
 *
 * @throws DomainError EVALUATION_UNITS_INVALID (422) for no unit, a repeated, unknown or revoked
 *   unit or one of another program; ROUND_INVALID (422) as {@link createRound}.
 */
export function createEvaluationRound(
  input: NewRoundInput,
  view: ProgramTemplate,
  units: readonly { readonly id: string; readonly unit: EvaluatedUnit | undefined }[],
  context: { id: string; province: string; actor: Actor; now: Date; programVersion?: number },
): Change<Round> {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const { id, unit } of units) {
    if (seen.has(id)) problems.push({ path: 'unitIds', message: `认定单位重复：${id}` });
    else if (!unit) problems.push({ path: 'unitIds', message: `认定单位不存在：${id}` });
    else if (unit.programId !== view.id) problems.push({ path: 'unitIds', message: `认定单位不属于该认定项目：${unit.organization}` });
    else if (unit.status === 'revoked') problems.push({ path: 'unitIds', message: `认定单位已撤销认定：${unit.organization}` });
    seen.add(id);
  }
  if (units.length === 0) problems.push({ path: 'unitIds', message: '该认定项目没有可评估的认定单位' });
  if (problems.length > 0) throw new DomainError('EVALUATION_UNITS_INVALID', 'units', problems);
  const base = createRound(input, view, context).entity;
  const round: Round = { ...base, kind: 'evaluation', unitIds: units.map((item) => item.id) };
  return {
    entity: round,
    expectedVersion: 0,
    events: [audit(context.actor, 'round.created', 'round', undefined, round, context.now, { kind: 'evaluation', units: units.length })],
  };
}

/**
 * Whether the organisation may apply in an evaluation round, and for which unit: its own unit
 * among the round's. The unit's id is the application's `unitId`.
 *
 * @throws DomainError EVALUATION_UNIT_REQUIRED (422) without a unit, NOT_EVALUATED (403) for a
 *   unit not in the round or not the organisation's.
 */
export function assertEvaluatedUnit(round: Pick<Round, 'unitIds'>, unit: Pick<EvaluatedUnit, 'id' | 'orgId'> | undefined, orgId: string, unitId: string | undefined): void {
  if (unitId === undefined) {
    throw new DomainError('EVALUATION_UNIT_REQUIRED', 'unit', [{ path: 'unitId', message: '请选择本单位的认定单位' }]);
  }
  if (!unit || unit.orgId !== orgId || !(round.unitIds ?? []).includes(unit.id)) {
    throw new DomainError('NOT_EVALUATED', 'unit');
  }
}

/** A conclusion staff give for one unit. */
export interface EvaluationDecisionInput {
  readonly unitId: string;
  readonly outcome: EvaluationOutcome;
  readonly note?: string | undefined;
  readonly rectifyBy?: string | undefined;
}

/** Whether two optional moments are the same (both absent, or equal times; an unreadable one equals nothing). */
function sameMoment(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined ? a === b : Date.parse(a) === Date.parse(b);
}

function sameDecisions(stored: readonly EvaluationDecision[], given: readonly EvaluationDecisionInput[]): boolean {
  const byUnit = new Map(stored.map((item) => [item.unitId, item]));
  return (
    stored.length === given.length &&
    given.every((item) => {
      const kept = byUnit.get(item.unitId);
      return kept !== undefined && kept.outcome === item.outcome && kept.note === (item.note ?? '') && sameMoment(kept.rectifyBy, item.rectifyBy);
    })
  );
}

function checkDecisions(round: Round, decisions: readonly EvaluationDecisionInput[], now: Date): ErrorDetail[] {
  const units = new Set(round.unitIds ?? []);
  const problems: ErrorDetail[] = [];
  const decided = new Set<string>();
  decisions.forEach((item, index) => {
    const path = `decisions.${index}`;
    if (!units.has(item.unitId)) problems.push({ path: `${path}.unitId`, message: `不在本次评估范围内：${item.unitId}` });
    else if (decided.has(item.unitId)) problems.push({ path: `${path}.unitId`, message: `同一认定单位只能有一个评估结论：${item.unitId}` });
    decided.add(item.unitId);
    if (item.outcome === 'rectify' && !(item.rectifyBy !== undefined && Date.parse(item.rectifyBy) > now.getTime())) {
      problems.push({ path: `${path}.rectifyBy`, message: '限期整改须给出晚于当前时间的整改期限' });
    }
    if (item.outcome !== 'rectify' && item.rectifyBy !== undefined) problems.push({ path: `${path}.rectifyBy`, message: '只有限期整改需要整改期限' });
  });
  for (const unitId of units) if (!decided.has(unitId)) problems.push({ path: 'decisions', message: `缺少认定单位的评估结论：${unitId}` });
  return problems;
}

/**
 * Staff conclude an evaluation round (评估结论), one conclusion for every unit of the round, in
 * the shortlist step: the round records them and, as its shortlist, the applications of the
 * units to be revoked (the public notice lists those). `applications` are the round's
 * applications (a unit that did not apply is decided without one). Undefined when the same
 * conclusions are recorded already (a repeated request).
 *
 * @throws DomainError INVALID_STATE (409) for a recognition round, outside the shortlist step,
 *   or when other conclusions are recorded; EVALUATION_DECISIONS_INVALID (422) with a detail per problem.
 */
export function decideEvaluation(
  round: Round,
  decisions: readonly EvaluationDecisionInput[],
  context: { actor: Actor; actorName: string; now: Date; units: readonly EvaluatedUnit[]; applications: readonly Pick<Application, 'id' | 'status' | 'unitId'>[] },
): Change<Round> | undefined {
  if (!isEvaluationRound(round)) throw new DomainError('INVALID_STATE', 'notEvaluationRound');
  if (round.evaluationDecisions && sameDecisions(round.evaluationDecisions, decisions)) return undefined;
  if (round.status !== 'awaiting_shortlist_approval' || round.shortlist) throw new DomainError('INVALID_STATE', 'evaluationNotConcluding');
  const problems = checkDecisions(round, decisions, context.now);
  if (problems.length > 0) throw new DomainError('EVALUATION_DECISIONS_INVALID', 'decisions', problems);
  const unitById = new Map(context.units.map((unit) => [unit.id, unit]));
  const applicationOf = new Map(context.applications.filter((item) => item.status !== 'withdrawn').flatMap((item) => (item.unitId ? [[item.unitId, item.id] as const] : [])));
  const recorded: EvaluationDecision[] = decisions.map((item) => {
    const applicationId = applicationOf.get(item.unitId);
    const unit = unitById.get(item.unitId);
    return {
      unitId: item.unitId,
      ...(applicationId ? { applicationId } : {}),
      organization: unit?.organization ?? item.unitId,
      title: unit?.title ?? '',
      outcome: item.outcome,
      note: item.note ?? '',
      ...(item.rectifyBy === undefined ? {} : { rectifyBy: new Date(item.rectifyBy).toISOString() }),
    };
  });
  const revoked = recorded.flatMap((item) => (item.outcome === 'revoke' && item.applicationId ? [item.applicationId] : []));
  const shortlist = { applicationIds: revoked, approvedBy: context.actorName, approvedAt: context.now.toISOString() };
  const next = revise(round, { evaluationDecisions: recorded, shortlist }, context.now);
  const counts = Object.fromEntries((['continue', 'incentive', 'rectify', 'revoke'] as const).map((outcome) => [outcome, recorded.filter((item) => item.outcome === outcome).length]));
  return { entity: next, expectedVersion: round.version, events: [audit(context.actor, 'round.evaluation_decided', 'round', round, next, context.now, counts)] };
}

/** The note of a revocation an upheld objection stopped. */
const stoppedRevocationNote = '公示期间异议成立，不予撤销认定';

/**
 * A conclusion as it stands after publicity: a revocation whose application had an objection
 * upheld (`upheld`: those applications' ids) continues the unit, the objection noted.
 */
export function effectiveDecision(decision: EvaluationDecision, upheld: ReadonlySet<string>): EvaluationDecision {
  if (decision.outcome !== 'revoke' || !decision.applicationId || !upheld.has(decision.applicationId)) return decision;
  return { ...decision, outcome: 'continue', note: decision.note ? `${decision.note}；${stoppedRevocationNote}` : stoppedRevocationNote };
}

/**
 * Revocations on the public results (撤销认定): the units an evaluation round revoked, and the
 * later revocations of a recognition round's units, as the unit records them.
 */
import type { Application } from '#shared/domain/application.js';
import { isEvaluationRound } from '#shared/domain/evaluation-round.js';
import type { Round } from '#shared/domain/round.js';
import { unitIdOf, type Unit } from '#shared/domain/unit.js';
import type { Dependencies } from '../composition-root.js';

/** A revoked unit as the public results list it. */
export interface PublicRevocation {
  readonly unitId: string;
  readonly applicationId: string;
  readonly applicant: string;
  readonly title: string;
  /** The evaluation round that revoked it, its notice number, and when. */
  readonly roundId: string;
  readonly noticeNumber: string;
  readonly revokedAt: string;
}

function revocationOf(unit: Unit | undefined): PublicRevocation[] {
  if (!unit?.revocation) return [];
  const { roundId, noticeNumber, at } = unit.revocation;
  return [{ unitId: unit.id, applicationId: unit.applicationId, applicant: unit.organization, title: unit.title, roundId, noticeNumber, revokedAt: at }];
}

/**
 * The revocations to show on `round`'s results: for an evaluation round the units it revoked
 * (a revocation an upheld objection stopped is not one), for a recognition round its revoked
 * applications' units.
 */
export async function roundRevocations(deps: Dependencies, round: Round, applications: readonly Application[]): Promise<PublicRevocation[]> {
  const unitIds = isEvaluationRound(round)
    ? (round.evaluationDecisions ?? []).filter((item) => item.outcome === 'revoke').map((item) => item.unitId)
    : applications.filter((item) => item.status === 'revoked').map((item) => unitIdOf(item.id));
  const units = await Promise.all(unitIds.map((id) => deps.records.get('unit', id)));
  return units.flatMap(revocationOf).filter((item) => !isEvaluationRound(round) || item.roundId === round.id);
}

/** The units an evaluation round keeps recognised (继续认定, 给予激励, 限期整改, or a revocation stopped). */
export function keptUnits(round: Round, revoked: readonly PublicRevocation[]) {
  const gone = new Set(revoked.map((item) => item.unitId));
  return (round.evaluationDecisions ?? [])
    .filter((item) => !gone.has(item.unitId))
    .map((item) => ({ unitId: item.unitId, applicationId: item.applicationId ?? '', applicant: item.organization, title: item.title }));
}

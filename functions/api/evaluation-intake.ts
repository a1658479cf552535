/** Intake of an evaluation round (周期评估): only the listed units' organisations apply, one application per unit. */
import { createHash } from 'node:crypto';
import type { Application } from '#shared/domain/application.js';
import { DomainError } from '#shared/domain/errors.js';
import { assertEvaluatedUnit, isEvaluationRound } from '#shared/domain/evaluation-round.js';
import type { Round } from '#shared/domain/round.js';
import type { Dependencies } from '../composition-root.js';

/**
 * The id of a unit's application in an evaluation round, the same on every request: a second
 * application of the unit is refused by the store's conditional write.
 */
export function evaluationApplicationId(roundId: string, unitId: string): string {
  return `app_ev_${createHash('sha256').update(`${roundId}\n${unitId}`).digest('hex').slice(0, 24)}`;
}

/**
 * For an evaluation round, the id the organisation's application for `unitId` gets, and that
 * application when it exists already; `undefined` for a recognition round.
 *
 * @throws DomainError UNIT_NOT_APPLICABLE (422) for a unit named in a recognition round; as
 *   {@link assertEvaluatedUnit} for a unit the organisation may not apply for.
 */
export async function evaluatedUnitOf(
  deps: Dependencies,
  round: Round,
  orgId: string,
  unitId: string | undefined,
): Promise<{ id: string; existing?: Application } | undefined> {
  if (!isEvaluationRound(round)) {
    if (unitId !== undefined) throw new DomainError('UNIT_NOT_APPLICABLE', 'recognitionRound', [{ path: 'unitId', message: '只有周期评估批次需要认定单位' }]);
    return undefined;
  }
  const unit = unitId === undefined ? undefined : await deps.records.get('unit', unitId);
  assertEvaluatedUnit(round, unit, orgId, unitId);
  const id = evaluationApplicationId(round.id, unitId!);
  const existing = await deps.records.get('application', id);
  if (existing && existing.orgId !== orgId) throw new DomainError('NOT_EVALUATED', 'unit');
  return { id, ...(existing ? { existing } : {}) };
}

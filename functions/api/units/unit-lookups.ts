/** Loading an institution's own units and reports for a request, and a unit's program. */
import { DomainError } from '#shared/domain/errors.js';
import type { Evidence } from '#shared/domain/evidence.js';
import type { Unit } from '#shared/domain/unit.js';
import type { UnitReport } from '#shared/domain/unit-report.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import type { Dependencies } from '#functions/composition-root.js';
import { requireRecord, requireRoundProgram } from '#functions/record-lookups.js';
import type { Principal } from '../http/principal.js';

/**
 * Loads a unit of the caller's own organisation.
 *
 * @throws DomainError NOT_FOUND (404); FORBIDDEN (403) for another organisation's unit.
 */
export async function requireOwnUnit(deps: Dependencies, principal: Principal, id: string): Promise<Unit> {
  const unit = await requireRecord(deps, 'unit', id);
  if (unit.orgId !== principal.orgId) throw new DomainError('FORBIDDEN', 'otherUnit');
  return unit;
}

/**
 * Loads a report of one of the caller's own units, with the unit.
 *
 * @throws DomainError NOT_FOUND (404) when the report is not that unit's; FORBIDDEN (403) as above.
 */
export async function requireOwnReport(deps: Dependencies, principal: Principal, unitId: string, reportId: string): Promise<{ unit: Unit; report: UnitReport }> {
  const unit = await requireOwnUnit(deps, principal, unitId);
  const report = await requireRecord(deps, 'report', reportId);
  if (report.unitId !== unit.id) throw new DomainError('NOT_FOUND', 'report');
  return { unit, report };
}

/**
 * Loads a file of one of the caller's own reports, with the report.
 *
 * @throws DomainError NOT_FOUND (404) when it is not that report's; FORBIDDEN (403) as above.
 */
export async function requireOwnReportEvidence(deps: Dependencies, principal: Principal, unitId: string, reportId: string, evidenceId: string): Promise<{ report: UnitReport; evidence: Evidence }> {
  const { report } = await requireOwnReport(deps, principal, unitId, reportId);
  const evidence = await requireRecord(deps, 'evidence', evidenceId);
  if (evidence.ownerKind !== 'report' || evidence.applicationId !== report.id) throw new DomainError('NOT_FOUND', 'evidence');
  return { report, evidence };
}

/** The program version a unit was recognised under (its duties, report forms and materials). */
export function unitProgram(deps: Dependencies, unit: Pick<Unit, 'programId' | 'programVersion'>): Promise<ProgramTemplate> {
  return requireRoundProgram(deps, unit);
}

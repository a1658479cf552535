/** The recognised units a publication creates (认定单位), written with the recognition of their applications, and their duty workflows. */
import { systemActor } from '../../shared/domain/audit-event.js';
import type { Application } from '../../shared/domain/application.js';
import type { Round } from '../../shared/domain/round.js';
import { recognizeUnit, unitIdOf, type Unit } from '../../shared/domain/unit.js';
import { tagged, type TaggedChange } from '../../shared/ports/record-store.js';
import type { ProgramTemplate } from '../../shared/programs/schema.js';
import type { Dependencies } from '../composition-root.js';
import { unitExecutionName } from './execution-names.js';
import { startEachOnce } from './start-once.js';

/**
 * The unit a just-decided application becomes, to commit with its decision: none unless it
 * was recognised. The unit's id comes from the application's, so the pair is written once
 * (a retried publication finds the application decided and writes neither again).
 */
export function unitOfRecognition(deps: Dependencies, round: Round, program: ProgramTemplate, application: Application): TaggedChange[] {
  if (application.status !== 'recognized') return [];
  return [tagged('unit', recognizeUnit(application, round, program, { actor: systemActor, now: deps.clock.now() }))];
}

/** Starts the duty workflow (reminders, end of cycle) of the unit of each recognised application. */
export function startUnitDuties(deps: Dependencies, applications: readonly Application[]): Promise<void> {
  const units = applications.filter((application) => application.status === 'recognized').map((application) => unitIdOf(application.id));
  return startEachOnce(deps, 'unit', units, (unitId) => ({ name: unitExecutionName(unitId), input: { unitId } }));
}

/**
 * Starts the duty workflow of the new cycle of each unit an evaluation continued (继续认定, 给予激励):
 * its reminders for the years the cycle adds (the years already owed were reminded before, once).
 */
export function startNextCycleDuties(deps: Dependencies, units: readonly Unit[]): Promise<void> {
  const continued = units.filter((unit) => unit.status === 'active');
  return startEachOnce(deps, 'unit', continued, (unit) => ({ name: unitExecutionName(unit.id, unit.cycleStartsAt), input: { unitId: unit.id } }));
}

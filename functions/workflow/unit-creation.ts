/** The recognised units a publication creates (认定单位), written with the recognition of their applications, and their duty workflows. */
import { systemActor } from '../../shared/domain/audit-event.js';
import type { Application } from '../../shared/domain/application.js';
import type { Round } from '../../shared/domain/round.js';
import { recognizeUnit, unitIdOf } from '../../shared/domain/unit.js';
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

/** The recognised units a publication creates (认定单位), written with the recognition of their applications, and their duty workflows. */
import { systemActor } from '#shared/domain/audit-event.js';
import type { Application } from '#shared/domain/application.js';
import type { Round } from '#shared/domain/round.js';
import { recognizeUnit, unitIdOf, type Unit } from '#shared/domain/unit.js';
import { tagged, type TaggedChange } from '#shared/ports/record-store.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
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

/**
 * The first execution of a chain of duty workflow legs: the chain is named after it, and its
 * first leg starts at the beginning (every duty, overdue ones at once); see unit-tasks.ts.
 */
function dutyChain(unitId: string, name: string): { name: string; input: { unitId: string; chain: string; from: null } } {
  return { name, input: { unitId, chain: name, from: null } };
}

/** Starts the duty workflow (reminders, end of cycle) of the unit of each recognised application. */
export function startUnitDuties(deps: Dependencies, applications: readonly Application[]): Promise<void> {
  const units = applications.filter((application) => application.status === 'recognized').map((application) => unitIdOf(application.id));
  return startEachOnce(deps, 'unit', units, (unitId) => dutyChain(unitId, unitExecutionName(unitId)));
}

/**
 * Starts a duty workflow for each unit an evaluation concluded on with new duties: the new cycle
 * of a continued unit (继续认定, 给予激励: the years it adds) and the 整改报告 of a rectifying one
 * (限期整改: its deadline). The duties owed before were reminded before, once each.
 */
export function startConcludedDuties(deps: Dependencies, units: readonly Unit[]): Promise<void> {
  return startEachOnce(deps, 'unit', units.flatMap((unit) => {
    if (unit.status === 'active') return [{ unit, occasion: unit.cycleStartsAt.slice(0, 10).replaceAll('-', '') }];
    if (unit.status === 'rectifying' && unit.rectification) return [{ unit, occasion: `rectify-${unit.rectification.deadline.slice(0, 10).replaceAll('-', '')}` }];
    return [];
  }), ({ unit, occasion }) => dutyChain(unit.id, unitExecutionName(unit.id, occasion)));
}

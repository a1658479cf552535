/** The recognised units a publication creates (认定单位), written with the recognition of their applications. */
import { systemActor } from '../../shared/domain/audit-event.js';
import type { Application } from '../../shared/domain/application.js';
import type { Round } from '../../shared/domain/round.js';
import { recognizeUnit } from '../../shared/domain/unit.js';
import { tagged, type TaggedChange } from '../../shared/ports/record-store.js';
import type { ProgramTemplate } from '../../shared/programs/schema.js';
import type { Dependencies } from '../composition-root.js';

/**
 * The unit a just-decided application becomes, to commit with its decision: none unless it
 * was recognised. The unit's id comes from the application's, so the pair is written once
 * (a retried publication finds the application decided and writes neither again).
 */
export function unitOfRecognition(deps: Dependencies, round: Round, program: ProgramTemplate, application: Application): TaggedChange[] {
  if (application.status !== 'recognized') return [];
  return [tagged('unit', recognizeUnit(application, round, program, { actor: systemActor, now: deps.clock.now() }))];
}

/** Loading records and programs by id for handlers and workflow tasks, with 404 refusals. */
import type { Dependencies } from './composition-root.js';
import type { Application } from '../shared/domain/application.js';
import { DomainError } from '../shared/domain/errors.js';
import { programVersionId } from '../shared/domain/program-definition.js';
import type { Round } from '../shared/domain/round.js';
import { isEvaluationRound } from '../shared/domain/evaluation-round.js';
import { evaluationView, hasEvaluation } from '../shared/programs/evaluation-view.js';
import type { RecordKind, RecordKinds } from '../shared/ports/record-store.js';
import { findProgram } from '../shared/programs/registry.js';
import { latestProgram } from './program-catalogue.js';
import type { ProgramTemplate } from '../shared/programs/schema.js';

/**
 * Loads a record or answers 404.
 *
 * @throws DomainError NOT_FOUND (404).
 */
export async function requireRecord<K extends RecordKind>(deps: Dependencies, kind: K, id: string): Promise<RecordKinds[K]> {
  const record = await deps.records.get(kind, id);
  // NOT_FOUND's message is chosen by kind; widened from K so that the catalogue's lookup resolves.
  const message: RecordKind = kind;
  if (!record) throw new DomainError('NOT_FOUND', message);
  return record;
}

/**
 * The records as they are now: index queries are eventually consistent in DynamoDB (a record
 * just written can still show its old state there), so a decision that must not miss the
 * latest change re-reads the records it found with a consistent read. Records deleted
 * meanwhile are left out.
 *
 * @example
 * const pending = await freshCopies(deps, 'application', (await deps.records.listApplicationsOfRound(id)).filter(isPending));
 */
export async function freshCopies<K extends RecordKind>(deps: Dependencies, kind: K, records: readonly { readonly id: string }[]): Promise<RecordKinds[K][]> {
  const fresh = await Promise.all(records.map((record) => deps.records.get(kind, record.id)));
  return fresh.filter((record): record is Awaited<RecordKinds[K]> => record !== undefined);
}

/**
 * The latest version of the program with this id, or 404.
 *
 * @throws DomainError PROGRAM_NOT_FOUND (404).
 */
export async function requireProgram(deps: Dependencies, id: string): Promise<ProgramTemplate> {
  return found(await findProgramVersion(deps, id), id);
}

/**
 * A version of the program with this id (absent: the latest), or `undefined` when there is none.
 * A built-in template is version 1 of its id; staff's versions are stored.
 */
export async function findProgramVersion(deps: Dependencies, id: string, version?: number): Promise<ProgramTemplate | undefined> {
  if (version === undefined) return (await latestProgram(deps, id))?.template;
  const builtIn = version === 1 ? findProgram(id) : undefined;
  return builtIn ?? (await deps.records.get('programVersion', programVersionId(id, version)))?.template;
}

/**
 * The program version of a round, or `undefined` when it is gone (where a name falls back to the id).
 * An evaluation round (周期评估) runs on the program's evaluation view: its form, materials and
 * indicators are the evaluation section's.
 */
export async function findRoundProgram(deps: Dependencies, round: Pick<Round, 'programId' | 'programVersion' | 'kind'>): Promise<ProgramTemplate | undefined> {
  const program = await findProgramVersion(deps, round.programId, round.programVersion ?? 1);
  return program && isEvaluationRound(round) && hasEvaluation(program) ? evaluationView(program) : program;
}

function found(program: ProgramTemplate | undefined, id: string): ProgramTemplate {
  if (!program) throw new DomainError('PROGRAM_NOT_FOUND', 'id', { id });
  return program;
}

/**
 * The version of its program a round was created with (rounds stored before versions existed: version 1, the built-in template).
 *
 * @throws DomainError PROGRAM_NOT_FOUND (404).
 */
export async function requireRoundProgram(deps: Dependencies, round: Pick<Round, 'programId' | 'programVersion' | 'kind'>): Promise<ProgramTemplate> {
  return found(await findRoundProgram(deps, round), round.programId);
}

/**
 * The program version of an application's round: the form, materials and indicators the application was made on.
 *
 * @throws DomainError NOT_FOUND (404) when the round is gone, PROGRAM_NOT_FOUND (404).
 */
export async function requireApplicationProgram(deps: Dependencies, application: Pick<Application, 'roundId'>): Promise<ProgramTemplate> {
  return requireRoundProgram(deps, await requireRecord(deps, 'round', application.roundId));
}

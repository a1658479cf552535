/** Loading records and programs by id for handlers and workflow tasks, with 404 refusals. */
import type { Dependencies } from './composition-root.js';
import { DomainError } from '../shared/domain/errors.js';
import type { RecordKind, RecordKinds } from '../shared/ports/record-store.js';
import { findProgram } from '../shared/programs/registry.js';
import type { ProgramTemplate } from '../shared/programs/schema.js';

/** What a missing record of each kind is called, for the refusal. */
export const notFoundMessages: Record<RecordKind, string> = {
  round: '批次不存在',
  application: '申报不存在',
  evidence: '材料不存在',
  expert: '专家不存在',
  reviewTask: '评审任务不存在',
  objection: '异议不存在',
};

/**
 * Loads a record or answers 404.
 *
 * @throws DomainError NOT_FOUND (404).
 */
export async function requireRecord<K extends RecordKind>(deps: Dependencies, kind: K, id: string): Promise<RecordKinds[K]> {
  const record = await deps.records.get(kind, id);
  if (!record) throw new DomainError('NOT_FOUND', 404, notFoundMessages[kind]);
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
 * The program template of an id, or 404 (422 where the id came from a request body).
 *
 * @throws DomainError PROGRAM_NOT_FOUND.
 */
export function requireProgram(id: string, status: 404 | 422 = 404): ProgramTemplate {
  const program = findProgram(id);
  if (!program) throw new DomainError('PROGRAM_NOT_FOUND', status, `认定项目“${id}”不存在`);
  return program;
}

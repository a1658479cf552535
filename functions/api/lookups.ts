/** Loading records for a request, with the contract's 404/403 answers. */
import type { Dependencies } from '../composition-root.js';
import type { Application } from '../../shared/domain/application.js';
import type { Evidence } from '../../shared/domain/evidence.js';
import { DomainError } from '../../shared/domain/errors.js';
import type { RecordKind, RecordKinds } from '../../shared/ports/record-store.js';
import { findProgram } from '../../shared/programs/registry.js';
import type { ProgramTemplate } from '../../shared/programs/schema.js';
import type { Principal } from './http/principal.js';

const notFoundMessages: Record<RecordKind, string> = {
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
 * The program template of an id, or 404 (422 where the id came from a request body).
 *
 * @throws DomainError PROGRAM_NOT_FOUND.
 */
export function requireProgram(id: string, status: 404 | 422 = 404): ProgramTemplate {
  const program = findProgram(id);
  if (!program) throw new DomainError('PROGRAM_NOT_FOUND', status, `认定项目“${id}”不存在`);
  return program;
}

/**
 * Loads an application of the caller's own organisation.
 *
 * @throws DomainError NOT_FOUND (404); FORBIDDEN (403) for another organisation's application.
 */
export async function requireOwnApplication(deps: Dependencies, principal: Principal, id: string): Promise<Application> {
  const application = await requireRecord(deps, 'application', id);
  if (application.orgId !== principal.orgId) throw new DomainError('FORBIDDEN', 403, '无权访问其他单位的申报');
  return application;
}

/**
 * Loads a file of one of the caller's own applications.
 *
 * @throws DomainError NOT_FOUND (404) when it does not belong to that application; FORBIDDEN (403) as above.
 */
export async function requireOwnEvidence(deps: Dependencies, principal: Principal, applicationId: string, evidenceId: string): Promise<Evidence> {
  const application = await requireOwnApplication(deps, principal, applicationId);
  const evidence = await requireRecord(deps, 'evidence', evidenceId);
  if (evidence.applicationId !== application.id) throw new DomainError('NOT_FOUND', 404, notFoundMessages.evidence);
  return evidence;
}

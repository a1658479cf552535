/** Loading an institution's own records for a request, with the contract's 404/403 answers. */
import type { Dependencies } from '../composition-root.js';
import { requireRecord } from '../record-lookups.js';
import type { Application } from '#shared/domain/application.js';
import type { Evidence } from '#shared/domain/evidence.js';
import { DomainError } from '#shared/domain/errors.js';
import type { Principal } from './http/principal.js';

/**
 * Loads an application of the caller's own organisation.
 *
 * @throws DomainError NOT_FOUND (404); FORBIDDEN (403) for another organisation's application.
 */
export async function requireOwnApplication(deps: Dependencies, principal: Principal, id: string): Promise<Application> {
  const application = await requireRecord(deps, 'application', id);
  if (application.orgId !== principal.orgId) throw new DomainError('FORBIDDEN', 'otherApplication');
  return application;
}

/**
 * Loads a file of one of the caller's own applications, with that application.
 *
 * @throws DomainError NOT_FOUND (404) when it does not belong to that application; FORBIDDEN (403) as above.
 */
export async function requireOwnEvidence(
  deps: Dependencies,
  principal: Principal,
  applicationId: string,
  evidenceId: string,
): Promise<{ application: Application; evidence: Evidence }> {
  const application = await requireOwnApplication(deps, principal, applicationId);
  const evidence = await requireRecord(deps, 'evidence', evidenceId);
  if (evidence.applicationId !== application.id) throw new DomainError('NOT_FOUND', 'evidence');
  return { application, evidence };
}

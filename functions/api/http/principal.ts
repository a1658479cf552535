/**
 * The signed-in caller, from the JWT claims API Gateway's JWT authorizer verified (the local
 * gateway verifies dev tokens the same way and fills the same event fields).
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Actor } from '#shared/domain/audit-event.js';
import { DomainError } from '#shared/domain/errors.js';

export type Role = 'admin' | 'institution';

export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly name: string;
  /** The institution's organisation (institutions only). */
  readonly orgId?: string;
}

/** Reads the principal from the authorizer claims, or undefined for an anonymous request. */
export function principalOf(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): Principal | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const role = claims['role'];
  if (role !== 'admin' && role !== 'institution') return undefined;
  const subject = String(claims['sub'] ?? '');
  const orgId = typeof claims['orgId'] === 'string' && claims['orgId'] ? claims['orgId'] : undefined;
  return { subject, role, name: String(claims['name'] ?? subject), ...(orgId ? { orgId } : {}) };
}

/**
 * Checks the caller has `role` (and, for institutions, an organisation).
 *
 * @throws DomainError UNAUTHENTICATED (401) without a token; FORBIDDEN (403) for another role.
 */
export function requireRole(principal: Principal | undefined, role: Role): Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED', 'signIn');
  if (principal.role !== role) throw new DomainError('FORBIDDEN', 'role');
  if (role === 'institution' && !principal.orgId) throw new DomainError('FORBIDDEN', 'noOrganization');
  return principal;
}

/** The audit actor for a principal, with the name the audit trail shows. */
export function actorOf(principal: Principal): Actor {
  return { kind: principal.role, id: principal.subject, name: principal.name };
}

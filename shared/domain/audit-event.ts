/**
 * Audit events: an append-only record of who changed what, written in the same
 * transaction as the change itself.
 */
export type EntityType = 'round' | 'application' | 'evidence' | 'expert' | 'review_task' | 'objection' | 'unit' | 'site_visit' | 'program' | 'program_version' | 'report' | 'organization';

/** Who acted: a signed-in user, an expert through a link, the public, or the system. */
export interface Actor {
  readonly kind: 'admin' | 'institution' | 'expert' | 'public' | 'system';
  readonly id: string;
  /** The signed-in user's display name (from the token), recorded as the event's `actorName`. */
  readonly name?: string | undefined;
}

export interface AuditEvent {
  readonly at: string;
  readonly actor: string;
  /** The actor's display name when it was known at the time (signed-in users; events since it was recorded). */
  readonly actorName?: string;
  readonly action: string;
  readonly entityType: EntityType;
  readonly entityId: string;
  /** The version before and after the change (0 before a creation). */
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly detail?: Record<string, unknown>;
}

/** Formats an actor as recorded in audit events, e.g. `admin:u1`. */
export function actorLabel(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}

/** The system itself (workflows, timers). */
export const systemActor: Actor = { kind: 'system', id: 'workflow' };

/**
 * An audit event for an entity that moved from `before` to `after`.
 *
 * @example
 * audit(actor, 'application.submitted', 'application', before, after, now)
 */
export function audit(
  actor: Actor,
  action: string,
  entityType: EntityType,
  before: { version: number } | undefined,
  after: { id: string; version: number },
  now: Date,
  detail?: Record<string, unknown>,
): AuditEvent {
  return {
    at: now.toISOString(),
    actor: actorLabel(actor),
    ...(actor.name ? { actorName: actor.name } : {}),
    action,
    entityType,
    entityId: after.id,
    fromVersion: before?.version ?? 0,
    toVersion: after.version,
    ...(detail ? { detail } : {}),
  };
}

/** A change to persist: the entity's new state, the version it must still have, and its audit. */
export interface Change<T> {
  readonly entity: T;
  /** The stored version this change was computed from; `0` for a creation. */
  readonly expectedVersion: number;
  readonly events: readonly AuditEvent[];
}

/**
 * Chains a second change of the same entity onto a first one: one write, both audit events.
 *
 * @example
 * const change = andThen(moveApplication(app, 'screening', …), (next) => moveApplication(next, 'returned', …));
 */
export function andThen<T>(first: Change<T>, second: (entity: T) => Change<T>): Change<T> {
  const next = second(first.entity);
  return { entity: next.entity, expectedVersion: first.expectedVersion, events: [...first.events, ...next.events] };
}

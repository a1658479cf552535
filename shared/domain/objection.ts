/** Objections (异议) raised by the public during publicity, and their resolution. */
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';
import type { Round } from './round.js';

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

export interface Objection extends EntityMeta {
  readonly roundId: string;
  readonly applicationId: string;
  /** Real name of the person (or name of the organisation) raising it. */
  readonly name: string;
  readonly organization?: string;
  readonly phone: string;
  readonly content: string;
  readonly status: ObjectionStatus;
  readonly resolution?: { readonly outcome: 'upheld' | 'dismissed'; readonly note: string; readonly by: string; readonly at: string };
}

/**
 * Records an objection against an application on public notice.
 *
 * @throws DomainError PUBLICITY_CLOSED (409) outside the publicity period; NOT_ON_PUBLICITY (422)
 *   when the application is not on the list.
 */
export function raiseObjection(
  input: { applicationId: string; name: string; organization?: string | undefined; phone: string; content: string },
  round: Round,
  context: { id: string; actor: Actor; now: Date },
): Change<Objection> {
  const publicity = round.publicity;
  const now = context.now.getTime();
  if (round.status !== 'in_publicity' || !publicity || now < Date.parse(publicity.startsAt) || now >= Date.parse(publicity.endsAt)) {
    throw new DomainError('PUBLICITY_CLOSED', 409, '当前不在公示期内，不能提出异议');
  }
  if (!round.shortlist?.applicationIds.includes(input.applicationId)) {
    throw new DomainError('NOT_ON_PUBLICITY', 422, '该申报不在公示名单中', [{ path: 'applicationId', message: '不在公示名单中' }]);
  }
  const objection: Objection = {
    ...newEntityMeta(context.id, context.now),
    roundId: round.id,
    applicationId: input.applicationId,
    name: input.name.trim(),
    ...(input.organization ? { organization: input.organization.trim() } : {}),
    phone: input.phone.trim(),
    content: input.content.trim(),
    status: 'open',
  };
  return { entity: objection, expectedVersion: 0, events: [audit(context.actor, 'objection.raised', 'objection', undefined, objection, context.now)] };
}

/**
 * Resolves an open objection.
 *
 * @throws DomainError INVALID_STATE (409) when it is already resolved.
 */
export function resolveObjection(
  objection: Objection,
  decision: { outcome: 'upheld' | 'dismissed'; note: string },
  context: { actor: Actor; actorName: string; now: Date },
): Change<Objection> {
  if (objection.status !== 'open') throw new DomainError('INVALID_STATE', 409, '该异议已处理');
  const next = revise(
    objection,
    { status: decision.outcome, resolution: { ...decision, by: context.actorName, at: context.now.toISOString() } },
    context.now,
  );
  return { entity: next, expectedVersion: objection.version, events: [audit(context.actor, `objection.${decision.outcome}`, 'objection', objection, next, context.now)] };
}

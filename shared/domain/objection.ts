/** Objections (异议) raised by the public during publicity, and their resolution. */
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';
import type { Round } from './round.js';

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

/** The Chinese label of each objection status, as staff documents and pages show it. */
export const objectionStatusLabels: Readonly<Record<ObjectionStatus, string>> = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' };

export interface Objection extends EntityMeta {
  readonly roundId: string;
  readonly applicationId: string;
  /** Real name of the person (or name of the organisation) raising it. */
  readonly name: string;
  readonly organization?: string;
  readonly phone: string;
  readonly content: string;
  /** The receipt number the objector is given, e.g. `YY-2026-000123` (unique per round). */
  readonly receiptNumber: string;
  readonly status: ObjectionStatus;
  readonly resolution?: { readonly outcome: 'upheld' | 'dismissed'; readonly note: string; readonly by: string; readonly at: string };
}

/** What an objector submits. */
export interface ObjectionInput {
  readonly applicationId: string;
  readonly name: string;
  readonly organization?: string | undefined;
  readonly phone: string;
  readonly content: string;
}

/** Largest receipt sequence of a round the six-digit receipt number holds. */
export const maxReceiptSequence = 999_999;

/**
 * The human-readable receipt number (受理编号) of a round's `sequence`-th objection:
 * `YY-<year>-<six digits>`, e.g. `YY-2026-000123` (YY: 异议).
 *
 * @throws RangeError when `sequence` is not an integer in 1 … {@link maxReceiptSequence}.
 */
export function receiptNumber(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > maxReceiptSequence) throw new RangeError(`receipt sequence ${sequence} out of range`);
  return `YY-${year}-${String(sequence).padStart(6, '0')}`;
}

/** A phone number reduced to its digits, without a leading +86 / 0086 before a mainland mobile number. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const mobile = /^(?:0086|86)(1\d{10})$/.exec(digits);
  return mobile ? mobile[1]! : digits;
}

/** Objection text compared for duplicates: Unicode-compatibility folded (full-width → half-width), lower case, without whitespace. */
export function normalizeObjectionContent(content: string): string {
  return content.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/**
 * What makes two objections the same: the round, the application, the phone and the
 * normalised content. The store keeps it unique, so a repeated objection is recorded once.
 */
export function objectionDuplicateKey(objection: Pick<Objection, 'roundId' | 'applicationId' | 'phone' | 'content'>): string {
  return [objection.roundId, objection.applicationId, normalizePhone(objection.phone), normalizeObjectionContent(objection.content)].join('\n');
}

/**
 * Checks that `applicationId` can be objected to in `round` at `now`.
 *
 * @throws DomainError PUBLICITY_CLOSED (409) outside the publicity period; NOT_ON_PUBLICITY (422)
 *   when the application is not on the list.
 */
export function assertObjectionAccepted(round: Round, applicationId: string, now: Date): void {
  const publicity = round.publicity;
  const time = now.getTime();
  if (round.status !== 'in_publicity' || !publicity || time < Date.parse(publicity.startsAt) || time >= Date.parse(publicity.endsAt)) {
    throw new DomainError('PUBLICITY_CLOSED', 'objection');
  }
  if (!round.shortlist?.applicationIds.includes(applicationId)) {
    throw new DomainError('NOT_ON_PUBLICITY', 'application', [{ path: 'applicationId', message: '不在公示名单中' }]);
  }
}

/**
 * Records an objection against an application on public notice, as the round's
 * `sequence`-th (its receipt number).
 *
 * @throws DomainError as {@link assertObjectionAccepted}.
 */
export function raiseObjection(input: ObjectionInput, round: Round, context: { id: string; actor: Actor; now: Date; sequence: number }): Change<Objection> {
  assertObjectionAccepted(round, input.applicationId, context.now);
  const objection: Objection = {
    ...newEntityMeta(context.id, context.now),
    roundId: round.id,
    applicationId: input.applicationId,
    name: input.name.trim(),
    ...(input.organization ? { organization: input.organization.trim() } : {}),
    phone: input.phone.trim(),
    content: input.content.trim(),
    receiptNumber: receiptNumber(round.year, context.sequence),
    status: 'open',
  };
  return { entity: objection, expectedVersion: 0, events: [audit(context.actor, 'objection.raised', 'objection', undefined, objection, context.now)] };
}

/** How staff decide an objection. */
export interface ObjectionDecision {
  readonly outcome: 'upheld' | 'dismissed';
  readonly note: string;
}

type ResolutionContext = { actor: Actor; actorName: string; now: Date };

/**
 * Resolves an open objection.
 *
 * @throws DomainError INVALID_STATE (409) when it is already resolved.
 */
export function resolveObjection(objection: Objection, decision: ObjectionDecision, context: ResolutionContext): Change<Objection> {
  if (objection.status !== 'open') throw new DomainError('INVALID_STATE', 'objectionResolved');
  const next = revise(
    objection,
    { status: decision.outcome, resolution: { ...decision, by: context.actorName, at: context.now.toISOString() } },
    context.now,
  );
  return { entity: next, expectedVersion: objection.version, events: [audit(context.actor, `objection.${decision.outcome}`, 'objection', objection, next, context.now)] };
}

/**
 * Resolves a batch of a round's objections with one decision and note. Objections already
 * resolved with that same outcome and note are left as they are (a repeated request changes
 * nothing); each other one gets its own change and audit event.
 *
 * @throws DomainError OBJECTION_NOT_IN_ROUND (422) when one belongs to another round;
 *   INVALID_STATE (409) when one was already resolved otherwise. Nothing is resolved then.
 */
export function resolveObjections(
  roundId: string,
  objections: readonly Objection[],
  decision: ObjectionDecision,
  context: ResolutionContext,
): { changes: Change<Objection>[]; unchanged: Objection[] } {
  const foreign = objections.filter((item) => item.roundId !== roundId);
  if (foreign.length > 0) {
    throw new DomainError('OBJECTION_NOT_IN_ROUND', 'round', foreign.map((item) => ({ path: 'objectionIds', message: `不属于该批次：${item.id}` })));
  }
  const settled = { outcome: decision.outcome, note: decision.note.trim() };
  const unchanged = objections.filter((item) => item.status === settled.outcome && item.resolution?.note === settled.note);
  const conflicting = objections.filter((item) => item.status !== 'open' && !unchanged.includes(item));
  if (conflicting.length > 0) {
    throw new DomainError('INVALID_STATE', 'objectionsResolvedOtherwise', conflicting.map((item) => ({ path: 'objectionIds', message: `已处理：${item.id}` })));
  }
  const changes = objections.filter((item) => item.status === 'open').map((item) => resolveObjection(item, settled, context));
  return { changes, unchanged };
}

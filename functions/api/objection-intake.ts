/**
 * Receiving a public objection (异议): the same objection twice is recorded once (the first
 * receipt is answered again), the rest is counted against the per-client and per-phone rate
 * limits, and each new objection gets the round's next receipt number (a counter advanced
 * atomically; the receipt number is also guarded unique in the transaction that records it).
 */
import { DomainError, isDomainError } from '#shared/domain/errors.js';
import { assertObjectionAccepted, maxReceiptSequence, normalizePhone, raiseObjection, type Objection, type ObjectionInput } from '#shared/domain/objection.js';
import { objectionRateLimits } from '#shared/domain/rate-limit.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { requireRecord } from '../record-lookups.js';

/** The sequence counter that numbers a round's objections. */
export function receiptSequenceName(roundId: string): string {
  return `objection-receipt#${roundId}`;
}

/**
 * Records `input` as an objection to round `roundId` from `clientAddress`, or finds the
 * identical one recorded before.
 *
 * @throws DomainError NOT_FOUND (404), PUBLICITY_CLOSED (409), NOT_ON_PUBLICITY (422),
 *   OBJECTIONS_EXHAUSTED (409, the round's receipt numbers are used up), or RateLimitedError (429 RATE_LIMITED).
 */
export async function receiveObjection(
  deps: Dependencies,
  roundId: string,
  input: ObjectionInput,
  clientAddress: string,
): Promise<{ objection: Objection; duplicate: boolean }> {
  const round = await requireRecord(deps, 'round', roundId);
  assertObjectionAccepted(round, input.applicationId, deps.clock.now());
  const same = { roundId: round.id, applicationId: input.applicationId, phone: input.phone, content: input.content };
  const earlier = await deps.records.findDuplicateObjection(same);
  if (earlier) return { objection: earlier, duplicate: true };
  await deps.rateLimiter.consume(objectionRateLimits({ clientAddress, roundId: round.id, phone: normalizePhone(input.phone) }), deps.clock.now());
  const sequence = await deps.records.nextSequence(receiptSequenceName(round.id), maxReceiptSequence);
  if (sequence === undefined) throw new DomainError('OBJECTIONS_EXHAUSTED', 'round');
  const id = deps.ids.entityId('obj');
  // The audit trail names the objector by their objection, not by their phone number (kept on the objection alone).
  const change = raiseObjection(input, round, { id, actor: { kind: 'public', id }, now: deps.clock.now(), sequence });
  try {
    await deps.records.commit([tagged('objection', change)]);
    return { objection: change.entity, duplicate: false };
  } catch (error) {
    // An identical objection sent at the same moment won the race: answer with its receipt.
    const winner = isDomainError(error) && error.code === 'ALREADY_EXISTS' ? await deps.records.findDuplicateObjection(same) : undefined;
    if (winner) return { objection: winner, duplicate: true };
    throw error;
  }
}

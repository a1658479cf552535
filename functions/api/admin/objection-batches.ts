/**
 * Resolving many objections of a round with one decision (e.g. a flood of identical
 * complaints dismissed with one note): read them, decide them in the domain, and write them in
 * transactions below DynamoDB's item limit, each objection with its audit event. Idempotent:
 * repeating the request after a partial failure finishes the rest and changes nothing else.
 */
import type { Actor } from '#shared/domain/audit-event.js';
import { resolveObjections, type Objection, type ObjectionDecision } from '#shared/domain/objection.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '#functions/composition-root.js';
import { requireRecord } from '#functions/record-lookups.js';

/** Objections per transaction: each is two items (record and audit event) of DynamoDB's 100. */
export const objectionsPerTransaction = 40;

/** Parallel reads while loading a batch. */
const readsAtOnce = 25;

function slices<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

async function loadObjections(deps: Dependencies, ids: readonly string[]): Promise<Objection[]> {
  const loaded: Objection[] = [];
  for (const slice of slices(ids, readsAtOnce)) {
    for (const objection of await Promise.all(slice.map((id) => requireRecord(deps, 'objection', id)))) loaded.push(objection);
  }
  return loaded;
}

/**
 * Resolves the objections `ids` of round `roundId` with `decision`.
 *
 * @returns the objections as now stored, and how many this request changed.
 * @throws DomainError NOT_FOUND (404) for an unknown round or objection, OBJECTION_NOT_IN_ROUND
 *   (422), INVALID_STATE (409) when one was resolved otherwise; CONCURRENT_UPDATE (409) when one
 *   changed while this ran (repeat the request).
 */
export async function resolveObjectionBatch(
  deps: Dependencies,
  roundId: string,
  ids: readonly string[],
  decision: ObjectionDecision,
  decider: { actor: Actor; actorName: string },
): Promise<{ objections: Objection[]; resolved: number; unchanged: number }> {
  const round = await requireRecord(deps, 'round', roundId);
  const objections = await loadObjections(deps, [...new Set(ids)]);
  const { changes, unchanged } = resolveObjections(round.id, objections, decision, { ...decider, now: deps.clock.now() });
  for (const slice of slices(changes, objectionsPerTransaction)) await deps.records.commit(slice.map((change) => tagged('objection', change)));
  const written = new Map(changes.map((change) => [change.entity.id, change.entity]));
  return { objections: objections.map((item) => written.get(item.id) ?? item), resolved: changes.length, unchanged: unchanged.length };
}

/** Loads the records an audit page names (see {@link describeAuditEvent}), each distinct id once. */
import type { AuditEvent, EntityType } from '#shared/domain/audit-event.js';
import { describeAuditEvent, secondaryReferences, type AuditDirectory, type DescribedAuditEvent } from '#shared/domain/audit-labels.js';
import type { RecordKind, RecordKinds } from '#shared/ports/record-store.js';
import type { Dependencies } from '#functions/composition-root.js';

/** Records the caller has read already, by kind: an id found here is not read again. */
export type KnownRecords = { readonly [K in RecordKind]?: readonly RecordKinds[K][] };

async function load<K extends RecordKind>(deps: Dependencies, kind: K, ids: Iterable<string>, known: KnownRecords): Promise<Map<string, RecordKinds[K]>> {
  const found = new Map<string, RecordKinds[K]>();
  for (const record of known[kind] ?? []) found.set(record.id, record);
  const distinct = [...new Set(ids)].filter((id) => !found.has(id));
  const records = await Promise.all(distinct.map((id) => deps.records.get(kind, id)));
  records.forEach((record, index) => {
    if (record) found.set(distinct[index]!, record);
  });
  return found;
}

function idsOf(events: readonly AuditEvent[], type: EntityType): string[] {
  return events.filter((event) => event.entityType === type).map((event) => event.entityId);
}

/** The events with their actors' and entities' display names; `known` records are not read again. */
export async function describeAuditEvents(deps: Dependencies, events: readonly AuditEvent[], known: KnownRecords = {}): Promise<DescribedAuditEvent[]> {
  const [rounds, evidence, reviewTasks, objections, siteVisits] = await Promise.all([
    load(deps, 'round', idsOf(events, 'round'), known),
    load(deps, 'evidence', idsOf(events, 'evidence'), known),
    load(deps, 'reviewTask', idsOf(events, 'review_task'), known),
    load(deps, 'objection', idsOf(events, 'objection'), known),
    load(deps, 'siteVisit', idsOf(events, 'site_visit'), known),
  ]);
  const linked = { evidence, reviewTasks, objections, siteVisits };
  const references = events.map((event) => secondaryReferences(event, linked));
  const [applications, experts] = await Promise.all([
    load(deps, 'application', references.flatMap((item) => item.applicationIds), known),
    load(deps, 'expert', references.flatMap((item) => item.expertIds), known),
  ]);
  const directory: AuditDirectory = { rounds, applications, experts, ...linked };
  return events.map((event) => describeAuditEvent(event, directory));
}

/** Page size when reading a round's whole trail (the export). */
const trailPageSize = 500;

/**
 * A round's whole audit trail, oldest first, with display names (every page of
 * {@link RecordStore.listRoundAudit}); `known` records (the round's, as the caller read them) are not read again.
 */
export async function roundAuditTrail(deps: Dependencies, roundId: string, known: KnownRecords = {}): Promise<DescribedAuditEvent[]> {
  const events: AuditEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps.records.listRoundAudit(roundId, { limit: trailPageSize, nextToken });
    for (const event of page.events) events.push(event);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return describeAuditEvents(deps, events, known);
}

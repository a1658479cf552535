/** Loads the records an audit page names (see {@link describeAuditEvent}), each distinct id once. */
import type { AuditEvent, EntityType } from '../../../shared/domain/audit-event.js';
import { describeAuditEvent, secondaryReferences, type AuditDirectory, type DescribedAuditEvent } from '../../../shared/domain/audit-labels.js';
import type { RecordKind, RecordKinds, RecordStore } from '../../../shared/ports/record-store.js';
import type { Dependencies } from '../../composition-root.js';

async function load<K extends RecordKind>(deps: Dependencies, kind: K, ids: Iterable<string>): Promise<Map<string, RecordKinds[K]>> {
  const distinct = [...new Set(ids)];
  const records = await Promise.all(distinct.map((id) => deps.records.get(kind, id)));
  const found = new Map<string, RecordKinds[K]>();
  records.forEach((record, index) => {
    if (record) found.set(distinct[index]!, record);
  });
  return found;
}

function idsOf(events: readonly AuditEvent[], type: EntityType): string[] {
  return events.filter((event) => event.entityType === type).map((event) => event.entityId);
}

/** The events with their actors' and entities' display names. */
export async function describeAuditEvents(deps: Dependencies, events: readonly AuditEvent[]): Promise<DescribedAuditEvent[]> {
  const [rounds, evidence, reviewTasks, objections] = await Promise.all([
    load(deps, 'round', idsOf(events, 'round')),
    load(deps, 'evidence', idsOf(events, 'evidence')),
    load(deps, 'reviewTask', idsOf(events, 'review_task')),
    load(deps, 'objection', idsOf(events, 'objection')),
  ]);
  const linked = { evidence, reviewTasks, objections };
  const references = events.map((event) => secondaryReferences(event, linked));
  const [applications, experts] = await Promise.all([
    load(deps, 'application', references.flatMap((item) => item.applicationIds)),
    load(deps, 'expert', references.flatMap((item) => item.expertIds)),
  ]);
  const directory: AuditDirectory = { rounds, applications, experts, ...linked };
  return events.map((event) => describeAuditEvent(event, directory));
}

/** Page size when reading a round's whole trail (the export). */
const trailPageSize = 500;

/** A round's whole audit trail, oldest first, with display names (every page of {@link RecordStore.listRoundAudit}). */
export async function roundAuditTrail(deps: Dependencies, roundId: string): Promise<DescribedAuditEvent[]> {
  const events: AuditEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps.records.listRoundAudit(roundId, { limit: trailPageSize, nextToken });
    for (const event of page.events) events.push(event);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return describeAuditEvents(deps, events);
}

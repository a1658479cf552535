/**
 * Key design of the single table. Each record is `pk = <KIND>#<id>`, `sk = RECORD`; the
 * access patterns below are served by the two GSIs:
 *
 * | access pattern                        | index | pk                 | sk                      |
 * |---------------------------------------|-------|--------------------|-------------------------|
 * | rounds, newest first                  | gsi1  | `ROUNDS`           | createdAt               |
 * | applications of a round               | gsi1  | `ROUND#<id>`       | `APP#<id>`              |
 * | applications of an organisation       | gsi2  | `ORG#<orgId>`      | `APP#<id>`              |
 * | evidence of an application            | gsi1  | `APP#<id>`         | `EVIDENCE#<id>`         |
 * | experts                               | gsi1  | `EXPERTS`          | `EXPERT#<id>`           |
 * | expert by e-mail                      | gsi2  | `EMAIL#<email>`    | `EXPERT`                |
 * | review tasks of a round               | gsi1  | `ROUND#<id>`       | `TASK#<app>#<id>`       |
 * | review tasks of an application        | gsi1  | `ROUND#<id>`       | begins `TASK#<app>#`    |
 * | review task by link id                | gsi2  | `LINK#<linkId>`    | `TASK`                  |
 * | objections of a round                 | gsi1  | `ROUND#<id>`       | `OBJECTION#<id>`        |
 * | units (all, or of a program)          | gsi1  | `UNITS`            | `<programId>#<id>`      |
 * | units of an organisation              | gsi2  | `ORG#<orgId>`      | `UNIT#<id>`             |
 * | site visits of a round                | gsi1  | `ROUND#<id>`       | `SITEVISIT#<app>#<id>`  |
 * | site visits of an application         | gsi1  | `ROUND#<id>`       | begins `SITEVISIT#<app>#` |
 * | stored programs (latest version)      | gsi1  | `PROGRAMS`         | `PROGRAM#<id>`          |
 * | annual reports of a unit              | gsi1  | `UNIT#<id>`        | `REPORT#<year>#<kind>`  |
 * | annual reports (all, or of a year)    | gsi2  | `REPORTS`          | `<year>#<id>`           |
 * | evidence of an annual report          | gsi1  | `REPORT#<id>`      | `EVIDENCE#<id>`         |
 * | one report per (unit, year, kind)     | table | `UNIQUE#REPORT#<unit>#<year>#<kind>` | `UNIQUE` |
 * | organisations (profiles), by id       | gsi1  | `ORGANIZATIONS`    | `ORG#<orgId>`           |
 * | audit events of an entity (by time)   | table | `AUDIT#<entityId>` | `<at>#<toVersion>#<n>`  |
 * | audit events of a round's trail (time)| gsi1  | `ROUNDAUDIT#<id>`  | `<at>#<entityId>#<toVersion>#<n>` |
 * | unique values (expert e-mail)         | table | `UNIQUE#EMAIL#<e>` | `UNIQUE`                |
 * | one task per (application, expert)    | table | `UNIQUE#REVIEWER#<app>#<expert>` | `UNIQUE`  |
 * | objection by duplicate key (owner id) | table | `UNIQUE#OBJECTION#<sha256>` | `UNIQUE`       |
 * | objection receipt number (unique)     | table | `UNIQUE#RECEIPT#<round>#<no>` | `UNIQUE`     |
 * | one site visit per application        | table | `UNIQUE#SITEVISIT#<app>` | `UNIQUE`          |
 * | an expert's load in a round (`tasks`) | table | `LOAD#<round>#<expert>` | `LOAD`             |
 * | sequence counter (`value`)            | table | `SEQUENCE#<name>`  | `SEQUENCE`              |
 * | rate-limit counter (`count`, TTL)     | table | `RATE#<limit key>` | `<window start, ISO>`   |
 *
 * A unique value's guard item is written in the transaction that creates its record and is
 * never removed: an expert keeps at most one review task per application for good (a declined
 * or expired task still holds the place, as the alternate choice excludes that expert too), and
 * an application has one site visit (rescheduled in place, never a second one).
 *
 * An expert's load in a round is the set (`tasks`, a string set) of their review tasks there
 * that hold a place of their capacity: the transaction creating a task adds it on condition
 * that the set has fewer members than the expert's capacity, and the transaction moving a task
 * to a status that frees its place deletes it (idempotent). Tasks created before the load item
 * existed are not in it (the assignment's own count still sees them).
 *
 * The duplicate key of an objection (round, application, phone, normalised content; see
 * `objectionDuplicateKey`) is hashed to keep the key short; its guard's `owner` is the first
 * objection, which a repeated objection is answered with. Sequence counters number records,
 * e.g. `objection-receipt#<roundId>` gives each objection of a round its receipt number
 * (a conditional atomic ADD, capped). Rate-limit counters live one window each and carry
 * `expiresAt` (the table's TTL attribute), so DynamoDB removes them after the window.
 *
 * An audit event of a record that belongs to a round (the round itself, its applications,
 * their evidence, review tasks, objections and site visits; not pool-wide experts) is also indexed under
 * its round, so the round's whole trail is one paged query by time. Events written before this
 * index existed are reached per entity only.
 */
import { createHash } from 'node:crypto';
import { objectionDuplicateKey } from '#shared/domain/objection.js';
import type { RecordKind, RecordKinds } from '#shared/ports/record-store.js';

export const recordSortKey = 'RECORD';

/**
 * The unique values guarded on creation: the key prefix of their guard items and the field a
 * clash is about (the refusal's message is the ALREADY_EXISTS entry of the same name).
 */
const uniqueValues = {
  email: { prefix: 'UNIQUE#EMAIL#', path: 'email' },
  reviewer: { prefix: 'UNIQUE#REVIEWER#', path: 'expertId' },
  objection: { prefix: 'UNIQUE#OBJECTION#', path: 'content' },
  receipt: { prefix: 'UNIQUE#RECEIPT#', path: 'receiptNumber' },
  siteVisit: { prefix: 'UNIQUE#SITEVISIT#', path: 'applicationId' },
  report: { prefix: 'UNIQUE#REPORT#', path: 'kind' },
} as const;

/** Which unique value a guard item's key is (its name and field). */
export function takenUniqueValue(key: string): { name: keyof typeof uniqueValues; path: string } | undefined {
  const found = Object.entries(uniqueValues).find(([, value]) => key.startsWith(value.prefix));
  return found && { name: found[0] as keyof typeof uniqueValues, path: found[1].path };
}

interface KindKeys<K extends RecordKind> {
  readonly prefix: string;
  indexes(record: RecordKinds[K]): Record<string, string>;
  /** Values that must be unique across records of this kind (guarded on creation). */
  unique?(record: RecordKinds[K]): string[];
  /** The round whose trail the record's audit events belong to; absent for pool-wide records. */
  round?(record: RecordKinds[K]): string | undefined;
}

export const recordKeys: { [K in RecordKind]: KindKeys<K> } = {
  round: { prefix: 'ROUND', indexes: (round) => ({ gsi1pk: 'ROUNDS', gsi1sk: round.createdAt }), round: (round) => round.id },
  application: {
    prefix: 'APP',
    indexes: (app) => ({ gsi1pk: `ROUND#${app.roundId}`, gsi1sk: `APP#${app.id}`, gsi2pk: `ORG#${app.orgId}`, gsi2sk: `APP#${app.id}` }),
    round: (app) => app.roundId,
  },
  evidence: {
    prefix: 'EVIDENCE',
    // a report's file (see Evidence.ownerKind) is listed under its report and belongs to no round
    indexes: (item) => ({ gsi1pk: `${item.ownerKind === 'report' ? 'REPORT' : 'APP'}#${item.applicationId}`, gsi1sk: `EVIDENCE#${item.id}` }),
    round: (item) => (item.ownerKind === 'report' ? undefined : item.roundId),
  },
  expert: {
    prefix: 'EXPERT',
    indexes: (expert) => ({ gsi1pk: 'EXPERTS', gsi1sk: `EXPERT#${expert.id}`, gsi2pk: `EMAIL#${expert.email}`, gsi2sk: 'EXPERT' }),
    unique: (expert) => [`${uniqueValues.email.prefix}${expert.email}`],
  },
  reviewTask: {
    prefix: 'TASK',
    indexes: (task) => ({ gsi1pk: `ROUND#${task.roundId}`, gsi1sk: `TASK#${task.applicationId}#${task.id}`, gsi2pk: `LINK#${task.linkId}`, gsi2sk: 'TASK' }),
    unique: (task) => [`${uniqueValues.reviewer.prefix}${task.applicationId}#${task.expertId}`],
    round: (task) => task.roundId,
  },
  objection: {
    prefix: 'OBJECTION',
    indexes: (item) => ({ gsi1pk: `ROUND#${item.roundId}`, gsi1sk: `OBJECTION#${item.id}` }),
    unique: (item) => [objectionDuplicatePk(item), `${uniqueValues.receipt.prefix}${item.roundId}#${item.receiptNumber}`],
    round: (item) => item.roundId,
  },
  unit: {
    prefix: 'UNIT',
    indexes: (unit) => ({ gsi1pk: 'UNITS', gsi1sk: `${unit.programId}#${unit.id}`, gsi2pk: `ORG#${unit.orgId}`, gsi2sk: `UNIT#${unit.id}` }),
  },
  siteVisit: {
    prefix: 'SITEVISIT',
    indexes: (visit) => ({ gsi1pk: `ROUND#${visit.roundId}`, gsi1sk: `SITEVISIT#${visit.applicationId}#${visit.id}` }),
    unique: (visit) => [`${uniqueValues.siteVisit.prefix}${visit.applicationId}`],
    round: (visit) => visit.roundId,
  },
  program: { prefix: 'PROGRAM', indexes: (program) => ({ gsi1pk: 'PROGRAMS', gsi1sk: `PROGRAM#${program.id}` }) },
  // Read by id (`<program>@<number>`) only: the round names its version.
  programVersion: { prefix: 'PROGRAMVERSION', indexes: () => ({}) },
  report: {
    prefix: 'REPORT',
    indexes: (report) => ({ gsi1pk: `UNIT#${report.unitId}`, gsi1sk: `REPORT#${report.year}#${report.kind}`, gsi2pk: 'REPORTS', gsi2sk: `${report.year}#${report.id}` }),
    unique: (report) => [`${uniqueValues.report.prefix}${report.unitId}#${report.year}#${report.kind}`],
  },
  organization: { prefix: 'ORG', indexes: (organization) => ({ gsi1pk: 'ORGANIZATIONS', gsi1sk: `ORG#${organization.id}` }) },
};

/** The unique item guarding an objection's duplicate key. */
export function objectionDuplicatePk(objection: Parameters<typeof objectionDuplicateKey>[0]): string {
  return `${uniqueValues.objection.prefix}${createHash('sha256').update(objectionDuplicateKey(objection)).digest('hex')}`;
}

/** The partition key (in gsi1) of a round's audit trail. */
export function roundAuditPk(roundId: string): string {
  return `ROUNDAUDIT#${roundId}`;
}

const loadPrefix = 'LOAD#';

/** The key of an expert's load item in a round. */
export function loadKey(roundId: string, expertId: string): { pk: string; sk: string } {
  return { pk: `${loadPrefix}${roundId}#${expertId}`, sk: 'LOAD' };
}

/** Whether a partition key is a load item's. */
export function isLoadKey(pk: string): boolean {
  return pk.startsWith(loadPrefix);
}

/** The sort key of unique items. */
export const uniqueSortKey = 'UNIQUE';

/** The key of a sequence counter. */
export function sequenceKey(name: string): { pk: string; sk: string } {
  return { pk: `SEQUENCE#${name}`, sk: 'SEQUENCE' };
}

/** The key of a rate-limit counter for the window starting at `windowStart`. */
export function rateCounterKey(limitKey: string, windowStart: Date): { pk: string; sk: string } {
  return { pk: `RATE#${limitKey}`, sk: windowStart.toISOString() };
}

/** The partition key of a record. */
export function recordKey(kind: RecordKind, id: string): { pk: string; sk: string } {
  return { pk: `${recordKeys[kind].prefix}#${id}`, sk: recordSortKey };
}

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
 * | audit events of an entity (by time)   | table | `AUDIT#<entityId>` | `<at>#<toVersion>#<n>`  |
 * | unique values (expert e-mail)         | table | `UNIQUE#EMAIL#<e>` | `UNIQUE`                |
 */
import type { RecordKind, RecordKinds } from '../../ports/record-store.js';

export const recordSortKey = 'RECORD';

interface KindKeys<K extends RecordKind> {
  readonly prefix: string;
  indexes(record: RecordKinds[K]): Record<string, string>;
  /** Values that must be unique across records of this kind (guarded on creation). */
  unique?(record: RecordKinds[K]): string[];
}

export const recordKeys: { [K in RecordKind]: KindKeys<K> } = {
  round: { prefix: 'ROUND', indexes: (round) => ({ gsi1pk: 'ROUNDS', gsi1sk: round.createdAt }) },
  application: {
    prefix: 'APP',
    indexes: (app) => ({ gsi1pk: `ROUND#${app.roundId}`, gsi1sk: `APP#${app.id}`, gsi2pk: `ORG#${app.orgId}`, gsi2sk: `APP#${app.id}` }),
  },
  evidence: { prefix: 'EVIDENCE', indexes: (item) => ({ gsi1pk: `APP#${item.applicationId}`, gsi1sk: `EVIDENCE#${item.id}` }) },
  expert: {
    prefix: 'EXPERT',
    indexes: (expert) => ({ gsi1pk: 'EXPERTS', gsi1sk: `EXPERT#${expert.id}`, gsi2pk: `EMAIL#${expert.email}`, gsi2sk: 'EXPERT' }),
    unique: (expert) => [`UNIQUE#EMAIL#${expert.email}`],
  },
  reviewTask: {
    prefix: 'TASK',
    indexes: (task) => ({ gsi1pk: `ROUND#${task.roundId}`, gsi1sk: `TASK#${task.applicationId}#${task.id}`, gsi2pk: `LINK#${task.linkId}`, gsi2sk: 'TASK' }),
  },
  objection: { prefix: 'OBJECTION', indexes: (item) => ({ gsi1pk: `ROUND#${item.roundId}`, gsi1sk: `OBJECTION#${item.id}` }) },
};

/** The partition key of a record. */
export function recordKey(kind: RecordKind, id: string): { pk: string; sk: string } {
  return { pk: `${recordKeys[kind].prefix}#${id}`, sk: recordSortKey };
}

/** The {@link RecordStore} on a DynamoDB single table (see record-keys.ts for the key design). */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#shared/domain/audit-event.js';
import { DomainError } from '#shared/domain/errors.js';
import type { Objection } from '#shared/domain/objection.js';
import { holdsCapacity, type ReviewTask } from '#shared/domain/review-task.js';
import type { AuditPage, CapacityClaim, CommitEntry, RecordKind, RecordKinds, RecordStore, StatusGuard, TaggedChange } from '#shared/ports/record-store.js';
import { isLoadKey, loadKey, objectionDuplicatePk, recordKey, recordKeys, roundAuditPk, sequenceKey, takenUniqueValue, uniqueSortKey } from './record-keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB allows at most 100 items in one transaction. */
const maxTransactionItems = 100;

/** The key attributes an audit item carries besides its event. */
const auditItemKeys = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'kind'] as const;

/** The event of an audit item, without its keys. */
function eventOf(item: Record<string, unknown>): AuditEvent {
  const event = { ...item };
  for (const key of auditItemKeys) delete event[key];
  return event as unknown as AuditEvent;
}

/** The refusal of a capacity claim: the expert's places in the round are taken. */
function capacityExhausted(): DomainError {
  return new DomainError('CAPACITY_EXHAUSTED', 'expert', [{ path: 'expertId', message: '已达评审上限' }]);
}

/** A page position as the client carries it: the query's last evaluated key, base64url JSON. */
function encodePageToken(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The last evaluated key a page token stands for, checked to be a key of the round's trail
 * (four short strings: the table's and gsi1's keys, gsi1pk the round's).
 *
 * @throws DomainError VALIDATION_FAILED (400) otherwise.
 */
function decodePageToken(token: string, roundId: string): Record<string, string> {
  const refuse = () => new DomainError('VALIDATION_FAILED', 'pageToken', [{ path: 'nextToken', message: '翻页标记无效' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw refuse();
  const entries = Object.entries(key);
  const wellFormed =
    entries.length === 4 &&
    entries.every(([name, value]) => ['pk', 'sk', 'gsi1pk', 'gsi1sk'].includes(name) && typeof value === 'string' && value.length > 0 && value.length <= 1024);
  if (!wellFormed || (key as Record<string, string>)['gsi1pk'] !== roundAuditPk(roundId)) throw refuse();
  return key as Record<string, string>;
}

export class DynamoDbRecordStore implements RecordStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get<K extends RecordKind>(kind: K, id: string): Promise<RecordKinds[K] | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: recordKey(kind, id), ConsistentRead: true }));
    return result.Item?.['data'] as RecordKinds[K] | undefined;
  }

  listRounds() {
    return this.queryRecords<'round'>({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'ROUNDS' }, ScanIndexForward: false });
  }

  listApplicationsOfRound(roundId: string) {
    return this.queryIndex<'application'>('gsi1', `ROUND#${roundId}`, 'APP#');
  }

  listApplicationsOfOrg(orgId: string) {
    return this.queryIndex<'application'>('gsi2', `ORG#${orgId}`, 'APP#');
  }

  listEvidenceOfApplication(applicationId: string) {
    return this.queryIndex<'evidence'>('gsi1', `APP#${applicationId}`, 'EVIDENCE#');
  }

  listExperts() {
    return this.queryIndex<'expert'>('gsi1', 'EXPERTS', 'EXPERT#');
  }

  async findExpertByEmail(email: string) {
    return (await this.queryIndex<'expert'>('gsi2', `EMAIL#${email}`, 'EXPERT'))[0];
  }

  listReviewTasksOfRound(roundId: string) {
    return this.queryIndex<'reviewTask'>('gsi1', `ROUND#${roundId}`, 'TASK#');
  }

  listReviewTasksOfApplication(roundId: string, applicationId: string) {
    return this.queryIndex<'reviewTask'>('gsi1', `ROUND#${roundId}`, `TASK#${applicationId}#`);
  }

  async findReviewTaskByLink(linkId: string) {
    const found = (await this.queryIndex<'reviewTask'>('gsi2', `LINK#${linkId}`, 'TASK'))[0];
    // Index reads are eventually consistent in AWS: read the record itself for its latest state.
    return found && this.get('reviewTask', found.id);
  }

  listObjectionsOfRound(roundId: string) {
    return this.queryIndex<'objection'>('gsi1', `ROUND#${roundId}`, 'OBJECTION#');
  }

  listSiteVisitsOfRound(roundId: string) {
    return this.queryIndex<'siteVisit'>('gsi1', `ROUND#${roundId}`, 'SITEVISIT#');
  }

  listSiteVisitsOfApplication(roundId: string, applicationId: string) {
    return this.queryIndex<'siteVisit'>('gsi1', `ROUND#${roundId}`, `SITEVISIT#${applicationId}#`);
  }

  listStoredPrograms() {
    return this.queryIndex<'program'>('gsi1', 'PROGRAMS', 'PROGRAM#');
  }

  listOrganizations() {
    return this.queryIndex<'organization'>('gsi1', 'ORGANIZATIONS', 'ORG#');
  }

  async findDuplicateObjection(objection: Pick<Objection, 'roundId' | 'applicationId' | 'phone' | 'content'>) {
    const guard = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: objectionDuplicatePk(objection), sk: uniqueSortKey }, ConsistentRead: true }),
    );
    const owner: unknown = guard.Item?.['owner'];
    return typeof owner === 'string' ? this.get('objection', owner) : undefined;
  }

  async nextSequence(name: string, max: number): Promise<number | undefined> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sequenceKey(name),
          UpdateExpression: 'ADD #value :one',
          ConditionExpression: 'attribute_not_exists(#value) OR #value < :max',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: { ':one': 1, ':max': max },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.['value']);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async trackedLoad(roundId: string, expertId: string): Promise<ReadonlySet<string>> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: loadKey(roundId, expertId), ConsistentRead: true }));
    return new Set((result.Item?.['tasks'] as Set<string> | undefined) ?? []);
  }

  listUnits(programId?: string) {
    return this.queryIndex<'unit'>('gsi1', 'UNITS', programId === undefined ? undefined : `${programId}#`);
  }

  listUnitsOfOrg(orgId: string) {
    return this.queryIndex<'unit'>('gsi2', `ORG#${orgId}`, 'UNIT#');
  }

  listReportsOfUnit(unitId: string) {
    return this.queryIndex<'report'>('gsi1', `UNIT#${unitId}`, 'REPORT#');
  }

  listReports(year?: number) {
    return this.queryIndex<'report'>('gsi2', 'REPORTS', year === undefined ? undefined : `${year}#`);
  }

  listEvidenceOfReport(reportId: string) {
    return this.queryIndex<'evidence'>('gsi1', `REPORT#${reportId}`, 'EVIDENCE#');
  }

  async listAudit(entityId: string): Promise<AuditEvent[]> {
    const items = await this.queryAll<Record<string, unknown>>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${entityId}` } });
    return items.map(eventOf);
  }

  async listRoundAudit(roundId: string, page: { readonly limit: number; readonly nextToken?: string | undefined }): Promise<AuditPage> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': roundAuditPk(roundId) },
        Limit: page.limit,
        ...(page.nextToken === undefined ? {} : { ExclusiveStartKey: decodePageToken(page.nextToken, roundId) }),
      }),
    );
    const events = (result.Items ?? []).map(eventOf);
    return { events, ...(result.LastEvaluatedKey ? { nextToken: encodePageToken(result.LastEvaluatedKey) } : {}) };
  }

  async commit(changes: readonly CommitEntry[]): Promise<void> {
    const items = changes.flatMap((entry) => {
      if (entry.kind === 'guard') return [this.guardItem(entry)];
      if (entry.kind === 'capacity') return [this.claimItem(entry)];
      return this.transactItems(entry);
    });
    if (items.length === 0) return;
    if (items.length > maxTransactionItems) {
      throw new Error(`a transaction of ${items.length} items exceeds DynamoDB's limit of ${maxTransactionItems}`);
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw this.explainCancellation(error, items);
      throw error;
    }
  }

  private transactItems({ kind, change }: TaggedChange): TransactItem[] {
    const keys = recordKeys[kind];
    const record = change.entity;
    const creating = change.expectedVersion === 0;
    const put: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: { ...recordKey(kind, record.id), ...keys.indexes(record as never), kind, version: record.version, data: record },
        ...(creating
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': change.expectedVersion } }),
      },
    };
    const guards: TransactItem[] = creating
      ? (keys.unique?.(record as never) ?? []).map((pk) => ({
          Put: { TableName: this.tableName, Item: { pk, sk: uniqueSortKey, owner: record.id }, ConditionExpression: 'attribute_not_exists(pk)' },
        }))
      : [];
    const roundId = keys.round?.(record as never);
    const audits: TransactItem[] = change.events.map((event, index) => {
      const position = `${String(event.toVersion).padStart(8, '0')}#${index}`;
      const roundIndex = roundId === undefined ? {} : { gsi1pk: roundAuditPk(roundId), gsi1sk: `${event.at}#${event.entityId}#${position}` };
      return {
        Put: {
          TableName: this.tableName,
          Item: { pk: `AUDIT#${event.entityId}`, sk: `${event.at}#${position}`, kind: 'audit', ...roundIndex, ...event },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    });
    return [put, ...guards, ...audits, ...(kind === 'reviewTask' && !creating ? this.releaseItems(record as ReviewTask) : [])];
  }

  /** Adds the task to its expert's load in the round, while the load is below the capacity. */
  private claimItem(claim: CapacityClaim): TransactItem {
    if (!(claim.capacity >= 1)) throw capacityExhausted();
    return {
      Update: {
        TableName: this.tableName,
        Key: loadKey(claim.roundId, claim.expertId),
        UpdateExpression: 'ADD #tasks :task',
        ConditionExpression: 'attribute_not_exists(#tasks) OR size(#tasks) < :capacity',
        ExpressionAttributeNames: { '#tasks': 'tasks' },
        ExpressionAttributeValues: { ':task': new Set([claim.taskId]), ':capacity': claim.capacity },
      },
    };
  }

  /** Frees the task's place in its expert's load when it moves to a status that holds none (a no-op when it held none). */
  private releaseItems(task: ReviewTask): TransactItem[] {
    if (holdsCapacity(task)) return [];
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: loadKey(task.roundId, task.expertId),
          UpdateExpression: 'DELETE #tasks :task',
          ExpressionAttributeNames: { '#tasks': 'tasks' },
          ExpressionAttributeValues: { ':task': new Set([task.id]) },
        },
      },
    ];
  }

  /** Moves the guarded record's version on (item and data alike), if it exists and is in one of the statuses. */
  private guardItem(guard: StatusGuard): TransactItem {
    if (guard.statusIn.length === 0) throw new Error(`a guard on ${guard.of} ${guard.id} names no status`);
    const statuses = Object.fromEntries(guard.statusIn.map((status, index) => [`:status${index}`, status]));
    return {
      Update: {
        TableName: this.tableName,
        Key: recordKey(guard.of, guard.id),
        UpdateExpression: 'SET #version = #version + :one, #data.#version = #data.#version + :one, #data.#updatedAt = :at',
        ConditionExpression: `attribute_exists(pk) AND #data.#status IN (${Object.keys(statuses).join(', ')})`,
        ExpressionAttributeNames: { '#version': 'version', '#data': 'data', '#updatedAt': 'updatedAt', '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':at': guard.at, ...statuses },
      },
    };
  }

  private explainCancellation(error: TransactionCanceledException, items: TransactItem[]): DomainError {
    const failed = (error.CancellationReasons ?? []).findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    const updated: unknown = failed >= 0 ? items[failed]?.Update?.Key?.['pk'] : undefined;
    if (typeof updated === 'string' && isLoadKey(updated)) return capacityExhausted();
    const item = failed >= 0 ? items[failed]?.Put?.Item : undefined;
    const taken = typeof item?.['pk'] === 'string' ? takenUniqueValue(item['pk']) : undefined;
    if (taken) return new DomainError('ALREADY_EXISTS', taken.name, [{ path: taken.path, message: '已被使用' }]);
    return new DomainError('CONCURRENT_UPDATE', 'record');
  }

  /** The records under `pk` in `index`, those whose sort key starts with `skPrefix` when one is given (DynamoDB refuses an empty key value). */
  private queryIndex<K extends RecordKind>(index: 'gsi1' | 'gsi2', pk: string, skPrefix?: string) {
    if (skPrefix === undefined) return this.queryRecords<K>({ IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': pk } });
    return this.queryRecords<K>({
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk AND begins_with(${index}sk, :sk)`,
      ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
    });
  }

  private async queryRecords<K extends RecordKind>(input: Omit<QueryCommandInput, 'TableName'>): Promise<RecordKinds[K][]> {
    const items = await this.queryAll<{ data: RecordKinds[K] }>(input);
    return items.map((item) => item.data);
  }

  private async queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    const results: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey }));
      for (const item of (page.Items ?? []) as T[]) results.push(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return results;
  }
}

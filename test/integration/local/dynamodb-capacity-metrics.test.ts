/**
 * The local DynamoDB counts requests and consumed capacity units by operation for the
 * benchmarks (`infra/local/dynamodb/capacity-meter.ts`), without changing what callers get:
 * `ConsumedCapacity` appears in an answer only when the call asked for it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConditionalCheckFailedException, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '#infra/local/dynamodb/index.js';
import { RuntimeMetrics } from '#infra/local/metrics/runtime-metrics.js';

const TableName = 'metered';
const kib = 1024;

describe('capacity metering of the local DynamoDB', () => {
  let dataDir: string;
  let db: LocalDynamoDb;
  let raw: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  const metrics = new RuntimeMetrics();
  const counters = () => metrics.snapshot();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'local-ddb-metrics-'));
    db = await startLocalDynamoDb({ dataDir: path.join(dataDir, 'dynamodb'), metrics });
    raw = new DynamoDBClient({ endpoint: db.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    doc = DynamoDBDocumentClient.from(raw);
    await raw.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  });

  afterAll(async () => {
    raw?.destroy();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts write units by item size (1 per KB) and leaves ConsumedCapacity out of answers that did not ask', async () => {
    const put = await doc.send(new PutCommand({ TableName, Item: { pk: 'A', sk: '1', text: 'x'.repeat(2.5 * kib) } }));
    expect(put.ConsumedCapacity).toBeUndefined();
    expect(counters()['dynamodb.requests']).toMatchObject({ CreateTable: 1, PutItem: 1 });
    expect(counters()['dynamodb.writeUnits']).toEqual({ PutItem: 3 });
    const asked = await doc.send(new PutCommand({ TableName, Item: { pk: 'A', sk: '2', text: 'small' }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(asked.ConsumedCapacity).toMatchObject({ TableName, CapacityUnits: 1 });
    expect(counters()['dynamodb.writeUnits']).toEqual({ PutItem: 4 });
  });

  it('counts read units: 1 per 4 KB for a consistent read, half for an eventually consistent one, summed over a query', async () => {
    const consistent = await doc.send(new GetCommand({ TableName, Key: { pk: 'A', sk: '1' }, ConsistentRead: true }));
    expect(consistent.Item?.['text']).toHaveLength(2.5 * kib);
    expect(consistent.ConsumedCapacity).toBeUndefined();
    await doc.send(new GetCommand({ TableName, Key: { pk: 'A', sk: '1' } }));
    const query = await doc.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'A' } }));
    expect(query.Items).toHaveLength(2);
    expect(counters()['dynamodb.readUnits']).toEqual({ GetItem: 1.5, Query: 0.5 });
  });

  it('counts a refused conditional write as 1 write unit and a transaction as 2 units per item', async () => {
    const refused = doc.send(new UpdateCommand({ TableName, Key: { pk: 'A', sk: '2' }, UpdateExpression: 'SET n = :n', ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeValues: { ':n': 1 } }));
    await expect(refused).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName, Item: { pk: 'B', sk: '1' } } }, { Put: { TableName, Item: { pk: 'B', sk: '2' } } }, { Delete: { TableName, Key: { pk: 'A', sk: '2' } } }],
      }),
    );
    expect(counters()['dynamodb.writeUnits']).toEqual({ PutItem: 4, UpdateItem: 1, TransactWriteItems: 6 });
    expect(counters()['dynamodb.requests']).toMatchObject({ UpdateItem: 1, TransactWriteItems: 1 });
    expect((await doc.send(new GetCommand({ TableName, Key: { pk: 'A', sk: '2' }, ConsistentRead: true }))).Item).toBeUndefined();
  });
});

/**
 * DynamoDB transactions are serializable: a TransactGetItems never sees part of a
 * TransactWriteItems. Many transactions each move two items to the next version while
 * transactional reads of both run alongside: every read must see both at the same version.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataTable } from '#infra/local/create-data-table.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '#infra/local/dynamodb/index.js';

const TABLE = 'records';
const pair = ['left', 'right'];

let dataDir: string;
let db: LocalDynamoDb;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'read-isolation-'));
  db = await startLocalDynamoDb({ dataDir });
  raw = new DynamoDBClient({ endpoint: db.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  doc = DynamoDBDocumentClient.from(raw);
  await createDataTable(raw, TABLE);
});

afterAll(async () => {
  raw?.destroy();
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function readPair(): Promise<number[]> {
  const { Responses } = await doc.send(new TransactGetCommand({ TransactItems: pair.map((sk) => ({ Get: { TableName: TABLE, Key: { pk: 'p', sk } } })) }));
  return (Responses ?? []).map((response) => response?.Item?.['version'] as number);
}

describe('transactional reads against transactions being written', () => {
  it('never see part of one: both items always at the same version', async () => {
    for (const sk of pair) await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'p', sk, version: 0 } }));
    const versions = 30;
    let written = false;
    const writes = (async () => {
      for (let version = 1; version <= versions; version += 1) {
        await doc.send(new TransactWriteCommand({ TransactItems: pair.map((sk) => ({ Put: { TableName: TABLE, Item: { pk: 'p', sk, version } } })) }));
      }
      written = true;
    })();
    const reads = (async () => {
      const seen: number[][] = [];
      // A read DynamoDB refuses as conflicting with a write in progress (TransactionCanceledException) is left out.
      while (!written) seen.push(await readPair().catch(() => [-1, -1]));
      return seen;
    })();
    await writes;
    const seen = (await reads).filter(([left]) => left !== -1);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter(([left, right]) => left !== right)).toEqual([]);
    expect(await readPair()).toEqual([versions, versions]);
  });
});

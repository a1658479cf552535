/**
 * The local DynamoDB applies a transaction's writes to dynalite as separate, parallel PutItems;
 * DynamoDB transactions are serializable against item reads, so a read must never see part of
 * one. The test holds one write of a transaction back (a gate in front of dynalite) until
 * dynalite holds the transaction's other write, then reads both items: the reads must wait for
 * the whole transaction rather than answer one new and one old image.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataTable } from '../../../infra/local/create-data-table.js';
import { createFrontServer } from '../../../infra/local/dynamodb/front-server.js';
import { IdempotencyRegistry } from '../../../infra/local/dynamodb/idempotency.js';
import { InternalClient } from '../../../infra/local/dynamodb/internal-client.js';
import { Mutex } from '../../../infra/local/dynamodb/mutex.js';
import { TransactionStore } from '../../../infra/local/dynamodb/transaction-store.js';

const TABLE = 'records';
const LOOPBACK = '127.0.0.1';

/** Holds back the PutItem of one item (sk `held`, version 2) until released. */
class GatedClient extends InternalClient {
  private open!: () => void;
  private readonly released = new Promise<void>((resolve) => {
    this.open = resolve;
  });

  release(): void {
    this.open();
  }

  override async call<T = Record<string, unknown>>(operation: string, body: unknown): Promise<T> {
    const item = (body as { Item?: { sk?: { S?: string }; version?: { N?: string } } }).Item;
    if (operation === 'PutItem' && item?.sk?.S === 'held' && item.version?.N === '2') await this.released;
    return super.call<T>(operation, body);
  }

  /** The version dynalite itself holds for `sk` (not through the front). */
  async storedVersion(sk: string): Promise<number> {
    const output = await super.call<{ Item?: { version?: { N?: string } } }>('GetItem', { TableName: TABLE, Key: { pk: { S: 'p' }, sk: { S: sk } }, ConsistentRead: true });
    return Number(output.Item?.version?.N);
  }
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, LOOPBACK, () => resolve((server.address() as AddressInfo).port)));
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

let dataDir: string;
let backend: http.Server;
let front: { server: http.Server; agent: http.Agent };
let client: GatedClient;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'read-isolation-'));
  backend = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const internalPort = await listen(backend);
  client = new GatedClient(LOOPBACK, internalPort, {});
  const store = new TransactionStore(client, dataDir);
  await store.recover();
  front = createFrontServer({ client, store, mutex: new Mutex(), idempotency: new IdempotencyRegistry(), internalHost: LOOPBACK, internalPort, internalHeaders: {} });
  const port = await listen(front.server);
  raw = new DynamoDBClient({ endpoint: `http://${LOOPBACK}:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  doc = DynamoDBDocumentClient.from(raw);
  await createDataTable(raw, TABLE);
});

afterAll(async () => {
  client?.release();
  raw?.destroy();
  if (front) {
    await close(front.server);
    front.agent.destroy();
  }
  client?.close();
  if (backend) await close(backend);
  await rm(dataDir, { recursive: true, force: true });
});

async function versionOf(sk: string): Promise<number> {
  return (await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'p', sk } }))).Item?.['version'] as number;
}

describe('reads against a transaction being applied', () => {
  it('never see part of it: reads while its writes are applied wait for all of them', async () => {
    for (const sk of ['seen', 'held']) await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'p', sk, version: 1 } }));
    const transaction = doc.send(
      new TransactWriteCommand({
        TransactItems: ['seen', 'held'].map((sk) => ({ Put: { TableName: TABLE, Item: { pk: 'p', sk, version: 2 } } })),
      }),
    );
    // Bounded wait until dynalite holds the transaction's first write (its second is held back).
    let stored = 1;
    for (let attempt = 0; attempt < 500 && stored !== 2; attempt += 1) stored = await client.storedVersion('seen');
    expect(stored).toBe(2);

    const reads = Promise.all([versionOf('seen'), versionOf('held')]);
    // Release the held write once the reads answered, or after 2 s if they wait (as they must).
    const answeredEarly = await Promise.race([reads.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000))]);
    client.release();
    await transaction;
    expect({ answeredEarly, versions: await reads }).toEqual({ answeredEarly: false, versions: [2, 2] });
  });
});

/**
 * DynamoDB Local runs as a child of the runtime: its data survives a restart and a `kill -9` of
 * the runtime, no DynamoDB Local outlives the runtime (closed or killed), and its own port, which
 * listens on every interface, neither serves other machines nor shows the runtime's data to a
 * caller that reaches it directly without the internal key id.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '#infra/local/dynamodb/index.js';
import { findJava } from '#infra/local/dynamodb/java-runtime.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

/** Whether `host:port` answers an HTTP request (DynamoDB Local answers any request, if only with an error). */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => socket.end('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => resolve(received.startsWith('HTTP/')));
    socket.on('error', () => resolve(false));
    socket.setTimeout(3000, () => socket.destroy());
  });
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within 10 s: ${what}`);
}

/** A runtime-like process that writes one item, reports DynamoDB Local's port and waits to be killed. */
const childScript = `
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDb } from './infra/local/dynamodb/index.ts';
const db = await startLocalDynamoDb({ dataDir: process.argv[1] });
const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
await client.send(new CreateTableCommand({ TableName: 'kept', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
await client.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'before-the-kill' } } }));
console.log(db.backendPort);
setInterval(() => undefined, 1000);
`;

/** This machine's first external IPv4 address, if it has one. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

describe('DynamoDB Local as the runtime child', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ddb-local-process-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ends with a runtime killed by SIGKILL, and the next start has its data', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childScript, path.join(dataDir, 'killed')], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = await Promise.race([createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((next) => [String(next.value)]), new Promise<never>((_, reject) => child.once('exit', () => reject(new Error('child exited'))))]);
      const port = Number(line);
      expect(await answers('127.0.0.1', port)).toBe(true);
      child.kill('SIGKILL');
      await eventually(async () => !(await answers('127.0.0.1', port)), 'DynamoDB Local stops after its parent was killed');
    } finally {
      child.kill('SIGKILL');
    }
    const db = await startLocalDynamoDb({ dataDir: path.join(dataDir, 'killed') });
    try {
      const kept = await client(db.endpoint).send(new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'before-the-kill' } }, ConsistentRead: true }));
      expect(kept.Item?.['pk']?.S).toBe('before-the-kill');
    } finally {
      await db.close();
    }
  });

  describe('its own port', () => {
    let db: LocalDynamoDb;

    beforeAll(async () => {
      db = await startLocalDynamoDb({ dataDir: path.join(dataDir, 'exposed') });
      await client(db.endpoint).send(new ListTablesCommand({}));
    });

    afterAll(async () => {
      await db.close();
    });

    it('shows a direct caller (not the internal key id) an empty database of its own', async () => {
      await client(db.endpoint).send(new CreateTableCommand({ TableName: 'private', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
      expect((await client(db.endpoint).send(new ListTablesCommand({}))).TableNames).toEqual(['private']);
      expect((await client(`http://127.0.0.1:${db.backendPort}`).send(new ListTablesCommand({}))).TableNames).toEqual([]);
    });

    it.skipIf(!external || !findJava().securityManager)('refuses connections from other machines where the Java can enforce it (to Java 23)', async () => {
      expect(await answers('127.0.0.1', db.backendPort)).toBe(true);
      expect(await answers(String(external), db.backendPort)).toBe(false);
      // The refusal did not disturb it: loopback still answers.
      expect(await answers('127.0.0.1', db.backendPort)).toBe(true);
    });

    it('stops with close()', async () => {
      await db.close();
      expect(await answers('127.0.0.1', db.backendPort)).toBe(false);
    });
  });

  it('refuses a data directory that still holds the former emulator (dynalite) LevelDB files', async () => {
    const legacy = path.join(dataDir, 'dynalite');
    await mkdir(legacy, { recursive: true });
    await writeFile(path.join(legacy, 'CURRENT'), 'MANIFEST-000002\n');
    await expect(startLocalDynamoDb({ dataDir: legacy })).rejects.toThrow(/npm run reset/);
  });
});

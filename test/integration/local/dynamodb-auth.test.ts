/**
 * The local DynamoDB front, as the runtime starts it (with a SigV4 verifier of the runtime's
 * credentials), serves only signed calls: plain operations and the transactions it answers itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigV4Verifier } from '#infra/local/auth/sigv4-verifier.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '#infra/local/dynamodb/index.js';

const region = 'us-east-1';
const credentials = { accessKeyId: 'LKIAAUTHTESTAUTHTEST', secretAccessKey: 'ZHluYW1vZGItYXV0aC10ZXN0LXNlY3JldC0xMjM0' };
const wall = { now: () => new Date() };

describe('the local DynamoDB front with a verifier', () => {
  let dataDir: string;
  let db: LocalDynamoDb;
  const client = (keys: typeof credentials) => new DynamoDBClient({ endpoint: db.endpoint, region, credentials: keys, maxAttempts: 1 });
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => 'accepted',
      (error: { name: string; $metadata?: { httpStatusCode?: number } }) => `${error.$metadata?.httpStatusCode} ${error.name}`,
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'local-ddb-auth-'));
    const verifier = new SigV4Verifier({ credentials, region, service: 'dynamodb', transportClock: wall, presignClock: wall });
    db = await startLocalDynamoDb({ dataDir, verifier });
    await client(credentials).send(
      new CreateTableCommand({
        TableName: 'records',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  });

  afterAll(async () => {
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves calls signed with its credentials', async () => {
    const genuine = client(credentials);
    await genuine.send(new PutItemCommand({ TableName: 'records', Item: { pk: { S: 'a' }, note: { S: 'signed' } } }));
    await genuine.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'records', Item: { pk: { S: 'b' } } } }] }));
    expect((await genuine.send(new GetItemCommand({ TableName: 'records', Key: { pk: { S: 'a' } } }))).Item?.note?.S).toBe('signed');
  });

  it('refuses unsigned and wrongly signed calls with 403, writing nothing', async () => {
    const unsigned = await fetch(db.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      body: JSON.stringify({ TableName: 'records', Item: { pk: { S: 'x' } } }),
    });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#MissingAuthenticationTokenException');

    const forged = client({ ...credentials, secretAccessKey: 'guessed-secret' });
    expect(await refusal(forged.send(new PutItemCommand({ TableName: 'records', Item: { pk: { S: 'y' } } })))).toBe('403 InvalidSignatureException');
    expect(await refusal(forged.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'records', Item: { pk: { S: 'z' } } } }] })))).toBe('403 InvalidSignatureException');
    expect(await refusal(forged.send(new GetItemCommand({ TableName: 'records', Key: { pk: { S: 'a' } } })))).toBe('403 InvalidSignatureException');
    expect(await refusal(client({ accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' }).send(new GetItemCommand({ TableName: 'records', Key: { pk: { S: 'a' } } })))).toBe('403 UnrecognizedClientException');

    const genuine = client(credentials);
    for (const pk of ['x', 'y', 'z']) expect((await genuine.send(new GetItemCommand({ TableName: 'records', Key: { pk: { S: pk } } }))).Item).toBeUndefined();
  });
});

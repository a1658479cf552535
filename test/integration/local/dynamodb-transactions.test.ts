import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '#infra/local/dynamodb/index.js';

const TABLE = 'records';

function clientsFor(endpoint: string) {
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return { raw, doc: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }) };
}

async function createTable(raw: DynamoDBClient): Promise<void> {
  await raw.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
}

async function expectCancelled(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransactionCanceledException);
  return error as TransactionCanceledException;
}

describe('local DynamoDB transactions (DynamoDB Local behind the front)', () => {
  let dataDir: string;
  let db: LocalDynamoDb;
  let raw: DynamoDBClient;
  let doc: DynamoDBDocumentClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'local-ddb-'));
    db = await startLocalDynamoDb({ dataDir: path.join(dataDir, 'dynamodb') });
    ({ raw, doc } = clientsFor(db.endpoint));
    await createTable(raw);
  });

  afterAll(async () => {
    raw?.destroy();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('commits a creation with its audit record, readable by key and through the GSI', async () => {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: { pk: 'APP#1', sk: 'META', version: 1, status: 'draft', gsi1pk: 'ROUND#1', gsi1sk: 'APP#1' },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: TABLE,
              Item: { pk: 'APP#1', sk: 'AUDIT#0001', action: 'created', gsi1pk: 'AUDIT', gsi1sk: '0001' },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    const meta = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'APP#1', sk: 'META' } }));
    expect(meta.Item).toMatchObject({ version: 1, status: 'draft' });
    const audit = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'APP#1', sk: 'AUDIT#0001' } }));
    expect(audit.Item).toMatchObject({ action: 'created' });
    const byRound = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :r',
        ExpressionAttributeValues: { ':r': 'ROUND#1' },
      }),
    );
    expect(byRound.Items?.map((i) => i.pk)).toEqual(['APP#1']);
  });

  it('rejects a second creation of the same item and writes nothing', async () => {
    const error = await expectCancelled(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { pk: 'APP#1', sk: 'AUDIT#0002', action: 'dup' } } },
            {
              Put: {
                TableName: TABLE,
                Item: { pk: 'APP#1', sk: 'META', version: 99 },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      ),
    );
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    const audit = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'APP#1', sk: 'AUDIT#0002' } }));
    expect(audit.Item).toBeUndefined();
  });

  it('cancels a stale version-conditioned write with the reason on the right index and writes nothing', async () => {
    const error = await expectCancelled(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: TABLE,
                Item: { pk: 'APP#1', sk: 'AUDIT#0003', action: 'submitted' },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: TABLE,
                Item: { pk: 'APP#1', sk: 'META', version: 6, status: 'submitted' },
                ConditionExpression: '#v = :expected',
                ExpressionAttributeNames: { '#v': 'version' },
                ExpressionAttributeValues: { ':expected': 5 },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      ),
    );
    expect(error.name).toBe('TransactionCanceledException');
    expect(error.message).toContain('[None, ConditionalCheckFailed]');
    expect(error.CancellationReasons).toHaveLength(2);
    expect(error.CancellationReasons?.[0]?.Code).toBe('None');
    expect(error.CancellationReasons?.[1]?.Code).toBe('ConditionalCheckFailed');
    expect(error.CancellationReasons?.[1]?.Message).toBe('The conditional request failed');
    expect(error.CancellationReasons?.[1]?.Item?.version).toEqual({ N: '1' });
    expect(error.$metadata.httpStatusCode).toBe(400);
    const audit = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'APP#1', sk: 'AUDIT#0003' } }));
    expect(audit.Item).toBeUndefined();
    const meta = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'APP#1', sk: 'META' } }));
    expect(meta.Item).toMatchObject({ version: 1, status: 'draft' });
  });

  it('loses no update when 50 transactions race on the same versioned item', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'COUNTER', sk: 'META', version: 0 } }));
    let plainSuccesses = 0;
    const attempt = async (n: number): Promise<boolean> => {
      const current = await doc.send(
        new GetCommand({ TableName: TABLE, Key: { pk: 'COUNTER', sk: 'META' }, ConsistentRead: true }),
      );
      const version = current.Item?.version as number;
      if (n % 5 === 4) {
        // Plain conditional writes (outside any transaction) race with the transactions too.
        try {
          await doc.send(
            new UpdateCommand({
              TableName: TABLE,
              Key: { pk: 'COUNTER', sk: 'META' },
              UpdateExpression: 'SET #v = :next',
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': version, ':next': version + 1 },
            }),
          );
          plainSuccesses += 1;
          return true;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return false;
          throw error;
        }
      }
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: TABLE,
                  Item: { pk: 'COUNTER', sk: 'META', version: version + 1, lastWriter: n },
                  ConditionExpression: '#v = :v',
                  ExpressionAttributeNames: { '#v': 'version' },
                  ExpressionAttributeValues: { ':v': version },
                },
              },
              {
                Put: {
                  TableName: TABLE,
                  Item: { pk: 'COUNTER', sk: `AUDIT#${String(version + 1).padStart(4, '0')}`, writer: n },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    };
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => attempt(n)));
    const successes = results.filter(Boolean).length;
    expect(successes).toBeGreaterThan(0);
    const final = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'COUNTER', sk: 'META' } }));
    expect(final.Item?.version).toBe(successes);
    const audits = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': 'COUNTER', ':audit': 'AUDIT#' },
      }),
    );
    expect(audits.Items).toHaveLength(successes - plainSuccesses);
  });

  it('applies Update items (SET, ADD, REMOVE, DELETE, if_not_exists, list_append) and Deletes', async () => {
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'UPD', sk: 'META', version: 3, tags: new Set(['a', 'b']), labels: new Set(['x', 'y']), obsolete: true, history: ['x'], nested: { count: 1 } },
      }),
    );
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'UPD', sk: 'TMP' } }));
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: TABLE,
              Key: { pk: 'UPD', sk: 'META' },
              UpdateExpression:
                'SET #v = #v + :one, #s = :submitted, history = list_append(history, :h), nested.#c = nested.#c - :one, ' +
                'createdAt = if_not_exists(createdAt, :now) REMOVE obsolete ADD tags :new, tally :five DELETE labels :gone',
              ConditionExpression: '#v = :three AND attribute_exists(obsolete)',
              ExpressionAttributeNames: { '#v': 'version', '#s': 'status', '#c': 'count' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':three': 3,
                ':submitted': 'submitted',
                ':h': ['y'],
                ':now': '2024-01-01',
                ':new': new Set(['c']),
                ':five': 5,
                ':gone': new Set(['x']),
              },
            },
          },
          { Delete: { TableName: TABLE, Key: { pk: 'UPD', sk: 'TMP' }, ConditionExpression: 'attribute_exists(pk)' } },
          {
            Update: {
              TableName: TABLE,
              Key: { pk: 'UPD', sk: 'NEW' },
              UpdateExpression: 'SET created = :t ADD hits :one',
              ConditionExpression: 'attribute_not_exists(pk)',
              ExpressionAttributeValues: { ':t': true, ':one': 1 },
            },
          },
        ],
      }),
    );
    const meta = (await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'UPD', sk: 'META' } }))).Item;
    expect(meta).toMatchObject({ version: 4, status: 'submitted', history: ['x', 'y'], nested: { count: 0 }, createdAt: '2024-01-01', tally: 5 });
    expect(meta?.obsolete).toBeUndefined();
    expect([...(meta?.tags as Set<string>)].sort()).toEqual(['a', 'b', 'c']);
    expect([...(meta?.labels as Set<string>)]).toEqual(['y']);
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'UPD', sk: 'TMP' } }))).Item).toBeUndefined();
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'UPD', sk: 'NEW' } }))).Item).toEqual({
      pk: 'UPD',
      sk: 'NEW',
      created: true,
      hits: 1,
    });
  });

  it('refuses an update that does not fit the stored item and writes nothing', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'BADUPD', sk: 'META', label: 'text' } }));
    const refusal = await doc
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: TABLE, Key: { pk: 'BADUPD', sk: 'META' }, UpdateExpression: 'SET label = label + :one', ExpressionAttributeValues: { ':one': 1 } } },
            { Put: { TableName: TABLE, Item: { pk: 'BADUPD', sk: 'AUDIT' } } },
          ],
        }),
      )
      .then(
        () => 'accepted',
        // DynamoDB cancels the transaction with a ValidationError reason; DynamoDB Local refuses the call as a whole.
        (error: unknown) => (error instanceof TransactionCanceledException ? `cancelled: ${error.CancellationReasons?.[0]?.Code}` : (error as Error).name),
      );
    expect(['cancelled: ValidationError', 'ValidationException']).toContain(refusal);
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'BADUPD', sk: 'META' } }))).Item).toEqual({ pk: 'BADUPD', sk: 'META', label: 'text' });
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'BADUPD', sk: 'AUDIT' } }))).Item).toBeUndefined();
  });

  it('checks ConditionCheck items without writing them', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'ROUND#9', sk: 'META', state: 'open' } }));
    const check = (state: string) => ({
      ConditionCheck: {
        TableName: TABLE,
        Key: { pk: 'ROUND#9', sk: 'META' },
        ConditionExpression: '#st = :state',
        ExpressionAttributeNames: { '#st': 'state' },
        ExpressionAttributeValues: { ':state': state },
      },
    });
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [check('open'), { Put: { TableName: TABLE, Item: { pk: 'ROUND#9', sk: 'APP#1' } } }],
      }),
    );
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'ROUND#9', sk: 'APP#1' } }))).Item).toBeDefined();
    const error = await expectCancelled(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [check('closed'), { Put: { TableName: TABLE, Item: { pk: 'ROUND#9', sk: 'APP#2' } } }],
        }),
      ),
    );
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'ROUND#9', sk: 'APP#2' } }))).Item).toBeUndefined();
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'ROUND#9', sk: 'META' } }))).Item).toEqual({
      pk: 'ROUND#9',
      sk: 'META',
      state: 'open',
    });
  });

  it('rejects two operations on one item, bad expressions and unknown tables like DynamoDB', async () => {
    const duplicate = doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { pk: 'DUP', sk: 'META' } } },
          { ConditionCheck: { TableName: TABLE, Key: { pk: 'DUP', sk: 'META' }, ConditionExpression: 'attribute_exists(pk)' } },
        ],
      }),
    );
    await expect(duplicate).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Transaction request cannot include multiple operations on one item',
    });
    await expect(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { pk: 'X', sk: 'Y' }, ConditionExpression: 'attribute_not_exists(pk) AND status = :s', ExpressionAttributeValues: { ':s': 'a' } } },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('reserved keyword') });
    await expect(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: TABLE, Item: { pk: 'X', sk: 'Y' }, ConditionExpression: 'pk = :a', ExpressionAttributeValues: { ':a': 'x', ':b': 'y' } } }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('unused in expressions') });
    await expect(
      doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'missing', Item: { pk: 'X', sk: 'Y' } } }] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: { pk: 'X' } } }] })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/key/) });
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'X', sk: 'Y' } }))).Item).toBeUndefined();
  });

  it('honours ClientRequestToken idempotency', async () => {
    const input: TransactWriteItemsCommandInput = {
      ClientRequestToken: 'token-0001',
      TransactItems: [
        {
          Update: {
            TableName: TABLE,
            Key: { pk: { S: 'IDEM' }, sk: { S: 'META' } },
            UpdateExpression: 'ADD hits :one',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          },
        },
      ],
    };
    await raw.send(new TransactWriteItemsCommand(input));
    await raw.send(new TransactWriteItemsCommand(input));
    const item = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'IDEM', sk: 'META' } }));
    expect(item.Item?.hits).toBe(1);
    await expect(
      raw.send(
        new TransactWriteItemsCommand({
          ...input,
          TransactItems: [{ Put: { TableName: TABLE, Item: { pk: { S: 'IDEM' }, sk: { S: 'OTHER' } } } }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'IdempotentParameterMismatchException' });
    // A fresh token applies again.
    await raw.send(new TransactWriteItemsCommand({ ...input, ClientRequestToken: 'token-0002' }));
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'IDEM', sk: 'META' } }))).Item?.hits).toBe(2);
  });

  it('reads a consistent set of items with TransactGetItems (with projection)', async () => {
    const result = await doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: TABLE, Key: { pk: 'APP#1', sk: 'META' }, ProjectionExpression: '#v, pk', ExpressionAttributeNames: { '#v': 'version' } } },
          { Get: { TableName: TABLE, Key: { pk: 'NOPE', sk: 'META' } } },
          { Get: { TableName: TABLE, Key: { pk: 'APP#1', sk: 'AUDIT#0001' } } },
        ],
      }),
    );
    expect(result.Responses?.[0]?.Item).toEqual({ pk: 'APP#1', version: 1 });
    expect(result.Responses?.[1]?.Item).toBeUndefined();
    expect(result.Responses?.[2]?.Item).toMatchObject({ action: 'created' });
  });

  it('keeps items across close() and a restart on the same data directory', async () => {
    await db.close();
    raw.destroy();
    db = await startLocalDynamoDb({ dataDir: path.join(dataDir, 'dynamodb') });
    ({ raw, doc } = clientsFor(db.endpoint));
    const meta = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'APP#1', sk: 'META' } }));
    expect(meta.Item).toMatchObject({ version: 1, status: 'draft' });
  });
});

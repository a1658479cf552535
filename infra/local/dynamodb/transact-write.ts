/**
 * TransactWriteItems with DynamoDB semantics: validation, all-or-nothing condition
 * checks, final item images, journaled apply, ClientRequestToken idempotency.
 * The caller must hold the front's write mutex for the whole call.
 */
import { itemSize, MAX_ITEM_SIZE, validateAttributeValue, type AttributeValue, type Item } from './attribute-value.js';
import { evaluateCondition, parseConditionExpression, type ConditionNode } from './condition-expression.js';
import { DynamoDbError, serviceError, validationError } from './errors.js';
import { ExpressionContext } from './expression-context.js';
import type { IdempotencyRegistry } from './idempotency.js';
import { requestFingerprint } from './idempotency.js';
import type { InternalClient } from './internal-client.js';
import type { JournalOperation } from './journal.js';
import { describeTable, itemIdentity, keyOf, validateItemKeys, validateKey, type TableSchema } from './table-schema.js';
import type { TransactionStore } from './transaction-store.js';
import { applyUpdate, parseUpdateExpression, updatedAttributes, type UpdateExpressionNode } from './update-expression.js';

/** What the engine needs from its host. */
export interface TransactionDeps {
  readonly client: InternalClient;
  readonly store: TransactionStore;
  readonly idempotency: IdempotencyRegistry;
}

type Kind = 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
const KINDS: readonly Kind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

interface Element {
  TableName?: unknown;
  Key?: unknown;
  Item?: unknown;
  ConditionExpression?: unknown;
  UpdateExpression?: unknown;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ReturnValuesOnConditionCheckFailure?: unknown;
}

interface Planned {
  readonly kind: Kind;
  readonly schema: TableSchema;
  readonly key: Item;
  readonly item?: Item;
  readonly condition?: ConditionNode;
  readonly update?: UpdateExpressionNode;
  readonly returnOld: boolean;
}

/** A cancellation reason as DynamoDB reports it. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

function constraint(value: unknown, at: string, rule: string): DynamoDbError {
  return validationError(
    `1 validation error detected: Value ${JSON.stringify(value) ?? 'null'} at '${at}' failed to satisfy constraint: ${rule}`,
  );
}

function readElements(request: Record<string, unknown>): { kind: Kind; element: Element }[] {
  const items = request.TransactItems;
  if (items === undefined || items === null) throw constraint(null, 'transactItems', 'Member must not be null');
  if (!Array.isArray(items)) throw validationError('TransactItems must be a list');
  if (items.length < 1) throw constraint(items, 'transactItems', 'Member must have length greater than or equal to 1');
  if (items.length > 100) {
    throw validationError(
      `1 validation error detected: Value '[...]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100`,
    );
  }
  return items.map((raw: unknown, index) => {
    const present = KINDS.filter((k) => raw && typeof raw === 'object' && (raw as Record<string, unknown>)[k] != null);
    if (present.length !== 1) {
      throw validationError(
        `TransactItems can only contain one of Check, Put, Update or Delete; invalid item at index ${index}`,
      );
    }
    const kind = present[0] as Kind;
    return { kind, element: (raw as Record<string, Element>)[kind] as Element };
  });
}

function requireString(value: unknown, at: string): string {
  if (typeof value !== 'string' || value === '') throw constraint(value ?? null, at, 'Member must not be null');
  return value;
}

function planElement(kind: Kind, element: Element, index: number, schema: TableSchema): Planned {
  const at = `transactItems.${index + 1}.member.${kind === 'ConditionCheck' ? 'conditionCheck' : kind.toLowerCase()}`;
  const returnValues = element.ReturnValuesOnConditionCheckFailure ?? 'NONE';
  if (returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
    throw constraint(returnValues, `${at}.returnValuesOnConditionCheckFailure`, 'Member must satisfy enum value set: [ALL_OLD, NONE]');
  }
  const context = new ExpressionContext(element.ExpressionAttributeNames, element.ExpressionAttributeValues);
  let item: Item | undefined;
  let key: Item;
  if (kind === 'Put') {
    if (element.Item === null || typeof element.Item !== 'object' || Array.isArray(element.Item)) {
      throw constraint(null, `${at}.item`, 'Member must not be null');
    }
    item = element.Item as Item;
    for (const value of Object.values(item)) {
      const problem = validateAttributeValue(value);
      if (problem) throw validationError(problem);
    }
    validateItemKeys(schema, item);
    if (itemSize(item) > MAX_ITEM_SIZE) throw validationError('Item size has exceeded the maximum allowed size');
    key = keyOf(schema, item);
  } else {
    key = validateKey(schema, element.Key);
  }
  let update: UpdateExpressionNode | undefined;
  if (kind === 'Update') {
    update = parseUpdateExpression(requireString(element.UpdateExpression, `${at}.updateExpression`), context);
    for (const { name } of updatedAttributes(update)) {
      if (schema.key.some((k) => k.name === name)) {
        throw validationError(
          `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`,
        );
      }
    }
  }
  if (kind === 'ConditionCheck') requireString(element.ConditionExpression, `${at}.conditionExpression`);
  let condition: ConditionNode | undefined;
  if (element.ConditionExpression !== undefined) {
    condition = parseConditionExpression(requireString(element.ConditionExpression, `${at}.conditionExpression`), context);
  }
  context.assertAllUsed();
  return { kind, schema, key, ...(item && { item }), ...(condition && { condition }), ...(update && { update }), returnOld: returnValues === 'ALL_OLD' };
}

async function loadSchemas(client: InternalClient, tables: readonly string[]): Promise<Map<string, TableSchema>> {
  const unique = [...new Set(tables)];
  const schemas = await Promise.all(unique.map((table) => describeTable(client, table)));
  return new Map(unique.map((table, i) => [table, schemas[i] as TableSchema]));
}

function consumedCapacity(request: Record<string, unknown>, planned: readonly Planned[], read: boolean): unknown[] | undefined {
  const mode = request.ReturnConsumedCapacity;
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const counts = new Map<string, number>();
  for (const p of planned) counts.set(p.schema.name, (counts.get(p.schema.name) ?? 0) + 2);
  return [...counts].map(([TableName, units]) => ({
    TableName,
    CapacityUnits: units,
    [read ? 'ReadCapacityUnits' : 'WriteCapacityUnits']: units,
    ...(mode === 'INDEXES' && { Table: { CapacityUnits: units } }),
  }));
}

// Validates the shape, tables, keys and expressions of every element; returns the plan.
async function planTransaction(
  client: InternalClient,
  elements: readonly { kind: Kind; element: Element }[],
): Promise<Planned[]> {
  const tables = elements.map(({ kind, element }, i) =>
    requireString(element.TableName, `transactItems.${i + 1}.member.${kind.toLowerCase()}.tableName`),
  );
  const schemas = await loadSchemas(client, tables);
  const planned = elements.map(({ kind, element }, i) => planElement(kind, element, i, schemas.get(tables[i] as string) as TableSchema));
  const seen = new Set<string>();
  for (const p of planned) {
    const identity = itemIdentity(p.schema, p.key);
    if (seen.has(identity)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
  }
  return planned;
}

function finalOperation(p: Planned, current: Item | undefined): JournalOperation | undefined {
  switch (p.kind) {
    case 'Put':
      return { type: 'put', table: p.schema.name, item: p.item as Item };
    case 'Delete':
      return { type: 'delete', table: p.schema.name, key: p.key };
    case 'ConditionCheck':
      return undefined;
    case 'Update': {
      const next = applyUpdate(p.update as UpdateExpressionNode, current, p.key);
      validateItemKeys(p.schema, next);
      if (itemSize(next) > MAX_ITEM_SIZE) throw validationError('Item size to update has exceeded the maximum allowed size');
      return { type: 'put', table: p.schema.name, item: next };
    }
  }
}

/** Handles one TransactWriteItems request; resolves to the response body. */
export async function transactWriteItems(request: Record<string, unknown>, deps: TransactionDeps): Promise<Record<string, unknown>> {
  const elements = readElements(request);
  const token = request.ClientRequestToken;
  if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 36)) {
    throw constraint(token, 'clientRequestToken', 'Member must have length less than or equal to 36');
  }
  const planned = await planTransaction(deps.client, elements);
  const capacity = consumedCapacity(request, planned, false);
  const success = capacity ? { ConsumedCapacity: capacity } : {};
  const fingerprint = requestFingerprint(request);
  if (typeof token === 'string' && deps.idempotency.alreadyApplied(token, fingerprint)) return success;

  await deps.store.ensureClean();
  const currents = await Promise.all(
    planned.map(async (p) => {
      const output = await deps.client.call<{ Item?: Item }>('GetItem', { TableName: p.schema.name, Key: p.key, ConsistentRead: true });
      return output.Item;
    }),
  );
  const reasons: CancellationReason[] = [];
  const operations: JournalOperation[] = [];
  planned.forEach((p, i) => {
    const current = currents[i];
    if (p.condition && !evaluateCondition(p.condition, current ?? {})) {
      reasons.push({
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        ...(p.returnOld && current && { Item: current }),
      });
      return;
    }
    try {
      const operation = finalOperation(p, current);
      if (operation) operations.push(operation);
      reasons.push({ Code: 'None' });
    } catch (error) {
      if (!(error instanceof DynamoDbError) || error.name !== 'ValidationException') throw error;
      reasons.push({ Code: 'ValidationError', Message: error.message });
    }
  });
  if (reasons.some((r) => r.Code !== 'None')) {
    throw serviceError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      { CancellationReasons: reasons },
    );
  }
  await deps.store.commit(operations);
  if (typeof token === 'string') deps.idempotency.remember(token, fingerprint);
  return success;
}

/** Handles one TransactGetItems request (consistent snapshot: the caller holds the write mutex). */
export async function transactGetItems(request: Record<string, unknown>, client: InternalClient): Promise<Record<string, unknown>> {
  const items = request.TransactItems;
  if (items === undefined || items === null) throw constraint(null, 'transactItems', 'Member must not be null');
  if (!Array.isArray(items) || items.length < 1) throw constraint(items, 'transactItems', 'Member must have length greater than or equal to 1');
  if (items.length > 100) {
    throw validationError(
      `1 validation error detected: Value '[...]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100`,
    );
  }
  const gets = items.map((raw: unknown, i) => {
    const get = raw && typeof raw === 'object' ? (raw as { Get?: Element & { ProjectionExpression?: unknown } }).Get : undefined;
    if (!get) throw constraint(null, `transactItems.${i + 1}.member.get`, 'Member must not be null');
    requireString(get.TableName, `transactItems.${i + 1}.member.get.tableName`);
    return get;
  });
  const schemas = await loadSchemas(client, gets.map((g) => g.TableName as string));
  const seen = new Set<string>();
  const planned = gets.map((get) => {
    const schema = schemas.get(get.TableName as string) as TableSchema;
    const key = validateKey(schema, get.Key);
    const identity = itemIdentity(schema, key);
    if (seen.has(identity)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
    return { schema, key, get };
  });
  const responses = await Promise.all(
    planned.map(async ({ schema, key, get }) => {
      const output = await client.call<{ Item?: Item }>('GetItem', {
        TableName: schema.name,
        Key: key,
        ConsistentRead: true,
        ...(get.ProjectionExpression !== undefined && { ProjectionExpression: get.ProjectionExpression }),
        ...(get.ExpressionAttributeNames !== undefined && { ExpressionAttributeNames: get.ExpressionAttributeNames }),
      });
      return output.Item ? { Item: output.Item } : {};
    }),
  );
  const capacity = consumedCapacity(request, planned.map(({ schema, key }) => ({ kind: 'ConditionCheck', schema, key, returnOld: false })), true);
  return { Responses: responses, ...(capacity && { ConsumedCapacity: capacity }) };
}

/** Key schemas of tables, read through DescribeTable, and key helpers. */
import { attributeType, formatDecimal, parseDecimal, type AttributeValue, type Item } from './attribute-value.js';
import { validationError } from './errors.js';
import type { InternalClient } from './internal-client.js';

/** A key attribute and its scalar type. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** What the transaction engine needs to know about a table. */
export interface TableSchema {
  readonly name: string;
  /** Hash key first, then the range key if any. */
  readonly key: readonly KeyAttribute[];
  /** Key attributes of secondary indexes, with their index name. */
  readonly indexKeys: readonly (KeyAttribute & { readonly index: string })[];
}

interface DescribeTableOutput {
  Table: {
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
    GlobalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string }[] }[];
    LocalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string }[] }[];
  };
}

/** Reads the schema of `table` (ResourceNotFoundException when it does not exist). */
export async function describeTable(client: InternalClient, table: string): Promise<TableSchema> {
  const { Table } = await client.call<DescribeTableOutput>('DescribeTable', { TableName: table });
  const typeOf = (name: string) => {
    const definition = Table.AttributeDefinitions.find((d) => d.AttributeName === name);
    return definition?.AttributeType ?? 'S';
  };
  const key = [...Table.KeySchema]
    .sort((a, b) => (a.KeyType === b.KeyType ? 0 : a.KeyType === 'HASH' ? -1 : 1))
    .map((k) => ({ name: k.AttributeName, type: typeOf(k.AttributeName) }));
  const indexes = [...(Table.GlobalSecondaryIndexes ?? []), ...(Table.LocalSecondaryIndexes ?? [])];
  const indexKeys = indexes.flatMap((index) =>
    index.KeySchema.map((k) => ({ index: index.IndexName, name: k.AttributeName, type: typeOf(k.AttributeName) })),
  );
  return { name: table, key, indexKeys };
}

function keyValueProblem(value: AttributeValue, attribute: KeyAttribute): string | undefined {
  if (attributeType(value) !== attribute.type) return 'type';
  const payload = Object.values(value)[0] as string;
  if (payload === '' && attribute.type !== 'N') return 'empty';
  return undefined;
}

/** Validates a `Key` parameter: exactly the key attributes, with the right types. */
export function validateKey(schema: TableSchema, key: unknown): Item {
  if (key === null || typeof key !== 'object' || Array.isArray(key)) {
    throw validationError('The provided key element does not match the schema');
  }
  const record = key as Item;
  if (Object.keys(record).length !== schema.key.length) {
    throw validationError('The provided key element does not match the schema');
  }
  for (const attribute of schema.key) {
    const value = record[attribute.name];
    const problem = value === undefined ? 'missing' : keyValueProblem(value, attribute);
    if (problem === 'empty') {
      throw validationError(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${attribute.name}`,
      );
    }
    if (problem) throw validationError('The provided key element does not match the schema');
  }
  return record;
}

/** Validates the key and index attributes of a full item (as PutItem does). */
export function validateItemKeys(schema: TableSchema, item: Item): void {
  for (const attribute of schema.key) {
    const value = item[attribute.name];
    if (value === undefined) {
      throw validationError(`One or more parameter values were invalid: Missing the key ${attribute.name} in the item`);
    }
    const problem = keyValueProblem(value, attribute);
    if (problem === 'type') {
      throw validationError(
        `One or more parameter values were invalid: Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${attributeType(value)}`,
      );
    }
    if (problem === 'empty') {
      throw validationError(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${attribute.name}`,
      );
    }
  }
  for (const attribute of schema.indexKeys) {
    const value = item[attribute.name];
    if (value !== undefined && attributeType(value) !== attribute.type) {
      throw validationError(
        `One or more parameter values were invalid: Type mismatch for Index Key ${attribute.name} Expected: ${attribute.type} Actual: ${attributeType(value)} IndexName: ${attribute.index}`,
      );
    }
  }
}

/** The key attributes of `item`. */
export function keyOf(schema: TableSchema, item: Item): Item {
  const key: Item = {};
  for (const attribute of schema.key) {
    const value = item[attribute.name];
    if (value !== undefined) key[attribute.name] = value;
  }
  return key;
}

/** A canonical string identifying an item (table + key values; numbers normalised). */
export function itemIdentity(schema: TableSchema, key: Item): string {
  const parts = schema.key.map((attribute) => {
    const payload = Object.values(key[attribute.name] ?? {})[0] as string;
    const d = attribute.type === 'N' ? parseDecimal(payload) : undefined;
    return d ? formatDecimal(d) : payload;
  });
  return JSON.stringify([schema.name, ...parts]);
}

/**
 * Counts the local DynamoDB's requests and the capacity units they consume, by operation, for
 * the benchmarks ({@link RuntimeMetrics}). Forwarded calls ask dynalite for `ConsumedCapacity`
 * (item sizes: 1 write unit per KB, 1 read unit per 4 KB, half for eventually consistent reads)
 * and take it out of the answer again when the caller did not ask for it, so the answer is the
 * one DynamoDB would give. Transactions count 2 units per item, as the front reports them. A
 * refused conditional write counts 1 write unit, as DynamoDB charges it. Index writes are not
 * counted (dynalite reports table units only).
 */
import type http from 'node:http';
import { crc32 } from 'node:zlib';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';

/** Relays dynalite's answer to the caller. */
export type Relay = (upstream: http.IncomingMessage, response: http.ServerResponse) => void;

/** Relays the answer unchanged. */
export const pipeThrough: Relay = (upstream, response) => {
  response.writeHead(upstream.statusCode ?? 502, upstream.headers);
  upstream.pipe(response);
};

const readOperations: ReadonlySet<string> = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const meteredOperations: ReadonlySet<string> = new Set([...readOperations, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const askedModes: ReadonlySet<unknown> = new Set(['TOTAL', 'INDEXES']);

function unitsName(operation: string): 'dynamodb.readUnits' | 'dynamodb.writeUnits' {
  return readOperations.has(operation) ? 'dynamodb.readUnits' : 'dynamodb.writeUnits';
}

/** The units in a `ConsumedCapacity` (one object, or a list for batches and transactions). */
function unitsOf(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed === undefined ? [] : [consumed];
  return list.reduce<number>((sum, entry) => sum + (Number((entry as { CapacityUnits?: unknown } | null)?.CapacityUnits) || 0), 0);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Counts one call the front forwards to dynalite; returns the body to forward and the relay
 * that reads (and, when added here, removes) the consumed capacity from the answer.
 */
export function meterForwardedCall(metrics: RuntimeMetrics, operation: string, body: Buffer): { body: Buffer; relay: Relay } {
  metrics.count('dynamodb.requests', operation);
  const request = meteredOperations.has(operation) ? parseObject(body.toString('utf8')) : undefined;
  if (!request) return { body, relay: pipeThrough };
  const asked = askedModes.has(request['ReturnConsumedCapacity']);
  const forwarded = asked ? body : Buffer.from(JSON.stringify({ ...request, ReturnConsumedCapacity: 'TOTAL' }));
  const relay: Relay = (upstream, response) => {
    const chunks: Buffer[] = [];
    upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
    upstream.on('end', () => {
      let text = Buffer.concat(chunks).toString('utf8');
      const answer = parseObject(text);
      const status = upstream.statusCode ?? 502;
      if (status === 200 && answer) {
        metrics.count(unitsName(operation), operation, unitsOf(answer['ConsumedCapacity']));
        if (!asked) {
          delete answer['ConsumedCapacity'];
          text = JSON.stringify(answer);
        }
      } else if (String(answer?.['__type'] ?? '').endsWith('#ConditionalCheckFailedException')) {
        metrics.count('dynamodb.writeUnits', operation, 1);
      }
      const { 'transfer-encoding': _chunked, ...headers } = upstream.headers;
      response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)), 'x-amz-crc32': String(crc32(text)) });
      response.end(text);
    });
  };
  return { body: forwarded, relay };
}

/** Counts a transaction the front answered itself: 2 units per item when it succeeded. */
export function meterTransaction(metrics: RuntimeMetrics, operation: 'TransactWriteItems' | 'TransactGetItems', request: unknown, succeeded: boolean): void {
  metrics.count('dynamodb.requests', operation);
  const items = (request as { TransactItems?: unknown } | null)?.TransactItems;
  if (succeeded && Array.isArray(items)) metrics.count(unitsName(operation), operation, 2 * items.length);
}

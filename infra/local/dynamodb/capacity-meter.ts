/**
 * Counts the local DynamoDB's requests and the capacity units they consume, by operation, for
 * the benchmarks ({@link RuntimeMetrics}). Every call that reads or writes items asks DynamoDB
 * Local for `ConsumedCapacity` (1 write unit per KB, 1 read unit per 4 KB, half for eventually
 * consistent reads) and the answer loses it again when the caller did not ask for it, so the
 * answer is the one DynamoDB would give. A transaction counts 2 units per item (DynamoDB Local
 * reports less than DynamoDB charges for one). A refused conditional write counts 1 write unit,
 * as DynamoDB charges it.
 */
import type http from 'node:http';
import { crc32 } from 'node:zlib';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';

/** Relays DynamoDB Local's answer to the caller. */
export type Relay = (upstream: http.IncomingMessage, response: http.ServerResponse) => void;

/** Relays the answer unchanged. */
export const pipeThrough: Relay = (upstream, response) => {
  response.writeHead(upstream.statusCode ?? 502, upstream.headers);
  upstream.on('error', () => response.destroy());
  upstream.pipe(response);
};

const readOperations: ReadonlySet<string> = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const transactions: ReadonlySet<string> = new Set(['TransactGetItems', 'TransactWriteItems']);
const meteredOperations: ReadonlySet<string> = new Set([...readOperations, ...transactions, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
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
 * Counts one call the front forwards to DynamoDB Local; returns the body to forward and the relay
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
    // A cut answer must not leave the caller waiting for one.
    upstream.on('error', () => response.destroy());
    upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
    upstream.on('end', () => {
      let text = Buffer.concat(chunks).toString('utf8');
      const answer = parseObject(text);
      const status = upstream.statusCode ?? 502;
      if (status === 200 && answer) {
        const items = request['TransactItems'];
        metrics.count(unitsName(operation), operation, transactions.has(operation) ? 2 * (Array.isArray(items) ? items.length : 0) : unitsOf(answer['ConsumedCapacity']));
        if (!asked) {
          delete answer['ConsumedCapacity'];
          text = JSON.stringify(answer);
        }
      } else if (typeof answer?.['__type'] === 'string' && answer['__type'].endsWith('#ConditionalCheckFailedException')) {
        metrics.count('dynamodb.writeUnits', operation, 1);
      }
      const headers = { ...upstream.headers };
      delete headers['transfer-encoding'];
      response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)), 'x-amz-crc32': String(crc32(text)) });
      response.end(text);
    });
  };
  return { body: forwarded, relay };
}

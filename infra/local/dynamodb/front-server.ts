/**
 * The public HTTP endpoint: forwards DynamoDB requests to dynalite unchanged,
 * serialises every write behind one mutex, and answers TransactWriteItems /
 * TransactGetItems itself.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DynamoDbError, internalError } from './errors.js';
import type { Mutex } from './mutex.js';
import { transactGetItems, transactWriteItems, type TransactionDeps } from './transact-write.js';

/** Operations that change data or tables: they run one at a time. */
const SERIALISED_OPERATIONS: ReadonlySet<string> = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteTable',
  'UpdateTable',
]);

/** Everything the front needs. */
export interface FrontDeps extends TransactionDeps {
  readonly mutex: Mutex;
  readonly internalHost: string;
  readonly internalPort: number;
}

function requestId(): string {
  return randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0');
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId(),
    'x-amz-crc32': String(crc32(text)),
  });
  response.end(text);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function forward(request: http.IncomingMessage, response: http.ServerResponse, deps: FrontDeps, agent: http.Agent): Promise<void> {
  return new Promise((resolve) => {
    const upstream = http.request(
      { host: deps.internalHost, port: deps.internalPort, method: request.method, path: request.url, headers: request.headers, agent },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
        upstreamResponse.on('end', () => resolve());
        upstreamResponse.on('error', () => resolve());
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) sendJson(response, 500, internalError(`dynalite unavailable: ${error.message}`).toBody());
      else response.destroy();
      resolve();
    });
    response.on('close', () => resolve());
    request.pipe(upstream);
  });
}

async function handleTransaction(
  operation: 'TransactWriteItems' | 'TransactGetItems',
  request: http.IncomingMessage,
  response: http.ServerResponse,
  deps: FrontDeps,
): Promise<void> {
  const text = await readBody(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    sendJson(response, 400, { __type: 'com.amazon.coral.service#SerializationException' });
    return;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendJson(response, 400, { __type: 'com.amazon.coral.service#SerializationException' });
    return;
  }
  try {
    const result = await deps.mutex.run(() =>
      operation === 'TransactWriteItems'
        ? transactWriteItems(body as Record<string, unknown>, deps)
        : transactGetItems(body as Record<string, unknown>, deps.client),
    );
    sendJson(response, 200, result);
  } catch (error) {
    const failure = error instanceof DynamoDbError ? error : internalError(error instanceof Error ? error.message : String(error));
    if (failure.statusCode >= 500) process.emitWarning(`local DynamoDB ${operation} failed: ${failure.message}`);
    sendJson(response, failure.statusCode, failure.toBody());
  }
}

/** Creates the (not yet listening) front server. */
export function createFrontServer(deps: FrontDeps): { server: http.Server; agent: http.Agent } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((request, response) => {
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const work =
      operation === 'TransactWriteItems' || operation === 'TransactGetItems'
        ? handleTransaction(operation, request, response, deps)
        : SERIALISED_OPERATIONS.has(operation)
          ? deps.mutex.run(() => forward(request, response, deps, agent))
          : forward(request, response, deps, agent);
    work.catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, internalError(String(error)).toBody());
    });
  });
  return { server, agent };
}

/**
 * The public HTTP endpoint: checks each request's SigV4 signature (when given a verifier),
 * forwards DynamoDB requests to dynalite unchanged, serialises every write behind one mutex,
 * holds reads back while a transaction's writes are being applied (no read sees part of one),
 * and answers TransactWriteItems / TransactGetItems itself.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { refuseUnsignedJsonCall } from '../auth/auth-refusals.js';
import type { SigV4Verifier } from '../auth/sigv4-verifier.js';
import { readBoundedBody } from '../read-body.js';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';
import { meterForwardedCall, meterTransaction, pipeThrough, type Relay } from './capacity-meter.js';
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
  /** Headers every call to dynalite carries (its guard's token). */
  readonly internalHeaders: http.OutgoingHttpHeaders;
  /** Checks every request's signature; without one, any caller is served (standalone use in tests). */
  readonly verifier?: SigV4Verifier;
  /** Counts requests and the capacity units they consume, by operation (benchmarks). */
  readonly metrics?: RuntimeMetrics;
}

/** DynamoDB's limit on a request (BatchWriteItem: 16 MB), plus room for the JSON around it. */
const maxRequestBytes = 17 * 1024 * 1024;

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

function forward(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse, deps: FrontDeps, agent: http.Agent, relay: Relay = pipeThrough): Promise<void> {
  const { 'transfer-encoding': _chunked, ...headers } = request.headers;
  return new Promise((resolve) => {
    const upstream = http.request(
      { host: deps.internalHost, port: deps.internalPort, method: request.method, path: request.url, headers: { ...headers, ...deps.internalHeaders, 'content-length': String(body.length) }, agent },
      (upstreamResponse) => {
        relay(upstreamResponse, response);
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
    upstream.end(body);
  });
}

async function handleTransaction(
  operation: 'TransactWriteItems' | 'TransactGetItems',
  text: string,
  response: http.ServerResponse,
  deps: FrontDeps,
): Promise<void> {
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
    if (deps.metrics) meterTransaction(deps.metrics, operation, body, true);
    sendJson(response, 200, result);
  } catch (error) {
    if (deps.metrics) meterTransaction(deps.metrics, operation, body, false);
    const failure = error instanceof DynamoDbError ? error : internalError(error instanceof Error ? error.message : String(error));
    if (failure.statusCode >= 500) process.emitWarning(`local DynamoDB ${operation} failed: ${failure.message}`);
    sendJson(response, failure.statusCode, failure.toBody());
  }
}

/** Creates the (not yet listening) front server. */
export function createFrontServer(deps: FrontDeps): { server: http.Server; agent: http.Agent } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const serve = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    // Refused before its body is read: a call that does not even claim a signature.
    const unsigned = deps.verifier && !deps.verifier.claimsSignature({ target: request.url ?? '/', headers: request.headers }) ? await refuseUnsignedJsonCall(deps.verifier, request, new Uint8Array()) : undefined;
    if (unsigned) return sendJson(response, unsigned.status, unsigned.body);
    const body = await readBoundedBody(request, maxRequestBytes);
    if (!body) return sendJson(response, 413, { __type: 'com.amazon.coral.service#RequestEntityTooLarge', message: 'Request must be smaller than 16 MB' });
    const refusal = deps.verifier && (await refuseUnsignedJsonCall(deps.verifier, request, body));
    if (refusal) return sendJson(response, refusal.status, refusal.body);
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') return handleTransaction(operation, body.toString('utf8'), response, deps);
    const metered = deps.metrics ? meterForwardedCall(deps.metrics, operation, body) : { body, relay: pipeThrough };
    if (SERIALISED_OPERATIONS.has(operation)) return deps.mutex.run(() => forward(request, metered.body, response, deps, agent, metered.relay));
    await deps.store.settled();
    return forward(request, metered.body, response, deps, agent, metered.relay);
  };
  const server = http.createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, internalError(String(error)).toBody());
    });
  });
  return { server, agent };
}

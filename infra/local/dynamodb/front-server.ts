/**
 * The public DynamoDB endpoint on loopback: checks each request's SigV4 signature (when given a
 * verifier), then forwards it to DynamoDB Local with the access key id of its credential scope
 * replaced by the runtime's internal key id. DynamoDB Local checks no signature but keeps one
 * database per access key id and region: a caller that reaches its port directly, without the
 * internal key id, only ever sees an empty database of its own.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { refuseUnsignedJsonCall } from '../auth/auth-refusals.js';
import type { SigV4Verifier } from '../auth/sigv4-verifier.js';
import { readBoundedBody } from '../read-body.js';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';
import { meterForwardedCall, pipeThrough } from './capacity-meter.js';

/** Everything the front needs. */
export interface FrontDeps {
  /** DynamoDB Local's loopback port. */
  readonly backendPort: number;
  /** The access key id every forwarded call is made under (DynamoDB Local's database file). */
  readonly internalKeyId: string;
  /** Checks every request's signature; without one, any caller is served (standalone use in tests). */
  readonly verifier?: SigV4Verifier;
  /** Counts requests and the capacity units they consume, by operation (benchmarks). */
  readonly metrics?: RuntimeMetrics;
  /** Why DynamoDB Local is no longer running, once it exited unexpectedly; every call is then answered with that. */
  readonly backendExit?: () => string | undefined;
}

const internalServerError = 'com.amazonaws.dynamodb.v20120810#InternalServerError';

/** DynamoDB's limit on a request (BatchWriteItem: 16 MB), plus room for the JSON around it. */
const maxRequestBytes = 17 * 1024 * 1024;

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'),
    'x-amz-crc32': String(crc32(text)),
  });
  response.end(text);
}

/** `Credential=<key id>/<date>/<region>/dynamodb/aws4_request` with the key id replaced. */
export function withKeyId(authorization: string | undefined, keyId: string): string | undefined {
  return authorization?.replace(/Credential=[^/,\s]*\//, `Credential=${keyId}/`);
}

function forward(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse, deps: FrontDeps, agent: http.Agent): Promise<void> {
  const { authorization, ...headers } = request.headers;
  delete headers['transfer-encoding'];
  // The relay may rewrite the answer as text: DynamoDB Local must not compress it.
  delete headers['accept-encoding'];
  const internalAuthorization = withKeyId(authorization, deps.internalKeyId);
  const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  const metered = deps.metrics ? meterForwardedCall(deps.metrics, operation, body) : { body, relay: pipeThrough };
  return new Promise((resolve) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: deps.backendPort,
        method: request.method,
        path: request.url,
        headers: { ...headers, ...(internalAuthorization ? { authorization: internalAuthorization } : {}), 'content-length': String(metered.body.length) },
        agent,
      },
      (upstreamResponse) => {
        metered.relay(upstreamResponse, response);
        upstreamResponse.on('end', () => resolve());
        upstreamResponse.on('error', () => resolve());
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) sendJson(response, 500, { __type: internalServerError, message: deps.backendExit?.() ?? `DynamoDB Local unavailable: ${error.message}` });
      else response.destroy();
      resolve();
    });
    response.on('close', () => resolve());
    upstream.end(metered.body);
  });
}

/** Creates the (not yet listening) front server and the connection pool it forwards through. */
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
    const exit = deps.backendExit?.();
    if (exit) return sendJson(response, 500, { __type: internalServerError, message: `${exit}: restart the local runtime (npm start)` });
    return forward(request, body, response, deps, agent);
  };
  const server = http.createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { __type: internalServerError, message: String(error) });
    });
  });
  return { server, agent };
}

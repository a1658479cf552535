/**
 * API Gateway's request limits (HTTP APIs: request line and header values together at most
 * 10240 bytes, a body of at most 10 MB), enforced by the local gateway with the contract's
 * error body. A request line over the limit is answered 414 `URI_TOO_LONG`, headers over it
 * 431 `HEADERS_TOO_LARGE` (API Gateway refuses both; 414/431 are the HTTP statuses for
 * them), a body over it 413 `PAYLOAD_TOO_LARGE` — after the rest of the body has been read
 * and discarded, so the client sees the answer instead of a connection reset. A path with a
 * malformed percent-escape is 400 `MALFORMED_PATH`, as API Gateway refuses it too.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorResult } from '#functions/api/http/error-response.js';
import { catalogued, type ErrorCode, type MessageKey } from '#shared/domain/error-catalogue.js';
import { readBoundedBody } from '../read-body.js';

/** API Gateway's limit on a request body (HTTP APIs: 10 MB). */
export const maxBodyBytes = 10 * 1024 * 1024;

/** API Gateway's limit on the request line and header values together (HTTP APIs). */
export const maxRequestHeadBytes = 10_240;

/**
 * What Node's parser accepts before it gives up on a request (`maxHeaderSize`): well above
 * {@link maxRequestHeadBytes} so that limit is answered precisely by {@link headRefusal};
 * beyond it, {@link answerClientError} still answers with the error body.
 */
export const parserHeadBytes = 64 * 1024;

/** A refusal the gateway answers itself. */
export interface GatewayRefusal {
  readonly status: 400 | 413 | 414 | 431;
  readonly code: string;
  readonly message: string;
}

/** The refusal of an error catalogue message (status, code and text from the catalogue). */
function refusal<C extends ErrorCode>(code: C, key: MessageKey<C>): GatewayRefusal {
  const { status, message } = catalogued(code, key);
  return { status: status as GatewayRefusal['status'], code, message };
}

/** Every refusal the gateway answers itself, before a handler runs. */
export const gatewayRefusals = {
  uriTooLong: refusal('URI_TOO_LONG', 'requestLine'),
  headersTooLarge: refusal('HEADERS_TOO_LARGE', 'headers'),
  payloadTooLarge: refusal('PAYLOAD_TOO_LARGE', 'gateway'),
  headTooLarge: refusal('HEADERS_TOO_LARGE', 'head'),
  badRequest: refusal('BAD_REQUEST', 'unparseable'),
  malformedPath: refusal('MALFORMED_PATH', 'escapes'),
} as const satisfies Record<string, GatewayRefusal>;

/** Whether the request line and header values exceed API Gateway's limit, and which. */
function headRefusal(request: IncomingMessage): GatewayRefusal | undefined {
  const requestLine = Buffer.byteLength(`${request.method ?? ''} ${request.url ?? ''} HTTP/${request.httpVersion}`);
  if (requestLine > maxRequestHeadBytes) return gatewayRefusals.uriTooLong;
  let total = requestLine;
  for (let index = 1; index < request.rawHeaders.length; index += 2) total += Buffer.byteLength(request.rawHeaders[index]!);
  return total > maxRequestHeadBytes ? gatewayRefusals.headersTooLarge : undefined;
}

/**
 * Reads a request within API Gateway's limits: its whole body, or the refusal of a head or
 * body too large. An oversized body is still read (and dropped) to its end, so the client has
 * finished sending when the refusal arrives (Node's `requestTimeout` bounds how long that takes).
 */
export async function readRequest(request: IncomingMessage): Promise<{ readonly body: Buffer } | { readonly refusal: GatewayRefusal }> {
  const body = await readBoundedBody(request, maxBodyBytes);
  if (!body) return { refusal: gatewayRefusals.payloadTooLarge };
  const refusal = headRefusal(request);
  return refusal ? { refusal } : { body };
}

/**
 * Answers a request Node's HTTP parser refused (the server's `clientError` event) with the
 * contract's error body instead of Node's empty one: 431 for a head past
 * {@link parserHeadBytes} (request line or headers: the parser cannot tell), 400 for
 * anything else unparseable; then closes the connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const refusal = error.code === 'HPE_HEADER_OVERFLOW' ? gatewayRefusals.headTooLarge : gatewayRefusals.badRequest;
  const body = Buffer.from((errorResult(refusal.status, refusal.code, refusal.message) as { body: string }).body);
  const reason = { 400: 'Bad Request', 413: 'Payload Too Large', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' }[refusal.status];
  socket.end(
    Buffer.concat([
      Buffer.from(`HTTP/1.1 ${refusal.status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`),
      body,
    ]),
  );
}

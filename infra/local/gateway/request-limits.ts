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
import { errorResult } from '../../../functions/api/http/error-response.js';
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

/** Every refusal the gateway answers itself, before a handler runs. */
export const gatewayRefusals = {
  uriTooLong: { status: 414, code: 'URI_TOO_LONG', message: '请求地址过长（请求行与请求头合计上限 10240 字节）' },
  headersTooLarge: { status: 431, code: 'HEADERS_TOO_LARGE', message: '请求头过大（请求行与请求头合计上限 10240 字节）' },
  payloadTooLarge: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大（上限 10 MB）' },
  headTooLarge: { status: 431, code: 'HEADERS_TOO_LARGE', message: '请求地址或请求头过大（请求行与请求头合计上限 10240 字节）' },
  badRequest: { status: 400, code: 'BAD_REQUEST', message: '请求格式不正确' },
  malformedPath: { status: 400, code: 'MALFORMED_PATH', message: '请求地址中的百分号编码（%）无效' },
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

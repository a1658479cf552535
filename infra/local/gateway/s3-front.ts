/**
 * The local S3 endpoint (`<base>/s3`): browser POST uploads are checked against their signed
 * policy exactly as S3 would (s3rver does not), stored in s3rver, and then delivered as an
 * S3 event to the evidence processor; every other call (the handlers' SDK calls, presigned
 * GETs) must carry a SigV4 signature of the runtime's credentials, checked by the verifier
 * (presigned GETs expire on the runtime clock), and is then proxied to s3rver unchanged, but for
 * reads (GET, HEAD): s3rver answers those in this process, on the front's own response, with the
 * URL and host the proxied call would carry (one loopback HTTP hop less for every object read).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { Clock } from '#shared/ports/clock.js';
import { s3Refusal } from '../auth/auth-refusals.js';
import type { SigV4Verifier } from '../auth/sigv4-verifier.js';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';
import { readBoundedBody } from '../read-body.js';
import { verifyPostPolicy } from '../s3/post-policy.js';
import { s3Operation } from '../s3/s3-operation.js';

export interface S3FrontOptions {
  readonly pathPrefix: string;
  readonly bucket: string;
  /**
   * s3rver's address, the headers (its guard's token) every proxied call carries, and its
   * handler in this process (for verified reads).
   */
  readonly backend: { host: string; port: number; headers: OutgoingHttpHeaders; serve: (request: IncomingMessage, response: ServerResponse) => void };
  readonly backendClient: S3Client;
  readonly clock: Clock;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  readonly region: string;
  /** Checks SigV4 on every call but browser POST uploads. */
  readonly verifier: SigV4Verifier;
  /** Called after an object was stored through a browser upload (the S3 notification). */
  readonly onObjectCreated: (event: S3Event) => void;
  /** Counts every request received, by S3 operation (benchmarks). */
  readonly metrics?: RuntimeMetrics;
}

function xmlError(response: ServerResponse, status: number, code: string, message: string, reason?: string): void {
  const escape = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message>${reason ? `<Reason>${escape(reason)}</Reason>` : ''}</Error>`;
  response.writeHead(status, { 'content-type': 'application/xml; charset=utf-8', ...(reason ? { 'x-local-reason': encodeURIComponent(reason) } : {}) }).end(body);
}

/** The largest body the front buffers to check its hash (the handlers write generated documents). */
const maxProxiedBodyBytes = 100 * 1024 * 1024;

/** Receives a multipart POST upload into a temporary file, streaming. */
async function receiveForm(request: IncomingMessage, directory: string): Promise<{ fields: Record<string, string>; file?: { path: string; bytes: number; contentType: string } }> {
  const fields: Record<string, string> = {};
  let file: { path: string; bytes: number; contentType: string } | undefined;
  const writes: Promise<void>[] = [];
  const parser = busboy({ headers: request.headers, limits: { fields: 50, fieldSize: 64 * 1024, files: 1 } });
  parser.on('field', (name, value) => {
    if (!file) fields[name] = value;
  });
  parser.on('file', (_name, stream, info) => {
    const path = join(directory, 'upload');
    const current = { path, bytes: 0, contentType: info.mimeType };
    file = current;
    stream.on('data', (chunk: Buffer) => {
      current.bytes += chunk.length;
    });
    writes.push(pipeline(stream, createWriteStream(path)));
  });
  await pipeline(request, parser);
  await Promise.all(writes);
  return file ? { fields, file } : { fields };
}

/** Handles a request under the S3 prefix; returns false when the path is not for S3. */
export async function handleS3(options: S3FrontOptions, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith(`${options.pathPrefix}/`)) return false;
  options.metrics?.count('s3.requests', s3Operation(request.method ?? 'GET', url.pathname.slice(options.pathPrefix.length), url.searchParams, request.headers));
  if (request.method === 'POST' && url.pathname === `${options.pathPrefix}/${options.bucket}` && (request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    await handleUpload(options, request, response);
    return true;
  }
  // The target exactly as signed (the parsed URL is normalised) is what s3rver gets.
  const target = request.url ?? '';
  if (!target.startsWith(`${options.pathPrefix}/`)) {
    xmlError(response, 400, 'InvalidURI', "Couldn't parse the specified URI.", '请求地址无效');
    return true;
  }
  // Refused before its body is read: a call that does not even claim a signature.
  if (!options.verifier.claimsSignature({ target, headers: request.headers })) {
    const verdict = await options.verifier.verify({ method: request.method ?? 'GET', target, headers: request.headers, body: new Uint8Array() });
    if (!verdict.ok) {
      const refusal = s3Refusal(verdict);
      xmlError(response, refusal.status, refusal.code, refusal.message, refusal.reason);
      return true;
    }
  }
  const body = await readBoundedBody(request, maxProxiedBodyBytes);
  if (!body) {
    xmlError(response, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', '请求内容过大');
    return true;
  }
  const verdict = await options.verifier.verify({ method: request.method ?? 'GET', target, headers: request.headers, body });
  if (!verdict.ok) {
    const refusal = s3Refusal(verdict);
    xmlError(response, refusal.status, refusal.code, refusal.message, refusal.reason);
    return true;
  }
  const path = target.slice(options.pathPrefix.length);
  if ((request.method === 'GET' || request.method === 'HEAD') && body.length === 0) await serveInProcess(options, request, response, path);
  else await proxy(options, request, response, path, body);
  return true;
}

async function handleUpload(options: S3FrontOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'cjrh-upload-'));
  try {
    const { fields, file } = await receiveForm(request, directory);
    if (!file) {
      xmlError(response, 400, 'InvalidArgument', 'POST requires exactly one file upload per request.', '请求中没有文件');
      return;
    }
    const verdict = await verifyPostPolicy({
      fields,
      fileBytes: file.bytes,
      fileContentType: file.contentType,
      bucket: options.bucket,
      now: options.clock.now(),
      credentials: options.credentials,
      region: options.region,
    });
    if (!verdict.ok) {
      xmlError(response, verdict.status, verdict.code, verdict.message, verdict.reason);
      return;
    }
    const contentType = verdict.contentType ?? fields['Content-Type'] ?? 'application/octet-stream';
    await options.backendClient.send(
      new PutObjectCommand({ Bucket: options.bucket, Key: verdict.key, Body: createReadStream(file.path), ContentLength: (await stat(file.path)).size, ContentType: contentType }),
    );
    response.writeHead(204, { location: `/${options.bucket}/${verdict.key}` }).end();
    options.onObjectCreated(objectCreatedEvent(options, verdict.key, file.bytes));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function objectCreatedEvent(options: S3FrontOptions, key: string, size: number): S3Event {
  const now = options.clock.now().toISOString();
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: options.region,
        eventTime: now,
        eventName: 'ObjectCreated:Post',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'evidence-upload',
          bucket: { name: options.bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${options.bucket}` },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: '', sequencer: Date.now().toString(16) },
        },
      },
    ],
  };
}

/** A verified read, answered by s3rver's handler in this process as the proxied call would be. */
async function serveInProcess(options: S3FrontOptions, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  request.url = path;
  request.headers.host = `${options.backend.host}:${options.backend.port}`;
  options.backend.serve(request, response);
  await finished(response);
}

function proxy(options: S3FrontOptions, request: IncomingMessage, response: ServerResponse, path: string, body: Buffer): Promise<void> {
  const { 'transfer-encoding': _chunked, ...headers } = request.headers;
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        host: options.backend.host,
        port: options.backend.port,
        method: request.method,
        path,
        headers: { ...headers, ...options.backend.headers, host: `${options.backend.host}:${options.backend.port}`, 'content-length': String(body.length) },
      },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        pipeline(reply, response).then(resolve, reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

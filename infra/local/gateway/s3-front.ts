/**
 * The local S3 endpoint (`<base>/s3`): browser POST uploads are checked against their signed
 * policy exactly as S3 would (s3rver does not), stored in s3rver, and then delivered as an
 * S3 event to the evidence processor; presigned GETs are checked for expiry on the runtime
 * clock; every other S3 call of the handlers is proxied to s3rver unchanged.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { Clock } from '../../../shared/ports/clock.js';
import { verifyPostPolicy } from '../s3/post-policy.js';

export interface S3FrontOptions {
  readonly pathPrefix: string;
  readonly bucket: string;
  readonly backend: { host: string; port: number };
  readonly backendClient: S3Client;
  readonly clock: Clock;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  readonly region: string;
  /** Called after an object was stored through a browser upload (the S3 notification). */
  readonly onObjectCreated: (event: S3Event) => void;
}

function xmlError(response: ServerResponse, status: number, code: string, message: string, reason?: string): void {
  const escape = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message>${reason ? `<Reason>${escape(reason)}</Reason>` : ''}</Error>`;
  response.writeHead(status, { 'content-type': 'application/xml; charset=utf-8', ...(reason ? { 'x-local-reason': encodeURIComponent(reason) } : {}) }).end(body);
}

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
  const backendPath = url.pathname.slice(options.pathPrefix.length) + url.search;
  if (request.method === 'POST' && url.pathname === `${options.pathPrefix}/${options.bucket}` && (request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    await handleUpload(options, request, response);
    return true;
  }
  if (request.method === 'GET' && url.searchParams.has('X-Amz-Expires')) {
    const signedAt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(url.searchParams.get('X-Amz-Date') ?? '');
    const expires = Number(url.searchParams.get('X-Amz-Expires'));
    const signedMs = signedAt ? Date.UTC(+signedAt[1]!, +signedAt[2]! - 1, +signedAt[3]!, +signedAt[4]!, +signedAt[5]!, +signedAt[6]!) : NaN;
    if (!(signedMs + expires * 1000 > options.clock.now().getTime())) {
      xmlError(response, 403, 'AccessDenied', 'Request has expired', '下载链接已过期，请刷新页面后重新获取');
      return true;
    }
  }
  await proxy(options, request, response, backendPath);
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
    const verdict = verifyPostPolicy({
      fields,
      fileBytes: file.bytes,
      fileContentType: file.contentType,
      bucket: options.bucket,
      now: options.clock.now(),
      credentials: options.credentials,
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

function proxy(options: S3FrontOptions, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: options.backend.host, port: options.backend.port, method: request.method, path, headers: { ...request.headers, host: `${options.backend.host}:${options.backend.port}` } },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        pipeline(reply, response).then(resolve, reject);
      },
    );
    upstream.on('error', reject);
    pipeline(request, upstream).catch(reject);
  });
}

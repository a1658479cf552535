/**
 * s3rver as the S3 front's backend: on an internal loopback port, guarded so that it serves
 * only calls presenting the runtime's backend token (s3rver checks no SigV4 signature and
 * serves anonymous calls; the front checks signatures before proxying), and told the runtime's
 * key id (it answers `InvalidAccessKeyId` for any but its built-in `S3RVER`).
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { BackendToken } from '../auth/backend-guard.js';
import type { RuntimeCredentials } from '../auth/runtime-credentials.js';

/** A running s3rver and how to reach it. */
export interface S3rverBackend {
  /** Where the front proxies to, with the headers every call must carry. */
  readonly address: { readonly host: string; readonly port: number; readonly headers: OutgoingHttpHeaders };
  /** An SDK client of the backend itself (for objects the front stores after a browser upload). */
  readonly client: S3Client;
  /**
   * s3rver's own request handler, in this process: answers `request` (its URL and host as the
   * proxied call would carry them) on `response` as the proxied call would be answered, without
   * the loopback HTTP hop and past the guard. Only for calls the front has verified.
   */
  readonly serve: (request: IncomingMessage, response: ServerResponse) => void;
  close(): Promise<void>;
}

interface S3rverAccounts {
  readonly DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

/**
 * The object as s3rver's store gives it, its content a file stream (null for an unsatisfiable
 * range) opened on the byte range `start`/`end`.
 */
interface StoredObject {
  content: (ReadStream & { readonly start?: number; readonly end?: number }) | null;
}

/** s3rver's filesystem store, the one method wrapped here. */
interface S3rverStore {
  getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<StoredObject | null>;
}

/**
 * Bytes an object's file is read at a time when s3rver serves it. fs's default (64 KiB) costs a
 * thread-pool round trip and a socket write per 64 KiB: about half the emulator's CPU on a large read.
 */
export const objectReadChunkBytes = 1024 * 1024;

/**
 * Makes `store` stream objects in {@link objectReadChunkBytes} chunks: the same file and byte range
 * as s3rver opened (its `start`/`end`), reopened with the larger chunk; everything else s3rver
 * decides (metadata, range, 404) is kept.
 */
function readInLargeChunks(store: S3rverStore): void {
  const getObject = store.getObject.bind(store);
  store.getObject = async (bucket, key, options) => {
    const object = await getObject(bucket, key, options);
    const content = object?.content;
    if (!object || !content || typeof content.path !== 'string') return object;
    const larger = createReadStream(content.path, { start: content.start ?? 0, end: content.end ?? Infinity, highWaterMark: objectReadChunkBytes });
    content.destroy();
    await once(larger, 'open');
    object.content = larger;
    return object;
  };
}

const require = createRequire(import.meta.url);
const host = '127.0.0.1';

/** Starts s3rver on `directory` with `bucket`, guarded, knowing the runtime's key. */
export async function startS3rverBackend(options: { directory: string; bucket: string; credentials: RuntimeCredentials; region: string }): Promise<S3rverBackend> {
  const accounts = require('s3rver/lib/models/account.js') as S3rverAccounts;
  accounts.DUMMY_ACCOUNT.createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  const s3rver = new S3rver({ port: 0, address: host, directory: options.directory, silent: true, configureBuckets: [{ name: options.bucket, configs: [] }] });
  readInLargeChunks((s3rver as unknown as { store: S3rverStore }).store);
  const { port } = await s3rver.run();
  const token = new BackendToken();
  token.guard(s3rver.httpServer as Server);
  const headers = token.header();
  const client = new S3Client({ endpoint: `http://${host}:${port}`, forcePathStyle: true, region: options.region, credentials: options.credentials });
  client.middlewareStack.add(
    (next) => (args) => {
      Object.assign((args.request as { headers: Record<string, string> }).headers, headers);
      return next(args);
    },
    { step: 'build', name: 'backendToken' },
  );
  return { address: { host, port, headers }, client, serve: s3rver.callback(), close: () => s3rver.close() };
}

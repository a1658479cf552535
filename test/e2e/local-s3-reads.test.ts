/**
 * Reads through the local runtime's S3 endpoint (GET, HEAD), which s3rver answers in the
 * runtime's process on the front's own response rather than over a second HTTP hop: the answer
 * is S3's, whole and by range (across the emulator's read chunks), empty, with its ETag, type, length, conditional 304, 404 for a missing
 * key, presigned downloads with their disposition; and unsigned reads are still refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { sdkRefusal } from '../support/sdk-refusal.js';

const runtime = useRuntimeProcess();
const bucket = 'cjrh-local-evidence';
const key = 'reads/sample.bin';
/** Larger than any one stream chunk, so the answer is streamed in pieces. */
const content = randomBytes(3 * 1024 * 1024 + 17);
const md5 = createHash('md5').update(content).digest('hex');

let s3: S3Client;
let endpoint: string;

beforeAll(async () => {
  endpoint = `${runtime().baseUrl}/s3`;
  const credentials = JSON.parse(readFileSync(join(runtime().dataDir, 'aws-credentials.json'), 'utf8')) as { accessKeyId: string; secretAccessKey: string };
  s3 = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials, maxAttempts: 1, requestChecksumCalculation: 'WHEN_REQUIRED' });
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content, ContentType: 'application/pdf' }));
});

describe('reads through the local S3 endpoint', () => {
  it('answers a GetObject whole, with its ETag, type and length', async () => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect([object.$metadata.httpStatusCode, object.ETag, object.ContentType, object.ContentLength]).toEqual([200, `"${md5}"`, 'application/pdf', content.length]);
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(content)).toBe(true);
  });

  it('answers a range with 206, its Content-Range and exactly those bytes', async () => {
    const part = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=100-65635' }));
    expect([part.$metadata.httpStatusCode, part.ContentRange, part.ContentLength]).toEqual([206, `bytes 100-65635/${content.length}`, 65536]);
    expect(Buffer.from(await part.Body!.transformToByteArray()).equals(content.subarray(100, 65636))).toBe(true);
    // across the emulator's 1 MiB read chunks, and open-ended to the last byte
    for (const [range, start, end] of [['bytes=1048000-2098175', 1048000, 2098176], ['bytes=3145000-', 3145000, content.length]] as const) {
      const read = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
      expect([read.ContentRange, read.ContentLength]).toEqual([`bytes ${start}-${end - 1}/${content.length}`, end - start]);
      expect(Buffer.from(await read.Body!.transformToByteArray()).equals(content.subarray(start, end))).toBe(true);
    }
  });

  it('answers an empty object with no bytes', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'reads/empty.bin', Body: new Uint8Array(), ContentType: 'text/plain' }));
    const empty = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'reads/empty.bin' }));
    expect([empty.$metadata.httpStatusCode, empty.ContentLength, (await empty.Body!.transformToByteArray()).length]).toEqual([200, 0, 0]);
  });

  it('answers HEAD with the metadata, a matching If-None-Match with 304, a missing key with 404', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect([head.$metadata.httpStatusCode, head.ETag, head.ContentLength]).toEqual([200, `"${md5}"`, content.length]);
    expect((await sdkRefusal(s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: `"${md5}"` }))))[0]).toBe(304);
    expect(await sdkRefusal(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'reads/missing.bin' })))).toEqual([404, 'NoSuchKey']);
    expect(await sdkRefusal(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'reads/missing.bin' })))).toEqual([404, 'NotFound']);
  });

  it('serves a presigned download with its disposition, and refuses an unsigned GET with 403', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: "attachment; filename*=UTF-8''sample.pdf" }), { expiresIn: 600 });
    const download = await fetch(url);
    expect([download.status, download.headers.get('content-disposition'), download.headers.get('etag')]).toEqual([200, "attachment; filename*=UTF-8''sample.pdf", `"${md5}"`]);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    const unsigned = await fetch(`${endpoint}/${bucket}/${key}`);
    expect([unsigned.status, /<Code>([^<]+)<\/Code>/.exec(await unsigned.text())?.[1]]).toEqual([403, 'AccessDenied']);
  });
});

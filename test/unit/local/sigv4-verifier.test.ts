import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigV4Verifier, type ReceivedRequest, type SigV4VerifierOptions } from '#infra/local/auth/sigv4-verifier.js';

const credentials = { accessKeyId: 'LKIATESTTESTTESTTEST', secretAccessKey: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNl' };
const region = 'us-east-1';
const fixed = (iso: string) => ({ now: () => new Date(iso) });
const wall = { now: () => new Date() };

/** Captures every request exactly as it arrived (raw target, headers, body) and answers 200. */
let server: Server;
let endpoint: string;
const received: ReceivedRequest[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/xml' }).end('<?xml version="1.0"?><ListBucketResult></ListBucketResult>');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

function verifier(service: string, overrides: Partial<SigV4VerifierOptions> = {}): SigV4Verifier {
  return new SigV4Verifier({ credentials, region, service, transportClock: wall, presignClock: wall, ...overrides });
}

const s3 = (keys = credentials) => new S3Client({ endpoint: `${endpoint}/s3`, forcePathStyle: true, region, credentials: keys, requestChecksumCalculation: 'WHEN_REQUIRED' });

/** Sends one command and returns the request the server saw. */
async function capture(send: () => Promise<unknown>): Promise<ReceivedRequest> {
  const before = received.length;
  await send().catch(() => undefined);
  expect(received.length).toBe(before + 1);
  return received[received.length - 1]!;
}

/** A presigned GET URL split into what a browser would send. */
async function presignedGet(url: string): Promise<ReceivedRequest> {
  const parsed = new URL(url);
  return { method: 'GET', target: `${parsed.pathname}${parsed.search}`, headers: { host: parsed.host }, body: new Uint8Array() };
}

const key = 'applications/app-1/evidence/ev 1/申报书 (定稿).pdf';

describe('SigV4 on S3 calls signed in their headers', () => {
  it('accepts what the SDK sends: put, get, list and delete, with keys that need escaping', async () => {
    const client = s3();
    const calls = [
      await capture(() => client.send(new PutObjectCommand({ Bucket: 'evidence', Key: key, Body: Buffer.from('文件内容'), ContentType: 'application/pdf' }))),
      await capture(() => client.send(new GetObjectCommand({ Bucket: 'evidence', Key: key }))),
      await capture(() => client.send(new ListObjectsV2Command({ Bucket: 'evidence', Prefix: 'applications/app-1/' }))),
      await capture(() => client.send(new DeleteObjectCommand({ Bucket: 'evidence', Key: key }))),
    ];
    for (const call of calls) expect(await verifier('s3').verify(call)).toEqual({ ok: true });
  });

  it('refuses an unsigned call, another key id, another secret, and another region or service', async () => {
    const signed = await capture(() => s3().send(new GetObjectCommand({ Bucket: 'evidence', Key: key })));
    const { authorization: _dropped, ...unsigned } = signed.headers;
    expect(await verifier('s3').verify({ ...signed, headers: unsigned })).toMatchObject({ ok: false, failure: 'missing' });
    const otherKey = await capture(() => s3({ accessKeyId: 'AKIAOTHER', secretAccessKey: credentials.secretAccessKey }).send(new GetObjectCommand({ Bucket: 'evidence', Key: key })));
    expect(await verifier('s3').verify(otherKey)).toMatchObject({ ok: false, failure: 'unknown-key' });
    const otherSecret = await capture(() => s3({ ...credentials, secretAccessKey: 'guessed-secret' }).send(new GetObjectCommand({ Bucket: 'evidence', Key: key })));
    expect(await verifier('s3').verify(otherSecret)).toMatchObject({ ok: false, failure: 'signature' });
    expect(await verifier('s3', { region: 'eu-west-1' }).verify(signed)).toMatchObject({ ok: false, failure: 'scope' });
    expect(await verifier('states').verify(signed)).toMatchObject({ ok: false, failure: 'scope' });
  });

  it('refuses a signed call replayed for another key or method', async () => {
    const signed = await capture(() => s3().send(new GetObjectCommand({ Bucket: 'evidence', Key: 'applications/app-1/a.pdf' })));
    expect(await verifier('s3').verify({ ...signed, target: signed.target.replace('app-1', 'app-2') })).toMatchObject({ ok: false, failure: 'signature' });
    expect(await verifier('s3').verify({ ...signed, method: 'DELETE' })).toMatchObject({ ok: false, failure: 'signature' });
  });

  it('checks the payload hash against the body, and accepts UNSIGNED-PAYLOAD only as declared', async () => {
    const put = await capture(() => s3().send(new PutObjectCommand({ Bucket: 'evidence', Key: 'a.txt', Body: Buffer.from('original') })));
    expect(await verifier('s3').verify(put)).toEqual({ ok: true });
    expect(await verifier('s3').verify({ ...put, body: Buffer.from('tampered') })).toMatchObject({ ok: false, failure: 'payload' });
    // Declaring UNSIGNED-PAYLOAD after signing a hash breaks the signature.
    expect(await verifier('s3').verify({ ...put, headers: { ...put.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } })).toMatchObject({ ok: false, failure: 'signature' });
    const { 'x-amz-content-sha256': _hash, ...withoutHash } = put.headers;
    expect(await verifier('s3').verify({ ...put, headers: withoutHash })).toMatchObject({ ok: false, failure: 'payload' });
  });

  it('allows 15 minutes of skew against the wall clock, not more', async () => {
    const signed = await capture(() => s3().send(new GetObjectCommand({ Bucket: 'evidence', Key: key })));
    const signedAt = Date.now();
    const at = (offsetMs: number) => ({ now: () => new Date(signedAt + offsetMs) });
    expect(await verifier('s3', { transportClock: at(14 * 60_000) }).verify(signed)).toEqual({ ok: true });
    expect(await verifier('s3', { transportClock: at(16 * 60_000) }).verify(signed)).toMatchObject({ ok: false, failure: 'skewed' });
    expect(await verifier('s3', { transportClock: at(-16 * 60_000) }).verify(signed)).toMatchObject({ ok: false, failure: 'skewed' });
    // The presign clock (runtime clock) plays no part in header-signed calls.
    expect(await verifier('s3', { presignClock: at(86_400_000) }).verify(signed)).toEqual({ ok: true });
  });
});

describe('SigV4 on presigned S3 URLs', () => {
  const signingDate = new Date('2026-12-01T08:00:00Z');
  const url = () =>
    getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'evidence', Key: key, ResponseContentDisposition: "attachment; filename*=UTF-8''%E7%94%B3.pdf" }), { expiresIn: 900, signingDate });

  it('accepts the URL as presigned, until it expires on the presign clock', async () => {
    const request = await presignedGet(await url());
    expect(await verifier('s3', { presignClock: fixed('2026-12-01T08:14:59Z') }).verify(request)).toEqual({ ok: true });
    expect(await verifier('s3', { presignClock: fixed('2026-12-01T08:15:00Z') }).verify(request)).toMatchObject({ ok: false, failure: 'expired' });
    expect(await verifier('s3', { presignClock: fixed('2026-12-01T07:40:00Z') }).verify(request)).toMatchObject({ ok: false, failure: 'not-yet-valid' });
  });

  it('refuses the URL without its signature, for another key, with a longer expiry or another disposition', async () => {
    const at = { presignClock: fixed('2026-12-01T08:05:00Z') };
    const request = await presignedGet(await url());
    const stripped = request.target.replace(/&?X-Amz-Signature=[0-9a-f]+/, '');
    expect(await verifier('s3', at).verify({ ...request, target: stripped })).toMatchObject({ ok: false, failure: 'missing' });
    expect(await verifier('s3', at).verify({ ...request, target: request.target.replace('app-1', 'app-2') })).toMatchObject({ ok: false, failure: 'signature' });
    expect(await verifier('s3', at).verify({ ...request, target: request.target.replace('X-Amz-Expires=900', 'X-Amz-Expires=86400') })).toMatchObject({ ok: false, failure: 'signature' });
    expect(await verifier('s3', at).verify({ ...request, target: request.target.replace('attachment', 'inline') })).toMatchObject({ ok: false, failure: 'signature' });
    expect(await verifier('s3', at).verify({ ...request, target: `${request.target}&x-id=PutObject` })).toMatchObject({ ok: false, failure: 'signature' });
  });

  it('refuses a URL presigned with another secret', async () => {
    const forged = await getSignedUrl(s3({ ...credentials, secretAccessKey: 'guessed-secret' }), new GetObjectCommand({ Bucket: 'evidence', Key: key }), { expiresIn: 900, signingDate });
    expect(await verifier('s3', { presignClock: fixed('2026-12-01T08:05:00Z') }).verify(await presignedGet(forged))).toMatchObject({ ok: false, failure: 'signature' });
  });
});

describe('SigV4 on JSON protocol calls (Step Functions)', () => {
  const sfn = (keys = credentials) => new SFNClient({ endpoint: `${endpoint}/_local/sfn`, region, credentials: keys, maxAttempts: 1 });
  const history = (client: SFNClient) => () => client.send(new GetExecutionHistoryCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:review:e1' }));

  it('accepts what the SDK sends and refuses another secret or a changed body', async () => {
    const signed = await capture(history(sfn()));
    expect(await verifier('states').verify(signed)).toEqual({ ok: true });
    expect(await verifier('states').verify({ ...signed, body: Buffer.from(String(signed.body).replace('e1', 'e2')) })).toMatchObject({ ok: false, failure: expect.stringMatching(/^(payload|signature)$/) });
    const forged = await capture(history(sfn({ ...credentials, secretAccessKey: 'guessed-secret' })));
    expect(await verifier('states').verify(forged)).toMatchObject({ ok: false, failure: 'signature' });
    expect(await verifier('s3').verify(signed)).toMatchObject({ ok: false, failure: 'scope' });
  });

  it('does not take presigned query parameters for JSON services', async () => {
    const { authorization: _dropped, ...unsigned } = (await capture(history(sfn()))).headers;
    expect(await verifier('states').verify({ method: 'POST', target: '/_local/sfn?X-Amz-Signature=00', headers: unsigned, body: new Uint8Array() })).toMatchObject({ ok: false, failure: 'missing' });
  });

  it('refuses malformed authorization headers and escapes without throwing', async () => {
    const signed = await capture(history(sfn()));
    for (const authorization of ['AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256 Credential=x', 'Bearer abc', 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f, SignedHeaders=host, Signature=00']) {
      expect(await verifier('states').verify({ ...signed, headers: { ...signed.headers, authorization } })).toMatchObject({ ok: false });
    }
    expect(await verifier('states').verify({ ...signed, target: '/_local/sfn?a=%ZZ' })).toMatchObject({ ok: false, failure: 'malformed' });
    expect(await verifier('states').verify({ ...signed, target: '/_local/%E0%A4%A' })).toMatchObject({ ok: false });
  });
});

/**
 * The local runtime's S3 (`/s3`) and Step Functions (`/_local/sfn`) endpoints answer only calls
 * signed (SigV4) with the runtime's own credentials, generated at first start under the data
 * directory: unsigned or wrongly signed calls get 403, evidence cannot be read, overwritten or
 * deleted, and a presigned download URL works only whole.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, openCityRound, reviewLinks, submitAcceptedApplication, uploadPdf, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { sdkRefusal } from '../support/sdk-refusal.js';
import { postUpload, samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();
const region = 'us-east-1';
const bucket = 'cjrh-local-evidence';

let base: string;
let s3Endpoint: string;
let credentials: { accessKeyId: string; secretAccessKey: string };
/** One verified evidence file of each of two applications: its presigned download URL and hash. */
const downloads: { applicationId: string; url: string; sha256: string }[] = [];

const s3 = (keys: typeof credentials) => new S3Client({ endpoint: s3Endpoint, forcePathStyle: true, region, credentials: keys, maxAttempts: 1, requestChecksumCalculation: 'WHEN_REQUIRED' });
const sfn = (keys: typeof credentials) => new SFNClient({ endpoint: `${s3Endpoint.replace(/\/s3$/, '')}/_local/sfn`, region, credentials: keys, maxAttempts: 1 });
const wrongSecret = () => ({ accessKeyId: credentials.accessKeyId, secretAccessKey: 'guessed-secret-guessed-secret-guessed-sec' });

/** The object key of a presigned URL (path after the bucket). */
const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(`/s3/${bucket}/`.length));
const sha256 = (bytes: ArrayBuffer | Uint8Array) => createHash('sha256').update(Buffer.from(bytes as ArrayBuffer)).digest('hex');
const errorCode = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

beforeAll(async () => {
  base = runtime().baseUrl;
  s3Endpoint = `http://127.0.0.1:${new URL(base).port}/s3`;
  credentials = JSON.parse(readFileSync(join(runtime().dataDir, 'aws-credentials.json'), 'utf8'));

  const admin = await devToken(base, { role: 'admin' });
  const experts = ['一', '二'].map((name, index) => ({ name: `专家${name}`, email: `auth-${index}@experts.test`, organization: '广西大学', expertise: ['职业教育'], capacity: 5 }));
  for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
  const roundId = await openCityRound(base, admin, { expertsPerApplication: 2, minValidReviews: 1 });
  const applicants = [
    { orgId: 'org-liuzhou', form: cityConsortiumForm() },
    { orgId: 'org-yulin', form: cityConsortiumForm('玉林市人民政府', '玉林机械制造市域产教联合体') },
  ];
  const hashes = new Map<string, string>();
  for (const applicant of applicants) {
    const institution = await devToken(base, { role: 'institution', orgId: applicant.orgId });
    const { applicationId, evidence } = await submitAcceptedApplication(base, { admin, institution }, roundId, applicant.form);
    hashes.set(applicationId, evidence.sha256);
  }
  // Staff retry a close refused as CONCURRENT_UPDATE (the submission workflows may still be
  // writing the round), as its message tells them to.
  const closed = await eventually(async () => {
    const answer = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin });
    return answer.body?.error?.code === 'CONCURRENT_UPDATE' ? undefined : answer;
  }, 'intake to close');
  expect(closed.status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  for (const linkId of await reviewLinks(base, experts[0]!.email, 2)) {
    expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
    const materials = (await callApi(base, 'GET', `/api/review/${linkId}/application`)).body;
    const applicationId = materials.application.id as string;
    downloads.push({ applicationId, url: materials.evidence[0].downloadUrl, sha256: hashes.get(applicationId)! });
  }
  expect(new Set(downloads.map((item) => item.applicationId)).size).toBe(2);
});

describe('the local S3 endpoint', () => {
  it('uses credentials the runtime generated for itself, not well-known ones', () => {
    expect(credentials.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
    expect(credentials.secretAccessKey.length).toBeGreaterThanOrEqual(40);
    expect([credentials.accessKeyId, credentials.secretAccessKey]).not.toContain('S3RVER');
  });

  it('serves a presigned download URL only whole: not without its signature, nor for another application key', async () => {
    const [mine, theirs] = downloads as [(typeof downloads)[0], (typeof downloads)[0]];
    const whole = await fetch(mine.url);
    expect(whole.status).toBe(200);
    expect(sha256(await whole.arrayBuffer())).toBe(mine.sha256);

    const stripped = new URL(mine.url);
    stripped.searchParams.delete('X-Amz-Signature');
    const withoutSignature = await fetch(stripped);
    expect(withoutSignature.status).toBe(403);
    expect(errorCode(await withoutSignature.text())).toBe('AccessDenied');

    const otherKey = new URL(mine.url);
    otherKey.pathname = new URL(theirs.url).pathname;
    const forOtherKey = await fetch(otherKey);
    expect(forOtherKey.status).toBe(403);
    expect(errorCode(await forOtherKey.text())).toBe('SignatureDoesNotMatch');

    const longer = new URL(mine.url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    expect((await fetch(longer)).status).toBe(403);
  });

  it('refuses unsigned GET, PUT, DELETE and list calls with 403 and an S3 error, and the evidence stays as verified', async () => {
    const [mine] = downloads as [(typeof downloads)[0]];
    const objectUrl = `${s3Endpoint}/${bucket}/${new URL(mine.url).pathname.slice(`/s3/${bucket}/`.length)}`;
    const unsigned = [
      await fetch(objectUrl),
      await fetch(objectUrl, { method: 'PUT', body: 'overwritten by a stranger', headers: { 'content-type': 'application/pdf' } }),
      await fetch(objectUrl, { method: 'DELETE' }),
      await fetch(`${s3Endpoint}/${bucket}?list-type=2`),
      await fetch(`${s3Endpoint}/${bucket}/`),
      await fetch(`${s3Endpoint}/`),
    ];
    for (const response of unsigned) {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/xml');
      expect(errorCode(await response.text())).toBe('AccessDenied');
    }
    const after = await fetch(mine.url);
    expect(after.status).toBe(200);
    expect(sha256(await after.arrayBuffer())).toBe(mine.sha256);
  });

  it('refuses an unsigned upload before reading its body (a caller without credentials cannot make it buffer megabytes)', async () => {
    const { request } = await import('node:http');
    const target = new URL(`${base}/s3/evidence/quarantine/x/y/z`);
    const status = await new Promise<number>((done, fail) => {
      // 90 MB announced, not one byte sent: only an answer given before the body ends the wait.
      const call = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'PUT', headers: { 'content-length': String(90 * 1024 * 1024) } }, (response) => {
        response.resume();
        done(response.statusCode ?? 0);
      });
      call.on('error', fail);
      call.setTimeout(5000, () => fail(new Error('no answer before the body was sent')));
      call.flushHeaders();
    });
    expect(status).toBe(403);
  });

  it('refuses calls signed with another secret or an unknown key, and serves the runtime own signature', async () => {
    const [mine] = downloads as [(typeof downloads)[0]];
    const Key = keyOf(mine.url);
    const forged = s3(wrongSecret());
    expect(await sdkRefusal(forged.send(new GetObjectCommand({ Bucket: bucket, Key })))).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await sdkRefusal(forged.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Buffer.from('overwritten') })))).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await sdkRefusal(forged.send(new DeleteObjectCommand({ Bucket: bucket, Key })))).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await sdkRefusal(forged.send(new ListObjectsV2Command({ Bucket: bucket })))).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await sdkRefusal(s3({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }).send(new GetObjectCommand({ Bucket: bucket, Key })))).toEqual([403, 'InvalidAccessKeyId']);

    const genuine = await s3(credentials).send(new GetObjectCommand({ Bucket: bucket, Key }));
    expect(sha256(await genuine.Body!.transformToByteArray())).toBe(mine.sha256);
  });
});

describe('browser uploads to the local S3 endpoint', () => {
  it('refuse a POST policy not signed with the runtime secret (here the emulator well-known key), leaving the evidence as verified', async () => {
    const [mine] = downloads as [(typeof downloads)[0]];
    const Key = keyOf(mine.url);
    for (const keys of [{ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, wrongSecret()]) {
      const forged = await createPresignedPost(s3(keys), { Bucket: bucket, Key, Conditions: [['eq', '$Content-Type', 'application/pdf']], Fields: { 'Content-Type': 'application/pdf' }, Expires: 600 });
      const answer = await postUpload(forged, Buffer.from('%PDF-1.4 forged'));
      expect(answer.status).toBe(403);
      expect(errorCode(answer.text)).toMatch(/^(InvalidAccessKeyId|SignatureDoesNotMatch)$/);
    }
    const after = await fetch(mine.url);
    expect(sha256(await after.arrayBuffer())).toBe(mine.sha256);
  });
});

describe('the local Step Functions endpoint', () => {
  const call = (target: string, body: unknown) =>
    fetch(`${base}/_local/sfn`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${target}` }, body: JSON.stringify(body) });

  it('refuses unsigned and wrongly signed calls with 403, and a running execution goes on', async () => {
    const genuine = sfn(credentials);
    const reviewMachine = `arn:aws:states:${region}:000000000000:stateMachine:review`;
    const running = (await genuine.send(new ListExecutionsCommand({ stateMachineArn: reviewMachine, statusFilter: 'RUNNING' }))).executions ?? [];
    expect(running.length).toBeGreaterThan(0);
    const executionArn = running[0]!.executionArn!;

    for (const [target, body] of [
      ['GetExecutionHistory', { executionArn }],
      ['StopExecution', { executionArn, error: 'Stopped', cause: 'by a stranger' }],
      ['SendTaskSuccess', { taskToken: 'any-token', output: '{"outcome":"submitted"}' }],
    ] as const) {
      const response = await call(target, body);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { __type: string }).__type).toMatch(/#MissingAuthenticationTokenException$/);
    }
    const forged = sfn(wrongSecret());
    expect(await sdkRefusal(forged.send(new GetExecutionHistoryCommand({ executionArn })))).toEqual([403, 'InvalidSignatureException']);
    expect(await sdkRefusal(forged.send(new StopExecutionCommand({ executionArn })))).toEqual([403, 'InvalidSignatureException']);
    expect(await sdkRefusal(sfn({ accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' }).send(new StopExecutionCommand({ executionArn })))).toEqual([403, 'UnrecognizedClientException']);

    expect((await genuine.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
  });
});

describe('the runtime clock and signatures', () => {
  it('keeps the in-process clients working after the runtime clock moved days ahead (header signatures are dated on the wall clock)', async () => {
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 3 * 86_400 } });
    const admin = await devToken(base, { role: 'admin' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-qinzhou' });
    const roundId = await openCityRound(base, admin);
    const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId, form: cityConsortiumForm('钦州市人民政府', '钦州港口物流市域产教联合体') } });
    expect(draft.status).toBe(201);
    // The upload slot is signed on the runtime clock, the processor's read of the file on the wall clock.
    await uploadPdf(base, institution, draft.body.application.id, 'application_form', await samplePdf());
    // ...at the first attempt: no S3 call of the processor was refused as skewed.
    expect(runtime().output()).not.toMatch(/evidenceProcessor attempt \d failed/);
  });
});

import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sha256 } from '#infra/local/auth/sigv4-verifier.js';
import { verifyPostPolicy, type PostPolicyInput } from '#infra/local/s3/post-policy.js';

const credentials = { accessKeyId: 'LOCALKEY', secretAccessKey: 'local-secret-access-key' };
const bucket = 'cjrh-evidence';
const signedAt = new Date('2026-11-20T08:00:00Z');
const now = new Date('2026-11-20T08:05:00Z');
const client = new S3Client({ region: 'cn-northwest-1', endpoint: 'http://127.0.0.1:1/', forcePathStyle: true, credentials });
const key = 'quarantine/r2026/app-17/ev-3';
const maxBytes = 10 * 1024 * 1024;

/** Signs a policy the way the upload API does: exact key, exact Content-Type, size range, 15 minutes. */
async function presign(options: { key?: string; expires?: number } = {}): Promise<Record<string, string>> {
  const { fields } = await createPresignedPost(client, {
    Bucket: bucket,
    Key: options.key ?? key,
    Conditions: [['content-length-range', 1, maxBytes], { 'Content-Type': 'application/pdf' }],
    Fields: { 'Content-Type': 'application/pdf' },
    Expires: options.expires ?? 900,
  });
  return fields;
}

function upload(fields: Record<string, string>, overrides: Partial<PostPolicyInput> = {}) {
  return verifyPostPolicy({ fields, fileBytes: 48_213, fileContentType: 'application/pdf', bucket, now, credentials, ...overrides });
}

function policyOf(fields: Record<string, string>): { expiration: string; conditions: unknown[] } {
  return JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
}

/** Re-signs an edited policy with the real secret, to reach the checks behind the signature. */
async function resign(
  fields: Record<string, string>,
  edit: (policy: { expiration: string; conditions: unknown[] }) => unknown,
): Promise<Record<string, string>> {
  const policy = Buffer.from(JSON.stringify(edit(policyOf(fields)))).toString('base64');
  const [, , region] = fields['X-Amz-Credential']!.split('/');
  const signer = new SignatureV4({ credentials, region: region!, service: 's3', sha256: Sha256 });
  return { ...fields, Policy: policy, 'X-Amz-Signature': await signer.sign(policy, { signingDate: signedAt }) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(signedAt);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('verifyPostPolicy with policies signed by createPresignedPost', () => {
  it('accepts the upload the policy was signed for', async () => {
    expect(await upload(await presign())).toEqual({ ok: true, key, contentType: 'application/pdf' });
  });

  it('accepts field names in any case and ignores x-ignore- fields', async () => {
    const fields = Object.fromEntries(Object.entries(await presign()).map(([name, value]) => [name.toLowerCase(), value]));
    expect(await upload({ ...fields, 'x-ignore-progress': '1' })).toMatchObject({ ok: true, key });
  });

  it('refuses a file over the content-length-range as EntityTooLarge', async () => {
    expect(await upload(await presign(), { fileBytes: maxBytes + 1 })).toEqual({
      ok: false,
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      reason: '文件大小为 10 MB（10485761 字节），超过允许的上限 10 MB（10485760 字节）',
    });
    expect(await upload(await presign(), { fileBytes: 3 * maxBytes })).toMatchObject({ reason: '文件大小为 30 MB，超过允许的上限 10 MB' });
  });

  it('refuses an empty file as EntityTooSmall', async () => {
    expect(await upload(await presign(), { fileBytes: 0 })).toMatchObject({ ok: false, status: 400, code: 'EntityTooSmall' });
  });

  it('accepts a file of exactly the largest size', async () => {
    expect(await upload(await presign(), { fileBytes: maxBytes })).toMatchObject({ ok: true });
  });

  it('refuses another key than the one signed', async () => {
    const verdict = await upload({ ...(await presign()), key: 'quarantine/r2026/app-18/ev-3' });
    expect(verdict).toMatchObject({
      ok: false,
      status: 403,
      code: 'AccessDenied',
      message: `Invalid according to Policy: Policy Condition failed: ["eq", "$key", "${key}"]`,
      reason: '上传位置与申报材料不符，请在申报页面重新选择文件上传',
    });
  });

  it('refuses a key outside the signed prefix of a ${filename} policy and accepts one inside', async () => {
    const fields = await presign({ key: 'quarantine/r2026/app-17/${filename}' });
    expect(await upload({ ...fields, key: 'quarantine/r2026/app-17/ev-9' })).toMatchObject({ ok: true, key: 'quarantine/r2026/app-17/ev-9' });
    expect(await upload({ ...fields, key: 'evidence/r2026/app-17/ev-9' })).toMatchObject({
      ok: false,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "quarantine/r2026/app-17/"]',
    });
  });

  it('refuses another Content-Type than the one signed', async () => {
    const verdict = await upload({ ...(await presign()), 'Content-Type': 'image/png' });
    expect(verdict).toMatchObject({
      ok: false,
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]',
      reason: '文件类型与申报时声明的类型不符：应为 application/pdf，实际为 image/png',
    });
  });

  it('refuses a form without the Content-Type field even if the file part claims the right type', async () => {
    const { 'Content-Type': _dropped, ...fields } = await presign();
    expect(await upload(fields, { fileContentType: 'application/pdf' })).toMatchObject({ ok: false, code: 'AccessDenied' });
  });

  it('refuses an upload after the policy expired', async () => {
    const verdict = await upload(await presign(), { now: new Date(signedAt.getTime() + 900_000) });
    expect(verdict).toMatchObject({ ok: false, status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' });
    expect(await upload(await presign(), { now: new Date(signedAt.getTime() + 899_000) })).toMatchObject({ ok: true });
  });

  it('refuses a tampered policy', async () => {
    const fields = await presign();
    const widened = Buffer.from(
      JSON.stringify({ ...policyOf(fields), conditions: [...policyOf(fields).conditions, ['content-length-range', 1, 1e12]] }),
    ).toString('base64');
    expect(await upload({ ...fields, Policy: widened })).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a tampered signature', async () => {
    const fields = await presign();
    const signature = fields['X-Amz-Signature']!;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    expect(await upload({ ...fields, 'X-Amz-Signature': flipped })).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a policy signed with another secret or another access key', async () => {
    const fields = await presign();
    expect(await upload(fields, { credentials: { ...credentials, secretAccessKey: 'other' } })).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(await upload(fields, { credentials: { ...credentials, accessKeyId: 'OTHER' } })).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
  });

  it('refuses a credential scoped to a day that does not exist', async () => {
    const fields = await presign();
    const credential = fields['X-Amz-Credential']!.replace(/\/\d{8}\//, '/20261131/');
    expect(await upload({ ...fields, 'X-Amz-Credential': credential })).toMatchObject({ ok: false, status: 400, code: 'InvalidArgument' });
  });

  it('refuses a policy scoped to another region than the bucket', async () => {
    const fields = await presign();
    expect(await upload(fields, { region: 'cn-northwest-1' })).toMatchObject({ ok: true });
    expect(await upload(fields, { region: 'us-east-1' })).toMatchObject({ ok: false, status: 400, code: 'AuthorizationQueryParametersError' });
  });

  it('refuses an upload into another bucket', async () => {
    expect(await upload(await presign(), { bucket: 'other-bucket' })).toMatchObject({ ok: false, code: 'AccessDenied', message: expect.stringContaining('"$bucket"') });
  });

  it('refuses a form field no condition names', async () => {
    const verdict = await upload({ ...(await presign()), acl: 'public-read', 'x-amz-meta-note': 'x' });
    expect(verdict).toMatchObject({ ok: false, status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Extra input fields: acl, x-amz-meta-note' });
  });

  it('refuses a form without a policy, or without a key', async () => {
    const { Policy: _policy, ...unsigned } = await presign();
    expect(await upload(unsigned)).toMatchObject({ ok: false, status: 403, code: 'AccessDenied' });
    const { key: _key, ...keyless } = await presign();
    expect(await upload(keyless)).toMatchObject({ ok: false, status: 400, code: 'InvalidArgument' });
  });

  it('refuses a validly signed policy that is not a policy document', async () => {
    const fields = await presign();
    expect(await upload(await resign(fields, (policy) => ({ conditions: policy.conditions })))).toMatchObject({ status: 400, code: 'InvalidPolicyDocument' });
    expect(await upload(await resign(fields, (policy) => ({ ...policy, conditions: [...policy.conditions, ['in', '$key', 'x']] })))).toMatchObject({
      code: 'InvalidPolicyDocument',
    });
  });

  it('enforces x-amz-* conditions, such as a metadata field signed into the policy', async () => {
    const fields = await resign({ ...(await presign()), 'x-amz-meta-evidence': 'ev-3' }, (policy) => ({
      ...policy,
      conditions: [...policy.conditions, ['eq', '$x-amz-meta-evidence', 'ev-3']],
    }));
    expect(await upload(fields)).toMatchObject({ ok: true });
    expect(await upload({ ...fields, 'x-amz-meta-evidence': 'ev-4' })).toMatchObject({ ok: false, code: 'AccessDenied' });
    expect(await upload({ ...fields, 'X-Amz-Date': '20261120T090000Z' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('"$X-Amz-Date"'),
    });
  });
});

/**
 * Enforces S3 browser-upload POST policies (Signature Version 4) for the local runtime,
 * which hands the object to s3rver only afterwards: s3rver itself checks nothing. The
 * rules follow the Amazon S3 documentation of POST policies:
 *
 * - The form must carry `key`, `policy`, `x-amz-algorithm` (`AWS4-HMAC-SHA256`),
 *   `x-amz-credential`, `x-amz-date` and `x-amz-signature`. Field names are case-insensitive.
 * - The signature is HMAC-SHA256 of the base64 policy with the SigV4 key derived from the
 *   secret and the credential scope `<key id>/<yyyymmdd>/<region>/s3/aws4_request`; the
 *   `@smithy/signature-v4` signer computes it (its string signing derives that key).
 * - The policy is base64 JSON `{ expiration, conditions }`; past `expiration` it is void.
 * - Every condition must hold: exact match (`{"field": "v"}` or `["eq", "$field", "v"]`),
 *   `["starts-with", "$field", "prefix"]` and `["content-length-range", min, max]`. A
 *   condition on a field the form lacks compares against the empty string. `bucket` is
 *   compared with the bucket the upload targets (and with a `bucket` field, if sent).
 * - Every form field must be named by a condition, except `x-amz-signature`, `file`,
 *   `policy` and `x-ignore-*` ("Extra input fields").
 *
 * Not supported (the platform never issues them): SigV2 (`AWSAccessKeyId`/`Signature`),
 * the `${filename}` key variable, and session tokens (`x-amz-security-token` is checked
 * like any other field but not against an STS session).
 */
import { timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../auth/sigv4-verifier.js';
import { postPolicyReasons } from './post-policy-messages.js';

/** A browser upload as the local gateway received it. */
export interface PostPolicyInput {
  /** The form fields other than the file, as sent. */
  fields: Record<string, string>;
  /** Size of the file part. */
  fileBytes: number;
  /** The Content-Type of the file part, used when the form has no Content-Type field. */
  fileContentType?: string;
  /** The bucket the upload targets (from the URL). */
  bucket: string;
  now: Date;
  /** The credentials the runtime signs upload policies with. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The bucket's region: when given, the credential scope must name it. */
  region?: string;
}

/** An upload S3 would accept: the object's key and Content-Type. */
export interface PostPolicyAcceptance {
  ok: true;
  key: string;
  contentType?: string;
}

/** An upload S3 would refuse, with S3's status, error code and English message, and a Chinese reason. */
export interface PostPolicyRefusal {
  ok: false;
  status: 400 | 403;
  code: string;
  message: string;
  reason: string;
}

type Condition =
  | { kind: 'eq' | 'starts-with'; field: string; value: string; text: string }
  | { kind: 'content-length-range'; min: number; max: number };

const exemptFields = new Set(['x-amz-signature', 'file', 'policy']);
const requiredSigningFields = ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'] as const;

/**
 * Decides, as S3 would, whether a browser POST upload may store its file.
 *
 * @example
 * const verdict = await verifyPostPolicy({ fields, fileBytes: file.length, bucket: 'evidence', now: clock.now(), credentials });
 * if (!verdict.ok) return s3ErrorResponse(verdict.status, verdict.code, verdict.message);
 * await s3rver.putObject(verdict.key, file, verdict.contentType);
 */
export async function verifyPostPolicy(input: PostPolicyInput): Promise<PostPolicyAcceptance | PostPolicyRefusal> {
  const fields = lowerCaseNames(input.fields);
  const key = fields.get('key');
  if (key === undefined) {
    return refuse(400, 'InvalidArgument', "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", postPolicyReasons.incomplete('key'));
  }
  const policy = fields.get('policy');
  if (policy === undefined) return refuse(403, 'AccessDenied', 'Access Denied', postPolicyReasons.unauthorised());
  for (const name of requiredSigningFields) {
    if (fields.get(name) === undefined) {
      return refuse(400, 'InvalidArgument', `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`, postPolicyReasons.incomplete(name));
    }
  }
  const algorithm = fields.get('x-amz-algorithm')!;
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return refuse(400, 'InvalidArgument', `Unsupported algorithm: ${algorithm}`, postPolicyReasons.badCredentials());
  }
  const signatureProblem = await checkSignature(policy, fields.get('x-amz-credential')!, fields.get('x-amz-signature')!, input);
  if (signatureProblem) return signatureProblem;

  const document = parsePolicy(policy);
  if ('refusal' in document) return document.refusal;
  if (input.now.getTime() >= document.expiration.getTime()) {
    return refuse(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.', postPolicyReasons.expired());
  }

  const covered = new Set<string>();
  let lengthRange: { min: number; max: number } | undefined;
  for (const condition of document.conditions) {
    if (condition.kind === 'content-length-range') {
      lengthRange = condition;
      continue;
    }
    covered.add(condition.field);
    const failure = checkCondition(condition, fields, input.bucket);
    if (failure) return failure;
  }

  const extra = [...fields.keys()].filter((name) => !exemptFields.has(name) && !name.startsWith('x-ignore-') && !covered.has(name));
  if (extra.length > 0) {
    return refuse(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`, postPolicyReasons.extraFields(extra));
  }
  if (lengthRange && input.fileBytes > lengthRange.max) {
    return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', postPolicyReasons.tooLarge(input.fileBytes, lengthRange.max));
  }
  if (lengthRange && input.fileBytes < lengthRange.min) {
    return refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', postPolicyReasons.tooSmall(input.fileBytes, lengthRange.min));
  }
  const contentType = fields.get('content-type') ?? input.fileContentType;
  return contentType === undefined ? { ok: true, key } : { ok: true, key, contentType };
}

function refuse(status: 400 | 403, code: string, message: string, reason: string): PostPolicyRefusal {
  return { ok: false, status, code, message, reason };
}

function lowerCaseNames(fields: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
}

/** `yyyymmdd` → midnight UTC of that day, or undefined when no such day exists. */
function scopeDay(text: string): Date | undefined {
  const day = new Date(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10).replace(/-/g, '') === text ? day : undefined;
}

/** The hex SigV4 signature of the base64 policy, with the s3 key of `day` and `region`. */
async function policySignature(policy: string, credentials: PostPolicyInput['credentials'], day: Date, region: string): Promise<string> {
  const signer = new SignatureV4({ credentials, region, service: 's3', sha256: Sha256 });
  return signer.sign(policy, { signingDate: day });
}

async function checkSignature(policy: string, credential: string, signature: string, { credentials, region }: PostPolicyInput): Promise<PostPolicyRefusal | undefined> {
  const scope = /^([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([^/]+)\/([^/]+)$/.exec(credential);
  const day = scope ? scopeDay(scope[2]!) : undefined;
  if (!scope || !day || scope[4] !== 's3' || scope[5] !== 'aws4_request') {
    return refuse(
      400,
      'InvalidArgument',
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
      postPolicyReasons.badCredentials(),
    );
  }
  if (scope[1] !== credentials.accessKeyId) {
    return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', postPolicyReasons.badCredentials());
  }
  if (region !== undefined && scope[3] !== region) {
    return refuse(400, 'AuthorizationQueryParametersError', `Error parsing the X-Amz-Credential parameter; the region '${scope[3]}' is wrong; expecting '${region}'`, postPolicyReasons.badCredentials());
  }
  const expected = Buffer.from(await policySignature(policy, credentials, day, scope[3]!));
  const given = Buffer.from(signature.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      postPolicyReasons.badCredentials(),
    );
  }
  return undefined;
}

function invalidPolicy(message: string): { refusal: PostPolicyRefusal } {
  return { refusal: refuse(400, 'InvalidPolicyDocument', `Invalid Policy: ${message}`, postPolicyReasons.badPolicy()) };
}

function parsePolicy(policy: string): { expiration: Date; conditions: Condition[] } | { refusal: PostPolicyRefusal } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(policy) || policy.length % 4 !== 0) return invalidPolicy('Invalid Base64.');
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return invalidPolicy('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return invalidPolicy('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (expiration === undefined) return invalidPolicy('Policy missing expiration.');
  if (typeof expiration !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(expiration) || Number.isNaN(Date.parse(expiration))) {
    return invalidPolicy(`Invalid 'expiration' value: '${typeof expiration === 'string' ? expiration : JSON.stringify(expiration)}'`);
  }
  if (!Array.isArray(conditions)) return invalidPolicy('Policy missing conditions.');
  const parsed: Condition[] = [];
  for (const condition of conditions) {
    const result = parseCondition(condition);
    if ('refusal' in result) return result;
    for (const item of result.conditions) parsed.push(item);
  }
  return { expiration: new Date(expiration), conditions: parsed };
}

function parseCondition(condition: unknown): { conditions: Condition[] } | { refusal: PostPolicyRefusal } {
  if (Array.isArray(condition)) {
    const [operator, subject, value] = condition as unknown[];
    const kind = typeof operator === 'string' ? operator.toLowerCase() : undefined;
    if (kind === 'content-length-range') {
      const min = Number(subject);
      const max = Number(value);
      if (condition.length !== 3 || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min) {
        return invalidPolicy(`Invalid content-length-range: ${JSON.stringify(condition)}`);
      }
      return { conditions: [{ kind, min, max }] };
    }
    if ((kind === 'eq' || kind === 'starts-with') && condition.length === 3 && typeof subject === 'string' && subject.startsWith('$') && typeof value === 'string') {
      return { conditions: [{ kind, field: subject.slice(1).toLowerCase(), value, text: conditionText(kind, subject, value) }] };
    }
    return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
  }
  if (typeof condition === 'object' && condition !== null) {
    const entries = Object.entries(condition as Record<string, unknown>);
    if (entries.length === 0 || entries.some(([, value]) => typeof value !== 'string')) {
      return invalidPolicy(`Invalid Simple-Condition: ${JSON.stringify(condition)}`);
    }
    return {
      conditions: entries.map(([field, value]) => ({
        kind: 'eq' as const,
        field: field.toLowerCase(),
        value: value as string,
        text: conditionText('eq', `$${field}`, value as string),
      })),
    };
  }
  return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
}

/** A condition as S3 quotes it in an error message: `["eq", "$key", "a/b"]`. */
function conditionText(kind: string, subject: string, value: string): string {
  return `[${[kind, subject, value].map((part) => JSON.stringify(part)).join(', ')}]`;
}

function checkCondition(
  condition: Extract<Condition, { kind: 'eq' | 'starts-with' }>,
  fields: ReadonlyMap<string, string>,
  bucket: string,
): PostPolicyRefusal | undefined {
  const holds = (actual: string): boolean =>
    condition.kind === 'eq' ? actual === condition.value : actual.startsWith(condition.value);
  const sent = fields.get(condition.field);
  const satisfied =
    condition.field === 'bucket' ? holds(bucket) && (sent === undefined || holds(sent)) : holds(sent ?? '');
  if (satisfied) return undefined;
  const message = `Invalid according to Policy: Policy Condition failed: ${condition.text}`;
  const reason =
    condition.field === 'key'
      ? postPolicyReasons.wrongKey()
      : condition.field === 'bucket'
        ? postPolicyReasons.wrongBucket()
        : condition.field === 'content-type'
          ? postPolicyReasons.wrongContentType(condition.value, sent)
          : postPolicyReasons.conditionFailed(condition.field);
  return refuse(403, 'AccessDenied', message, reason);
}

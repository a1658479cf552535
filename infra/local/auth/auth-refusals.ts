/**
 * How the local emulators refuse a call whose SigV4 check failed, each in its protocol's shape:
 * S3 answers with its XML error codes, the JSON protocol services (Step Functions, DynamoDB)
 * with a `__type` in the `com.amazon.coral.service` namespace. Every refusal is a 403, except
 * a body that does not match its declared hash (S3's 400 `XAmzContentSHA256Mismatch`).
 */
import type { IncomingMessage } from 'node:http';
import type { SigV4Failure, SigV4Verdict, SigV4Verifier } from './sigv4-verifier.js';

/** An S3 error: status, code, English message (the verifier's) and a Chinese reason for people. */
export interface S3Refusal {
  readonly status: 400 | 403;
  readonly code: string;
  readonly message: string;
  readonly reason: string;
}

const s3Codes: Record<SigV4Failure, { code: string; reason: string }> = {
  missing: { code: 'AccessDenied', reason: '请求未签名：本地 S3 只接受以运行时凭证签名的请求' },
  malformed: { code: 'AuthorizationHeaderMalformed', reason: '请求签名格式有误' },
  'unknown-key': { code: 'InvalidAccessKeyId', reason: '请求签名使用了未知的访问密钥' },
  scope: { code: 'AuthorizationHeaderMalformed', reason: '请求签名的凭证范围（日期、区域或服务）不符' },
  skewed: { code: 'RequestTimeTooSkewed', reason: '请求签名时间与服务器时间相差超过 15 分钟' },
  'not-yet-valid': { code: 'AccessDenied', reason: '下载链接尚未生效，请刷新页面后重新获取' },
  expired: { code: 'AccessDenied', reason: '下载链接已过期，请刷新页面后重新获取' },
  payload: { code: 'XAmzContentSHA256Mismatch', reason: '请求内容与签名时的摘要不符' },
  signature: { code: 'SignatureDoesNotMatch', reason: '请求签名不符（链接被改动或密钥错误），请刷新页面后重新获取' },
};

/** The S3 error for a refused call. */
export function s3Refusal(verdict: Extract<SigV4Verdict, { ok: false }>): S3Refusal {
  const { code, reason } = s3Codes[verdict.failure];
  return { status: verdict.failure === 'payload' ? 400 : 403, code, message: verdict.message, reason };
}

const jsonTypes: Record<SigV4Failure, string> = {
  missing: 'MissingAuthenticationTokenException',
  malformed: 'IncompleteSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  scope: 'InvalidSignatureException',
  skewed: 'InvalidSignatureException',
  'not-yet-valid': 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
  payload: 'InvalidSignatureException',
  signature: 'InvalidSignatureException',
};

/** A JSON protocol error: status and body. */
export interface JsonRefusal {
  readonly status: 403;
  readonly body: { readonly __type: string; readonly message: string };
}

/**
 * Checks a JSON protocol call; the error to answer with, or undefined when it is signed with
 * the runtime's credentials.
 *
 * @example
 * const refusal = await refuseUnsignedJsonCall(verifier, request, body);
 * if (refusal) return send(refusal.status, refusal.body);
 */
export async function refuseUnsignedJsonCall(verifier: SigV4Verifier, request: IncomingMessage, body: Uint8Array): Promise<JsonRefusal | undefined> {
  const verdict = await verifier.verify({ method: request.method ?? 'POST', target: request.url ?? '/', headers: request.headers, body });
  if (verdict.ok) return undefined;
  return { status: 403, body: { __type: `com.amazon.coral.service#${jsonTypes[verdict.failure]}`, message: verdict.message } };
}


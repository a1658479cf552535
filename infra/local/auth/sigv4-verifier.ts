/**
 * Verifies AWS Signature Version 4 on calls to the local emulators, as AWS does: the signature
 * is recomputed with `@smithy/signature-v4` from the runtime's secret and the request as it
 * arrived (method, path, query, the signed headers, the payload hash), and compared in constant
 * time. The credential scope must name the runtime's key, region and service and the request's
 * own date; the payload hash must be the body's (S3 also allows `UNSIGNED-PAYLOAD`).
 *
 * Two clocks: a call signed in its headers must be dated within 15 minutes of the wall clock,
 * the clock the SDK clients sign with (they correct their offset from the answer's `Date`
 * header, as against AWS; the runtime clock jumps days ahead with `/dev/clock`, so a window
 * on it would refuse every SDK call after an advance). A presigned URL (S3 only) is valid from
 * its date until its expiry on the runtime clock, the product's time, on which download links
 * are signed and expire.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag } from '@smithy/types';
import type { Clock } from '#shared/ports/clock.js';
import type { RuntimeCredentials } from './runtime-credentials.js';

/** A request as the emulator received it. */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target exactly as sent: path and query, still percent-encoded. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  /** The whole body (empty when there is none). */
  readonly body: Uint8Array;
}

/** Why a call was refused. */
export type SigV4Failure =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'scope'
  | 'skewed'
  | 'not-yet-valid'
  | 'expired'
  | 'payload'
  | 'signature';

/** The verdict on one request. */
export type SigV4Verdict = { readonly ok: true } | { readonly ok: false; readonly failure: SigV4Failure; readonly message: string };

/** What one emulator accepts. */
export interface SigV4VerifierOptions {
  readonly credentials: RuntimeCredentials;
  readonly region: string;
  /** The signing name: `s3`, `states`, `dynamodb`. */
  readonly service: string;
  /** The clock header-signed calls are dated on (the wall clock). */
  readonly transportClock: Clock;
  /** The clock presigned URLs expire on (the runtime clock). */
  readonly presignClock: Clock;
}

const algorithm = 'AWS4-HMAC-SHA256';
const maxSkewMs = 15 * 60 * 1000;
/** S3's limit on `X-Amz-Expires`: one week. */
const maxPresignSeconds = 7 * 24 * 3600;
const unsignedPayload = 'UNSIGNED-PAYLOAD';
const presignParameters = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'] as const;

/** SHA-256 (HMAC-SHA256 when given a key) in the shape the smithy signer takes (also for signing local calls): smithy's own Node hash. */
export const Sha256 = Hash.bind(null, 'sha256');

const refuse = (failure: SigV4Failure, message: string): SigV4Verdict => ({ ok: false, failure, message });

/** `20261201T120000Z` → the instant, or undefined. */
function parseAmzDate(text: string | undefined): Date | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second] = parts.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The query as the signer takes it (decoded; repeated names become arrays); undefined when an escape is malformed. */
function parseQuery(query: string): QueryParameterBag | undefined {
  const bag: Record<string, string | string[]> = {};
  try {
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      const name = decodeURIComponent(equals < 0 ? pair : pair.slice(0, equals));
      const value = equals < 0 ? '' : decodeURIComponent(pair.slice(equals + 1));
      const existing = bag[name];
      bag[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
  } catch {
    return undefined;
  }
  return bag;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sameSignature(given: string, expected: string | undefined): boolean {
  if (expected === undefined || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * Checks SigV4 on the calls of one emulator.
 *
 * @example
 * const verifier = new SigV4Verifier({ credentials, region, service: 'states', transportClock: systemClock, presignClock: clock });
 * const verdict = await verifier.verify({ method, target: request.url, headers: request.headers, body });
 * if (!verdict.ok) return deny(verdict);
 */
export class SigV4Verifier {
  private readonly signer: SignatureV4;

  constructor(private readonly options: SigV4VerifierOptions) {
    this.signer = new SignatureV4({
      credentials: options.credentials,
      region: options.region,
      service: options.service,
      sha256: Sha256,
      // S3 signs the path as sent; the other services sign it normalised and escaped again.
      uriEscapePath: options.service !== 's3',
      applyChecksum: false,
    });
  }

  /**
   * Whether the request carries any authentication to verify (an `Authorization` header or
   * presign parameters). A front asks this before it reads a body, so a caller with none cannot
   * make it buffer megabytes; {@link verify} then checks the signature itself.
   */
  claimsSignature(request: Pick<ReceivedRequest, 'target' | 'headers'>): boolean {
    if (headerValue(request.headers, 'authorization') !== undefined) return true;
    const queryStart = request.target.indexOf('?');
    const query = parseQuery(queryStart < 0 ? '' : request.target.slice(queryStart + 1));
    // A malformed query is refused by verify, as for any other request.
    return !query || presignParameters.some((name) => name in query);
  }

  /** Whether the request carries a valid signature of the runtime's credentials. */
  async verify(request: ReceivedRequest): Promise<SigV4Verdict> {
    const queryStart = request.target.indexOf('?');
    const rawPath = queryStart < 0 ? request.target : request.target.slice(0, queryStart);
    const query = parseQuery(queryStart < 0 ? '' : request.target.slice(queryStart + 1));
    if (!query) return refuse('malformed', 'The query string is not properly encoded.');
    const authorization = headerValue(request.headers, 'authorization');
    const presigned = presignParameters.some((name) => name in query);
    if (authorization !== undefined && presigned) return refuse('malformed', 'Only one auth mechanism allowed.');
    if (authorization !== undefined) return this.verifyHeaderSigned(request, rawPath, query, authorization);
    if (presigned && this.options.service === 's3') return this.verifyPresigned(request, rawPath, query);
    return refuse('missing', 'Missing Authentication Token');
  }

  private checkScope(credential: string, date: Date): SigV4Verdict | undefined {
    const [keyId, day, region, service, terminator, ...rest] = credential.split('/');
    if (rest.length > 0 || terminator !== 'aws4_request') return refuse('malformed', 'The credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
    if (keyId !== this.options.credentials.accessKeyId) return refuse('unknown-key', 'The AWS Access Key Id you provided does not exist in our records.');
    if (day !== date.toISOString().slice(0, 10).replace(/-/g, '')) return refuse('scope', 'The credential date does not match the request date.');
    if (region !== this.options.region) return refuse('scope', `The credential should be scoped to a valid region, not '${region}'; expecting '${this.options.region}'.`);
    if (service !== this.options.service) return refuse('scope', `The credential should be scoped to the correct service: '${this.options.service}'.`);
    return undefined;
  }

  /** The signed headers as received, or a refusal when one is missing or the list is not canonical. */
  private signedHeaders(request: ReceivedRequest, list: string): { headers: Record<string, string> } | { refusal: SigV4Verdict } {
    const names = list.split(';');
    if (!names.includes('host') || names.some((name) => name === '' || name !== name.toLowerCase()) || [...names].sort().join(';') !== list) {
      return { refusal: refuse('malformed', 'SignedHeaders must be the sorted, lower-case names of the signed headers, including host.') };
    }
    const headers: Record<string, string> = {};
    for (const name of names) {
      const value = headerValue(request.headers, name);
      if (value === undefined) return { refusal: refuse('signature', `The signed header ${name} is missing.`) };
      headers[name] = value;
    }
    return { headers };
  }

  /** The payload hash the request claims, checked against its body. */
  private checkPayload(request: ReceivedRequest): SigV4Verdict | undefined {
    const claimed = headerValue(request.headers, 'x-amz-content-sha256');
    if (claimed === undefined) {
      return this.options.service === 's3' ? refuse('payload', 'Missing required header for this request: x-amz-content-sha256') : undefined;
    }
    if (claimed === unsignedPayload && this.options.service === 's3') return undefined;
    if (!/^[0-9a-f]{64}$/.test(claimed)) return refuse('payload', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or the hex SHA-256 of the payload.');
    if (createHash('sha256').update(request.body).digest('hex') !== claimed) {
      return refuse('payload', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return undefined;
  }

  private requestToSign(request: ReceivedRequest, rawPath: string, query: QueryParameterBag, headers: Record<string, string>): HttpRequest | undefined {
    let path = rawPath;
    if (this.options.service !== 's3') {
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        return undefined;
      }
    }
    return { method: request.method, protocol: 'http:', hostname: headers['host'] ?? '', path, query, headers, body: request.body };
  }

  private async verifyHeaderSigned(request: ReceivedRequest, rawPath: string, query: QueryParameterBag, authorization: string): Promise<SigV4Verdict> {
    const [scheme, ...rest] = authorization.trim().split(' ');
    if (scheme !== algorithm) return refuse('malformed', 'Unsupported Authorization Type');
    const parts = new Map(
      rest
        .join('')
        .split(',')
        .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as const),
    );
    const credential = parts.get('Credential');
    const signedList = parts.get('SignedHeaders');
    const signature = parts.get('Signature');
    if (parts.size !== 3 || !credential || !signedList || !signature) {
      return refuse('malformed', 'The authorization header requires three components: Credential, SignedHeaders, and Signature.');
    }
    const date = parseAmzDate(headerValue(request.headers, 'x-amz-date'));
    if (!date || !signedList.split(';').includes('x-amz-date')) return refuse('malformed', 'The request must carry a signed x-amz-date header.');
    const scope = this.checkScope(credential, date);
    if (scope) return scope;
    if (Math.abs(date.getTime() - this.options.transportClock.now().getTime()) > maxSkewMs) {
      return refuse('skewed', 'The difference between the request time and the current time is too large.');
    }
    const payload = this.checkPayload(request);
    if (payload) return payload;
    const signedHeaders = this.signedHeaders(request, signedList);
    if ('refusal' in signedHeaders) return signedHeaders.refusal;
    const { headers } = signedHeaders;
    const toSign = this.requestToSign(request, rawPath, query, headers);
    if (!toSign) return refuse('malformed', 'The path is not properly encoded.');
    const signed = await this.signer.sign(toSign, { signingDate: date, signableHeaders: new Set(Object.keys(headers)) });
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers['authorization']))?.[1];
    return sameSignature(signature, expected)
      ? { ok: true }
      : refuse('signature', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }

  private async verifyPresigned(request: ReceivedRequest, rawPath: string, query: QueryParameterBag): Promise<SigV4Verdict> {
    const single = (name: string): string | undefined => {
      const value = query[name];
      return typeof value === 'string' ? value : undefined;
    };
    const [algorithmParam, credential, dateParam, expiresParam, signedList, signature] = presignParameters.map(single);
    if (!algorithmParam || !credential || !dateParam || !expiresParam || !signedList || !signature) {
      return refuse('missing', 'Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
    }
    if (algorithmParam !== algorithm) return refuse('malformed', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    const date = parseAmzDate(dateParam);
    if (!date) return refuse('malformed', "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    const expires = /^\d{1,6}$/.test(expiresParam) ? Number(expiresParam) : NaN;
    if (!(expires >= 1 && expires <= maxPresignSeconds)) return refuse('malformed', 'X-Amz-Expires must be between 1 and 604800 seconds.');
    const scope = this.checkScope(credential, date);
    if (scope) return scope;
    const now = this.options.presignClock.now().getTime();
    if (date.getTime() - now > maxSkewMs) return refuse('not-yet-valid', 'Request is not valid yet');
    if (now >= date.getTime() + expires * 1000) return refuse('expired', 'Request has expired');
    const signedHeaders = this.signedHeaders(request, signedList);
    if ('refusal' in signedHeaders) return signedHeaders.refusal;
    const { headers } = signedHeaders;
    const names = new Set(Object.keys(headers));
    const unqueried = Object.fromEntries(Object.entries(query).filter(([name]) => name !== 'X-Amz-Signature'));
    // Presigned S3 URLs never sign the payload; the marker header only feeds the payload hash.
    const payloadMarker: Record<string, string> = names.has('x-amz-content-sha256') ? {} : { 'x-amz-content-sha256': unsignedPayload };
    const toSign = this.requestToSign(request, rawPath, unqueried, { ...headers, ...payloadMarker });
    if (!toSign) return refuse('malformed', 'The path is not properly encoded.');
    const presigned = await this.signer.presign(toSign, {
      signingDate: date,
      expiresIn: expires,
      signableHeaders: names,
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set([...names, 'x-amz-content-sha256']),
    });
    const expected = presigned.query?.['X-Amz-Signature'];
    return sameSignature(signature, typeof expected === 'string' ? expected : undefined)
      ? { ok: true }
      : refuse('signature', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
}

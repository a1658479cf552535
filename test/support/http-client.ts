/** A small JSON client for tests that drive the product over HTTP, plus polling. */
import { request as httpRequest } from 'node:http';
import type { OrganizationKind } from '#shared/domain/organization-kinds.js';

export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
}

/** Calls the API with an optional bearer token and JSON body. */
export async function callApi<T = any>(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<JsonResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * A dev token of the local runtime. An institution's organisation that has no profile (单位信息)
 * yet gets one, so that it may apply: of `kind` (default `city_government`, whom the
 * 市域产教联合体 rounds of most tests admit), named `name` (default `申报单位 <orgId>`);
 * `kind: null` leaves the organisation without a profile.
 */
export async function devToken(
  baseUrl: string,
  claims: { role: 'admin' | 'institution'; orgId?: string; name?: string; kind?: OrganizationKind | null },
): Promise<string> {
  const { kind = 'city_government', ...tokenClaims } = claims;
  const response = await callApi<{ token: string }>(baseUrl, 'POST', '/dev/token', { body: tokenClaims });
  if (response.status !== 200) throw new Error(`dev token: ${response.status}`);
  const token = response.body.token;
  if (claims.role === 'institution' && claims.orgId && kind !== null) await ensureProfile(baseUrl, token, { name: claims.name ?? `申报单位 ${claims.orgId}`, kind });
  return token;
}

/** Fills in the signed-in institution's profile unless it has a kind already. */
async function ensureProfile(baseUrl: string, token: string, profile: { name: string; kind: OrganizationKind }): Promise<void> {
  const current = await callApi(baseUrl, 'GET', '/api/profile', { token });
  if (current.status === 200 && current.body.organization?.kind) return;
  const saved = await callApi(baseUrl, 'PUT', '/api/profile', { token, body: profile });
  if (saved.status !== 200) throw new Error(`profile of the dev token's organisation: ${saved.status} ${JSON.stringify(saved.body)}`);
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`);
    await new Promise((done) => setTimeout(done, 150));
  }
}

/**
 * POSTs JSON from a chosen local address (any of 127.0.0.0/8 on Linux), so that one test can
 * play several clients: the gateway sees the connection's address as `sourceIp`.
 */
export function postJsonFrom<T = any>(baseUrl: string, localAddress: string, path: string, body: unknown): Promise<JsonResponse<T> & { headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, baseUrl);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

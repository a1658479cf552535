/**
 * The browser session of a signed-in page: the bearer token kept in `sessionStorage` (never in
 * a URL or a cookie), its claims, sign-in redirects, JSON API calls with the Authorization
 * header, and downloads that need it (fetched with the header, then saved from a blob URL).
 */
import { sessionMessages as m } from '../session-messages.js';
import { api, apiError, saveBlob, type ApiError, type ApiResult, type HttpMethod } from './page-runtime.js';
import { decodeClaims } from './token-claims.js';

/** Who is signed in, from the token's claims. */
export interface Session {
  readonly token: string;
  readonly role: 'admin' | 'institution';
  readonly name: string;
  /** The institution's organisation (institutions only). */
  readonly orgId?: string;
  /** When the token stops being accepted (ms since the epoch). */
  readonly expiresAt: number;
  /**
   * Where signing out goes to end the session at the OIDC issuer too (its end-session URL,
   * back to `/signin?reason=signed_out`); absent for the dev issuer and issuers without one.
   */
  readonly signOutUrl?: string;
}

const storageKey = 'cjrh.session';

/** Why the sign-in page was opened instead of the page asked for. */
export type SignInReason = 'expired' | 'role' | 'signed_out';

/**
 * The session of a token (its claims decoded; the API verifies the signature), or undefined
 * when the token carries no role this product knows.
 */
export function sessionOfToken(token: string): Session | undefined {
  const claims = decodeClaims(token);
  const role = claims?.['role'];
  if (role !== 'admin' && role !== 'institution') return undefined;
  const orgId = typeof claims?.['orgId'] === 'string' ? claims['orgId'] : undefined;
  if (role === 'institution' && !orgId) return undefined;
  const subject = typeof claims?.['sub'] === 'string' ? claims['sub'] : '';
  const name = typeof claims?.['name'] === 'string' && claims['name'] ? claims['name'] : subject;
  const exp = typeof claims?.['exp'] === 'number' ? claims['exp'] * 1000 : Date.now() + 3600_000;
  return { token, role, name, expiresAt: exp, ...(orgId ? { orgId } : {}) };
}

/** Keeps the session for this browser tab. */
export function saveSession(session: Session): void {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
}

/** The stored session, expired or not. */
function storedSession(): Session | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Session | null;
    return stored && typeof stored.token === 'string' ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** The stored session, unless it is missing or expired. */
export function currentSession(): Session | undefined {
  const stored = storedSession();
  return stored && stored.expiresAt > Date.now() ? stored : undefined;
}

/** Opens the sign-in page, to come back to this page afterwards (unless signing out). */
export function goToSignIn(reason?: SignInReason): void {
  sessionStorage.removeItem(storageKey);
  const query = new URLSearchParams();
  if (reason !== 'signed_out') query.set('next', location.pathname + location.search);
  if (reason) query.set('reason', reason);
  location.assign(`/signin?${query.toString()}`);
}

/**
 * Ends the session and opens the sign-in page; a session from an OIDC issuer with an
 * end-session endpoint ends there too first (the issuer then sends the browser to the sign-in page).
 */
export function signOut(): void {
  const signOutUrl = storedSession()?.signOutUrl;
  if (typeof signOutUrl !== 'string' || !signOutUrl) return goToSignIn('signed_out');
  sessionStorage.removeItem(storageKey);
  location.assign(signOutUrl);
}

/**
 * The session a page needs, with `role`; else the browser goes to the sign-in page (and the
 * page shows nothing of its own).
 */
export function requireSession(role: Session['role']): Session | undefined {
  const session = currentSession();
  if (!session) goToSignIn('expired');
  else if (session.role !== role) goToSignIn('role');
  else return session;
  return undefined;
}

const fallback = { network: m.network, unexpected: m.unexpected };

/**
 * Calls the JSON API as the signed-in person. A 401 (the token expired or was revoked) opens
 * the sign-in page, to come back here.
 *
 * @example
 * const result = await authorizedApi<{ rounds: Round[] }>('GET', '/api/admin/rounds');
 */
export async function authorizedApi<T>(method: HttpMethod, path: string, body?: unknown): Promise<ApiResult<T>> {
  const session = currentSession();
  const result = await api<T>(method, path, fallback, body, session ? { authorization: `Bearer ${session.token}` } : {});
  if (!result.ok && result.status === 401) goToSignIn('expired');
  return result;
}

function fileNameOf(response: Response, fallbackName: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed name: keep the fallback
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallbackName;
}

/**
 * Downloads a file that needs the session (a notice PDF, an export workbook): fetched with the
 * Authorization header, then saved under the name the server gives (else `fallbackName`).
 * Resolves to the refusal when the API refuses.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<ApiError | undefined> {
  const session = currentSession();
  let response: Response;
  try {
    response = await fetch(path, { headers: session ? { authorization: `Bearer ${session.token}` } : {}, cache: 'no-store' });
  } catch {
    return { code: 'NETWORK', message: m.network, details: [] };
  }
  if (!response.ok) {
    if (response.status === 401) goToSignIn('expired');
    return apiError(response.status, await response.json().catch(() => null), fallback);
  }
  saveBlob(await response.blob(), fileNameOf(response, fallbackName));
  return undefined;
}

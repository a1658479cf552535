/**
 * The pure parts of signing in through the deployment's OIDC issuer (authorization code flow
 * with PKCE, RFC 7636, for a public client in the browser): the discovery document, the PKCE
 * pair and random `state`/`nonce`, the authorization request, the callback's query, the token
 * request, the id_token's claims and the end-session request. Only Web Crypto, `URL` and
 * `TextEncoder` (globals of browsers and Node 20), no DOM or storage: `./oidc-sign-in.ts`
 * keeps the flow's state in sessionStorage and navigates; unit tests import this module.
 *
 * Which token is the Bearer: the **id_token**. The API's JWT authorizer (API Gateway) accepts a
 * token whose `aud` is the stack's `jwtAudience`, the client id of these pages; an id_token's
 * `aud` always is the client id, while access tokens of some IdPs carry another audience or
 * none. The id_token also carries the `role`/`orgId` claims the pages and the API read. The
 * browser checks only `iss`, `aud`, `nonce` and `exp` of it (it cannot keep a signing key
 * current); the JWT authorizer verifies the signature against the issuer's keys on every call.
 */
import { decodeClaims } from './token-claims.js';

/** The endpoints of the issuer the pages use, from its discovery document. */
export interface OidcProvider {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** RP-initiated logout (absent when the issuer offers none). */
  readonly endSessionEndpoint?: string;
}

/** What the pages are registered as at the issuer. */
export interface OidcClient {
  readonly issuer: string;
  readonly clientId: string;
  /** `<origin>/signin`: the sign-in page also receives the callback. */
  readonly redirectUri: string;
}

/** The secrets of one sign-in attempt, kept in the tab until the issuer sends the person back. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The page to land on afterwards (`/signin?next=…`), if any. */
  readonly next: string | null;
}

/** The path of the discovery document under the issuer (OpenID Connect Discovery 1.0). */
export const discoveryPath = '/.well-known/openid-configuration';

/** The scopes asked for: the id_token with the person's name (`role`/`orgId` are the IdP's mapped claims). */
export const scope = 'openid profile';

/** An issuer without its trailing slash (the stack's `jwtIssuer` and an IdP's `iss` may differ in it). */
function sameIssuer(left: string, right: string): boolean {
  return left.replace(/\/$/, '') === right.replace(/\/$/, '');
}

/** Whether `value` is an https URL (or http on this machine's loopback, for local tests). */
function isSecureUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'));
  } catch {
    return false;
  }
}

/**
 * The provider a discovery document describes, or undefined when it is not the configured
 * issuer's, an endpoint is not https, or the token endpoint is on another origin than the
 * issuer (the sign-in page's CSP lets it connect to the issuer's origin only).
 */
export function providerOfDiscovery(document: unknown, issuer: string): OidcProvider | undefined {
  if (!document || typeof document !== 'object') return undefined;
  const fields = document as Record<string, unknown>;
  const { authorization_endpoint: authorize, token_endpoint: token, end_session_endpoint: endSession } = fields;
  if (typeof fields['issuer'] !== 'string' || !sameIssuer(fields['issuer'], issuer)) return undefined;
  if (!isSecureUrl(authorize) || !isSecureUrl(token) || !isSecureUrl(issuer)) return undefined;
  if (new URL(token).origin !== new URL(issuer).origin) return undefined;
  return { issuer: fields['issuer'], authorizationEndpoint: authorize, tokenEndpoint: token, ...(isSecureUrl(endSession) ? { endSessionEndpoint: endSession } : {}) };
}

/** Bytes as base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random value of `bytes` random bytes, base64url (only unreserved characters). */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 challenge of a code verifier: base64url(SHA-256(verifier)). */
export async function codeChallengeOf(codeVerifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier))));
}

/**
 * A fresh sign-in attempt: a 64-character code verifier (48 random bytes, within RFC 7636's
 * 43–128 characters of the unreserved set), random `state` and `nonce`, and the verifier's challenge.
 */
export async function newSignIn(next: string | null): Promise<{ readonly pending: PendingSignIn; readonly codeChallenge: string }> {
  const codeVerifier = randomToken(48);
  return { pending: { state: randomToken(), nonce: randomToken(), codeVerifier, next }, codeChallenge: await codeChallengeOf(codeVerifier) };
}

/** The URL that asks the issuer to sign the person in and send them back with a code. */
export function authorizationUrl(provider: OidcProvider, client: OidcClient, pending: PendingSignIn, codeChallenge: string): string {
  const url = new URL(provider.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('scope', scope);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** Why a sign-in through the issuer did not complete. */
export type SignInFailure = 'denied' | 'refused' | 'state' | 'discovery' | 'network' | 'token' | 'claims' | 'noRole';

/** What the query of `/signin` says: nothing of a callback, the issuer's code, or a failure. */
export type Callback = { readonly kind: 'none' } | { readonly kind: 'code'; readonly code: string } | { readonly kind: 'failed'; readonly failure: SignInFailure };

/**
 * Reads the callback in a query string (`?code=…&state=…` or `?error=…&state=…`). The `state`
 * must equal the pending attempt's (else the answer belongs to another attempt or was forged);
 * `access_denied` is the person's (or the issuer's) refusal.
 */
export function parseCallback(search: string, pending: PendingSignIn | undefined): Callback {
  const query = new URLSearchParams(search);
  const code = query.get('code');
  const error = query.get('error');
  if (code === null && error === null) return { kind: 'none' };
  if (!pending || query.get('state') !== pending.state) return { kind: 'failed', failure: 'state' };
  if (error !== null) return { kind: 'failed', failure: error === 'access_denied' ? 'denied' : 'refused' };
  return code && code.length <= 4096 ? { kind: 'code', code } : { kind: 'failed', failure: 'refused' };
}

/** Whether a query string is a callback of the issuer (it carries a code or an error). */
export function isCallback(search: string): boolean {
  return parseCallback(search, undefined).kind !== 'none';
}

/** The form body that exchanges the code at the token endpoint (with the PKCE verifier, no secret). */
export function tokenRequestBody(client: OidcClient, code: string, pending: PendingSignIn): URLSearchParams {
  return new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, client_id: client.clientId, code_verifier: pending.codeVerifier });
}

/** The id_token of a token endpoint answer, if it carries one. */
export function idTokenOfResponse(body: unknown): string | undefined {
  const token = body && typeof body === 'object' ? (body as Record<string, unknown>)['id_token'] : undefined;
  return typeof token === 'string' && token.length <= 16_384 && token.split('.').length === 3 ? token : undefined;
}

/** Leeway for the browser's clock against the issuer's (seconds). */
const clockSkewSeconds = 60;

/**
 * Whether an id_token answers this attempt: issued by the configured issuer (`iss`),
 * for this client (`aud` contains the client id; with several audiences `azp` must be it),
 * answering this attempt (`nonce`), not expired at `now` (ms). The signature is not checked
 * here: the API's JWT authorizer verifies it.
 */
export function isIdTokenOf(idToken: string, client: OidcClient, pending: PendingSignIn, now: number): boolean {
  const claims = decodeClaims(idToken);
  if (!claims) return false;
  const audience = claims['aud'];
  const audiences = typeof audience === 'string' ? [audience] : Array.isArray(audience) ? audience : [];
  const authorizedParty = claims['azp'];
  const forThisClient = audiences.includes(client.clientId) && (audiences.length === 1 || authorizedParty === undefined || authorizedParty === client.clientId);
  const fromIssuer = typeof claims['iss'] === 'string' && sameIssuer(claims['iss'], client.issuer);
  const current = typeof claims['exp'] === 'number' && claims['exp'] + clockSkewSeconds > now / 1000;
  return forThisClient && fromIssuer && current && claims['nonce'] === pending.nonce;
}

/**
 * The issuer's end-session URL (RP-initiated logout): ends the person's session at the issuer
 * too, then sends them to `postLogoutRedirectUri`. `id_token_hint` is the standard way to say
 * whose session; it goes only to the issuer (the pages send no referrer).
 */
export function endSessionUrl(endSessionEndpoint: string, client: OidcClient, idToken: string, postLogoutRedirectUri: string): string {
  const url = new URL(endSessionEndpoint);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  return url.toString();
}

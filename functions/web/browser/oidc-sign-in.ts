/**
 * Signing in through the deployment's OIDC issuer, in the browser: {@link startOidcSignIn}
 * fetches the issuer's discovery document (cached in sessionStorage), keeps the attempt's
 * secrets (PKCE verifier, `state`, `nonce`, the page to land on) in sessionStorage and sends the
 * person to the issuer; back on `/signin?code=…`, {@link finishOidcSignIn} checks the answer,
 * exchanges the code at the token endpoint and makes the session of the id_token (the Bearer of
 * the API calls; see `./oidc.ts` for why). The rules themselves are the pure `./oidc.ts`.
 */
import type { SignInSettings } from '../sign-in-settings.js';
import {
  authorizationUrl,
  discoveryPath,
  endSessionUrl,
  idTokenOfResponse,
  isIdTokenOf,
  newSignIn,
  parseCallback,
  providerOfDiscovery,
  tokenRequestBody,
  type OidcClient,
  type OidcProvider,
  type PendingSignIn,
  type SignInFailure,
} from './oidc.js';
import { sessionOfToken, type Session } from './session.js';

/** The sign-in settings of a deployment with an OIDC issuer. */
export type OidcSettings = Extract<SignInSettings, { readonly kind: 'oidc' }>;

/** How a return from the issuer ended: signed in, or why not; `next` is the page the person asked for. */
export type OidcOutcome =
  | { readonly kind: 'signedIn'; readonly session: Session; readonly next: string | null }
  | { readonly kind: 'failed'; readonly failure: SignInFailure; readonly next: string | null };

const discoveryKey = 'cjrh.oidc.discovery';
const pendingKey = 'cjrh.oidc.pending';

/** These pages as the issuer's client, on this origin (`/signin` receives the callback). */
function clientOf(settings: OidcSettings): OidcClient {
  return { issuer: settings.issuer, clientId: settings.clientId, redirectUri: `${location.origin}/signin` };
}

function stored(key: string): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

/** The issuer's endpoints: from the tab's cached discovery document, else fetched (and cached). */
async function providerOf(issuer: string): Promise<OidcProvider | SignInFailure> {
  const cached = providerOfDiscovery(stored(discoveryKey), issuer);
  if (cached) return cached;
  let document: unknown;
  try {
    const response = await fetch(`${issuer}${discoveryPath}`, { headers: { accept: 'application/json' }, credentials: 'omit' });
    document = response.ok ? await response.json() : null;
  } catch {
    return 'network';
  }
  const provider = providerOfDiscovery(document, issuer);
  if (!provider) return 'discovery';
  sessionStorage.setItem(discoveryKey, JSON.stringify(document));
  return provider;
}

/** The pending attempt, removed from the tab (a callback is used once). */
function takePending(): PendingSignIn | undefined {
  const pending = stored(pendingKey) as Partial<PendingSignIn> | null;
  sessionStorage.removeItem(pendingKey);
  if (!pending || typeof pending.state !== 'string' || typeof pending.nonce !== 'string' || typeof pending.codeVerifier !== 'string') return undefined;
  return { state: pending.state, nonce: pending.nonce, codeVerifier: pending.codeVerifier, next: typeof pending.next === 'string' ? pending.next : null };
}

/**
 * Sends the person to the issuer to sign in (authorization code with PKCE S256), to come back
 * to `next` afterwards. Resolves to the failure when the issuer cannot be asked (the browser
 * stays on the page); otherwise the browser is on its way.
 */
export async function startOidcSignIn(settings: OidcSettings, next: string | null): Promise<SignInFailure | undefined> {
  const provider = await providerOf(settings.issuer);
  if (typeof provider === 'string') return provider;
  const { pending, codeChallenge } = await newSignIn(next);
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  location.assign(authorizationUrl(provider, clientOf(settings), pending, codeChallenge));
  return undefined;
}

/**
 * Completes a sign-in from the issuer's answer in `search` (`?code=…&state=…` or
 * `?error=…`): the state must be this tab's attempt's, the code is exchanged for tokens with
 * the PKCE verifier, the id_token must be this attempt's for this client
 * ({@link isIdTokenOf}) and carry a role of this platform. The session signs out at the issuer
 * too when it offers an end-session endpoint.
 */
export async function finishOidcSignIn(settings: OidcSettings, search: string): Promise<OidcOutcome> {
  const pending = takePending();
  const next = pending?.next ?? null;
  const callback = parseCallback(search, pending);
  if (callback.kind !== 'code' || !pending) return { kind: 'failed', failure: callback.kind === 'failed' ? callback.failure : 'state', next };
  const provider = await providerOf(settings.issuer);
  if (typeof provider === 'string') return { kind: 'failed', failure: provider, next };
  const client = clientOf(settings);
  let answer: { readonly ok: boolean; readonly body: unknown };
  try {
    const response = await fetch(provider.tokenEndpoint, { method: 'POST', headers: { accept: 'application/json' }, body: tokenRequestBody(client, callback.code, pending), cache: 'no-store', credentials: 'omit' });
    answer = { ok: response.ok, body: await response.json().catch(() => null) };
  } catch {
    return { kind: 'failed', failure: 'network', next };
  }
  const idToken = answer.ok ? idTokenOfResponse(answer.body) : undefined;
  if (!idToken) return { kind: 'failed', failure: 'token', next };
  if (!isIdTokenOf(idToken, client, pending, Date.now())) return { kind: 'failed', failure: 'claims', next };
  const session = sessionOfToken(idToken);
  if (!session) return { kind: 'failed', failure: 'noRole', next };
  const signOutUrl = provider.endSessionEndpoint ? endSessionUrl(provider.endSessionEndpoint, client, idToken, `${location.origin}/signin?reason=signed_out`) : undefined;
  return { kind: 'signedIn', session: signOutUrl ? { ...session, signOutUrl } : session, next };
}

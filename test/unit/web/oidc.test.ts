import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizationUrl,
  base64url,
  codeChallengeOf,
  endSessionUrl,
  idTokenOfResponse,
  isCallback,
  isIdTokenOf,
  newSignIn,
  parseCallback,
  providerOfDiscovery,
  tokenRequestBody,
  type OidcClient,
  type PendingSignIn,
} from '#functions/web/browser/oidc.js';
import { decodeClaims } from '#functions/web/browser/token-claims.js';

const issuer = 'https://idp.example.org/realms/cjrh';
const client: OidcClient = { issuer, clientId: 'cjrh-web', redirectUri: 'https://gx.example.org/signin' };
const pending: PendingSignIn = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'v'.repeat(64), next: '/console/experts' };
const discovery = {
  issuer,
  authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
  token_endpoint: `${issuer}/protocol/openid-connect/token`,
  end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
  jwks_uri: `${issuer}/protocol/openid-connect/certs`,
};
const provider = providerOfDiscovery(discovery, issuer)!;

/** An unsigned JWT with `claims` (the browser never checks signatures). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const now = Date.UTC(2026, 11, 1, 12);
const validClaims = { iss: issuer, aud: 'cjrh-web', sub: 'u-1', nonce: 'nonce-1', exp: now / 1000 + 300, role: 'admin', name: '张处长' };

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh verifier of 43–128 unreserved characters with its challenge, and random state and nonce', async () => {
    const first = await newSignIn('/console');
    const second = await newSignIn(null);
    for (const attempt of [first, second]) {
      expect(attempt.pending.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(attempt.codeChallenge).toBe(createHash('sha256').update(attempt.pending.codeVerifier).digest('base64url'));
      expect(attempt.pending.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(attempt.pending.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(first.pending.next).toBe('/console');
    expect(second.pending.next).toBeNull();
    expect(new Set([first.pending.codeVerifier, second.pending.codeVerifier, first.pending.state, second.pending.state, first.pending.nonce, second.pending.nonce]).size).toBe(6);
  });

  it('encodes any bytes as base64url without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });
});

describe('the discovery document', () => {
  it('gives the endpoints of the configured issuer', () => {
    expect(provider).toEqual({ issuer, authorizationEndpoint: discovery.authorization_endpoint, tokenEndpoint: discovery.token_endpoint, endSessionEndpoint: discovery.end_session_endpoint });
  });

  it('accepts the issuer with or without its trailing slash and an issuer without end-session endpoint', () => {
    const { end_session_endpoint: _, ...withoutLogout } = discovery;
    expect(providerOfDiscovery({ ...withoutLogout, issuer: `${issuer}/` }, issuer)).toEqual({ issuer: `${issuer}/`, authorizationEndpoint: discovery.authorization_endpoint, tokenEndpoint: discovery.token_endpoint });
    expect(providerOfDiscovery({ ...discovery, end_session_endpoint: 'javascript:alert(1)' }, issuer)?.endSessionEndpoint).toBeUndefined();
  });

  it.each([
    ['another issuer', { ...discovery, issuer: 'https://evil.example.org/realms/cjrh' }],
    ['a plain-http authorization endpoint', { ...discovery, authorization_endpoint: 'http://idp.example.org/auth' }],
    ['a token endpoint on another origin (the CSP allows the issuer only)', { ...discovery, token_endpoint: 'https://tokens.example.org/token' }],
    ['no token endpoint', { ...discovery, token_endpoint: undefined }],
    ['not an object', 'html'],
  ])('is refused with %s', (_, document) => {
    expect(providerOfDiscovery(document, issuer)).toBeUndefined();
  });

  it('allows plain http for an issuer on this machine only', () => {
    const local = 'http://127.0.0.1:4567';
    const document = { issuer: local, authorization_endpoint: `${local}/authorize`, token_endpoint: `${local}/token` };
    expect(providerOfDiscovery(document, local)?.tokenEndpoint).toBe(`${local}/token`);
    const remote = 'http://idp.example.org';
    expect(providerOfDiscovery({ issuer: remote, authorization_endpoint: `${remote}/authorize`, token_endpoint: `${remote}/token` }, remote)).toBeUndefined();
  });
});

describe('the authorization request', () => {
  it('asks for a code with PKCE S256, state and nonce, back to /signin', () => {
    const url = new URL(authorizationUrl({ ...provider, authorizationEndpoint: `${discovery.authorization_endpoint}?kc_locale=zh-CN` }, client, pending, 'challenge-1'));
    expect(url.origin + url.pathname).toBe(discovery.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kc_locale: 'zh-CN',
      response_type: 'code',
      client_id: 'cjrh-web',
      redirect_uri: 'https://gx.example.org/signin',
      scope: 'openid profile',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
  });
});

describe('the callback', () => {
  it('is no callback without code or error', () => {
    expect(parseCallback('?next=%2Fconsole&reason=expired', pending)).toEqual({ kind: 'none' });
    expect(isCallback('')).toBe(false);
    expect(isCallback('?code=abc&state=x')).toBe(true);
    expect(isCallback('?error=access_denied')).toBe(true);
  });

  it('gives the code when the state is the pending attempt’s', () => {
    expect(parseCallback('?code=abc&state=state-1&session_state=s', pending)).toEqual({ kind: 'code', code: 'abc' });
  });

  it.each([
    ['another state', '?code=abc&state=state-2', 'state'],
    ['no state', '?code=abc', 'state'],
    ['an error of another attempt', '?error=access_denied&state=other', 'state'],
    ['the person’s refusal', '?error=access_denied&state=state-1', 'denied'],
    ['the issuer’s error', '?error=invalid_request&error_description=x&state=state-1', 'refused'],
    ['an empty code', '?code=&state=state-1', 'refused'],
  ])('fails with %s', (_, search, failure) => {
    expect(parseCallback(search, pending)).toEqual({ kind: 'failed', failure });
  });

  it('fails on the state when the tab has no pending attempt', () => {
    expect(parseCallback('?code=abc&state=state-1', undefined)).toEqual({ kind: 'failed', failure: 'state' });
  });
});

describe('the token request and its answer', () => {
  it('exchanges the code with the verifier, as a public client', () => {
    expect(Object.fromEntries(tokenRequestBody(client, 'code-1', pending))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://gx.example.org/signin',
      client_id: 'cjrh-web',
      code_verifier: pending.codeVerifier,
    });
  });

  it('takes the id_token of the answer', () => {
    const token = jwt(validClaims);
    expect(idTokenOfResponse({ access_token: 'a', id_token: token, token_type: 'Bearer' })).toBe(token);
    expect(idTokenOfResponse({ access_token: 'a' })).toBeUndefined();
    expect(idTokenOfResponse({ id_token: 'not-a-jwt' })).toBeUndefined();
    expect(idTokenOfResponse(null)).toBeUndefined();
  });
});

describe('the id_token', () => {
  it('is accepted from the issuer, for this client, with this attempt’s nonce, unexpired', () => {
    expect(isIdTokenOf(jwt(validClaims), client, pending, now)).toBe(true);
    expect(isIdTokenOf(jwt({ ...validClaims, iss: `${issuer}/` }), client, pending, now)).toBe(true);
    expect(isIdTokenOf(jwt({ ...validClaims, aud: ['cjrh-web', 'account'], azp: 'cjrh-web' }), client, pending, now)).toBe(true);
  });

  it.each([
    ['another nonce', { nonce: 'nonce-2' }],
    ['no nonce', { nonce: undefined }],
    ['another audience', { aud: 'other-app' }],
    ['several audiences authorised for another party', { aud: ['cjrh-web', 'other-app'], azp: 'other-app' }],
    ['another issuer', { iss: 'https://evil.example.org/realms/cjrh' }],
    ['an expiry in the past', { exp: now / 1000 - 120 }],
    ['no expiry', { exp: undefined }],
  ])('is refused with %s', (_, change) => {
    expect(isIdTokenOf(jwt({ ...validClaims, ...change }), client, pending, now)).toBe(false);
  });

  it('is refused when it is not a JWT', () => {
    expect(isIdTokenOf('abc', client, pending, now)).toBe(false);
    expect(isIdTokenOf('a.bm90IGpzb24.c', client, pending, now)).toBe(false);
  });

  it('decodes to its claims with Chinese names intact', () => {
    expect(decodeClaims(jwt(validClaims))).toEqual(validClaims);
    expect(decodeClaims(`x.${Buffer.from('[1]').toString('base64url')}.y`)).toBeUndefined();
  });
});

describe('signing out at the issuer', () => {
  it('names the session with the id_token and comes back to the sign-in page', () => {
    const url = new URL(endSessionUrl(discovery.end_session_endpoint, client, 'id.token.x', 'https://gx.example.org/signin?reason=signed_out'));
    expect(url.origin + url.pathname).toBe(discovery.end_session_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({ id_token_hint: 'id.token.x', client_id: 'cjrh-web', post_logout_redirect_uri: 'https://gx.example.org/signin?reason=signed_out' });
  });
});

/**
 * A tiny OIDC issuer on a loopback port, for browser tests of the sign-in page: discovery,
 * an authorize endpoint that signs the configured person in at once and redirects back with a
 * code (after checking client id, redirect URI and PKCE S256), a token endpoint that checks
 * the code verifier against the challenge and answers an RS256 id_token (with CORS, as a real
 * issuer must for a browser client), and an end-session endpoint. It records what it was asked.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** Who the issuer signs in, as claims of the id_token (`undefined` leaves a claim out). */
export interface FakePerson {
  readonly sub: string;
  readonly name?: string;
  readonly role?: string;
  readonly orgId?: string;
}

/** How the next authorization answers, to provoke the page's failures. */
export type AuthorizeMode = 'signIn' | 'tamperState' | 'deny' | 'refuseToken' | 'wrongNonce';

/** One authorization request as the issuer saw it, and its code exchange if any. */
export interface Authorization {
  readonly query: Readonly<Record<string, string>>;
  readonly code: string;
  exchange?: { readonly form: Readonly<Record<string, string>>; readonly pkceMatched: boolean };
}

export interface FakeOidcIssuer {
  readonly issuer: string;
  readonly clientId: string;
  /** The public key the id_tokens are signed with (as the API's JWT authorizer would fetch it). */
  readonly publicJwk: JWK;
  /** The redirect URI registered for the client (set once the pages' port is known). */
  redirectUri: string;
  person: FakePerson;
  mode: AuthorizeMode;
  readonly authorizations: Authorization[];
  readonly logouts: Readonly<Record<string, string>>[];
  close(): Promise<void>;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

function json(response: ServerResponse, status: number, body: unknown, origin: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': origin });
  response.end(JSON.stringify(body));
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location });
  response.end();
}

/** Starts the issuer on a free loopback port. */
export async function startFakeOidcIssuer(clientId: string): Promise<FakeOidcIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeOidcIssuer = {
    issuer,
    clientId,
    publicJwk,
    redirectUri: '',
    person: { sub: 'u-1' },
    mode: 'signIn',
    authorizations: [],
    logouts: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const pagesOrigin = () => new URL(fake.redirectUri).origin;

  const authorize = (query: Record<string, string>, response: ServerResponse) => {
    const valid = query['response_type'] === 'code' && query['client_id'] === clientId && query['redirect_uri'] === fake.redirectUri && query['code_challenge_method'] === 'S256' && /^[A-Za-z0-9_-]{43}$/.test(query['code_challenge'] ?? '') && (query['scope'] ?? '').split(' ').includes('openid');
    if (!valid) {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('invalid authorization request');
      return;
    }
    const code = randomBytes(16).toString('base64url');
    fake.authorizations.push({ query, code });
    const back = new URL(fake.redirectUri);
    if (fake.mode === 'deny') back.searchParams.set('error', 'access_denied');
    else back.searchParams.set('code', code);
    back.searchParams.set('state', fake.mode === 'tamperState' ? 'forged-state' : (query['state'] ?? ''));
    redirect(response, back.toString());
  };

  const token = async (form: Record<string, string>, response: ServerResponse, key: CryptoKey) => {
    const authorization = fake.authorizations.find((entry) => entry.code === form['code'] && !entry.exchange);
    if (!authorization) return json(response, 400, { error: 'invalid_grant' }, pagesOrigin());
    const pkceMatched = createHash('sha256').update(form['code_verifier'] ?? '').digest('base64url') === authorization.query['code_challenge'];
    authorization.exchange = { form, pkceMatched };
    const valid = pkceMatched && form['grant_type'] === 'authorization_code' && form['client_id'] === clientId && form['redirect_uri'] === fake.redirectUri;
    if (!valid || fake.mode === 'refuseToken') return json(response, 400, { error: 'invalid_grant' }, pagesOrigin());
    const { sub, ...claims } = fake.person;
    const idToken = await new SignJWT({ ...claims, nonce: fake.mode === 'wrongNonce' ? 'replayed-nonce' : authorization.query['nonce'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
    return json(response, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 600, id_token: idToken }, pagesOrigin());
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    const query = Object.fromEntries(url.searchParams);
    const serve = async () => {
      if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
        return json(response, 200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, end_session_endpoint: `${issuer}/logout`, jwks_uri: `${issuer}/jwks`, code_challenge_methods_supported: ['S256'] }, '*');
      }
      if (request.method === 'GET' && url.pathname === '/jwks') return json(response, 200, { keys: [publicJwk] }, '*');
      if (request.method === 'GET' && url.pathname === '/authorize') return authorize(query, response);
      if (request.method === 'POST' && url.pathname === '/token') return token(await readForm(request), response, privateKey);
      if (request.method === 'GET' && url.pathname === '/logout') {
        fake.logouts.push(query);
        return redirect(response, query['post_logout_redirect_uri'] ?? fake.redirectUri);
      }
      response.writeHead(404);
      response.end();
    };
    serve().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  return fake;
}

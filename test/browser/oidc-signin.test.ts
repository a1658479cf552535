/**
 * Sign-in through the deployment's OIDC issuer in headless Chromium: the pages are served with
 * SIGN_IN_ISSUER / SIGN_IN_CLIENT_ID pointing at a fake issuer on another loopback port, so
 * `/signin` runs the authorization code flow with PKCE, exchanges the code from the browser
 * (the page's CSP must allow the issuer's origin), lands the person on the console with the
 * id_token as Bearer, signs out at the issuer, and words every failure in Chinese.
 */
import { createHash } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { environmentNames } from '#infra/definitions/environment.js';
import { oidcSignInText } from '#functions/web/session-messages.js';
import { startFakeOidcIssuer, type FakeOidcIssuer } from './fake-oidc-issuer.js';
import { saveScreenshot, startPageHarness, type FakeApi, type PageHarness } from './page-harness.js';

const clientId = 'cjrh-web';
let issuer: FakeOidcIssuer;
let harness: PageHarness;
/** The Authorization headers the pages sent to the API. */
const bearers: string[] = [];

/** The lists the console's and the portal's first pages ask for, empty (this file tests signing in, not the views). */
const emptyLists: Readonly<Record<string, unknown>> = { '/api/admin/rounds': { rounds: [] }, '/api/programs': { programs: [] }, '/api/rounds': { rounds: [] }, '/api/applications': { applications: [] } };
const emptyApi: FakeApi = (method, path) =>
  method === 'GET' && Object.hasOwn(emptyLists, path) ? { status: 200, body: emptyLists[path] } : { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到', details: [] } } };

beforeAll(async () => {
  issuer = await startFakeOidcIssuer(clientId);
  // the pages read these (through the composition root) when their module loads
  vi.stubEnv(environmentNames.signInIssuer, issuer.issuer);
  vi.stubEnv(environmentNames.signInClientId, clientId);
  harness = await startPageHarness(() => emptyApi);
  issuer.redirectUri = `${harness.baseUrl}/signin`;
  harness.context.on('request', (request) => {
    const authorization = request.headers()['authorization'];
    if (new URL(request.url()).pathname.startsWith('/api/') && authorization) bearers.push(authorization);
  });
});

afterAll(async () => {
  await harness?.close();
  await issuer?.close();
  vi.unstubAllEnvs();
});

async function pressSignIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: '登录' }).click();
}

/** What the tab keeps under `key` in its sessionStorage. */
function stored(page: Page, key: string): Promise<string | null> {
  return page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(key)})`);
}

async function alertText(page: Page): Promise<string> {
  await page.getByRole('alert').waitFor();
  return (await page.getByRole('alert').textContent()) ?? '';
}

describe('signing in through the OIDC issuer', () => {
  it('runs the code flow with PKCE, lands staff on the console with the id_token as Bearer and signs out at the issuer', async () => {
    issuer.mode = 'signIn';
    issuer.person = { sub: 'staff-7', name: '张处长', role: 'admin' };
    const { page, problems } = await harness.open('/signin');
    await page.getByText('统一身份认证').first().waitFor();
    expect(await page.getByLabel('身份').count()).toBe(0);
    await saveScreenshot(page, 'signin-oidc');

    await pressSignIn(page);
    await page.waitForURL(`${harness.baseUrl}/console`);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await expect.poll(() => page.locator('.account').textContent()).toContain('张处长');
    await saveScreenshot(page, 'signin-oidc-console');

    // The issuer saw an S256 challenge, then the verifier that hashes to it, from this client.
    const [authorization] = issuer.authorizations;
    expect(authorization?.query).toMatchObject({ response_type: 'code', client_id: clientId, redirect_uri: `${harness.baseUrl}/signin`, scope: 'openid profile', code_challenge_method: 'S256' });
    expect(authorization?.exchange?.pkceMatched).toBe(true);
    expect(authorization?.exchange?.form['code_verifier']).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(createHash('sha256').update(authorization?.exchange?.form['code_verifier'] ?? '').digest('base64url')).toBe(authorization?.query['code_challenge']);
    expect(authorization?.query['state']).not.toBe(authorization?.query['nonce']);

    // The tab kept no attempt and its history no code; the Bearer is the id_token, which verifies as the JWT authorizer checks it.
    expect(await stored(page, 'cjrh.oidc.pending')).toBeNull();
    await page.goBack();
    expect(page.url()).toBe(`${harness.baseUrl}/signin`);
    await page.goForward();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    const token = (JSON.parse((await stored(page, 'cjrh.session')) ?? '{}') as { token?: string }).token ?? '';
    await expect.poll(() => bearers.length).toBeGreaterThan(0);
    expect(bearers.every((header) => header === `Bearer ${token}`)).toBe(true);
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [issuer.publicJwk] }), { issuer: issuer.issuer, audience: clientId });
    expect(payload).toMatchObject({ sub: 'staff-7', role: 'admin', nonce: authorization?.query['nonce'] });

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${harness.baseUrl}/signin?reason=signed_out`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('您已退出登录');
    expect(issuer.logouts).toEqual([{ id_token_hint: token, client_id: clientId, post_logout_redirect_uri: `${harness.baseUrl}/signin?reason=signed_out` }]);
    expect(await stored(page, 'cjrh.session')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('brings an institution back to the portal page it asked for', async () => {
    issuer.mode = 'signIn';
    issuer.person = { sub: 'clerk-1', name: '李老师', role: 'institution', orgId: 'org-liuzhou' };
    const { page, problems } = await harness.open('/signin?next=%2Fportal%2Fapplications%2Fapp-1');
    await pressSignIn(page);
    await page.waitForURL(`${harness.baseUrl}/portal/applications/app-1`);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(await stored(page, 'cjrh.session').then((session) => (JSON.parse(session ?? '{}') as { orgId?: string }).orgId)).toBe('org-liuzhou');
    expect(problems).toEqual([]);
  });

  it('refuses an answer with a tampered state before exchanging any code, and offers 登录 again', async () => {
    issuer.mode = 'tamperState';
    issuer.person = { sub: 'staff-7', name: '张处长', role: 'admin' };
    const before = issuer.authorizations.length;
    const { page, problems } = await harness.open('/signin?next=%2Fconsole%2Fexperts');
    await pressSignIn(page);
    expect(await alertText(page)).toBe(oidcSignInText.failures.state);
    await page.getByRole('button', { name: '登录' }).waitFor();
    // the forged answer is gone from the address bar; where the person was going is kept
    expect(page.url()).toBe(`${harness.baseUrl}/signin?next=%2Fconsole%2Fexperts`);
    expect(issuer.authorizations.length).toBe(before + 1);
    expect(issuer.authorizations.at(-1)?.exchange).toBeUndefined();
    expect(await stored(page, 'cjrh.session')).toBeNull();
    await saveScreenshot(page, 'signin-oidc-error');

    // Tried again (and the issuer behaves), the person gets where they were going.
    issuer.mode = 'signIn';
    await pressSignIn(page);
    await page.waitForURL(`${harness.baseUrl}/console/experts`);
    expect(problems).toEqual([]);
  });

  it.each([
    ['the person declines at the issuer', 'deny', { sub: 'staff-7', role: 'admin' }, oidcSignInText.failures.denied],
    ['the token endpoint refuses the code', 'refuseToken', { sub: 'staff-7', role: 'admin' }, oidcSignInText.failures.token],
    ['the id_token answers another attempt (nonce)', 'wrongNonce', { sub: 'staff-7', role: 'admin' }, oidcSignInText.failures.claims],
    ['the account has no role in this platform', 'signIn', { sub: 'someone', name: '王五' }, oidcSignInText.failures.noRole],
    ['an institution account has no organisation', 'signIn', { sub: 'clerk-2', role: 'institution' }, oidcSignInText.failures.noRole],
  ] as const)('says so in Chinese when %s', async (_, mode, person, message) => {
    issuer.mode = mode;
    issuer.person = person;
    const { page, problems } = await harness.open('/signin');
    await pressSignIn(page);
    expect(await alertText(page)).toBe(message);
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await stored(page, 'cjrh.session')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('says the issuer cannot be reached when it is down, and fits a phone', async () => {
    const { page, problems } = await harness.open('/signin');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.route(`${issuer.issuer}/**`, (route) => route.abort('connectionrefused'));
    await pressSignIn(page);
    expect(await alertText(page)).toBe(oidcSignInText.failures.network);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await saveScreenshot(page, 'signin-oidc-phone');
    expect(problems).toEqual([]);
  });
});

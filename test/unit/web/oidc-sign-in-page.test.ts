/**
 * The sign-in page of a deployment with an OIDC issuer (the stack sets SIGN_IN_ISSUER /
 * SIGN_IN_CLIENT_ID on the webPages function): its page data tells the script to sign in
 * through the issuer, and only its CSP lets the page connect to the issuer's origin.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { environmentNames } from '#infra/definitions/environment.js';
import { getPage, type PagesHandler } from './page-request.js';

let handler: PagesHandler;

beforeAll(async () => {
  vi.stubEnv(environmentNames.signInIssuer, 'https://idp.example.org/realms/cjrh/');
  vi.stubEnv(environmentNames.signInClientId, 'cjrh-web');
  vi.stubEnv(environmentNames.devSignIn, 'true');
  // the page policies are built when the module loads: import it after the environment is set
  ({ handler } = await import('#functions/web/pages.js'));
});

function get(path: string) {
  return getPage(handler, path);
}

function directive(policy: unknown, name: string): string | undefined {
  return String(policy)
    .split('; ')
    .find((part) => part.startsWith(`${name} `));
}

function pageDataOf(html: string): Record<string, unknown> {
  const json = /<script id="page-data" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as Record<string, unknown>;
}

describe('the sign-in page with an OIDC issuer', () => {
  it('signs in through the issuer (the OIDC settings win over the dev issuer) and may connect to its origin', async () => {
    const page = await get('/signin');
    expect(page.statusCode).toBe(200);
    expect(pageDataOf(String(page.body))['signIn']).toEqual({ kind: 'oidc', issuer: 'https://idp.example.org/realms/cjrh', clientId: 'cjrh-web' });
    expect(directive(page.headers?.['content-security-policy'], 'connect-src')).toBe("connect-src 'self' https://idp.example.org");
  });

  it('lets nothing in its policy hold back the redirect to the issuer: no navigate-to, no sandbox', async () => {
    const policy = String((await get('/signin')).headers?.['content-security-policy']);
    expect(policy).not.toMatch(/navigate-to|sandbox/);
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
  });

  it.each(['/console', '/portal', '/review/LinkAbcdefghijklmnopqrstuv', '/publicity/round-1', '/results/round-1'])('keeps %s connecting to this origin only', async (path) => {
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    expect(directive(page.headers?.['content-security-policy'], 'connect-src')).toBe("connect-src 'self'");
    expect(pageDataOf(String(page.body))['signIn']).toBeUndefined();
  });
});

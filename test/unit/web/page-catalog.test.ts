/**
 * The pages and the routes agree by construction: every page UI.md names is in the page
 * catalogue, every catalogue page is routed to the web function (CDK and local runtime read
 * the same route catalogue) and served by it with its script and policy, and every page script
 * is loaded by some page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routes } from '#infra/definitions/catalog.js';
import { appPages, appScriptOf, publicPages, webPaths } from '#functions/web/page-catalog.js';
import { pageScripts } from '#functions/web/page-scripts.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The page paths UI.md's tables name (first cell of each row, e.g. `/console/rounds/{id}`). */
function contractPages(): string[] {
  const text = readFileSync(path.join(projectRoot, '../shared/UI.md'), 'utf8');
  return [...text.matchAll(/^\| `(\/[^`]*)`/gm)].map((match) => match[1]!.replace(/\{[^}]+\}/g, '{}'));
}

const normalise = (pagePath: string) => pagePath.replace(/\{[^}]+\}/g, '{}');

type PageHandler = (event: unknown, context: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

async function get(rawPath: string) {
  const { handler } = (await import('#functions/web/pages.js')) as unknown as { handler: PageHandler };
  return handler({ version: '2.0', routeKey: '$default', rawPath, rawQueryString: '', headers: {}, requestContext: { http: { method: 'GET', path: rawPath, sourceIp: '127.0.0.1' } }, isBase64Encoded: false }, {});
}

describe('the page catalogue', () => {
  it('holds every page of the web contract (UI.md), and /signin', () => {
    const catalogued = new Set([...appPages, ...publicPages].map((page) => normalise(page.path)));
    const named = contractPages();
    expect(named.length).toBeGreaterThanOrEqual(13);
    expect(named.filter((page) => !catalogued.has(page))).toEqual([]);
    expect(catalogued.has('/signin')).toBe(true);
  });

  it('is exactly what the route catalogue sends to the web function', () => {
    const routed = routes.filter((route) => route.functionName === 'webPages').map((route) => `${route.method} ${route.path}`);
    expect(routed.sort()).toEqual(webPaths.map((pagePath) => `GET ${pagePath}`).sort());
    expect(routes.filter((route) => webPaths.includes(route.path) && route.functionName !== 'webPages')).toEqual([]);
  });

  it('is served page by page with the audience script, the zh-CN frame and a policy without inline script', async () => {
    for (const page of appPages) {
      const response = await get(page.path.replace('{id}', 'round-1'));
      expect(response.statusCode, page.path).toBe(200);
      expect(response.body).toContain('<html lang="zh-CN">');
      expect(response.body).toContain(`<script src="/assets/${appScriptOf(page.audience)}" defer></script>`);
      expect(response.body).toContain(`<title>${page.title}`);
      expect(response.body).toContain('<div id="app">');
      const policy = response.headers['content-security-policy'] ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(response.headers['cache-control']).toMatch(/^private/);
    }
  });

  it('uses every page script, and every script a page loads exists', () => {
    const loaded = new Set([...appPages.map((page) => appScriptOf(page.audience)), 'review-page.js', 'publicity-page.js', 'results-page.js']);
    expect([...loaded].sort()).toEqual(Object.keys(pageScripts).sort());
  });
});

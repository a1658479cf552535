import { describe, expect, it } from 'vitest';
import { handler } from '#functions/web/pages.js';
import { getPage } from './page-request.js';

/** A GET of the webPages Lambda. */
function get(path: string) {
  return getPage(handler, path);
}

const pages = [
  ['/review/LinkAbcdefghijklmnopqrstuv', 'review-page.js', '/api/review/'],
  ['/publicity/round-1', 'publicity-page.js', '/api/public/rounds/'],
  ['/results/round-1', 'results-page.js', '/api/public/rounds/'],
] as const;

describe.each(pages)('the page %s', (path, script, api) => {
  it('runs only its page script from this origin: no inline script, CSP script-src self', async () => {
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    const policy = String(page.headers?.['content-security-policy']);
    expect(policy).toMatch(/(^|; )script-src 'self'(;|$)/);
    const html = String(page.body);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script id="page-data" type="application/json">', `<script src="/assets/${script}" defer>`]);
    const served = await get(`/assets/${script}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers?.['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Buffer.from(String(served.body), served.isBase64Encoded ? 'base64' : 'utf8').toString('utf8')).toContain(api);
  });
});

describe('a page without script', () => {
  it('allows no script at all', async () => {
    const page = await get('/review/bad%E3%80%82');
    expect(page.statusCode).toBe(404);
    expect(String(page.headers?.['content-security-policy'])).toContain("script-src 'none'");
  });
});

import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/web/pages.js';

/** A GET of the webPages Lambda, called in process as API Gateway would. */
async function get(path: string): Promise<APIGatewayProxyStructuredResultV2> {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' }, requestId: 'test' },
    isBase64Encoded: false,
  } as unknown as Parameters<typeof handler>[0];
  return (await handler(event, { getRemainingTimeInMillis: () => 10_000 } as Context)) as APIGatewayProxyStructuredResultV2;
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

/**
 * The `webPages` Lambda: server-rendered pages for experts (`GET /review/{linkId}`) and the
 * public (`GET /publicity/{roundId}`). The pages are static apart from the id in their path
 * and touch no store: their scripts call the JSON API from the browser. Each response carries
 * a Content-Security-Policy that allows only the page's own inline script, no referrer (the
 * review link id must not leak to download hosts) and short caching.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpApi, route } from '../api/http/http-api.js';
import { contentSecurityPolicy } from './layout.js';
import { publicityScript, renderPublicityPage } from './publicity-page.js';
import { renderReviewPage, reviewScript } from './review-page.js';

const reviewPolicy = contentSecurityPolicy(reviewScript);
const publicityPolicy = contentSecurityPolicy(publicityScript);

/** Security and caching headers of the pages, by path prefix. */
function pageHeaders(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    after: async (request) => {
      const response = request.response as APIGatewayProxyStructuredResultV2 | undefined;
      const path = (request.event as { rawPath?: string }).rawPath ?? '';
      if (!response || typeof response !== 'object' || response.statusCode !== 200) return;
      const review = path.startsWith('/review/');
      response.headers = {
        ...response.headers,
        'content-security-policy': review ? reviewPolicy : publicityPolicy,
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        // the review link id is personal: browsers may keep it briefly, shared caches must not
        'cache-control': review ? 'private, max-age=300' : 'public, max-age=300',
      };
    },
  };
}

/** The Lambda handler of the web pages. */
export const handler = httpApi([
  route({ method: 'GET', path: '/review/{linkId}', auth: 'public' }, async ({ params }) => ({ html: renderReviewPage(params['linkId'] ?? '') })),
  route({ method: 'GET', path: '/publicity/{roundId}', auth: 'public' }, async ({ params }) => ({ html: renderPublicityPage(params['roundId'] ?? '') })),
]).use(pageHeaders());

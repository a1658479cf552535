/**
 * The `webPages` Lambda: the shells of the staff console (`/console…`), the institution portal
 * (`/portal…`) and sign-in (`/signin`) from the page catalogue, the server-rendered pages for
 * experts (`GET /review/{linkId}`) and the public (`GET /publicity/{roundId}`,
 * `GET /results/{roundId}`), and the bundled page scripts
 * (`GET /assets/{name}`). The pages are static apart from the id in their path and touch no
 * store: their scripts call the JSON API from the browser. Each response carries a
 * Content-Security-Policy that allows only this origin's page scripts (no inline script), no
 * referrer (the review link id must not leak to download hosts) and short caching.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, isDomainError } from '#shared/domain/errors.js';
import { httpApi, route, type Route } from '../api/http/http-api.js';
import { evidenceUploadOrigins, signInSettings } from '../composition-root.js';
import { appScriptSource, renderAppPage } from './app-page.js';
import { contentSecurityPolicy, escapeHtml, renderDocument } from './layout.js';
import { appPages } from './page-catalog.js';
import { siteMessages } from './messages.js';
import { isPageScript, pageScript } from './page-scripts.js';
import { publicityScript, renderPublicityPage } from './publicity-page.js';
import { renderResultsPage, resultsScript } from './results-page.js';
import { renderReviewPage, reviewScript } from './review-page.js';

/** The origin of the OIDC issuer the sign-in page exchanges its code with, if any. */
function signInOrigins(): readonly string[] {
  const signIn = signInSettings();
  return signIn.kind === 'oidc' ? [new URL(signIn.issuer).origin] : [];
}

/**
 * The Content-Security-Policy of each page, by the first segment of its path (`/console/…` →
 * `console`); every path of the page catalogue has its entry (test/unit/checked-links.test.ts).
 */
export const pagePolicies: Readonly<Record<string, string>> = {
  review: contentSecurityPolicy(reviewScript),
  publicity: contentSecurityPolicy(publicityScript),
  results: contentSecurityPolicy(resultsScript),
  signin: contentSecurityPolicy(appScriptSource('signin'), signInOrigins()),
  console: contentSecurityPolicy(appScriptSource('staff')),
  // evidence goes straight from the browser to the bucket (presigned POST)
  portal: contentSecurityPolicy(appScriptSource('institution'), evidenceUploadOrigins()),
  assets: "default-src 'none'; frame-ancestors 'none'",
};

/** The policy of a page without script (error pages). */
const staticPagePolicy = contentSecurityPolicy();

/** Security and caching headers of the pages, by path prefix. */
function pageHeaders(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    after: async (request) => {
      const response = request.response as APIGatewayProxyStructuredResultV2 | undefined;
      const path = (request.event as { rawPath?: string }).rawPath ?? '';
      if (!response || typeof response !== 'object' || response.statusCode !== 200) return;
      const section = path.split('/')[1] ?? '';
      // the review link id is personal, signed-in pages are per person: only the browser may keep them
      const personal = section === 'review' || section === 'console' || section === 'portal' || section === 'signin';
      response.headers = {
        ...response.headers,
        // a path without its entry may run no script at all
        'content-security-policy': pagePolicies[section] ?? staticPagePolicy,
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cache-control': personal ? 'private, max-age=300' : 'public, max-age=300',
      };
    },
  };
}

/**
 * Refusals of a page request (e.g. a link id mangled when copied from a mail) answered as a
 * page a person can read, with the refusal's Chinese message, instead of the API's JSON body.
 * Used last on a page's chain, it runs before the JSON error middleware and short-circuits it;
 * page scripts keep JSON errors.
 */
function pageErrors(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (!isDomainError(error)) return undefined;
      return {
        statusCode: error.status,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': staticPagePolicy, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' },
        body: renderDocument({ title: siteMessages.notFoundPage, main: `<h1>${escapeHtml(siteMessages.notFoundPage)}</h1>\n<p role="alert">${escapeHtml(error.message)}</p>`, data: {} }),
      };
    },
  };
}

/** A public page at `path`: its refusals are answered as a page. */
function page(path: string, render: (params: Record<string, string>) => string): Route {
  const declared = route({ method: 'GET', path, auth: 'public' }, async ({ params }) => ({ html: render(params) }));
  declared.handler.use(pageErrors());
  return declared;
}

/** The routes this function serves, each as the route catalogue (`infra/definitions/catalog.ts`) lists it. */
export const routes: readonly Route[] = [
  ...appPages.map((entry) => page(entry.path, (params) => renderAppPage(entry, params, signInSettings()))),
  page('/review/{linkId}', (params) => renderReviewPage(params['linkId'] ?? '')),
  page('/publicity/{roundId}', (params) => renderPublicityPage(params['roundId'] ?? '')),
  page('/results/{roundId}', (params) => renderResultsPage(params['roundId'] ?? '')),
  // Scripts are fetched by pages, not read by people: their refusals keep the JSON body.
  route({ method: 'GET', path: '/assets/{name}', auth: 'public' }, async ({ params }) => {
    const name = params['name'] ?? '';
    if (!isPageScript(name)) throw new DomainError('NOT_FOUND', 'page');
    return { binary: new TextEncoder().encode(await pageScript(name)), contentType: 'text/javascript; charset=utf-8' };
  }),
];

/** The Lambda handler of the web pages. */
export const handler = httpApi(routes).use(pageHeaders());

/**
 * The shell of the signed-in pages (staff console, institution portal) and of the sign-in page:
 * a server-rendered frame whose `<div id="app">` the audience's Preact script fills with the
 * view the page catalogue names, after checking the session in the browser. The server knows no
 * session (the token lives in the browser's sessionStorage), so the shell holds no data.
 */
import { escapeHtml as h, renderDocument } from './layout.js';
import { appScriptOf, type AppPage } from './page-catalog.js';
import { sessionMessages as m } from './session-messages.js';
import type { SignInSettings } from './sign-in-settings.js';

/** Where the signed-in or sign-in pages of `audience` load their script from (also their CSP's script). */
export function appScriptSource(audience: AppPage['audience']): { readonly src: string } {
  return { src: `/assets/${appScriptOf(audience)}` };
}

/**
 * The HTML of a signed-in or sign-in page of the page catalogue: its title, the app root and the data its script reads
 * (`view`, path `params`, and on the sign-in page how to sign in).
 */
export function renderAppPage(page: AppPage, params: Readonly<Record<string, string>>, signIn: SignInSettings): string {
  const main = `<div id="app"><p role="status">${h(m.loading)}</p></div>\n<noscript><p class="notice error">${h(m.noScript)}</p></noscript>`;
  const data = { view: page.view, title: page.title, params, ...(page.audience === 'signin' ? { signIn } : {}) };
  return renderDocument({ title: page.title, main, data, script: appScriptSource(page.audience), wide: page.audience === 'staff' });
}

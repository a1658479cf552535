/**
 * The public notice page (`GET /publicity/{roundId}`): the shortlist on public notice (公示)
 * with its period in Beijing time, and the objection (异议) form while the notice is open. Its
 * script is a TypeScript page script (`./browser/publicity-page.ts`) served from
 * `/assets/publicity-page.js`; the page has no inline script.
 */
import { applicationTable, escapeHtml as h, renderDocument } from './layout.js';
import { publicityPageText as t, publicityScriptMessages } from './messages.js';

const field = (id: string, label: string, control: string, hint?: string) => `
    <div class="field">
      <label for="${id}">${h(label)}</label>
      ${control}
      ${hint ? `<p class="hint" id="${id}-hint">${h(hint)}</p>` : ''}
      <p class="field-error" id="error-${id}" data-error-for="${id}" data-control="${id}"></p>
    </div>`;

const described = (id: string, hint: boolean) => `aria-describedby="${hint ? `${id}-hint ` : ''}error-${id}"`;

const main = `
<h1>${h(t.title)}</h1>
<div id="notice" class="notice" role="status" aria-live="polite" tabindex="-1"></div>
<section id="list-section" class="card" aria-labelledby="list-heading" hidden>
  <h2 id="list-heading">${h(t.listHeading)}</h2>
  <p><strong>${h(t.period)}：</strong><span id="period"></span></p>
  <p id="state" class="notice"></p>
  ${applicationTable(t)}
</section>
<section id="objection-section" class="card" aria-labelledby="objection-heading" hidden>
  <h2 id="objection-heading">${h(t.objectionHeading)}</h2>
  <p>${h(t.objectionIntro)}</p>
  <form id="objection-form" novalidate>
    ${field('applicationId', t.target, `<select id="applicationId" name="applicationId" required ${described('applicationId', false)}><option value="">${h(t.chooseTarget)}</option></select>`)}
    ${field('name', t.name, `<input type="text" id="name" name="name" maxlength="100" autocomplete="name" required ${described('name', false)}>`)}
    ${field('organization', t.organization, `<input type="text" id="organization" name="organization" maxlength="200" autocomplete="organization" ${described('organization', false)}>`)}
    ${field('phone', t.phone, `<input type="tel" id="phone" name="phone" maxlength="30" autocomplete="tel" required ${described('phone', true)}>`, t.phoneHint)}
    <div class="field">
      <label for="content">${h(t.content)}</label>
      <textarea id="content" name="content" maxlength="5000" rows="8" required ${described('content', true)}></textarea>
      <p class="hint" id="content-hint">${h(t.contentHint)} <span class="counter" id="content-count" aria-live="off"></span></p>
      <p class="field-error" id="error-content" data-error-for="content" data-control="content"></p>
    </div>
    <div id="objection-error" class="notice" role="alert" tabindex="-1"></div>
    <div class="actions"><button type="submit" class="primary" id="send">${h(t.send)}</button></div>
  </form>
</section>`;

/** Where the page loads its script from (`./browser/publicity-page.ts`). */
export const publicityScript = { src: '/assets/publicity-page.js' } as const;

/** The HTML of the public notice page of one round. */
export function renderPublicityPage(roundId: string): string {
  return renderDocument({ title: t.title, main, data: { roundId, messages: publicityScriptMessages }, script: publicityScript });
}

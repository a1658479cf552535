/**
 * The public results page (`GET /results/{roundId}`): the published recognition of a round —
 * notice number, issuer, date and recognised units (a later revocation marked 已撤销认定, and the
 * units revoked listed under 撤销认定名单) — with the link `下载认定通知` to the notice PDF. Its script is a TypeScript page script (`./browser/results-page.ts`) served from
 * `/assets/results-page.js`; the page has no inline script.
 */
import { applicationTable, escapeHtml as h, renderDocument } from './layout.js';
import { resultsPageText as t, resultsScriptMessages } from './messages.js';

/** Where the page loads its script from. */
export const resultsScript = { src: '/assets/results-page.js' } as const;

function main(roundId: string): string {
  const notice = `/api/public/rounds/${encodeURIComponent(roundId)}/notice.pdf`;
  return `
<h1 id="heading">${h(t.title)}</h1>
<div id="status" class="notice" role="status" aria-live="polite" tabindex="-1"></div>
<section id="results" class="card" aria-labelledby="notice-heading" hidden>
  <h2 id="notice-heading">${h(t.noticeHeading)}</h2>
  <dl class="facts">
    <dt>${h(t.program)}</dt><dd id="program"></dd>
    <dt>${h(t.noticeNumber)}</dt><dd id="notice-number"></dd>
    <dt>${h(t.issuer)}</dt><dd id="issuer"></dd>
    <dt>${h(t.publishedAt)}</dt><dd id="published-at"></dd>
  </dl>
  <div class="actions"><a id="notice-link" href="${h(notice)}" download>${h(t.download)}</a></div>
</section>
<section id="list-section" class="card" aria-labelledby="list-heading" hidden>
  <h2 id="list-heading">${h(t.listHeading)}</h2>
  ${applicationTable(t)}
</section>
<section id="revoked-section" class="card" aria-labelledby="revoked-heading" hidden>
  <h2 id="revoked-heading">${h(t.revokedHeading)}</h2>
  <ul id="revoked-entries"></ul>
</section>`;
}

/** The HTML of the results page of one round. */
export function renderResultsPage(roundId: string): string {
  return renderDocument({ title: t.title, main: main(roundId), data: { roundId, messages: resultsScriptMessages }, script: resultsScript });
}

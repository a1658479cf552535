/**
 * The expert's review page (`GET /review/{linkId}`, the link in the invitation e-mail).
 * Rendering it changes nothing (mail scanners prefetch links); the page script then talks to
 * the review JSON API: conflict declaration first, then the materials, then the scores. Its
 * script is a TypeScript page script (`./browser/review-page.ts`) served from
 * `/assets/review-page.js`; the page has no inline script.
 */
import { escapeHtml as h, renderDocument } from './layout.js';
import { reviewPageText as t, reviewScriptMessages } from './messages.js';

const steps = t.steps.map((step, index) => `<li id="step-${index + 1}">${index + 1}. ${h(step)}</li>`).join('');

const main = `
<h1 id="page-title">${h(t.title)}</h1>
<div id="notice" class="notice" role="status" aria-live="polite" tabindex="-1"></div>
<section id="summary" class="card" aria-labelledby="summary-heading" hidden>
  <h2 id="summary-heading">${h(t.summaryHeading)}</h2>
  <dl class="facts">
    <dt>${h(t.program)}</dt><dd id="task-program"></dd>
    <dt>${h(t.applicationTitle)}</dt><dd id="task-title"></dd>
    <dt>${h(t.applicant)}</dt><dd id="task-applicant"></dd>
    <dt>${h(t.dueAt)}</dt><dd id="task-due"></dd>
    <dt>${h(t.status)}</dt><dd id="task-status"></dd>
  </dl>
</section>
<ol class="steps" id="steps" hidden>${steps}</ol>
<section id="conflict-step" class="card" aria-labelledby="conflict-heading" hidden>
  <h2 id="conflict-heading" tabindex="-1">${h(t.conflictHeading)}</h2>
  <p>${h(t.conflictIntro)}</p>
  <form id="conflict-form" novalidate>
    <fieldset aria-describedby="error-hasConflict">
      <legend>${h(t.conflictLegend)}</legend>
      <label class="choice"><input type="radio" id="conflict-no" name="hasConflict" value="no"> ${h(t.noConflict)}</label>
      <label class="choice"><input type="radio" id="conflict-yes" name="hasConflict" value="yes"> ${h(t.hasConflict)}</label>
      <p class="field-error" id="error-hasConflict" data-error-for="hasConflict" data-control="conflict-no"></p>
    </fieldset>
    <div class="field">
      <label for="conflict-note">${h(t.conflictNote)}</label>
      <textarea id="conflict-note" name="note" maxlength="2000" aria-describedby="conflict-note-hint error-note"></textarea>
      <p class="hint" id="conflict-note-hint">${h(t.conflictNoteHint)}</p>
      <p class="field-error" id="error-note" data-error-for="note" data-control="conflict-note"></p>
    </div>
    <div id="conflict-error" class="notice" role="alert" tabindex="-1"></div>
    <div class="actions"><button type="submit" class="primary" id="declare">${h(t.declare)}</button></div>
  </form>
</section>
<section id="materials-step" class="card" aria-labelledby="materials-heading" hidden>
  <h2 id="materials-heading" tabindex="-1">${h(t.materialsHeading)}</h2>
  <h3>${h(t.formHeading)}</h3>
  <dl class="facts" id="application-form"></dl>
  <h3>${h(t.evidenceHeading)}</h3>
  <p class="hint">${h(t.evidenceHint)}</p>
  <ul class="files" id="evidence-list"></ul>
</section>
<section id="scores-step" class="card" aria-labelledby="scores-heading" hidden>
  <h2 id="scores-heading">${h(t.scoresHeading)}</h2>
  <form id="score-form" novalidate>
    <p class="hint" id="scale-hint"></p>
    <div id="indicators"></div>
    <div class="total" aria-live="polite"><span>${h(t.totalLabel)}</span><span><output id="total" for="indicators">0</output> <span id="total-of"></span></span></div>
    <div class="field">
      <label for="comment">${h(t.comment)}</label>
      <textarea id="comment" name="comment" maxlength="5000" rows="6" aria-describedby="comment-hint error-comment"></textarea>
      <p class="hint" id="comment-hint">${h(t.commentHint)}</p>
      <p class="field-error" id="error-comment" data-error-for="comment" data-control="comment"></p>
    </div>
    <fieldset aria-describedby="error-recommendation">
      <legend>${h(t.recommendationLegend)}</legend>
      <label class="choice"><input type="radio" id="recommend" name="recommendation" value="recommend"> ${h(t.recommend)}</label>
      <label class="choice"><input type="radio" id="not-recommend" name="recommendation" value="not_recommend"> ${h(t.notRecommend)}</label>
      <p class="field-error" id="error-recommendation" data-error-for="recommendation" data-control="recommend"></p>
    </fieldset>
    <div id="score-error" class="notice" role="alert" tabindex="-1"></div>
    <div class="actions">
      <button type="button" id="save-draft">${h(t.saveDraft)}</button>
      <button type="submit" class="primary" id="submit-review">${h(t.submit)}</button>
    </div>
  </form>
</section>
<section id="decline-step" class="card" aria-labelledby="decline-heading" hidden>
  <h2 id="decline-heading">${h(t.declineSummary)}</h2>
  <form id="decline-form" novalidate>
    <div class="field">
      <label for="decline-reason">${h(t.declineReason)}</label>
      <textarea id="decline-reason" name="reason" maxlength="2000" aria-describedby="error-reason"></textarea>
      <p class="field-error" id="error-reason" data-error-for="reason" data-control="decline-reason"></p>
    </div>
    <div id="decline-error" class="notice" role="alert" tabindex="-1"></div>
    <div class="actions"><button type="submit" id="decline">${h(t.decline)}</button></div>
  </form>
</section>`;

/** Where the page loads its script from (`./browser/review-page.ts`). */
export const reviewScript = { src: '/assets/review-page.js' } as const;

/**
 * The HTML of the review page for one link id. The id only goes into the page data; the
 * page script loads everything else from `/api/review/{linkId}`.
 */
export function renderReviewPage(linkId: string): string {
  return renderDocument({ title: t.title, main, data: { linkId, messages: reviewScriptMessages }, script: reviewScript });
}

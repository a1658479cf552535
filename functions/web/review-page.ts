/**
 * The expert's review page (`GET /review/{linkId}`, the link in the invitation e-mail).
 * Rendering it changes nothing (mail scanners prefetch links); the page script then talks to
 * the review JSON API: conflict declaration first, then the materials, then the scores.
 */
import { clientRuntime } from './client-runtime.js';
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
<section id="decline-step" class="card" hidden>
  <details>
    <summary>${h(t.declineSummary)}</summary>
    <form id="decline-form" novalidate>
      <div class="field">
        <label for="decline-reason">${h(t.declineReason)}</label>
        <textarea id="decline-reason" name="reason" maxlength="2000" aria-describedby="error-reason"></textarea>
        <p class="field-error" id="error-reason" data-error-for="reason" data-control="decline-reason"></p>
      </div>
      <div id="decline-error" class="notice" role="alert" tabindex="-1"></div>
      <div class="actions"><button type="submit" id="decline">${h(t.decline)}</button></div>
    </form>
  </details>
</section>`;

const pageScript = String.raw`
const base = '/api/review/' + encodeURIComponent(PAGE.linkId);
const state = { task: null, leaves: [], weights: {}, scale: { leafMaxScore: 10, total: 100 }, busy: false };

function show(id, visible) {
  $(id).hidden = !visible;
}

function markStep(current) {
  show('steps', true);
  for (let index = 1; index <= 3; index += 1) {
    const item = $('step-' + index);
    if (index === current) item.setAttribute('aria-current', 'step');
    else item.removeAttribute('aria-current');
    item.classList.toggle('done', index < current);
  }
}

function closeAll(message, kind) {
  for (const id of ['steps', 'conflict-step', 'materials-step', 'scores-step', 'decline-step']) show(id, false);
  notify($('notice'), message, kind);
  $('notice').focus();
}

function linkFailure(result) {
  if (result.status === 404) closeAll(M.linkInvalid, 'error');
  else if (result.status === 410) closeAll(result.error.message + '。' + M.linkExpiredHint, 'error');
  else return false;
  return true;
}

function renderTask(task) {
  state.task = Object.assign({}, state.task || {}, task);
  const current = state.task;
  $('task-program').textContent = current.program || '';
  $('task-title').textContent = current.applicationTitle || '';
  $('task-applicant').textContent = current.applicant || '';
  $('task-due').textContent = current.dueAt ? formatTime(current.dueAt) + '（北京时间）' : '';
  $('task-status').textContent = M.statuses[current.status] || current.status || '';
  show('summary', true);
}

async function start() {
  notify($('notice'), M.loading);
  const result = await api('GET', base);
  if (!result.ok) return linkFailure(result) || closeAll(result.error.message, 'error');
  notify($('notice'), '');
  renderTask(result.data.task);
  enter(state.task.status);
}

function enter(status) {
  if (status === 'invited') {
    markStep(1);
    show('conflict-step', true);
    show('decline-step', true);
    return;
  }
  if (status === 'accepted') return loadMaterials();
  if (status === 'conflict') return closeAll(M.conflictDeclared, 'success');
  if (status === 'submitted') return closeAll(M.submitted, 'success');
  if (status === 'declined') return closeAll(M.declined, 'success');
  return closeAll(M.linkExpired, 'error');
}

$('conflict-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  notify($('conflict-error'), '');
  const choice = form.elements.hasConflict.value;
  if (!choice) {
    fieldError(form, 'hasConflict', M.chooseConflict);
    $('conflict-no').focus();
    return;
  }
  const hasConflict = choice === 'yes';
  if (hasConflict && !window.confirm(M.confirmConflict)) return;
  const note = $('conflict-note').value.trim();
  const body = note ? { hasConflict, note } : { hasConflict };
  $('declare').disabled = true;
  const result = await api('POST', base + '/conflict', body);
  $('declare').disabled = false;
  if (!result.ok) return linkFailure(result) || showErrors(form, $('conflict-error'), result.error, (path) => path);
  renderTask(result.data.task);
  show('conflict-step', false);
  if (hasConflict) return closeAll(M.conflictDeclared, 'success');
  return loadMaterials();
});

async function loadMaterials() {
  markStep(2);
  notify($('notice'), M.loading);
  const result = await api('GET', base + '/application');
  if (!result.ok) {
    if (result.status === 403) {
      notify($('notice'), result.error.message, 'warn');
      markStep(1);
      show('conflict-step', true);
      return;
    }
    return linkFailure(result) || notify($('notice'), result.error.message, 'error');
  }
  notify($('notice'), '');
  const data = result.data;
  const program = await programOf(state.task.program);
  renderApplication(data.application || {}, data.evidence || [], program);
  renderIndicators(data.indicators || [], data.scoring || {}, (data.application && data.application.form) || {});
  prefill(state.task.draft);
  show('materials-step', true);
  show('scores-step', true);
  show('decline-step', true);
  $('materials-heading').focus();
}

async function programOf(name) {
  if (!name) return null;
  const list = await api('GET', '/api/programs');
  if (!list.ok || !list.data || !Array.isArray(list.data.programs)) return null;
  const summary = list.data.programs.find((item) => item.name === name);
  if (!summary) return null;
  const detail = await api('GET', '/api/programs/' + encodeURIComponent(summary.id));
  if (!detail.ok || !detail.data) return null;
  return detail.data.program || detail.data;
}

function holds(when, form) {
  if (!when) return true;
  const value = form[when.field];
  return Array.isArray(value) ? value.includes(when.equals) : value === when.equals;
}

function displayValue(field, value) {
  if (value === undefined || value === null || value === '') return M.emptyValue;
  if (typeof value === 'boolean') return value ? M.yes : M.no;
  const labelOf = (item) => {
    const option = field && Array.isArray(field.options) ? field.options.find((candidate) => candidate.value === item) : null;
    return option ? option.label : String(item);
  };
  if (Array.isArray(value)) return value.length ? value.map((item) => (item && typeof item === 'object' ? JSON.stringify(item) : labelOf(item))).join('、') : M.emptyValue;
  if (typeof value === 'object') return JSON.stringify(value);
  const text = labelOf(value);
  return field && field.unit ? text + ' ' + field.unit : text;
}

function renderApplication(application, evidence, program) {
  const form = application.form || {};
  const fields = program && Array.isArray(program.form) ? program.form : [];
  const known = new Set(fields.map((field) => field.key));
  const list = $('application-form');
  list.replaceChildren();
  const add = (label, text) => list.append(el('dt', { text: label }), el('dd', { text }));
  for (const field of fields) {
    if (!holds(field.when, form) || !(field.key in form)) continue;
    add(field.label, displayValue(field, form[field.key]));
  }
  for (const [key, value] of Object.entries(form)) {
    if (!known.has(key)) add(M.formFieldNames[key] || key, displayValue(null, value));
  }
  const titles = new Map((program && Array.isArray(program.materials) ? program.materials : []).map((item) => [item.key, item.title]));
  const files = $('evidence-list');
  files.replaceChildren();
  if (!evidence.length) files.append(el('li', { text: M.noEvidence }));
  for (const item of evidence) {
    const title = titles.get(item.materialKey) || item.materialKey;
    files.append(
      el('li', {},
        el('strong', { text: title + '：' }),
        el('a', { href: item.downloadUrl, rel: 'noopener noreferrer', target: '_blank', download: item.fileName, text: item.fileName }),
        item.pages ? ' （' + item.pages + ' ' + M.pages + '）' : '',
      ),
    );
  }
}

function applicable(nodes, form) {
  const result = [];
  for (const node of nodes) {
    if (!holds(node.when, form)) continue;
    if (!Array.isArray(node.children)) {
      result.push(node);
      continue;
    }
    const children = applicable(node.children, form);
    if (children.length) result.push(Object.assign({}, node, { children }));
  }
  return result;
}

function shares(siblings) {
  const given = siblings.map((node) => node.weight).filter((weight) => typeof weight === 'number');
  const fallback = given.length ? given.reduce((sum, weight) => sum + weight, 0) / given.length : 1;
  const weights = siblings.map((node) => (typeof node.weight === 'number' ? node.weight : fallback));
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return weights.map((weight) => weight / sum);
}

function roundScore(value) {
  const scaled = Math.abs(value) * 100;
  return (Math.sign(value) * Math.round(scaled + scaled * Number.EPSILON * 4)) / 100 || 0;
}

function renderIndicators(tree, scoring, form) {
  state.scale = { leafMaxScore: scoring.leafMaxScore || 10, total: scoring.total || 100 };
  state.leaves = [];
  state.weights = {};
  const max = state.scale.leafMaxScore;
  $('scale-hint').textContent = fill(M.scaleHint, { max });
  $('total-of').textContent = '/ ' + fill(M.of, { total: state.scale.total });
  const container = $('indicators');
  container.replaceChildren();
  const build = (siblings, points, parent, depth) => {
    const fractions = shares(siblings);
    siblings.forEach((node, index) => {
      const share = points * fractions[index];
      if (Array.isArray(node.children)) {
        const group = el('div', { class: 'group', role: 'group', 'aria-labelledby': 'group-' + node.code },
          el(depth === 0 ? 'h3' : 'h4', { id: 'group-' + node.code, text: node.code + ' ' + node.title + '（' + fill(M.points, { points: roundScore(share) }) + '）' }));
        parent.append(group);
        build(node.children, share, group, depth + 1);
        return;
      }
      state.leaves.push(node);
      state.weights[node.code] = share;
      const inputId = 'score-' + node.code;
      const hintId = 'hint-' + node.code;
      const errorId = 'error-' + node.code;
      const hint = [fill(M.points, { points: roundScore(share) })].concat(Array.isArray(node.observationPoints) ? node.observationPoints : []).join('；');
      parent.append(
        el('div', { class: 'leaf' },
          el('label', { for: inputId, text: node.code + ' ' + node.title }),
          el('input', { type: 'number', id: inputId, name: 'score', inputmode: 'decimal', min: '0', max: String(max), step: 'any', 'data-code': node.code, 'aria-describedby': hintId + ' ' + errorId, on: { input: updateTotal } }),
          el('p', { class: 'hint', id: hintId, text: hint }),
          el('p', { class: 'field-error', id: errorId, 'data-error-for': node.code, 'data-control': inputId }),
        ),
      );
    });
  };
  build(applicable(tree, form), state.scale.total, container, 0);
  updateTotal();
}

function scoreInputs() {
  return Array.from($('indicators').querySelectorAll('input[data-code]'));
}

function updateTotal() {
  let sum = 0;
  for (const input of scoreInputs()) {
    const value = input.valueAsNumber;
    if (Number.isFinite(value) && value >= 0 && value <= state.scale.leafMaxScore) sum += (value / state.scale.leafMaxScore) * state.weights[input.dataset.code];
  }
  $('total').textContent = roundScore(Math.min(state.scale.total, sum)).toFixed(2);
}

function prefill(draft) {
  if (!draft) return;
  for (const input of scoreInputs()) {
    const value = draft.scores ? draft.scores[input.dataset.code] : undefined;
    if (typeof value === 'number') input.value = String(value);
  }
  if (typeof draft.comment === 'string') $('comment').value = draft.comment;
  if (draft.recommendation === 'recommend') $('recommend').checked = true;
  if (draft.recommendation === 'not_recommend') $('not-recommend').checked = true;
  updateTotal();
}

function collect(final) {
  const form = $('score-form');
  const problems = [];
  const scores = {};
  for (const input of scoreInputs()) {
    const code = input.dataset.code;
    if (input.value.trim() === '' && !input.validity.badInput) {
      if (final) problems.push([code, M.scoreMissing]);
      continue;
    }
    const value = input.valueAsNumber;
    if (!Number.isFinite(value) || value < 0 || value > state.scale.leafMaxScore) problems.push([code, fill(M.scoreRange, { max: state.scale.leafMaxScore })]);
    else scores[code] = value;
  }
  const recommendation = form.elements.recommendation.value;
  if (!recommendation) problems.push(['recommendation', M.chooseRecommendation]);
  return { problems, body: { scores, comment: $('comment').value.trim(), recommendation, final } };
}

async function sendScores(final) {
  if (state.busy) return;
  const form = $('score-form');
  clearErrors(form);
  notify($('score-error'), '');
  const { problems, body } = collect(final);
  if (problems.length) {
    for (const [path, message] of problems) fieldError(form, path, message);
    notify($('score-error'), M.fixErrors, 'error');
    const first = form.querySelector('[aria-invalid="true"]');
    (first || $('score-error')).focus();
    return;
  }
  if (final && !window.confirm(M.confirmSubmit)) return;
  state.busy = true;
  $('save-draft').disabled = true;
  $('submit-review').disabled = true;
  const result = await api('POST', base + '/scores', body);
  state.busy = false;
  $('save-draft').disabled = false;
  $('submit-review').disabled = false;
  if (!result.ok) return linkFailure(result) || showErrors(form, $('score-error'), result.error, (path) => path.replace(/^scores\./, ''));
  renderTask(result.data.task);
  if (final) {
    const total = typeof result.data.task.total === 'number' ? result.data.task.total.toFixed(2) : $('total').textContent;
    return closeAll(M.submitted + ' ' + fill(M.submittedTotal, { total }), 'success');
  }
  notify($('score-error'), fill(M.draftSaved, { time: formatTime(new Date().toISOString()) }), 'success');
}

$('score-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sendScores(true);
});
$('save-draft').addEventListener('click', () => sendScores(false));
$('score-form').addEventListener('focusin', () => markStep(3));

$('decline-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  notify($('decline-error'), '');
  const reason = $('decline-reason').value.trim();
  if (!reason) {
    fieldError(form, 'reason', M.declineReasonMissing);
    $('decline-reason').focus();
    return;
  }
  if (!window.confirm(M.confirmDecline)) return;
  $('decline').disabled = true;
  const result = await api('POST', base + '/decline', { reason });
  $('decline').disabled = false;
  if (!result.ok) return linkFailure(result) || showErrors(form, $('decline-error'), result.error, (path) => path);
  renderTask(result.data.task);
  closeAll(M.declined, 'success');
});

start();
`;

/** The inline script of the review page (static; the CSP allows exactly this script). */
export const reviewScript = clientRuntime + pageScript;

/**
 * The HTML of the review page for one link id. The id only goes into the page data; the
 * page script loads everything else from `/api/review/{linkId}`.
 */
export function renderReviewPage(linkId: string): string {
  return renderDocument({ title: t.title, main, data: { linkId, messages: reviewScriptMessages }, script: reviewScript });
}

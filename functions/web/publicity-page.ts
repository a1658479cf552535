/**
 * The public notice page (`GET /publicity/{roundId}`): the shortlist on public notice (公示)
 * with its period in Beijing time, and the objection (异议) form while the notice is open.
 */
import { clientRuntime } from './client-runtime.js';
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
      <label for="content">${h(t.content)} <span class="counter" id="content-count" aria-live="off"></span></label>
      <textarea id="content" name="content" maxlength="5000" rows="8" required ${described('content', true)}></textarea>
      <p class="hint" id="content-hint">${h(t.contentHint)}</p>
      <p class="field-error" id="error-content" data-error-for="content" data-control="content"></p>
    </div>
    <div id="objection-error" class="notice" role="alert" tabindex="-1"></div>
    <div class="actions"><button type="submit" class="primary" id="send">${h(t.send)}</button></div>
  </form>
</section>`;

const pageScript = String.raw`
const base = '/api/public/rounds/' + encodeURIComponent(PAGE.roundId);

function setClosed() {
  notify($('state'), M.closed, 'warn');
  $('objection-section').hidden = true;
}

async function start() {
  notify($('notice'), M.loading);
  const result = await api('GET', base + '/publicity');
  if (!result.ok) return notify($('notice'), result.status === 404 ? M.notStarted : result.error.message, 'error');
  notify($('notice'), '');
  const data = result.data;
  $('period').textContent = fill(M.periodRange, { start: formatTime(data.startsAt), end: formatTime(data.endsAt) });
  const rows = $('entries');
  rows.replaceChildren();
  const entries = Array.isArray(data.entries) ? data.entries : [];
  if (!entries.length) rows.append(el('tr', {}, el('td', { colspan: '3', text: M.emptyList })));
  entries.forEach((entry, index) => {
    rows.append(el('tr', {}, el('td', { text: String(index + 1) }), el('td', { text: entry.applicant }), el('td', { text: entry.title })));
    $('applicationId').append(el('option', { value: entry.applicationId, text: entry.applicant + ' — ' + entry.title }));
  });
  $('list-section').hidden = false;
  if (data.status === 'open' && entries.length) {
    notify($('state'), M.open);
    $('objection-section').hidden = false;
  } else setClosed();
}

function count() {
  $('content-count').textContent = fill(M.characters, { count: $('content').value.trim().length });
}
$('content').addEventListener('input', count);
count();

function check(form) {
  const value = (id) => $(id).value.trim();
  const problems = [];
  if (!value('applicationId')) problems.push(['applicationId', M.required]);
  if (!value('name')) problems.push(['name', M.required]);
  if (!value('phone')) problems.push(['phone', M.required]);
  else if (!/^[0-9+\-() ]{7,30}$/.test(value('phone'))) problems.push(['phone', M.phoneInvalid]);
  const content = value('content');
  if (!content) problems.push(['content', M.required]);
  else if (content.length < 10) problems.push(['content', M.contentShort]);
  else if (content.length > 5000) problems.push(['content', M.contentLong]);
  return problems;
}

$('objection-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  notify($('objection-error'), '');
  const problems = check(form);
  if (problems.length) {
    for (const [path, message] of problems) fieldError(form, path, message);
    notify($('objection-error'), M.fixErrors, 'error');
    form.querySelector('[aria-invalid="true"]').focus();
    return;
  }
  const body = { applicationId: $('applicationId').value, name: $('name').value.trim(), phone: $('phone').value.trim(), content: $('content').value.trim() };
  const organization = $('organization').value.trim();
  if (organization) body.organization = organization;
  $('send').disabled = true;
  const result = await api('POST', base + '/objections', body);
  $('send').disabled = false;
  if (!result.ok) {
    if (result.status === 409) {
      setClosed();
      notify($('notice'), result.error.message, 'error');
      $('notice').focus();
      return;
    }
    return showErrors(form, $('objection-error'), result.error, (path) => path);
  }
  form.reset();
  count();
  notify($('objection-error'), fill(result.data.duplicate ? M.alreadyAccepted : M.accepted, { receipt: result.data.receiptNumber }), 'success');
  $('objection-error').focus();
});

start();
`;

/** The inline script of the public notice page (static; the CSP allows exactly this script). */
export const publicityScript = clientRuntime + pageScript;

/** The HTML of the public notice page of one round. */
export function renderPublicityPage(roundId: string): string {
  return renderDocument({ title: t.title, main, data: { roundId, messages: publicityScriptMessages }, script: publicityScript });
}

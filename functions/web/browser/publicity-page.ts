/**
 * Script of the public notice page (`/publicity/{roundId}`): loads the shortlist on notice with
 * its period in Beijing time, and while the notice is open takes objections (checked here
 * first, the API's refusals shown next to the fields).
 */
import type { publicityScriptMessages } from '../messages.js';
import { api, beijingTime, byId, clearErrors, el, fieldError, fill, focusFirstInvalid, listOf, notify, onSubmit, pageData, showApplications, showErrors } from './page-runtime.js';

interface PublicityPageData {
  readonly roundId: string;
  readonly messages: typeof publicityScriptMessages;
}

interface Publicity {
  readonly status: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly entries?: readonly { readonly applicationId: string; readonly applicant: string; readonly title: string }[];
}

interface ObjectionReceipt {
  readonly receiptNumber: string;
  readonly duplicate?: boolean;
}

const { roundId, messages: M } = pageData<PublicityPageData>();
const base = `/api/public/rounds/${encodeURIComponent(roundId)}`;
const summary = byId('objection-error');

/** The trimmed value of a control of the objection form. */
const value = (id: string): string => byId<HTMLInputElement>(id).value.trim();

function setClosed(): void {
  notify(byId('state'), M.closed, 'warn');
  byId('objection-section').hidden = true;
}

async function start(): Promise<void> {
  notify(byId('notice'), M.loading);
  const result = await api<Publicity>('GET', `${base}/publicity`, M);
  if (!result.ok) return notify(byId('notice'), result.status === 404 ? (result.error.code === 'PUBLICITY_NOT_HELD' ? M.notHeld : M.notStarted) : result.error.message, 'error');
  notify(byId('notice'), '');
  const data = result.data;
  byId('period').textContent = fill(M.periodRange, { start: beijingTime(data.startsAt), end: beijingTime(data.endsAt) });
  const entries = listOf(data.entries);
  showApplications(entries, M.emptyList);
  for (const entry of entries) byId('applicationId').append(el('option', { value: entry.applicationId, text: `${entry.applicant} — ${entry.title}` }));
  byId('list-section').hidden = false;
  if (data.status === 'open' && entries.length) {
    notify(byId('state'), M.open);
    byId('objection-section').hidden = false;
  } else setClosed();
}

function count(): void {
  byId('content-count').textContent = fill(M.characters, { count: value('content').length });
}

/** The problems of the objection as typed, by field. */
function check(): [string, string][] {
  const problems: [string, string][] = [];
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

async function send(form: HTMLFormElement): Promise<void> {
  clearErrors(form);
  notify(summary, '');
  const problems = check();
  if (problems.length) {
    for (const [path, message] of problems) fieldError(form, path, message);
    notify(summary, M.fixErrors, 'error');
    focusFirstInvalid(form, summary);
    return;
  }
  const organization = value('organization');
  const body = { applicationId: byId<HTMLSelectElement>('applicationId').value, name: value('name'), phone: value('phone'), content: value('content'), ...(organization ? { organization } : {}) };
  const button = byId<HTMLButtonElement>('send');
  button.disabled = true;
  const result = await api<ObjectionReceipt>('POST', `${base}/objections`, M, body);
  button.disabled = false;
  if (!result.ok) {
    if (result.status === 409) {
      setClosed();
      notify(byId('notice'), result.error.message, 'error');
      byId('notice').focus();
      return;
    }
    return showErrors(form, summary, result.error, (path) => path);
  }
  form.reset();
  count();
  notify(summary, fill(result.data.duplicate ? M.alreadyAccepted : M.accepted, { receipt: result.data.receiptNumber }), 'success');
  summary.focus();
}

byId('content').addEventListener('input', count);
count();
onSubmit('objection-form', send);
void start();

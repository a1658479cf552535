/**
 * Script of the expert's review page (`/review/{linkId}`): talks to the review JSON API in its
 * order — the conflict declaration first, then the materials (the application form and the
 * evidence download links), then the scores of the applicable indicators with their weighted
 * total, saved as a draft or submitted; or the expert declines.
 */
import { isFieldApplicable, type Condition } from '#shared/domain/form-condition.js';
import { applicableIndicators } from '#shared/domain/scoring.js';
import type { reviewScriptMessages } from '../messages.js';
import { api, beijingTime, byId, clearErrors, el, fieldError, fill, focusFirstInvalid, listOf, notify, onSubmit, pageData, showErrors, type ApiResult } from './page-runtime.js';

interface ReviewPageData {
  readonly linkId: string;
  readonly messages: typeof reviewScriptMessages;
}

interface Draft {
  readonly scores?: Readonly<Record<string, unknown>>;
  readonly comment?: unknown;
  readonly recommendation?: unknown;
}

interface Task {
  readonly status?: string;
  readonly dueAt?: string;
  readonly program?: string;
  readonly applicationTitle?: string;
  readonly applicant?: string;
  readonly total?: unknown;
  readonly draft?: Draft;
}

interface FormField {
  readonly key: string;
  readonly label: string;
  readonly when?: Condition;
  readonly unit?: string;
  readonly options?: readonly { readonly value: unknown; readonly label: string }[];
}

interface Program {
  readonly form?: readonly FormField[];
  readonly materials?: readonly { readonly key: string; readonly title: string }[];
}

interface Indicator {
  readonly code: string;
  readonly title: string;
  readonly weight?: unknown;
  readonly when?: Condition;
  readonly children?: readonly Indicator[];
  readonly observationPoints?: readonly string[];
}

interface Evidence {
  readonly materialKey: string;
  readonly fileName: string;
  readonly downloadUrl: string;
  readonly pages?: number;
}

type ApplicationForm = Readonly<Record<string, unknown>>;

interface Materials {
  readonly application?: { readonly form?: ApplicationForm };
  readonly evidence?: readonly Evidence[];
  readonly indicators?: readonly Indicator[];
  readonly scoring?: { readonly leafMaxScore?: number; readonly total?: number };
}

const { linkId, messages: M } = pageData<ReviewPageData>();
const base = `/api/review/${encodeURIComponent(linkId)}`;
const statuses: Readonly<Record<string, string>> = M.statuses;
const formFieldNames: Readonly<Record<string, string>> = M.formFieldNames;

const state: { task: Task | null; weights: Record<string, number>; scale: { leafMaxScore: number; total: number }; busy: boolean } = {
  task: null,
  weights: {},
  scale: { leafMaxScore: 10, total: 100 },
  busy: false,
};

function show(id: string, visible: boolean): void {
  byId(id).hidden = !visible;
}

function markStep(current: number): void {
  show('steps', true);
  for (let index = 1; index <= 3; index += 1) {
    const item = byId(`step-${index}`);
    if (index === current) item.setAttribute('aria-current', 'step');
    else item.removeAttribute('aria-current');
    item.classList.toggle('done', index < current);
  }
}

function closeAll(message: string, kind: 'error' | 'success'): void {
  for (const id of ['steps', 'conflict-step', 'materials-step', 'scores-step', 'decline-step']) show(id, false);
  notify(byId('notice'), message, kind);
  byId('notice').focus();
}

/** Closes the page when the link is unknown (404) or no longer valid (410); false for other failures. */
function linkFailure(result: ApiResult<unknown> & { ok: false }): boolean {
  if (result.status === 404) closeAll(M.linkInvalid, 'error');
  else if (result.status === 410) closeAll(`${result.error.message}。${M.linkExpiredHint}`, 'error');
  else return false;
  return true;
}

function renderTask(task: Task): Task {
  const current: Task = { ...state.task, ...task };
  state.task = current;
  byId('task-program').textContent = current.program || '';
  byId('task-title').textContent = current.applicationTitle || '';
  byId('task-applicant').textContent = current.applicant || '';
  byId('task-due').textContent = current.dueAt ? `${beijingTime(current.dueAt)}（北京时间）` : '';
  byId('task-status').textContent = (current.status && statuses[current.status]) || current.status || '';
  show('summary', true);
  return current;
}

async function start(): Promise<void> {
  notify(byId('notice'), M.loading);
  const result = await api<{ task: Task }>('GET', base, M);
  if (!result.ok) {
    if (!linkFailure(result)) closeAll(result.error.message, 'error');
    return;
  }
  notify(byId('notice'), '');
  await enter(renderTask(result.data.task).status);
}

async function enter(status: string | undefined): Promise<void> {
  if (status === 'invited') {
    markStep(1);
    show('conflict-step', true);
    show('decline-step', true);
  } else if (status === 'accepted') await loadMaterials();
  else if (status === 'conflict') closeAll(M.conflictDeclared, 'success');
  else if (status === 'submitted') closeAll(M.submitted, 'success');
  else if (status === 'declined') closeAll(M.declined, 'success');
  else closeAll(M.linkExpired, 'error');
}

/** The value of a radio group of a form ('' when none is chosen). */
function choice(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as RadioNodeList).value;
}

/** The trimmed value of a text control. */
const textOf = (id: string): string => byId<HTMLTextAreaElement>(id).value.trim();

async function declare(form: HTMLFormElement): Promise<void> {
  clearErrors(form);
  notify(byId('conflict-error'), '');
  const chosen = choice(form, 'hasConflict');
  if (!chosen) {
    fieldError(form, 'hasConflict', M.chooseConflict);
    byId('conflict-no').focus();
    return;
  }
  const hasConflict = chosen === 'yes';
  if (hasConflict && !window.confirm(M.confirmConflict)) return;
  const note = textOf('conflict-note');
  const button = byId<HTMLButtonElement>('declare');
  button.disabled = true;
  const result = await api<{ task: Task }>('POST', `${base}/conflict`, M, note ? { hasConflict, note } : { hasConflict });
  button.disabled = false;
  if (!result.ok) {
    if (!linkFailure(result)) showErrors(form, byId('conflict-error'), result.error, (path) => path);
    return;
  }
  renderTask(result.data.task);
  show('conflict-step', false);
  if (hasConflict) closeAll(M.conflictDeclared, 'success');
  else await loadMaterials();
}

async function loadMaterials(): Promise<void> {
  markStep(2);
  notify(byId('notice'), M.loading);
  const result = await api<Materials>('GET', `${base}/application`, M);
  if (!result.ok) {
    if (result.status === 403) {
      notify(byId('notice'), result.error.message, 'warn');
      markStep(1);
      show('conflict-step', true);
    } else if (!linkFailure(result)) notify(byId('notice'), result.error.message, 'error');
    return;
  }
  notify(byId('notice'), '');
  const data = result.data;
  const program = await programOf(state.task?.program);
  renderApplication(data.application?.form || {}, data.evidence || [], program);
  renderIndicators(data.indicators || [], data.scoring || {}, data.application?.form || {});
  prefill(state.task?.draft);
  show('materials-step', true);
  show('scores-step', true);
  show('decline-step', true);
  byId('materials-heading').focus();
}

/** The program the task belongs to (its form labels and material titles), if the API knows it. */
async function programOf(name: string | undefined): Promise<Program | null> {
  if (!name) return null;
  const list = await api<{ programs?: readonly { readonly id: string; readonly name: string }[] }>('GET', '/api/programs', M);
  if (!list.ok || !list.data) return null;
  const summary = listOf(list.data.programs).find((item) => item.name === name);
  if (!summary) return null;
  const detail = await api<{ program?: Program } & Program>('GET', `/api/programs/${encodeURIComponent(summary.id)}`, M);
  if (!detail.ok || !detail.data) return null;
  return detail.data.program || detail.data;
}

function displayValue(field: FormField | null, value: unknown): string {
  if (value === undefined || value === null || value === '') return M.emptyValue;
  if (typeof value === 'boolean') return value ? M.yes : M.no;
  const labelOf = (item: unknown): string => field?.options?.find((candidate) => candidate.value === item)?.label ?? String(item);
  if (Array.isArray(value)) return value.length ? value.map((item: unknown) => (item && typeof item === 'object' ? JSON.stringify(item) : labelOf(item))).join('、') : M.emptyValue;
  if (typeof value === 'object') return JSON.stringify(value);
  const text = labelOf(value);
  return field?.unit ? `${text} ${field.unit}` : text;
}

function renderApplication(form: ApplicationForm, evidence: readonly Evidence[], program: Program | null): void {
  const fields = listOf(program?.form);
  const known = new Set(fields.map((field) => field.key));
  const list = byId('application-form');
  list.replaceChildren();
  const add = (label: string, text: string) => list.append(el('dt', { text: label }), el('dd', { text }));
  for (const field of fields) {
    if (!isFieldApplicable(fields, field.key, form) || !(field.key in form)) continue;
    add(field.label, displayValue(field, form[field.key]));
  }
  for (const [key, value] of Object.entries(form)) {
    if (!known.has(key)) add(formFieldNames[key] || key, displayValue(null, value));
  }
  const titles = new Map(listOf(program?.materials).map((item) => [item.key, item.title]));
  const files = byId('evidence-list');
  files.replaceChildren();
  if (!evidence.length) files.append(el('li', { text: M.noEvidence }));
  for (const item of evidence) {
    const title = titles.get(item.materialKey) || item.materialKey;
    files.append(
      el(
        'li',
        {},
        el('strong', { text: `${title}：` }),
        el('a', { href: item.downloadUrl, rel: 'noopener noreferrer', target: '_blank', download: item.fileName, text: item.fileName }),
        item.pages ? ` （${item.pages} ${M.pages}）` : '',
      ),
    );
  }
}

/** The shares of siblings in their parent's points (an unweighted sibling weighs the mean). */
function shares(siblings: readonly Indicator[]): number[] {
  const given = siblings.map((node) => node.weight).filter((weight): weight is number => typeof weight === 'number');
  const fallback = given.length ? given.reduce((sum, weight) => sum + weight, 0) / given.length : 1;
  const weights = siblings.map((node) => (typeof node.weight === 'number' ? node.weight : fallback));
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return weights.map((weight) => weight / sum);
}

function roundScore(value: number): number {
  const scaled = Math.abs(value) * 100;
  return (Math.sign(value) * Math.round(scaled + scaled * Number.EPSILON * 4)) / 100 || 0;
}

function renderIndicators(tree: readonly Indicator[], scoring: NonNullable<Materials['scoring']>, form: ApplicationForm): void {
  state.scale = { leafMaxScore: scoring.leafMaxScore || 10, total: scoring.total || 100 };
  state.weights = {};
  const max = state.scale.leafMaxScore;
  byId('scale-hint').textContent = fill(M.scaleHint, { max });
  byId('total-of').textContent = `/ ${fill(M.of, { total: state.scale.total })}`;
  const container = byId('indicators');
  container.replaceChildren();
  const build = (siblings: readonly Indicator[], points: number, parent: HTMLElement, depth: number): void => {
    const fractions = shares(siblings);
    siblings.forEach((node, index) => {
      const share = points * fractions[index]!;
      const label = fill(M.points, { points: roundScore(share) });
      if (Array.isArray(node.children)) {
        const group = el(
          'div',
          { class: 'group', role: 'group', 'aria-labelledby': `group-${node.code}` },
          el(depth === 0 ? 'h3' : 'h4', { id: `group-${node.code}`, text: `${node.code} ${node.title}（${label}）` }),
        );
        parent.append(group);
        build(node.children, share, group, depth + 1);
        return;
      }
      state.weights[node.code] = share;
      const inputId = `score-${node.code}`;
      const hintId = `hint-${node.code}`;
      const errorId = `error-${node.code}`;
      const hint = [label, ...listOf(node.observationPoints)].join('；');
      parent.append(
        el(
          'div',
          { class: 'leaf' },
          el('label', { for: inputId, text: `${node.code} ${node.title}` }),
          el('input', { type: 'number', id: inputId, name: 'score', inputmode: 'decimal', min: '0', max: String(max), step: 'any', 'data-code': node.code, 'aria-describedby': `${hintId} ${errorId}`, on: { input: updateTotal } }),
          el('p', { class: 'hint', id: hintId, text: hint }),
          el('p', { class: 'field-error', id: errorId, 'data-error-for': node.code, 'data-control': inputId }),
        ),
      );
    });
  };
  build(applicableIndicators(tree, form), state.scale.total, container, 0);
  updateTotal();
}

function scoreInputs(): HTMLInputElement[] {
  return Array.from(byId('indicators').querySelectorAll<HTMLInputElement>('input[data-code]'));
}

const codeOf = (input: HTMLInputElement): string => input.dataset['code'] ?? '';

function updateTotal(): void {
  let sum = 0;
  for (const input of scoreInputs()) {
    const value = input.valueAsNumber;
    if (Number.isFinite(value) && value >= 0 && value <= state.scale.leafMaxScore) sum += (value / state.scale.leafMaxScore) * (state.weights[codeOf(input)] ?? 0);
  }
  byId('total').textContent = roundScore(Math.min(state.scale.total, sum)).toFixed(2);
}

function prefill(draft: Draft | undefined): void {
  if (!draft) return;
  for (const input of scoreInputs()) {
    const value = draft.scores?.[codeOf(input)];
    if (typeof value === 'number') input.value = String(value);
  }
  if (typeof draft.comment === 'string') byId<HTMLTextAreaElement>('comment').value = draft.comment;
  if (draft.recommendation === 'recommend') byId<HTMLInputElement>('recommend').checked = true;
  if (draft.recommendation === 'not_recommend') byId<HTMLInputElement>('not-recommend').checked = true;
  updateTotal();
}

/** The scores as typed (a draft may leave some out) and the problems found, by field. */
function collect(form: HTMLFormElement, final: boolean) {
  const problems: [string, string][] = [];
  const scores: Record<string, number> = {};
  for (const input of scoreInputs()) {
    const code = codeOf(input);
    if (input.value.trim() === '' && !input.validity.badInput) {
      if (final) problems.push([code, M.scoreMissing]);
      continue;
    }
    const value = input.valueAsNumber;
    if (!Number.isFinite(value) || value < 0 || value > state.scale.leafMaxScore) problems.push([code, fill(M.scoreRange, { max: state.scale.leafMaxScore })]);
    else scores[code] = value;
  }
  const recommendation = choice(form, 'recommendation');
  if (!recommendation) problems.push(['recommendation', M.chooseRecommendation]);
  return { problems, body: { scores, comment: textOf('comment'), recommendation, final } };
}

function setScoreButtons(disabled: boolean): void {
  byId<HTMLButtonElement>('save-draft').disabled = disabled;
  byId<HTMLButtonElement>('submit-review').disabled = disabled;
}

async function sendScores(final: boolean): Promise<void> {
  if (state.busy) return;
  const form = byId<HTMLFormElement>('score-form');
  const summary = byId('score-error');
  clearErrors(form);
  notify(summary, '');
  const { problems, body } = collect(form, final);
  if (problems.length) {
    for (const [path, message] of problems) fieldError(form, path, message);
    notify(summary, M.fixErrors, 'error');
    focusFirstInvalid(form, summary);
    return;
  }
  if (final && !window.confirm(M.confirmSubmit)) return;
  state.busy = true;
  setScoreButtons(true);
  const result = await api<{ task: Task }>('POST', `${base}/scores`, M, body);
  state.busy = false;
  setScoreButtons(false);
  if (!result.ok) {
    if (!linkFailure(result)) showErrors(form, summary, result.error, (path) => path.replace(/^scores\./, ''));
    return;
  }
  renderTask(result.data.task);
  if (final) {
    const total = typeof result.data.task.total === 'number' ? result.data.task.total.toFixed(2) : (byId('total').textContent ?? '');
    closeAll(`${M.submitted} ${fill(M.submittedTotal, { total })}`, 'success');
    return;
  }
  notify(summary, fill(M.draftSaved, { time: beijingTime(new Date().toISOString()) }), 'success');
}

async function decline(form: HTMLFormElement): Promise<void> {
  clearErrors(form);
  notify(byId('decline-error'), '');
  const reason = textOf('decline-reason');
  if (!reason) {
    fieldError(form, 'reason', M.declineReasonMissing);
    byId('decline-reason').focus();
    return;
  }
  if (!window.confirm(M.confirmDecline)) return;
  const button = byId<HTMLButtonElement>('decline');
  button.disabled = true;
  const result = await api<{ task: Task }>('POST', `${base}/decline`, M, { reason });
  button.disabled = false;
  if (!result.ok) {
    if (!linkFailure(result)) showErrors(form, byId('decline-error'), result.error, (path) => path);
    return;
  }
  renderTask(result.data.task);
  closeAll(M.declined, 'success');
}

onSubmit('conflict-form', declare);
onSubmit('score-form', () => sendScores(true));
byId('save-draft').addEventListener('click', () => void sendScores(false));
byId('score-form').addEventListener('focusin', () => markStep(3));
onSubmit('decline-form', decline);
void start();

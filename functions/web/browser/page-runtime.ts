/**
 * Browser helpers of the TypeScript page scripts (bundled by esbuild, see `../page-scripts.ts`):
 * the page data the server embedded, JSON API calls with the contract's error shape, DOM
 * nodes without `innerHTML`, Beijing times, status notices and errors shown next to fields.
 */

export { beijingDate, beijingTime, fill } from './text-format.js';

/** An API error as the contract gives it (or as the page words a network failure). */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly details: readonly unknown[];
}

/** The outcome of an API call. */
export type ApiResult<T> = { readonly ok: true; readonly status: number; readonly data: T } | { readonly ok: false; readonly status: number; readonly error: ApiError };

/** The HTTP methods of the JSON API. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The messages a page words a failed call with when the API gives none. */
export interface ApiFallback {
  readonly network: string;
  readonly unexpected: string;
}

/** The JSON the server put in `<script id="page-data" type="application/json">`. */
export function pageData<T>(): T {
  return JSON.parse(document.getElementById('page-data')?.textContent ?? '{}') as T;
}

/** An element of the page by id (the page's own markup guarantees it). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node as T;
}

/**
 * Calls the JSON API of this origin (a `body` is sent as JSON, a `Blob` body as its raw bytes; `extraHeaders` e.g. the
 * Authorization header of a signed-in page); failures come back as the
 * contract's error, or worded with `fallback` when the network fails or the API gives no message.
 */
export async function api<T>(method: HttpMethod, path: string, fallback: ApiFallback, body?: unknown, extraHeaders: Readonly<Record<string, string>> = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'same-origin' };
  if (body instanceof Blob) {
    // a file as it is (e.g. an import workbook): bytes, never re-encoded as text on the way
    headers['content-type'] = 'application/octet-stream';
    init.body = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, error: { code: 'NETWORK', message: fallback.network, details: [] } };
  }
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  return { ok: false, status: response.status, error: apiError(response.status, data, fallback) };
}

/**
 * A list a response should hold, or an empty one where it holds none or something else; typed
 * as the list (`Array.isArray` alone would type it `any[]`).
 *
 * @example
 * listOf(data.entries).map((entry) => entry.title);
 */
export function listOf<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [];
}

/** The contract's error in a refusal's parsed JSON body (`data`), worded with `fallback` where it has none. */
export function apiError(status: number, data: unknown, fallback: ApiFallback): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : `HTTP_${status}`,
    message: typeof error?.message === 'string' && error.message ? error.message : fallback.unexpected,
    details: Array.isArray(error?.details) ? (error.details as unknown[]) : [],
  };
}

/** Attributes of an element made by {@link el}: `text` is its text, `on` its event listeners. */
export interface ElementAttributes {
  readonly text?: string;
  readonly on?: Readonly<Record<string, EventListener>>;
  readonly [name: string]: string | Readonly<Record<string, EventListener>> | undefined;
}

/**
 * An element with attributes and children (strings become text nodes).
 *
 * @example
 * el('td', { colspan: '3', text: '公示名单为空。' });
 */
export function el(tag: string, attributes: ElementAttributes = {}, ...children: readonly (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/**
 * Fills the rows of the application table of a public page (`<tbody id="entries">`, see
 * `applicationTable` in `../layout.ts`): 序号, 申报单位, 项目名称, or one row saying `empty`.
 */
export function showApplications(entries: readonly { readonly applicant: string; readonly title: string }[], empty: string): void {
  const rows = byId('entries');
  rows.replaceChildren();
  if (entries.length === 0) rows.append(el('tr', {}, el('td', { colspan: '3', text: empty })));
  entries.forEach((entry, index) => rows.append(el('tr', {}, el('td', { text: String(index + 1) }), el('td', { text: entry.applicant }), el('td', { text: entry.title }))));
}

/** Shows a message in a notice region (`kind` styles it). */
export function notify(target: HTMLElement, message: string, kind?: 'error' | 'warn' | 'success'): void {
  target.className = kind ? `notice ${kind}` : 'notice';
  target.textContent = message;
}

/** Runs `action` on a form's submit instead of the browser's submission. */
export function onSubmit(id: string, action: (form: HTMLFormElement) => Promise<void>): void {
  const form = byId<HTMLFormElement>(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void action(form);
  });
}

/** Clears the field errors of a form. */
export function clearErrors(form: HTMLFormElement): void {
  for (const node of form.querySelectorAll<HTMLElement>('[data-error-for]')) node.textContent = '';
  for (const node of form.querySelectorAll('[aria-invalid="true"]')) node.removeAttribute('aria-invalid');
}

/**
 * Shows `message` next to the field `path` of a form (its `data-error-for` slot) and marks the
 * slot's control invalid; false when the form has no such field.
 */
export function fieldError(form: HTMLFormElement, path: string, message: string): boolean {
  const slot = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(path)}"]`);
  if (!slot) return false;
  slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
  const control = slot.dataset['control'] ? document.getElementById(slot.dataset['control']) : null;
  if (control) control.setAttribute('aria-invalid', 'true');
  return true;
}

/** Focuses the first invalid control of a form, else `fallback`. */
export function focusFirstInvalid(form: HTMLFormElement, fallback: HTMLElement): void {
  (form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? fallback).focus();
}

/**
 * Shows an API error on a form: each detail next to its field (`pathOf` maps the API's path to
 * the form's), the rest with the error's message in `summary`; focuses the first invalid field.
 */
export function showErrors(form: HTMLFormElement, summary: HTMLElement, error: ApiError, pathOf: (path: string) => string): void {
  clearErrors(form);
  const unplaced: string[] = [];
  for (const detail of error.details as readonly ({ path?: unknown; message?: unknown } | null)[]) {
    const message = detail && typeof detail.message === 'string' ? detail.message : '';
    const path = detail && typeof detail.path === 'string' ? pathOf(detail.path) : '';
    if (!message) continue;
    if (!path || !fieldError(form, path, message)) unplaced.push(message);
  }
  notify(summary, unplaced.length ? `${error.message}：${unplaced.join('；')}` : error.message, 'error');
  focusFirstInvalid(form, summary);
}

/** Saves `blob` as a download named `fileName` (through a blob URL, released a minute later). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

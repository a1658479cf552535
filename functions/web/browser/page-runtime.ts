/**
 * Browser helpers of the TypeScript page scripts (bundled by esbuild, see `../page-scripts.ts`):
 * the page data the server embedded, JSON API calls with the contract's error shape, DOM
 * nodes without `innerHTML`, Beijing dates and status notices.
 */

/** An API error as the contract gives it (or as the page words a network failure). */
export interface ApiError {
  readonly code: string;
  readonly message: string;
}

/** The outcome of an API call. */
export type ApiResult<T> = { readonly ok: true; readonly status: number; readonly data: T } | { readonly ok: false; readonly status: number; readonly error: ApiError };

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

/** Fills `{name}` placeholders of a message. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

/** GETs JSON from the API; failures come back as the contract's error (or `fallback` messages). */
export async function getJson<T>(path: string, fallback: { network: string; unexpected: string }): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, error: { code: 'NETWORK', message: fallback.network } };
  }
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    ok: false,
    status: response.status,
    error: {
      code: typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
      message: typeof error?.message === 'string' && error.message ? error.message : fallback.unexpected,
    },
  };
}

/** An element with text content and attributes. */
export function element(tag: string, text?: string, attributes: Readonly<Record<string, string>> = {}): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** Shows a message in a notice region (`kind` styles it). */
export function notify(target: HTMLElement, message: string, kind?: 'error' | 'warn' | 'success'): void {
  target.className = kind ? `notice ${kind}` : 'notice';
  target.textContent = message;
}

/** The date of an ISO time in Beijing, as 2026年12月1日. */
export function beijingDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts['year']}年${parts['month']}月${parts['day']}日`;
}

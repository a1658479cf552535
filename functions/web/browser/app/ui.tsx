/**
 * Small Preact building blocks the console and portal views share: loading API data, notices,
 * labelled fields with their error beside them, and Beijing times.
 */
import type { ComponentChildren, JSX, RefObject } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { sessionMessages as m } from '#functions/web/session-messages.js';
import type { ApiError } from '../page-runtime.js';
import { authorizedApi } from '../session.js';

export { beijingDate, beijingTime } from '../page-runtime.js';

/** Data loaded from the API: loading, loaded, or refused with the API's error. */
export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'ok'; readonly data: T } | { readonly state: 'error'; readonly error: ApiError };

/**
 * Loads `path` as the signed-in person, again whenever `reload` is called or `path` changes.
 *
 * @example
 * const [rounds, reload] = useApi<{ rounds: Round[] }>('/api/admin/rounds');
 */
export function useApi<T>(path: string | undefined): readonly [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let current = true;
    void authorizedApi<T>('GET', path).then((result) => {
      if (current) setLoaded(result.ok ? { state: 'ok', data: result.data } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return [loaded, reload] as const;
}

/** Shows `children` once `loaded` holds data; a loading line or the refusal before that. */
export function WhenLoaded<T>(props: { readonly loaded: Loaded<T>; readonly children: (data: T) => ComponentChildren }): JSX.Element {
  if (props.loaded.state === 'loading') return <p role="status">{m.loading}</p>;
  if (props.loaded.state === 'error') return <Alert message={props.loaded.error.message} />;
  return <>{props.children(props.loaded.data)}</>;
}

/** An error announced to assistive technology (`role="alert"`); nothing without a message. */
export function Alert(props: { readonly message: string | undefined }): JSX.Element | null {
  return props.message ? (
    <div class="notice error" role="alert" tabIndex={-1}>
      {props.message}
    </div>
  ) : null;
}

/** A status line announced politely (`role="status"`), e.g. 已保存; nothing without a message. */
export function StatusNote(props: { readonly message: string | undefined; readonly kind?: 'success' | 'warn' }): JSX.Element | null {
  return props.message ? (
    <div class={`notice ${props.kind ?? 'success'}`} role="status">
      {props.message}
    </div>
  ) : null;
}

/** The message of an API refusal: its summary and each detail's message the summary does not already say. */
export function errorText(error: ApiError): string {
  const details = (error.details as readonly ({ message?: unknown } | null)[])
    .map((detail) => (detail && typeof detail.message === 'string' ? detail.message : ''))
    .filter((message) => message && !error.message.includes(message));
  return details.length ? `${error.message}：${details.join('；')}` : error.message;
}

/** The errors of an API refusal by field path (`details[].path`), for {@link Field}. */
export function fieldErrors(error: ApiError | undefined): Readonly<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const detail of (error?.details ?? []) as readonly ({ path?: unknown; message?: unknown } | null)[]) {
    if (detail && typeof detail.path === 'string' && typeof detail.message === 'string') {
      errors[detail.path] = errors[detail.path] ? `${errors[detail.path]} ${detail.message}` : detail.message;
    }
  }
  return errors;
}

/** What a {@link Field} renders its control with: the id, and the ids describing it. */
export interface FieldControl {
  readonly id: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: 'true';
}

/**
 * The ARIA attributes of a control with the notes of {@link FieldNotes} under `id`: described by
 * its hint and error, invalid while it has an error.
 */
export function describedControl(id: string, hint: string | undefined, error: string | undefined): FieldControl {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': 'true' as const } : {}) };
}

/** The hint and the error under a control (ids `<id>-hint`, `<id>-error`, see {@link describedControl}). */
export function FieldNotes(props: { readonly id: string; readonly hint?: string | undefined; readonly error?: string | undefined }): JSX.Element {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

/** The mark after the label of a required field (outside the label, whose text is exactly the field's label). */
export function RequiredMark(props: { readonly required: boolean | undefined }): JSX.Element | null {
  return props.required ? (
    <span class="required" aria-hidden="true">
      {' *'}
    </span>
  ) : null;
}

/**
 * A labelled form control with its hint and its error beside it: `children` renders the control
 * with the given id and ARIA attributes; a required field is marked after its label (`*`).
 *
 * @example
 * <Field label="批次名称" error={errors['title']}>{(control) => <input {...control} type="text" />}</Field>
 */
export function Field(props: { readonly label: string; readonly hint?: string | undefined; readonly error?: string | undefined; readonly required?: boolean; readonly children: (control: FieldControl) => ComponentChildren }): JSX.Element {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <RequiredMark required={props.required} />
      {props.children(describedControl(id, props.hint, props.error))}
      <FieldNotes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

/**
 * The state of a button's action: running (the button is disabled, so a double click does
 * nothing twice) and the refusal of the last run.
 */
export function useAction(): {
  readonly running: boolean;
  readonly error: ApiError | undefined;
  readonly run: (action: () => Promise<ApiError | undefined>) => Promise<boolean>;
  readonly clear: () => void;
} {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const run = useCallback(async (action: () => Promise<ApiError | undefined>) => {
    setRunning(true);
    setError(undefined);
    try {
      const refusal = await action();
      setError(refusal);
      return refusal === undefined;
    } finally {
      setRunning(false);
    }
  }, []);
  return { running, error, run, clear: () => setError(undefined) };
}

/**
 * Moves the focus, once a submit is refused (by the page's own checks or by the API), to the first
 * field of the form marked invalid, else to its alert, so a keyboard or screen-reader user lands
 * on what to fix. Put `ref` on the form and call `refused()` on each refusal.
 *
 * @example
 * const focus = useRefusalFocus<HTMLFormElement>();
 * if (!title) { setMissing(true); return focus.refused(); }
 * void action.run(send).then((ok) => ok || focus.refused());
 */
export function useRefusalFocus<T extends HTMLElement>(): { readonly ref: RefObject<T>; readonly refused: () => void } {
  const ref = useRef<T>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    const node = ref.current;
    if (refusals === 0 || !node) return;
    (node.querySelector<HTMLElement>('[aria-invalid="true"]') ?? node.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [refusals]);
  const refused = useCallback(() => setRefusals((count) => count + 1), []);
  return { ref, refused };
}

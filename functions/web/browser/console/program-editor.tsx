/**
 * The template editor of the program pages: a template pasted as JSON (or read from a chosen
 * file) sent to `POST /api/admin/programs` (a new program) or `PUT /api/admin/programs/{id}`
 * (its next version). A refusal is announced in an alert listing each problem beside its path
 * in the template (`details[].path`, e.g. `template.materials.0.maxBytes`).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { programsText as t } from '#functions/web/program-messages.js';
import { Field, useRefusalFocus } from '../app/ui.js';
import { fill, type ApiError } from '../page-runtime.js';
import { authorizedApi } from '../session.js';

/** A program as the staff list shows it. */
export interface ProgramSummary {
  readonly id: string;
  readonly name: string;
  readonly province?: string;
  readonly version: number;
  readonly builtIn: boolean;
  readonly updatedAt?: string;
}

/** The refusal with each problem beside its path; nothing without one. */
function Problems(props: { readonly error: ApiError | undefined }): JSX.Element | null {
  if (!props.error) return null;
  const details = (props.error.details as readonly ({ path?: unknown; message?: unknown } | null)[]).filter(
    (detail): detail is { path?: unknown; message: string } => typeof detail?.message === 'string',
  );
  return (
    <div class="notice error" role="alert" tabIndex={-1}>
      <p>{props.error.message}</p>
      {details.length > 0 ? (
        <>
          <p>{t.problemsHeading}</p>
          <ul>
            {details.map((detail, index) => (
              <li key={index}>
                {typeof detail.path === 'string' ? <code>{detail.path}</code> : null}
                {typeof detail.path === 'string' ? '：' : ''}
                {detail.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * The editor; `programId` set: publishes its next version, else creates a program. `onSaved`
 * gets the program as saved.
 */
export function ProgramEditor(props: {
  readonly heading: string;
  readonly programId?: string;
  readonly initial?: string;
  readonly onSaved: (program: ProgramSummary) => void;
  readonly onCancel: () => void;
}): JSX.Element {
  const [text, setText] = useState(props.initial ?? '');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const focus = useRefusalFocus<HTMLFormElement>();
  const refuse = (refusal: ApiError) => {
    setError(refusal);
    focus.refused();
  };
  const readFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (file) void file.text().then(setText);
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    let template: unknown;
    try {
      template = JSON.parse(text);
    } catch (parseError) {
      return refuse({ code: 'TEMPLATE_NOT_JSON', message: fill(t.notJson, { reason: (parseError as Error).message }), details: [] });
    }
    setError(undefined);
    setRunning(true);
    const path = props.programId ? `/api/admin/programs/${encodeURIComponent(props.programId)}` : '/api/admin/programs';
    void authorizedApi<{ program: ProgramSummary }>(props.programId ? 'PUT' : 'POST', path, { template })
      .then((result) => (result.ok ? props.onSaved(result.data.program) : refuse(result.error)))
      .finally(() => setRunning(false));
  };
  return (
    <form ref={focus.ref} class="card" aria-labelledby="program-editor-heading" onSubmit={onSubmit} noValidate>
      <h2 id="program-editor-heading">{props.heading}</h2>
      <Field label={t.templateFile}>{(control) => <input {...control} type="file" accept=".json,application/json" onChange={(event) => readFile(event.currentTarget)} />}</Field>
      <Field label={t.templateField} hint={t.templateHint} required>
        {(control) => <textarea {...control} rows={18} spellcheck={false} value={text} onInput={(event) => setText(event.currentTarget.value)} />}
      </Field>
      <Problems error={error} />
      <div class="toolbar">
        <button type="submit" class="primary" disabled={running}>
          {running ? t.saving : t.save}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * The 发起周期评估 form of the rounds list: the program, the evaluation's title, the units to
 * evaluate (a checklist with their names; those under way checked) and the close of intake
 * (Beijing time); `创建` posts `POST /api/admin/evaluations` and opens the new round.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { defaultEvaluatedStatuses } from '#shared/domain/evaluation-round.js';
import { evaluationText as t } from '#functions/web/evaluation-messages.js';
import { FormButtons } from '../app/data-table.js';
import { beijingInputToIso, isoToBeijingInput } from '../app/beijing-input.js';
import { Alert, Field, errorText, fieldErrors, useAction, useApi, useRefusalFocus } from '../app/ui.js';
import { authorizedApi } from '../session.js';
import { ProgramOptions, type ProgramSummary } from './round-form.js';

/** A unit as `GET /api/admin/units` lists it. */
interface UnitLine {
  readonly id: string;
  readonly organization: string;
  readonly title: string;
  readonly status: string;
}

const evaluatedByDefault: ReadonlySet<string> = new Set(defaultEvaluatedStatuses);

function UnitChecklist(props: { readonly units: readonly UnitLine[]; readonly chosen: ReadonlySet<string>; readonly onChange: (chosen: ReadonlySet<string>) => void; readonly error: string | undefined }): JSX.Element {
  if (props.units.length === 0) return <p class="notice warn">{t.noUnits}</p>;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(id);
    else next.delete(id);
    props.onChange(next);
  };
  return (
    <fieldset>
      <legend>{t.units}</legend>
      <p class="hint">{t.unitsHint}</p>
      {props.units.map((unit) => (
        <label key={unit.id} class="check">
          <input type="checkbox" checked={props.chosen.has(unit.id)} disabled={unit.status === 'revoked'} onChange={(event) => toggle(unit.id, event.currentTarget.checked)} />
          {` ${unit.organization}｜${unit.title}（${t.unitStatus[unit.status] ?? unit.status}）`}
        </label>
      ))}
      {props.error ? <p class="error" role="alert">{props.error}</p> : null}
    </fieldset>
  );
}

/** The form opening a cycle evaluation; `onCancel` closes it. */
export function EvaluationForm(props: { readonly programs: readonly ProgramSummary[]; readonly onCancel: () => void }): JSX.Element {
  const [programId, setProgramId] = useState('');
  const [title, setTitle] = useState('');
  const [closes, setCloses] = useState(() => isoToBeijingInput(new Date(Date.now() + 30 * 86_400_000)));
  const [units] = useApi<{ units: readonly UnitLine[] }>(programId ? `/api/admin/units?programId=${encodeURIComponent(programId)}` : undefined);
  const [chosen, setChosen] = useState<ReadonlySet<string> | undefined>(undefined);
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  const listed = units.state === 'ok' ? units.data.units : [];
  const checked = chosen ?? new Set(listed.filter((unit) => evaluatedByDefault.has(unit.status)).map((unit) => unit.id));
  const errors = fieldErrors(action.error);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const body = { programId, title: title.trim(), unitIds: listed.map((unit) => unit.id).filter((id) => checked.has(id)), intakeClosesAt: beijingInputToIso(closes) ?? closes };
    void action.run(async () => {
      const result = await authorizedApi<{ round: { id: string } }>('POST', '/api/admin/evaluations', body);
      if (!result.ok) return result.error;
      location.assign(`/console/rounds/${encodeURIComponent(result.data.round.id)}`);
      return undefined;
    }).then((ok) => ok || focus.refused());
  };
  return (
    <form ref={focus.ref} class="card" aria-labelledby="evaluation-form-heading" onSubmit={onSubmit} noValidate>
      <h2 id="evaluation-form-heading">{t.formHeading}</h2>
      <Alert message={action.error && errorText(action.error)} />
      <Field label={t.program} error={errors['programId']} required>
        {(control) => (
          <select
            {...control}
            value={programId}
            onChange={(event) => {
              setProgramId(event.currentTarget.value);
              setChosen(undefined);
            }}
          >
            <ProgramOptions programs={props.programs} placeholder={t.programPlaceholder} />
          </select>
        )}
      </Field>
      <Field label={t.title} error={errors['title']} required>
        {(control) => <input {...control} type="text" value={title} onInput={(event) => setTitle(event.currentTarget.value)} />}
      </Field>
      {programId ? <UnitChecklist units={listed} chosen={checked} onChange={setChosen} error={errors['unitIds']} /> : null}
      <Field label={t.intakeClosesAt} hint={t.beijingHint} error={errors['intakeClosesAt']} required>
        {(control) => <input {...control} type="datetime-local" value={closes} onInput={(event) => setCloses(event.currentTarget.value)} />}
      </Field>
      <FormButtons submit={action.running ? t.creating : t.create} cancel={t.cancel} running={action.running} onCancel={props.onCancel} />
    </form>
  );
}

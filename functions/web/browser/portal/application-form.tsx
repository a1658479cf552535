/**
 * The application form built from the program template's `form` fields: each field labelled
 * with its `label`, its `help` as hint, a required mark, a control of its type (text, textarea,
 * number with its unit, date, select, yes/no, multiselect checkboxes) and its error beside it;
 * conditional fields (`when`) appear while their condition holds. Read-only once submitted.
 */
import { Fragment, type JSX } from 'preact';
import { useId } from 'preact/hooks';
import { isFieldApplicable } from '#shared/domain/form-condition.js';
import type { FormField } from '#shared/programs/schema.js';
import { portalApplicationText as t } from '#functions/web/institution-messages.js';
import { describedControl, Field, FieldNotes, RequiredMark, type FieldControl } from '../app/ui.js';
import { fieldValueText } from '../field-value-text.js';
import { applicableFields, isChoiceList, type InputValues } from './form-values.js';

/** A field with options (select, multiselect). */
type ChoiceField = Extract<FormField, { options: unknown }>;

type Change = (key: string, value: string | readonly string[]) => void;

function textOf(inputs: InputValues, key: string): string {
  const value = inputs[key];
  return typeof value === 'string' ? value : '';
}

function Control(props: { readonly field: FormField; readonly inputs: InputValues; readonly onChange: Change; readonly control: FieldControl }): JSX.Element {
  const { field, control } = props;
  const value = textOf(props.inputs, field.key);
  const common = { ...control, value, 'aria-required': field.required ? ('true' as const) : undefined };
  const onInput = (event: Event) => props.onChange(field.key, (event.currentTarget as HTMLInputElement).value);
  switch (field.type) {
    case 'textarea':
      return <textarea {...common} maxLength={field.maxLength} rows={6} onInput={onInput} />;
    case 'number':
      return (
        <span class="with-unit">
          <input {...common} type="number" inputMode="decimal" step={field.integer ? 1 : 'any'} min={field.min} max={field.max} onInput={onInput} />
          {field.unit ? <span>{field.unit}</span> : null}
        </span>
      );
    case 'date':
      return <input {...common} type="date" onInput={onInput} />;
    case 'boolean':
      return (
        <select {...common} onChange={onInput}>
          <option value="">{t.choose}</option>
          <option value="true">{t.yes}</option>
          <option value="false">{t.no}</option>
        </select>
      );
    case 'select':
      return (
        <select {...common} onChange={onInput}>
          <option value="">{t.choose}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    default:
      return <input {...common} type="text" maxLength={field.type === 'text' ? field.maxLength : undefined} onInput={onInput} />;
  }
}

function Choices(props: { readonly field: ChoiceField; readonly inputs: InputValues; readonly onChange: Change; readonly error: string | undefined }): JSX.Element {
  const { field } = props;
  const id = useId();
  const chosen = props.inputs[field.key];
  const selected = isChoiceList(chosen) ? chosen : [];
  const toggle = (value: string, on: boolean) => props.onChange(field.key, on ? [...selected, value] : selected.filter((item) => item !== value));
  const control = describedControl(id, field.help, props.error);
  return (
    <fieldset class="field" aria-describedby={control['aria-describedby']} aria-invalid={control['aria-invalid']}>
      <legend>
        {field.label}
        <RequiredMark required={field.required} />
      </legend>
      {field.options.map((option) => (
        <label class="choice" key={option.value}>
          <input type="checkbox" checked={selected.includes(option.value)} onChange={(event) => toggle(option.value, event.currentTarget.checked)} />
          {option.label}
        </label>
      ))}
      <FieldNotes id={id} hint={field.help} error={props.error} />
    </fieldset>
  );
}

/** The editable form: the applicable fields of `fields` with the controls' values and errors. */
export function ApplicationForm(props: {
  readonly fields: readonly FormField[];
  readonly inputs: InputValues;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: Change;
  readonly onSave: () => void;
}): JSX.Element {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave();
      }}
    >
      {applicableFields(props.fields, props.inputs).map((field) =>
        field.type === 'multiselect' ? (
          <Choices key={field.key} field={field} inputs={props.inputs} onChange={props.onChange} error={props.errors[field.key]} />
        ) : (
          <Field key={field.key} label={field.label} hint={field.help} error={props.errors[field.key]} required={field.required}>
            {(control) => <Control field={field} inputs={props.inputs} onChange={props.onChange} control={control} />}
          </Field>
        ),
      )}
    </form>
  );
}

function shownValue(field: FormField, value: unknown): string {
  return fieldValueText(field, value, t) ?? t.notFilled;
}

/** The submitted form, read-only: each applicable field's label and value as a person reads it. */
export function FormSummary(props: { readonly fields: readonly FormField[]; readonly form: Readonly<Record<string, unknown>> }): JSX.Element {
  const fields = props.fields.filter((field) => isFieldApplicable(props.fields, field.key, props.form));
  return (
    <dl class="facts">
      {fields.map((field) => (
        <Fragment key={field.key}>
          <dt>{field.label}</dt>
          <dd class="pre-line">{shownValue(field, props.form[field.key])}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

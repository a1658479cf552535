/**
 * Between an application's `form` (field key → typed value, as the API keeps it) and the text
 * of the page's controls: what each control shows, the form a save or submission sends (blank
 * and inapplicable fields left out), and the checks made before sending, worded as the API's.
 */
import { isFieldApplicable } from '#shared/domain/form-condition.js';
import { valueText } from '#shared/domain/value-text.js';
import type { FormField } from '#shared/programs/schema.js';
import { portalApplicationText as t } from '#functions/web/institution-messages.js';
import type { ApiError } from '../page-runtime.js';
import { fill } from '../page-runtime.js';
import { fieldErrors } from '../app/ui.js';

/** What the controls hold: text per field, the chosen option values of a multiselect. */
export type InputValues = Readonly<Record<string, string | readonly string[]>>;

/** Whether a control's value is a multiselect's list (`Array.isArray` alone types it `any[]`). */
export function isChoiceList(input: string | readonly string[] | undefined): input is readonly string[] {
  return Array.isArray(input);
}

/** The controls' values for a stored form. */
export function inputsOf(fields: readonly FormField[], form: Readonly<Record<string, unknown>>): InputValues {
  const inputs: Record<string, string | readonly string[]> = {};
  for (const field of fields) {
    const value = form[field.key];
    if (field.type === 'multiselect') inputs[field.key] = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    else inputs[field.key] = value === undefined || value === null ? '' : valueText(value);
  }
  return inputs;
}

/** The typed value of one control, undefined when blank; `null` when it cannot be read (a number that is none). */
function valueOf(field: FormField, input: string | readonly string[] | undefined): unknown {
  if (isChoiceList(input)) return input.length > 0 ? [...input] : undefined;
  const text = typeof input === 'string' ? input : '';
  if (text.trim() === '') return undefined;
  if (field.type === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? number : null;
  }
  if (field.type === 'boolean') return text === 'true';
  return text;
}

/** A form to send and the problems found before sending it, by field key. */
export interface FormDraft {
  readonly form: Readonly<Record<string, unknown>>;
  readonly errors: Readonly<Record<string, string>>;
}

/**
 * The form the controls describe: fields that apply and are filled in. `complete` (before a
 * submission) also reports every applicable required field left blank.
 */
export function formOf(fields: readonly FormField[], inputs: InputValues, options: { readonly complete: boolean }): FormDraft {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = valueOf(field, inputs[field.key]);
    if (value === null) errors[field.key] = fill(t.notANumber, { label: field.label });
    else if (value !== undefined) values[field.key] = value;
  }
  const form: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isFieldApplicable(fields, field.key, values)) {
      delete errors[field.key];
      continue;
    }
    if (values[field.key] !== undefined) form[field.key] = values[field.key];
    else if (options.complete && field.required && !errors[field.key]) errors[field.key] = fill(t.requiredMissing, { label: field.label });
  }
  return { form, errors };
}

/** The fields of `fields` that apply to what the controls hold now (conditional fields appear and go). */
export function applicableFields(fields: readonly FormField[], inputs: InputValues): readonly FormField[] {
  const { form } = formOf(fields, inputs, { complete: false });
  const values: Record<string, unknown> = { ...form };
  return fields.filter((field) => isFieldApplicable(fields, field.key, values));
}

/**
 * The messages of an API refusal by the first segment of each detail's path (the field or
 * material key: `industries.1` → `industries`).
 */
export function errorsByKey(error: ApiError | undefined): Readonly<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const key = path.split('.')[0] ?? path;
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}

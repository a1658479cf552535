/**
 * An application's form as staff read it: each template field's label with its value in
 * words (option labels, 是/否, units), fields that do not apply to this form left out; file
 * sizes in words; reasons typed one per line. Pure: no DOM.
 */
import { isFieldApplicable } from '#shared/domain/form-condition.js';
import type { FormField } from '#shared/programs/schema.js';
import { screeningText as t } from '#functions/web/staff-messages.js';
import { fieldValueText } from '../field-value-text.js';

/** One line of the form: the field's label and its value in words. */
export interface FormLine {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** The field was left empty. */
  readonly missing: boolean;
}

/** A field's value in words, with the console's 是/否; undefined when it is empty. */
export function formatFieldValue(field: FormField, value: unknown): string | undefined {
  return fieldValueText(field, value, t);
}

/** The lines of `form` in the template's order; a field that does not apply to this form (its `when`) is left out. */
export function formLines(fields: readonly FormField[], form: Readonly<Record<string, unknown>>): FormLine[] {
  return fields
    .filter((field) => isFieldApplicable(fields, field.key, form))
    .map((field) => {
      const value = formatFieldValue(field, form[field.key]);
      return { key: field.key, label: field.label, value: value ?? t.notFilled, missing: value === undefined };
    });
}

/** A byte count in words: 512 B, 1.5 KB, 2.3 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reasons typed one per line: each line trimmed, blank lines dropped. */
export function reasonLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

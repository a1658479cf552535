/**
 * The application form (申报表): validation of an application's `form` object against the
 * program's field definitions, with Chinese messages.
 *
 * Rules:
 * - Every key must be a field of the program; unknown keys are refused.
 * - `null`, `''` (or only blanks) and `[]` mean "not filled in" for every field type.
 * - Each field is typed: text and textarea are trimmed strings within `maxLength` characters
 *   (text also matching its `pattern`, if any, as a whole),
 *   numbers are finite JSON numbers (integers when `integer`) within `min`/`max` that the
 *   store can keep (magnitude 0 or 1e-130 up to 2^53 − 1, see `storable-number.ts`) and not
 *   above the number field named by `maxField` (a part never exceeds its whole), booleans
 *   are JSON booleans, dates are `YYYY-MM-DD` calendar dates, a select holds one option
 *   value and a multiselect a list of distinct option values. Strings are not coerced to
 *   numbers or booleans: an HTML form post is converted by the web layer first.
 * - A field with a `when` condition applies only while the condition field (itself
 *   applicable) holds the given value (a multiselect: contains it). A value sent for a field that does not apply is
 *   ignored and dropped from the parsed form (the browser may still post a hidden field the
 *   applicant filled in before changing the condition), after its type is checked.
 * - `partial` (drafts): required fields may be missing; types and ranges are still enforced.
 */
import * as z from 'zod';
import type { FormField, ProgramTemplate } from '../programs/schema.js';
import { DomainError } from './errors.js';
import { isFieldApplicable } from './form-condition.js';
import { isStorableNumber } from './storable-number.js';

/** One value of a parsed form. */
export type FormValue = string | number | boolean | string[];

/** A parsed application form: field key → value, only fields that are filled in and apply. */
export type FormValues = Record<string, FormValue>;

/** Why a form value was refused: missing (required), invalid (type, format, range) or unknown (not a field). */
export type FormIssueKind = 'missing' | 'invalid' | 'unknown';

/** One problem of a form, addressed by its path inside the form (`field` or `field.index`). */
export type FormIssue = {
  readonly path: string;
  readonly message: string;
  readonly kind: FormIssueKind;
};

/** Options of form validation. */
export interface FormOptions {
  /** A draft: required fields may be missing (types are still checked). */
  readonly partial: boolean;
}

/** The outcome of {@link checkForm}: the parsed form, or the error and the issues behind it. */
export type FormCheck =
  | { readonly ok: true; readonly form: FormValues }
  | { readonly ok: false; readonly error: DomainError; readonly issues: readonly FormIssue[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The zod schema of one field's value (a value that is present). */
function fieldValueSchema(field: FormField): z.ZodType<FormValue> {
  const name = `「${field.label}」`;
  switch (field.type) {
    case 'text': {
      const pattern = field.pattern === undefined ? undefined : new RegExp(`^(?:${field.pattern})$`);
      return z
        .string({ error: `${name}应为文字` })
        .trim()
        .refine((text) => [...text].length <= field.maxLength, { error: `${name}不能超过 ${field.maxLength} 个字` })
        .refine((text) => pattern === undefined || pattern.test(text), { error: `${name}格式不正确` });
    }
    case 'textarea':
      return z
        .string({ error: `${name}应为文字` })
        .trim()
        .refine((text) => [...text].length <= field.maxLength, { error: `${name}不能超过 ${field.maxLength} 个字` });
    case 'number': {
      const unit = field.unit ?? '';
      let schema = z
        .number({ error: `${name}应为数字` })
        .refine(Number.isFinite, { error: `${name}应为有限的数字` })
        .refine(isStorableNumber, { error: `${name}的数值过大或精度过高，无法保存` });
      if (field.integer) schema = schema.refine(Number.isInteger, { error: `${name}应为整数` });
      const { min, max } = field;
      if (min !== undefined) schema = schema.refine((n) => n >= min, { error: `${name}不能小于 ${min}${unit}` });
      if (max !== undefined) schema = schema.refine((n) => n <= max, { error: `${name}不能大于 ${max}${unit}` });
      return schema;
    }
    case 'boolean':
      return z.boolean({ error: `${name}应为“是”或“否”` });
    case 'date':
      return z.string({ error: `${name}应为日期` }).refine(isCalendarDate, { error: `${name}应为有效日期（YYYY-MM-DD）` });
    case 'select': {
      const values = field.options.map((option) => option.value);
      return z.string({ error: `${name}应为选项之一` }).refine((v) => values.includes(v), { error: `${name}的选项无效` });
    }
    case 'multiselect': {
      const values = field.options.map((option) => option.value);
      return z
        .array(z.string({ error: `${name}的选项无效` }).refine((v) => values.includes(v), { error: `${name}的选项无效` }), {
          error: `${name}应为选项列表`,
        })
        .refine((list) => new Set(list).size === list.length, { error: `${name}的选项有重复` });
    }
  }
}

/**
 * Builds the zod schema of an application's `form` object for the given fields. Issues
 * carry a Chinese message and `params.kind` ({@link FormIssueKind}).
 *
 * @example
 * const schema = buildFormSchema(program.form, { partial: true });
 * const result = schema.safeParse({ applicantName: '某某职业技术学院' });
 */
export function buildFormSchema(fields: readonly FormField[], options: FormOptions): z.ZodType<FormValues, unknown> {
  const schemas = new Map(fields.map((field) => [field.key, { field, schema: fieldValueSchema(field) }]));
  return z.unknown().transform((input, ctx): FormValues => {
    const issue = (path: PropertyKey[], message: string, kind: FormIssueKind) =>
      ctx.issues.push({ code: 'custom', message, input, path, params: { kind } });
    if (!isPlainObject(input)) {
      issue([], '申报表应为对象', 'invalid');
      return z.NEVER;
    }
    const values: FormValues = {};
    for (const key of Object.keys(input)) {
      if (!schemas.has(key)) {
        issue([key], `「${key}」不是本项目申报表中的字段`, 'unknown');
      }
    }
    for (const { field, schema } of schemas.values()) {
      const raw = input[field.key];
      if (isBlank(raw)) continue;
      const parsed = schema.safeParse(raw);
      if (parsed.success) {
        values[field.key] = parsed.data;
      } else {
        for (const problem of parsed.error.issues) issue([field.key, ...problem.path], problem.message, 'invalid');
      }
    }
    const form: FormValues = {};
    for (const { field } of schemas.values()) {
      if (!isFieldApplicable(fields, field.key, values)) continue;
      const value = values[field.key];
      if (value !== undefined) form[field.key] = value;
      else if (field.required && !options.partial) issue([field.key], `请填写「${field.label}」`, 'missing');
    }
    for (const { field } of schemas.values()) {
      if (field.type !== 'number' || field.maxField === undefined) continue;
      const part = form[field.key];
      const whole = form[field.maxField];
      if (typeof part === 'number' && typeof whole === 'number' && part > whole) {
        const wholeLabel = schemas.get(field.maxField)?.field.label ?? field.maxField;
        issue([field.key], `「${field.label}」（${part}${field.unit ?? ''}）不能多于「${wholeLabel}」（${whole}${field.unit ?? ''}）`, 'invalid');
      }
    }
    return ctx.issues.length > 0 ? z.NEVER : form;
  });
}

function issueKind(issue: z.core.$ZodIssue): FormIssueKind {
  const kind = issue.code === 'custom' ? (issue.params as { kind?: unknown } | undefined)?.kind : undefined;
  return kind === 'missing' || kind === 'unknown' ? kind : 'invalid';
}

/**
 * Validates an application's form and returns a typed result: the parsed form, or a
 * `FORM_INVALID` (422) error with one detail per problem and the issues with their kind,
 * so the caller can decide how to answer (e.g. a draft with only `invalid` issues → 400).
 *
 * @example
 * const check = checkForm(program, body.form, { partial: true });
 * if (!check.ok) return respond(400, check.error);
 */
export function checkForm(program: Pick<ProgramTemplate, 'form'>, form: unknown, options: FormOptions): FormCheck {
  const result = buildFormSchema(program.form, options).safeParse(form);
  if (result.success) return { ok: true, form: result.data };
  const issues: FormIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    kind: issueKind(issue),
  }));
  return {
    ok: false,
    issues,
    error: new DomainError('FORM_INVALID', 'form', issues),
  };
}

/**
 * Validates an application's form and returns the parsed form (trimmed, blanks and
 * non-applicable fields dropped).
 *
 * @throws DomainError FORM_INVALID (422) '申报表填写不完整或有误', details `[{ path, message, kind }]`.
 */
export function validateForm(program: Pick<ProgramTemplate, 'form'>, form: unknown, options: FormOptions): FormValues {
  const check = checkForm(program, form, options);
  if (!check.ok) throw check.error;
  return check.form;
}

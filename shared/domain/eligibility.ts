/**
 * Eligibility screening (申报条件审查): evaluates a program's eligibility rules on a form.
 * Machine-checkable (`auto`) rules are decided here; `checklist` rules are left `pending`
 * for staff to confirm in the formal review (形式审查).
 */
import type { EligibilityCheck, EligibilityRule, FormField, ProgramTemplate } from '../programs/schema.js';
import { conditionHolds } from './form-condition.js';
import { valueText } from './value-text.js';

/** The outcome of one rule. */
export type EligibilityOutcome = 'pass' | 'fail' | 'pending' | 'not_applicable';

/** One rule's result, with a Chinese explanation for auto rules. */
export interface EligibilityResult {
  readonly code: string;
  readonly text: string;
  readonly kind: EligibilityRule['kind'];
  readonly outcome: EligibilityOutcome;
  /** e.g. '企业导师人数占导师团队总人数的 25.0%，低于 33.3%' */
  readonly detail?: string;
}

/** The result of screening one form against a program. */
export interface EligibilityReport {
  /** Every applicable auto rule passes (pending checklist rules do not count against it). */
  readonly passed: boolean;
  readonly results: readonly EligibilityResult[];
}

/** Tolerance of threshold comparisons, so that 1/3 written as 0.333333 still accepts 5 of 15. */
const EPSILON = 1e-9;

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function evaluateCheck(
  check: EligibilityCheck,
  form: Readonly<Record<string, unknown>>,
  label: (key: string) => string,
  optionLabel: (key: string, value: string) => string,
): { outcome: 'pass' | 'fail'; detail: string } {
  const number = (key: string) => {
    const value = form[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  switch (check.type) {
    case 'min': {
      const value = number(check.field);
      if (value === undefined) return { outcome: 'fail', detail: `未填写「${label(check.field)}」` };
      const ok = value >= check.value - EPSILON;
      return {
        outcome: ok ? 'pass' : 'fail',
        detail: `「${label(check.field)}」为 ${formatNumber(value)}，${ok ? '不低于' : '低于'} ${formatNumber(check.value)}`,
      };
    }
    case 'ratio_min': {
      const numerator = number(check.numerator);
      const denominator = number(check.denominator);
      const names = `「${label(check.numerator)}」占「${label(check.denominator)}」`;
      if (numerator === undefined) return { outcome: 'fail', detail: `未填写「${label(check.numerator)}」` };
      if (denominator === undefined) return { outcome: 'fail', detail: `未填写「${label(check.denominator)}」` };
      if (denominator <= 0) return { outcome: 'fail', detail: `「${label(check.denominator)}」为 ${formatNumber(denominator)}，无法计算比例` };
      if (numerator > denominator) {
        return {
          outcome: 'fail',
          detail: `「${label(check.numerator)}」为 ${formatNumber(numerator)}，多于「${label(check.denominator)}」${formatNumber(denominator)}，部分不能超过总数`,
        };
      }
      const ratio = numerator / denominator;
      const ok = ratio >= check.value - EPSILON;
      return {
        outcome: ok ? 'pass' : 'fail',
        detail: `${names}的 ${formatPercent(ratio)}，${ok ? '不低于' : '低于'} ${formatPercent(check.value)}`,
      };
    }
    case 'any_true': {
      const yes = check.fields.filter((key) => form[key] === true);
      const names = check.fields.map((key) => `「${label(key)}」`).join('、');
      return yes.length > 0
        ? { outcome: 'pass', detail: `满足${yes.map((key) => `「${label(key)}」`).join('、')}` }
        : { outcome: 'fail', detail: `${names}均不满足` };
    }
    case 'one_of': {
      const value = form[check.field];
      if (value === undefined || value === null || value === '') return { outcome: 'fail', detail: `未填写「${label(check.field)}」` };
      const ok = typeof value === 'string' && check.values.includes(value);
      return {
        outcome: ok ? 'pass' : 'fail',
        detail: `「${label(check.field)}」为“${typeof value === 'string' ? optionLabel(check.field, value) : valueText(value)}”，${ok ? '符合要求' : '不在允许范围内'}`,
      };
    }
  }
}

/**
 * Evaluates every eligibility rule of `program` on `form` (normally the parsed form of a
 * submitted application). A rule whose `when` condition does not hold
 * (see {@link conditionHolds}) is `not_applicable`; an applicable checklist rule is
 * `pending`; an applicable auto rule is `pass` or `fail` with a Chinese `detail`. A missing
 * or non-numeric value fails a numeric check; a ratio with a denominator of 0, or a part
 * larger than its whole, fails.
 *
 * @example
 * const report = evaluateEligibility(program, application.form);
 * if (!report.passed) // → ineligible, report.results explain why
 */
export function evaluateEligibility(
  program: Pick<ProgramTemplate, 'eligibility' | 'form'>,
  form: Readonly<Record<string, unknown>>,
): EligibilityReport {
  const labels = new Map(program.form.map((field: FormField) => [field.key, field.label]));
  const label = (key: string) => labels.get(key) ?? key;
  const optionLabel = (key: string, value: string) => {
    const field = program.form.find((candidate) => candidate.key === key);
    const options = field && (field.type === 'select' || field.type === 'multiselect') ? field.options : [];
    return options.find((option) => option.value === value)?.label ?? value;
  };
  const results = program.eligibility.map((rule): EligibilityResult => {
    const base = { code: rule.code, text: rule.text, kind: rule.kind };
    if (!conditionHolds(rule.when, form)) return { ...base, outcome: 'not_applicable' };
    if (rule.kind === 'checklist') return { ...base, outcome: 'pending' };
    return { ...base, ...evaluateCheck(rule.check, form, label, optionLabel) };
  });
  return { passed: results.every((result) => result.outcome !== 'fail'), results };
}

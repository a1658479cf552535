/**
 * Request validation with zod: every failure becomes 400 VALIDATION_FAILED with details.
 * Build schemas from the bounded helpers in `./bounded-schemas.ts` (`boundedId`, `boundedText`,
 * `finiteNumber`, `strictRecord`).
 */
import * as z from 'zod';
import { DomainError } from '#shared/domain/errors.js';

/** Turns zod issues into error details with dotted paths and Chinese messages. */
export function issueDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: describeIssue(issue) }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `不允许的字段：${issue.keys.join('、')}`;
    case 'invalid_type':
      return issue.input === undefined ? '必填' : `类型错误，应为 ${issue.expected}`;
    case 'too_small':
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_key':
      return '不允许的字段名';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'invalid_union':
      return '格式不正确';
    case 'invalid_value':
      return `取值无效，可选：${issue.values.map(String).join('、')}`;
    default:
      return issue.message;
  }
}

/**
 * Parses `value` with `schema`.
 *
 * @throws DomainError VALIDATION_FAILED (400).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  // The input is reported so a wrong type is told apart from a missing value.
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new DomainError('VALIDATION_FAILED', 'request', issueDetails(result.error));
  return result.data;
}

/** An ISO 8601 timestamp with an offset, as the API contract requires. */
export const isoTimestamp = z.iso.datetime({ offset: true });

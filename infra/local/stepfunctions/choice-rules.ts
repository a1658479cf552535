import { runtimeError } from './errors.js';
import { pathExists, readPath } from './json-path.js';

/** A Choice rule as written in ASL (a comparison, or And/Or/Not of rules). */
export type ChoiceRule = Record<string, unknown>;

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals' | 'Matches';

const comparison = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThanEquals|GreaterThanEquals|LessThan|GreaterThan|Matches)(Path)?$/;
const typeTests = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

/** The comparison operators (without the `Path` variants) a rule may use. */
export const comparisonOperators: readonly string[] = [
  ...['String', 'Numeric', 'Timestamp'].flatMap((kind) =>
    ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'].map((relation) => kind + relation),
  ),
  'StringMatches',
  'BooleanEquals',
  ...typeTests,
];

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && rfc3339.test(value) && !Number.isNaN(Date.parse(value));
}

function ofKind(kind: Kind, value: unknown): boolean {
  if (kind === 'String') return typeof value === 'string';
  if (kind === 'Numeric') return typeof value === 'number';
  if (kind === 'Boolean') return typeof value === 'boolean';
  return isTimestamp(value);
}

/** Matches `*` wildcards, with `\*` and `\\` as escapes (the StringMatches rule). */
function wildcardMatches(value: string, pattern: string): boolean {
  let regex = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] ?? '';
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      regex += (pattern[index] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (char === '*') regex += '.*';
    else regex += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${regex}$`, 's').test(value);
}

function compare(kind: Kind, relation: Relation, left: unknown, right: unknown): boolean {
  if (!ofKind(kind, left) || !ofKind(kind, right)) return false;
  if (relation === 'Matches') return wildcardMatches(left as string, right as string);
  const a = kind === 'Timestamp' ? Date.parse(left as string) : (left as string | number | boolean);
  const b = kind === 'Timestamp' ? Date.parse(right as string) : (right as string | number | boolean);
  switch (relation) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
  }
}

function typeTest(test: (typeof typeTests)[number], rule: ChoiceRule, input: unknown, variable: string): boolean {
  const expected = rule[test];
  if (test === 'IsPresent') return pathExists(variable, input) === expected;
  if (!pathExists(variable, input)) return false;
  const value = readPath(variable, input);
  const checks: Record<string, (v: unknown) => boolean> = {
    IsNull: (v) => v === null,
    IsNumeric: (v) => typeof v === 'number',
    IsString: (v) => typeof v === 'string',
    IsBoolean: (v) => typeof v === 'boolean',
    IsTimestamp: isTimestamp,
  };
  return (checks[test]?.(value) ?? false) === expected;
}

/**
 * Evaluates one Choice rule against the state's effective input. A Variable path that
 * matches nothing is a `States.Runtime` error, as in AWS (use IsPresent first).
 *
 * @example evaluateChoiceRule({ Variable: '$.n', NumericGreaterThan: 3 }, { n: 5 }) // true
 */
export function evaluateChoiceRule(rule: ChoiceRule, input: unknown): boolean {
  if (Array.isArray(rule.And)) return (rule.And as ChoiceRule[]).every((inner) => evaluateChoiceRule(inner, input));
  if (Array.isArray(rule.Or)) return (rule.Or as ChoiceRule[]).some((inner) => evaluateChoiceRule(inner, input));
  if (rule.Not && typeof rule.Not === 'object') return !evaluateChoiceRule(rule.Not as ChoiceRule, input);
  const variable = rule.Variable;
  if (typeof variable !== 'string') throw runtimeError('A Choice rule has no Variable');
  for (const test of typeTests) {
    if (test in rule) return typeTest(test, rule, input, variable);
  }
  for (const [key, operand] of Object.entries(rule)) {
    const match = comparison.exec(key);
    if (!match) continue;
    const [, kind, relation, usesPath] = match as unknown as [string, Kind, Relation, string | undefined];
    const left = readPath(variable, input);
    const right = usesPath ? readPath(String(operand), input) : operand;
    return compare(kind, relation, left, right);
  }
  throw runtimeError(`Unsupported Choice rule: ${JSON.stringify(rule)}`);
}

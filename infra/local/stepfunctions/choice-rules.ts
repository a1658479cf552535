import { runtimeError } from './errors.js';
import { readPath } from './json-path.js';

const comparisons = {
  StringEquals: (value: unknown, operand: unknown) => typeof value === 'string' && value === operand,
  BooleanEquals: (value: unknown, operand: unknown) => typeof value === 'boolean' && value === operand,
  NumericGreaterThan: (value: unknown, operand: unknown) => typeof value === 'number' && typeof operand === 'number' && value > operand,
};

/** A comparison a Choice rule may use. */
export type ChoiceOperator = keyof typeof comparisons;

/** The comparisons this runtime evaluates (no And/Or/Not, `…Path` variants or type tests). */
export const choiceOperators = Object.keys(comparisons) as readonly ChoiceOperator[];

/** A Choice rule of the supported subset: one comparison of a `$` path with a literal. */
export type ChoiceRule = { Variable: string; Next: string; Comment?: string } & Partial<Record<ChoiceOperator, unknown>>;

/**
 * Evaluates one Choice rule against the state's input. A Variable path that matches
 * nothing is a `States.Runtime` error, as in AWS; a value of another type never matches.
 *
 * @example evaluateChoiceRule({ Variable: '$.n', NumericGreaterThan: 3, Next: 'Big' }, { n: 5 }) // true
 */
export function evaluateChoiceRule(rule: ChoiceRule, input: unknown): boolean {
  const operator = choiceOperators.find((name) => name in rule);
  if (!operator) throw runtimeError(`Unsupported Choice rule: ${JSON.stringify(rule)}`);
  return comparisons[operator](readPath(rule.Variable, input), rule[operator]);
}

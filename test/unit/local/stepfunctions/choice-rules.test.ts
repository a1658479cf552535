import { describe, expect, it } from 'vitest';
import { evaluateChoiceRule } from '#infra/local/stepfunctions/choice-rules.js';
import { StatesError } from '#infra/local/stepfunctions/errors.js';

const input = { s: 'beta', n: 5, b: true, nested: { s: 'alpha' } };
const check = (rule: Record<string, unknown>) => evaluateChoiceRule({ Next: 'X', Variable: '$.s', ...rule }, input);

describe('Choice rules', () => {
  it('compares strings, booleans and numbers with a literal', () => {
    expect(check({ Variable: '$.s', StringEquals: 'beta' })).toBe(true);
    expect(check({ Variable: '$.nested.s', StringEquals: 'beta' })).toBe(false);
    expect(check({ Variable: '$.b', BooleanEquals: true })).toBe(true);
    expect(check({ Variable: '$.b', BooleanEquals: false })).toBe(false);
    expect(check({ Variable: '$.n', NumericGreaterThan: 4 })).toBe(true);
    expect(check({ Variable: '$.n', NumericGreaterThan: 5 })).toBe(false);
  });

  it('is false when the value has another type', () => {
    expect(check({ Variable: '$.n', StringEquals: '5' })).toBe(false);
    expect(check({ Variable: '$.s', NumericGreaterThan: 0 })).toBe(false);
    expect(check({ Variable: '$.s', BooleanEquals: true })).toBe(false);
  });

  it('raises States.Runtime for a missing Variable', () => {
    expect(() => check({ Variable: '$.missing', StringEquals: 'x' })).toThrow(StatesError);
  });
});

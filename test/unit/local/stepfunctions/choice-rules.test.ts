import { describe, expect, it } from 'vitest';
import { evaluateChoiceRule } from '../../../../infra/local/stepfunctions/choice-rules.js';
import { StatesError } from '../../../../infra/local/stepfunctions/errors.js';

const input = { s: 'beta', n: 5, b: true, t: '2026-11-25T08:00:00+08:00', nil: null, other: { n: 5, s: 'alpha', t: '2026-11-25T00:00:00Z' } };
const check = (rule: Record<string, unknown>) => evaluateChoiceRule(rule, input);

describe('Choice rules', () => {
  it('compares strings, including paths and wildcards', () => {
    expect(check({ Variable: '$.s', StringEquals: 'beta' })).toBe(true);
    expect(check({ Variable: '$.s', StringGreaterThanPath: '$.other.s' })).toBe(true);
    expect(check({ Variable: '$.s', StringLessThanEquals: 'alpha' })).toBe(false);
    expect(check({ Variable: '$.s', StringMatches: 'b*a' })).toBe(true);
    expect(check({ Variable: '$.s', StringMatches: 'b\\*' })).toBe(false);
  });

  it('compares numbers and booleans, and is false across types', () => {
    expect(check({ Variable: '$.n', NumericEqualsPath: '$.other.n' })).toBe(true);
    expect(check({ Variable: '$.n', NumericLessThan: 5 })).toBe(false);
    expect(check({ Variable: '$.n', NumericGreaterThanEquals: 5 })).toBe(true);
    expect(check({ Variable: '$.b', BooleanEquals: true })).toBe(true);
    expect(check({ Variable: '$.s', NumericEquals: 5 })).toBe(false);
  });

  it('compares timestamps as instants', () => {
    expect(check({ Variable: '$.t', TimestampEqualsPath: '$.other.t' })).toBe(true);
    expect(check({ Variable: '$.t', TimestampLessThan: '2026-11-25T00:00:01Z' })).toBe(true);
  });

  it('tests types and presence', () => {
    expect(check({ Variable: '$.missing', IsPresent: false })).toBe(true);
    expect(check({ Variable: '$.nil', IsNull: true })).toBe(true);
    expect(check({ Variable: '$.n', IsNumeric: true })).toBe(true);
    expect(check({ Variable: '$.s', IsString: true })).toBe(true);
    expect(check({ Variable: '$.b', IsBoolean: false })).toBe(false);
    expect(check({ Variable: '$.t', IsTimestamp: true })).toBe(true);
    expect(check({ Variable: '$.s', IsTimestamp: true })).toBe(false);
  });

  it('combines rules with And, Or and Not', () => {
    expect(check({ And: [{ Variable: '$.n', NumericEquals: 5 }, { Not: { Variable: '$.b', BooleanEquals: false } }] })).toBe(true);
    expect(check({ Or: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$.s', StringEquals: 'x' }] })).toBe(false);
  });

  it('raises States.Runtime for a missing Variable', () => {
    expect(() => check({ Variable: '$.missing', StringEquals: 'x' })).toThrow(StatesError);
  });
});

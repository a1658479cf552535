import { describe, expect, it } from 'vitest';
import { errorEqualsMatches } from '#infra/local/stepfunctions/errors.js';
import { findCatcher, planRetry } from '#infra/local/stepfunctions/retry-catch.js';

describe('retry and catch decisions', () => {
  it('computes backoff from IntervalSeconds and BackoffRate until MaxAttempts', () => {
    const retriers = [{ ErrorEquals: ['Busy'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 3 }];
    expect(planRetry(retriers, 'Busy', [])).toEqual({ retrierIndex: 0, delayMs: 3000 });
    expect(planRetry(retriers, 'Busy', [1])).toEqual({ retrierIndex: 0, delayMs: 6000 });
    expect(planRetry(retriers, 'Busy', [2])).toEqual({ retrierIndex: 0, delayMs: 12000 });
    expect(planRetry(retriers, 'Busy', [3])).toBeUndefined();
  });

  it('lets only the first matching retrier decide, with AWS defaults', () => {
    const retriers = [{ ErrorEquals: ['A'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }];
    expect(planRetry(retriers, 'A', [])).toBeUndefined();
    expect(planRetry(retriers, 'B', [])).toEqual({ retrierIndex: 1, delayMs: 1000 });
    expect(planRetry(retriers, 'B', [0, 1])).toEqual({ retrierIndex: 1, delayMs: 2000 });
    expect(planRetry(retriers, 'B', [0, 3])).toBeUndefined();
  });

  it('matches exact names and States.ALL, which never covers States.Runtime', () => {
    expect(errorEqualsMatches(['States.ALL'], 'Anything')).toBe(true);
    expect(errorEqualsMatches(['States.ALL'], 'States.Timeout')).toBe(true);
    expect(errorEqualsMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorEqualsMatches(['States.Timeout'], 'States.Timeout')).toBe(true);
    expect(errorEqualsMatches(['CONCURRENT_UPDATE'], 'Lambda.ServiceException')).toBe(false);
    expect(findCatcher([{ ErrorEquals: ['X'], Next: 'a' }, { ErrorEquals: ['States.ALL'], Next: 'b' }], 'Y')?.Next).toBe('b');
  });
});

import { describe, expect, it } from 'vitest';
import { errorNameMatches } from '../../../../infra/local/stepfunctions/errors.js';
import { findCatcher, planRetry } from '../../../../infra/local/stepfunctions/retry-catch.js';

describe('retry and catch decisions', () => {
  it('computes backoff from IntervalSeconds, BackoffRate and MaxDelaySeconds', () => {
    const retriers = [{ ErrorEquals: ['Busy'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 4, MaxDelaySeconds: 10 }];
    expect(planRetry(retriers, 'Busy', [])).toEqual({ retrierIndex: 0, delayMs: 3000 });
    expect(planRetry(retriers, 'Busy', [1])).toEqual({ retrierIndex: 0, delayMs: 6000 });
    expect(planRetry(retriers, 'Busy', [2])).toEqual({ retrierIndex: 0, delayMs: 10000 });
    expect(planRetry(retriers, 'Busy', [4])).toBeUndefined();
  });

  it('lets only the first matching retrier decide, with AWS defaults', () => {
    const retriers = [{ ErrorEquals: ['A'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }];
    expect(planRetry(retriers, 'A', [])).toBeUndefined();
    expect(planRetry(retriers, 'B', [])).toEqual({ retrierIndex: 1, delayMs: 1000 });
    expect(planRetry(retriers, 'B', [0, 3])).toBeUndefined();
  });

  it('matches the States.* wildcards like AWS', () => {
    expect(errorNameMatches('States.ALL', 'Anything')).toBe(true);
    expect(errorNameMatches('States.ALL', 'States.Runtime')).toBe(false);
    expect(errorNameMatches('States.TaskFailed', 'Lambda.Unknown')).toBe(true);
    expect(errorNameMatches('States.TaskFailed', 'States.Timeout')).toBe(false);
    expect(errorNameMatches('States.Timeout', 'States.HeartbeatTimeout')).toBe(true);
    expect(findCatcher([{ ErrorEquals: ['X'], Next: 'a' }, { ErrorEquals: ['States.ALL'], Next: 'b' }], 'Y')?.Next).toBe('b');
  });
});

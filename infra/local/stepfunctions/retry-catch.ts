import { errorEqualsMatches } from './errors.js';

/** One entry of a Task's Retry field. */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
}

/** One entry of a Task's Catch field. */
export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

/** The decision to retry: which retrier fired and after how long. */
export interface RetryPlan {
  retrierIndex: number;
  delayMs: number;
}

/**
 * Decides whether an error is retried. The first retrier whose ErrorEquals matches
 * decides alone (when it has no attempts left, the error goes on to Catch);
 * `attemptsSoFar[i]` counts the retries retrier `i` already made for this state entry.
 * The delay is `IntervalSeconds × BackoffRate^attempts` (AWS defaults 1 s, 2.0, 3 attempts).
 *
 * @example planRetry([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2 }], 'Boom', []) // { retrierIndex: 0, delayMs: 2000 }
 */
export function planRetry(retriers: readonly Retrier[] | undefined, error: string, attemptsSoFar: readonly number[]): RetryPlan | undefined {
  const retrierIndex = (retriers ?? []).findIndex((retrier) => errorEqualsMatches(retrier.ErrorEquals, error));
  const retrier = retriers?.[retrierIndex];
  if (!retrier) return undefined;
  const attempts = attemptsSoFar[retrierIndex] ?? 0;
  if (attempts >= (retrier.MaxAttempts ?? 3)) return undefined;
  const seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempts;
  return { retrierIndex, delayMs: Math.round(seconds * 1000) };
}

/** The first Catch entry whose ErrorEquals matches the error, if any. */
export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return (catchers ?? []).find((catcher) => errorEqualsMatches(catcher.ErrorEquals, error));
}

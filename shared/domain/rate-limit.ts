/**
 * Rate limits: how many requests one client (or one phone number) may make in a window, and
 * the refusal past it. Windows are fixed and aligned to the epoch, so every instance counting
 * the same key at the same time counts into the same window.
 */
import { DomainError } from './errors.js';

/** One limit: at most `limit` requests per `windowSeconds` for the subject named by `key`. */
export interface RateLimit {
  /** Names the counter, e.g. `objection:ip-minute:203.0.113.7`. */
  readonly key: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The window of `limit` that `now` falls in. */
export function rateWindow(limit: Pick<RateLimit, 'windowSeconds'>, now: Date): { startsAt: Date; endsAt: Date } {
  const size = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return { startsAt: new Date(start), endsAt: new Date(start + size) };
}

/** A request past a rate limit: 429 `RATE_LIMITED`, to be retried after {@link retryAfterSeconds}. */
export class RateLimitedError extends DomainError<'RATE_LIMITED', 'wait'> {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', 'wait', { wait: describeWait(retryAfterSeconds) });
  }
}

/** The refusal for a request counted against `limit` at `now`: retry once its window has ended. */
export function rateLimited(limit: Pick<RateLimit, 'windowSeconds'>, now: Date): RateLimitedError {
  return new RateLimitedError(Math.max(1, Math.ceil((rateWindow(limit, now).endsAt.getTime() - now.getTime()) / 1000)));
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}

/**
 * The limits on raising objections (异议), counted per source address over all rounds and per
 * phone number within a round:
 * - one address: 5 per minute and 30 per day (a burst is refused within seconds, a slow drip by the day);
 * - one phone number: 3 per round per day (a real objector rarely needs more; duplicates are not counted).
 */
export function objectionRateLimits(subject: { clientAddress: string; roundId: string; phone: string }): RateLimit[] {
  return [
    { key: `objection:phone-day:${subject.roundId}:${subject.phone}`, limit: 3, windowSeconds: 86_400 },
    { key: `objection:ip-minute:${subject.clientAddress}`, limit: 5, windowSeconds: 60 },
    { key: `objection:ip-day:${subject.clientAddress}`, limit: 30, windowSeconds: 86_400 },
  ];
}

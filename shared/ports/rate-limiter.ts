/** Counting requests against rate limits, shared by every instance of a handler. */
import type { RateLimit } from '../domain/rate-limit.js';

export interface RateLimiter {
  /**
   * Counts one request against each limit, in order, at `now`. A limit already used up in its
   * current window is not counted further, and refuses the request.
   *
   * @throws RateLimitedError (429 RATE_LIMITED) with the seconds until that window ends.
   */
  consume(limits: readonly RateLimit[], now: Date): Promise<void>;
}

/** Re-runs a read-decide-write step when another writer changed the record in between. */
import { isDomainError } from '#shared/domain/errors.js';

/**
 * Runs `step` and, if its commit lost an optimistic-locking race (CONCURRENT_UPDATE), runs it
 * again on fresh data, up to `attempts` times. The domain rules are checked again each time.
 *
 * @example
 * const result = await withOptimisticRetry(async () => { const app = await load(); …; await commit(change); return change.entity; });
 */
export async function withOptimisticRetry<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts || !isDomainError(error) || error.code !== 'CONCURRENT_UPDATE') throw error;
    }
  }
}

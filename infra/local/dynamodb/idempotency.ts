/** ClientRequestToken bookkeeping for TransactWriteItems (10-minute window, like DynamoDB). */
import { createHash } from 'node:crypto';
import { serviceError } from './errors.js';

/** How long DynamoDB remembers a ClientRequestToken. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hash of a request's parameters other than the token itself. */
export function requestFingerprint(request: Record<string, unknown>): string {
  const { ClientRequestToken: _token, ReturnConsumedCapacity: _capacity, ...rest } = request;
  return createHash('sha256').update(stableStringify(rest)).digest('hex');
}

/** Remembers the tokens of successful transactions. */
export class IdempotencyRegistry {
  private readonly tokens = new Map<string, { fingerprint: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = IDEMPOTENCY_WINDOW_MS,
  ) {}

  /**
   * True when `token` already committed the same request (the caller returns success
   * without applying); throws IdempotentParameterMismatchException for a different request.
   */
  alreadyApplied(token: string, fingerprint: string): boolean {
    this.prune();
    const known = this.tokens.get(token);
    if (!known) return false;
    if (known.fingerprint !== fingerprint) {
      throw serviceError(
        'IdempotentParameterMismatchException',
        'Request parameters do not match the parameters of the original request with the same ClientRequestToken',
      );
    }
    return true;
  }

  /** Records a committed request. */
  remember(token: string, fingerprint: string): void {
    this.tokens.set(token, { fingerprint, expiresAt: this.now() + this.windowMs });
  }

  private prune(): void {
    const now = this.now();
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
  }
}

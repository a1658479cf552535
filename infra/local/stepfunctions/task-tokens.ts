import { randomBytes } from 'node:crypto';
import type { ExecutionRecord, TokenOutcome } from './execution-record.js';

const tokenPattern = /^[A-Za-z0-9_-]{86}$/;

/** Creates a fresh opaque task token (86 URL-safe characters). */
export function newTaskToken(): string {
  return randomBytes(64).toString('base64url');
}

/** Whether a value has the shape of a token this service issues (else the API answers InvalidToken). */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && tokenPattern.test(token);
}

/** Where a token's Task waits. */
export interface TokenWaiter {
  executionArn: string;
  threadId: string;
}

/**
 * The task tokens in use: which Task waits on each, and what became of the ones that no
 * longer wait (so a late callback can be told TaskTimedOut rather than TaskDoesNotExist).
 * Outcomes are also written into the execution record, which persists them.
 */
export class TaskTokens {
  private readonly waiting = new Map<string, TokenWaiter>();
  private readonly outcomes = new Map<string, TokenOutcome>();

  /** Records that the Task of `waiter` waits on `token`. */
  wait(token: string, waiter: TokenWaiter): void {
    this.waiting.set(token, waiter);
  }

  /** The Task waiting on `token`, if any. */
  waiter(token: string): TokenWaiter | undefined {
    return this.waiting.get(token);
  }

  /** The token no longer waits: remembers why, in memory and in the execution's record. */
  release(record: ExecutionRecord, token: string, outcome: TokenOutcome): void {
    this.waiting.delete(token);
    this.outcomes.set(token, outcome);
    record.tokenOutcomes[token] = outcome;
  }

  /** What became of a token that no longer waits. */
  outcome(token: string): TokenOutcome | undefined {
    return this.outcomes.get(token);
  }

  /** Reloads the outcomes persisted in a record (after a restart). */
  restore(record: ExecutionRecord): void {
    for (const [token, outcome] of Object.entries(record.tokenOutcomes)) this.outcomes.set(token, outcome);
  }
}

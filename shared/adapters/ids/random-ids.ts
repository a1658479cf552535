/** Entity ids that sort by creation time, and 256-bit random link ids. */
import { randomBytes } from 'node:crypto';
import type { Clock } from '#shared/ports/clock.js';
import type { IdGenerator } from '#shared/ports/id-generator.js';

/** Bytes of randomness in a secret (link) id. */
export const SECRET_ID_BYTES = 32;

/**
 * The secret id of `bytes`: base64url, so 43 characters of `A–Z a–z 0–9 - _` for 32 bytes
 * (any of them first, `-` or `_` included).
 */
export function secretIdOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export class RandomIds implements IdGenerator {
  constructor(private readonly clock: Clock) {}

  entityId(prefix: string): string {
    const time = this.clock.now().getTime().toString(36).padStart(9, '0');
    return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
  }

  secretId(): string {
    return secretIdOf(randomBytes(SECRET_ID_BYTES));
  }
}

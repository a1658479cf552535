/** Entity ids that sort by creation time, and 256-bit random link ids. */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';

export class RandomIds implements IdGenerator {
  constructor(private readonly clock: Clock) {}

  entityId(prefix: string): string {
    const time = this.clock.now().getTime().toString(36).padStart(9, '0');
    return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
  }

  secretId(): string {
    return randomBytes(32).toString('base64url');
  }
}

/** The real time, for AWS. */
import type { Clock } from '#shared/ports/clock.js';

export const systemClock: Clock = { now: () => new Date() };

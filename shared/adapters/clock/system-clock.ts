/** The real time, for AWS. */
import type { Clock } from '../../ports/clock.js';

export const systemClock: Clock = { now: () => new Date() };

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectionRateLimits, rateLimited, rateWindow } from '#shared/domain/rate-limit.js';

describe('rate limits', () => {
  it('count into fixed windows aligned to the epoch, the same on every instance', () => {
    expect(rateWindow({ windowSeconds: 60 }, new Date('2026-11-03T02:00:59.999Z'))).toEqual({ startsAt: new Date('2026-11-03T02:00:00.000Z'), endsAt: new Date('2026-11-03T02:01:00.000Z') });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(60, 3600, 86_400), (ms, windowSeconds) => {
        const window = rateWindow({ windowSeconds }, new Date(ms));
        expect(window.startsAt.getTime()).toBeLessThanOrEqual(ms);
        expect(window.endsAt.getTime()).toBeGreaterThan(ms);
        expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(windowSeconds * 1000);
        expect(window.startsAt.getTime() % (windowSeconds * 1000)).toBe(0);
      }),
    );
  });

  it('refuse with 429 RATE_LIMITED, a Chinese message and the seconds until the window ends', () => {
    const refusal = rateLimited({ windowSeconds: 60 }, new Date('2026-11-03T02:00:15.200Z'));
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 45 });
    expect(refusal.message).toBe('提交过于频繁，请在 45 秒后再试');
    expect(rateLimited({ windowSeconds: 86_400 }, new Date('2026-11-03T20:00:00Z')).message).toBe('提交过于频繁，请在 4 小时后再试');
  });

  it('limit objections per address (5 a minute, 30 a day) and per phone within a round (3 a day)', () => {
    expect(objectionRateLimits({ clientAddress: '203.0.113.7', roundId: 'r1', phone: '13900000000' })).toEqual([
      { key: 'objection:phone-day:r1:13900000000', limit: 3, windowSeconds: 86_400 },
      { key: 'objection:ip-minute:203.0.113.7', limit: 5, windowSeconds: 60 },
      { key: 'objection:ip-day:203.0.113.7', limit: 30, windowSeconds: 86_400 },
    ]);
  });
});

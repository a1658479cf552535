import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '#shared/domain/errors.js';
import { errorOf } from '#test/support/error-of.js';
import {
  addWorkingDays,
  calendarCoverage,
  chinaWorkingDayCalendar,
  createWorkingDayCalendar,
  isWorkingDay,
  publicityPeriod,
  shanghaiDate,
  startOfShanghaiDay,
  workingDaysBetween,
} from '#shared/domain/working-days.js';

/** An instant given as Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);
const DAY = 86_400_000;

/** Instants from 2005-01-01 to 2026-10-31 (periods of ≤ 30 working days stay inside the data). */
const instant = fc
  .integer({ min: at('2005-01-01T00:00:00').getTime(), max: at('2026-10-31T23:59:59').getTime() })
  .map((ms) => new Date(ms));
const days = fc.integer({ min: 1, max: 30 });


describe('working-day calendar', () => {
  it('covers 2004 to 2026 from the chinese-days data', () => {
    expect(calendarCoverage()).toEqual({ first: 2004, last: 2026 });
  });

  it('knows the 2025 National Day and Mid-Autumn week with its make-up Sunday and Saturday', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday worked
    for (const date of ['2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) expect(isWorkingDay(date)).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday worked
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('knows the 2026 National Day week', () => {
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday worked
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday worked
  });

  it('judges an instant by its Shanghai date, not its UTC date', () => {
    // 2026-09-30 17:00Z is already 1 October 01:00 in Shanghai
    expect(isWorkingDay(new Date('2026-09-30T15:59:59Z'))).toBe(true);
    expect(isWorkingDay(new Date('2026-09-30T16:00:00Z'))).toBe(false);
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(startOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z');
  });

  it('ends a publicity period spanning the 2025 National Day holiday', () => {
    // Friday 26 Sep at 09:00: 26 Sep, Sun 28 Sep (make-up), 29, 30 Sep, 9 Oct
    const period = publicityPeriod(at('2025-09-26T09:00:00'), 5);
    expect(period).toEqual({
      firstDay: '2025-09-26',
      lastDay: '2025-10-09',
      end: at('2025-10-10T00:00:00'),
      estimated: false,
      estimatedYears: [],
    });
    expect(addWorkingDays(at('2025-09-26T09:00:00'), 6)).toEqual(at('2025-10-11T00:00:00'));
    expect(addWorkingDays(at('2025-09-26T09:00:00'), 7)).toEqual(at('2025-10-12T00:00:00')); // Sat 11 Oct worked
    expect(addWorkingDays(at('2025-09-26T09:00:00'), 8)).toEqual(at('2025-10-14T00:00:00'));
  });

  it('ends a publicity period spanning the 2026 National Day holiday', () => {
    expect(addWorkingDays(at('2026-09-28T10:00:00'), 5)).toEqual(at('2026-10-10T00:00:00'));
    expect(publicityPeriod(at('2026-09-29T10:00:00'), 5).lastDay).toBe('2026-10-10');
  });

  it('starts on the next working day when published on a holiday', () => {
    expect(publicityPeriod(at('2026-10-02T15:00:00'), 1)).toMatchObject({ firstDay: '2026-10-08', lastDay: '2026-10-08' });
  });

  it('counts the 2025 Spring Festival make-up Sunday and Saturday', () => {
    // Saturday 25 Jan: Sun 26 (make-up), Mon 27, [28 Jan–4 Feb off], 5, 6, 7, Sat 8 Feb (make-up), Mon 10
    expect(publicityPeriod(at('2025-01-25T12:00:00'), 5)).toMatchObject({ firstDay: '2025-01-26', lastDay: '2025-02-07' });
    expect(addWorkingDays(at('2025-01-25T12:00:00'), 6)).toEqual(at('2025-02-09T00:00:00'));
    expect(addWorkingDays(at('2025-01-25T12:00:00'), 7)).toEqual(at('2025-02-11T00:00:00'));
  });

  it('counts the 2026 Spring Festival make-up Saturdays', () => {
    // Friday 13 Feb 18:00: 13, Sat 14 (make-up), [15–23 off], 24, 25, 26, 27, Sat 28 (make-up)
    expect(publicityPeriod(at('2026-02-13T18:00:00'), 7)).toMatchObject({ firstDay: '2026-02-13', lastDay: '2026-02-28' });
    expect(workingDaysBetween(at('2026-02-14T00:00:00'), at('2026-02-24T00:00:00'))).toBe(1);
  });

  it('counts working days between two instants by their Shanghai dates', () => {
    expect(workingDaysBetween(at('2026-10-01T00:00:00'), at('2026-10-08T00:00:00'))).toBe(0);
    expect(workingDaysBetween(at('2026-10-01T00:00:00'), at('2026-10-08T00:00:01'))).toBe(0);
    expect(workingDaysBetween(at('2026-10-01T00:00:00'), at('2026-10-09T00:00:00'))).toBe(1);
    expect(workingDaysBetween(at('2026-10-09T00:00:00'), at('2026-10-01T00:00:00'))).toBe(-1);
    expect(workingDaysBetween(at('2026-10-09T08:00:00'), at('2026-10-09T20:00:00'))).toBe(0);
  });

  it('refuses a year without data with CALENDAR_UNAVAILABLE', () => {
    const error = errorOf(() => addWorkingDays(at('2026-12-28T09:00:00'), 5));
    expect(isDomainError(error)).toBe(true);
    if (!isDomainError(error)) return;
    expect(error.code).toBe('CALENDAR_UNAVAILABLE');
    expect(error.status).toBe(422);
    expect(error.message).toBe('2027 年的法定节假日安排尚未收录，无法按工作日计算（2027-01-01）');
    expect(errorOf(() => isWorkingDay('2003-06-02'))).toMatchObject({ code: 'CALENDAR_UNAVAILABLE' });
    // a period that ends before the unknown year is fine
    expect(addWorkingDays(at('2026-12-28T09:00:00'), 4)).toEqual(at('2027-01-01T00:00:00'));
  });

  it('estimates a year without data when asked, and says so', () => {
    const period = publicityPeriod(at('2026-12-28T09:00:00'), 5, { beyondData: 'estimate' });
    // 28–31 Dec, then 1 Jan 2027 (元旦, fixed) skipped, Sat/Sun skipped, Mon 4 Jan
    expect(period).toMatchObject({ lastDay: '2027-01-04', estimated: true, estimatedYears: [2027] });
    expect(isWorkingDay('2027-10-04', { beyondData: 'estimate' })).toBe(true);
    expect(isWorkingDay('2027-10-01', { beyondData: 'estimate' })).toBe(false);
    expect(publicityPeriod(at('2026-09-28T10:00:00'), 5, { beyondData: 'estimate' }).estimated).toBe(false);
  });

  it('uses a calendar supplied as data, e.g. a newly published arrangement', () => {
    const calendar = createWorkingDayCalendar({
      holidays: [...chinaWorkingDayCalendar.holidays, '2027-01-01'],
      workdays: [...chinaWorkingDayCalendar.workdays],
      years: [...chinaWorkingDayCalendar.years, 2027],
    });
    expect(publicityPeriod(at('2026-12-28T09:00:00'), 5, { calendar })).toMatchObject({ lastDay: '2027-01-04', estimated: false });
    expect(errorOf(() => createWorkingDayCalendar({ holidays: ['2027-02-30'], workdays: [] }))).toMatchObject({
      code: 'CALENDAR_INVALID',
    });
  });

  it('refuses a number of days that is not a positive integer', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) {
      expect(errorOf(() => addWorkingDays(at('2026-03-02T09:00:00'), n))).toMatchObject({ code: 'INVALID_WORKING_DAYS', status: 400 });
    }
    expect(errorOf(() => addWorkingDays(new Date(Number.NaN), 1))).toMatchObject({ code: 'INVALID_DATE' });
  });

  it('agrees with chinese-days on every date it knows', () => {
    for (let ms = Date.UTC(2004, 0, 1); ms <= Date.UTC(2026, 11, 31); ms += DAY) {
      const date = new Date(ms).toISOString().slice(0, 10);
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      // chinese-days reads dates in the host time zone: give it local midnight
      expect(isWorkingDay(date), date).toBe(chineseDays.isWorkday(new Date(y, m - 1, d)));
    }
  });

  describe('properties', () => {
    it('ends at 24:00 Shanghai time of a working day', () => {
      fc.assert(
        fc.property(instant, days, (start, n) => {
          const end = addWorkingDays(start, n);
          expect((end.getTime() + 8 * 3_600_000) % DAY).toBe(0);
          expect(isWorkingDay(new Date(end.getTime() - 1))).toBe(true);
          expect(end.getTime()).toBeGreaterThan(start.getTime());
        }),
      );
    });

    it('covers exactly n working days', () => {
      fc.assert(
        fc.property(instant, days, (start, n) => {
          expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
        }),
      );
    });

    it('is strictly increasing in the number of days', () => {
      fc.assert(
        fc.property(instant, days, (start, n) => {
          expect(addWorkingDays(start, n + 1).getTime()).toBeGreaterThan(addWorkingDays(start, n).getTime());
        }),
      );
    });

    it('adds n then m as n + m', () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 15 }), (start, n, m) => {
          expect(addWorkingDays(addWorkingDays(start, n), m)).toEqual(addWorkingDays(start, n + m));
        }),
      );
    });

    it('is monotone in the start instant', () => {
      fc.assert(
        fc.property(instant, instant, days, (a, b, n) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(addWorkingDays(early, n).getTime()).toBeLessThanOrEqual(addWorkingDays(late, n).getTime());
        }),
      );
    });

    it('counts working days additively and antisymmetrically', () => {
      fc.assert(
        fc.property(instant, instant, instant, (a, b, c) => {
          expect(workingDaysBetween(a, b) + workingDaysBetween(b, c)).toBe(workingDaysBetween(a, c));
          expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0);
        }),
        { numRuns: 50 },
      );
    });
  });
});

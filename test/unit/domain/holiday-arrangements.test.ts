import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHolidayArrangements, withHolidayArrangements, type HolidayArrangements } from '#shared/domain/holiday-arrangements.js';
import { chinaWorkingDayCalendar, createWorkingDayCalendar, isWorkingDay, publicityPeriod, workingDaysBetween, type CalendarDate, type WorkingDayOptions } from '#shared/domain/working-days.js';
import { errorOf } from '#test/support/error-of.js';

/** An instant given as Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);
const DAY = 86_400_000;

/** An arrangement for 2027 of the kind the State Council publishes (an example, not the real one). */
const example2027: HolidayArrangements = {
  '2027': {
    holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
    workdays: ['2027-09-26', '2027-10-09'],
  },
};
const supplied: WorkingDayOptions = { calendar: withHolidayArrangements(chinaWorkingDayCalendar, example2027), beyondData: 'estimate' };

describe('holiday arrangements supplied as data', () => {
  it('reads the arrangements of a year, workdays optional', () => {
    expect(parseHolidayArrangements('{"2027":{"holidays":["2027-01-01"]}}')).toEqual({ '2027': { holidays: ['2027-01-01'], workdays: [] } });
  });

  it('refuses data that is not the shape, naming the problem', () => {
    const refusal = (text: string) => errorOf(() => parseHolidayArrangements(text));
    expect(refusal('not json')).toMatchObject({ code: 'CALENDAR_INVALID', status: 422 });
    expect(refusal('{"27":{"holidays":[]}}')).toMatchObject({ code: 'CALENDAR_INVALID', details: [{ path: '27' }] });
    expect(refusal('{"2027":{"holidays":["2027-02-30"]}}')).toMatchObject({ code: 'CALENDAR_INVALID', details: [{ path: '2027.holidays.0' }] });
    expect(refusal('{"2027":{"holidays":["2028-01-16"]}}')).toMatchObject({ details: [{ path: '2027.holidays.0', message: '2028-01-16 is not in 2027 nor within 15 days of it' }] });
    expect(refusal('{"2027":{"holidays":["2026-12-16"]}}')).toMatchObject({ details: [{ path: '2027.holidays.0' }] });
    // a spill-over date contradicting the neighbouring year's own list
    expect(refusal('{"2026":{"holidays":["2026-12-26"]},"2027":{"holidays":[],"workdays":["2026-12-26"]}}')).toMatchObject({ details: [{ path: '2027.workdays.0' }] });
    expect(refusal('{"2027":{"holidays":["2027-02-14"],"workdays":["2027-02-14"]}}')).toMatchObject({ details: [{ path: '2027.workdays.0' }] });
    // 2027-02-15 is a Monday: a weekday cannot be worked in lieu
    expect(refusal('{"2027":{"holidays":[],"workdays":["2027-02-15"]}}')).toMatchObject({ details: [{ path: '2027.workdays.0' }] });
  });

  it('judges a supplied year by the data and never estimates it', () => {
    // 28–31 Dec 2026, then 1–3 Jan off (data), Mon 4 Jan 2027
    expect(publicityPeriod(at('2026-12-28T09:00:00'), 5, supplied)).toMatchObject({ lastDay: '2027-01-04', estimated: false, estimatedYears: [] });
    // National Day week: the estimate would count 4–7 Oct as working days; the data says otherwise
    expect(publicityPeriod(at('2027-09-30T09:00:00'), 3, { beyondData: 'estimate' })).toMatchObject({ lastDay: '2027-10-05', estimated: true });
    expect(publicityPeriod(at('2027-09-30T09:00:00'), 3, supplied)).toMatchObject({ lastDay: '2027-10-09', estimated: false });
    expect(isWorkingDay('2027-09-26', supplied)).toBe(true);
    // a year still without data is estimated, and said so
    expect(publicityPeriod(at('2027-12-30T09:00:00'), 3, supplied)).toMatchObject({ lastDay: '2028-01-03', estimated: true, estimatedYears: [2028] });
  });

  it('replaces a year the package knows, keeping the other years', () => {
    const corrected = withHolidayArrangements(chinaWorkingDayCalendar, { '2026': { holidays: ['2026-12-31'], workdays: [] } });
    expect(isWorkingDay('2026-12-31', { calendar: corrected })).toBe(false);
    expect(isWorkingDay('2026-10-01', { calendar: corrected })).toBe(true);
    expect(isWorkingDay('2025-10-01', { calendar: corrected })).toBe(false);
  });

  it('takes a notice reaching across New Year date by date, keeping the rest of the previous year', () => {
    // the 2019 notice: Sat 2018-12-29 worked, 30 Dec 2018 – 1 Jan 2019 off; a base without those three dates
    const spilled = new Set(['2018-12-29', '2018-12-30', '2018-12-31']);
    const base = createWorkingDayCalendar({
      holidays: [...chinaWorkingDayCalendar.holidays].filter((date) => !spilled.has(date)),
      workdays: [...chinaWorkingDayCalendar.workdays].filter((date) => !spilled.has(date)),
      years: chinaWorkingDayCalendar.years,
    });
    expect(isWorkingDay('2018-12-31', { calendar: base })).toBe(true);
    const notice = parseHolidayArrangements('{"2019":{"holidays":["2018-12-30","2018-12-31","2019-01-01"],"workdays":["2018-12-29"]}}');
    const options = { calendar: withHolidayArrangements(base, notice) };
    expect(isWorkingDay('2018-12-29', options)).toBe(true);
    expect(isWorkingDay('2018-12-30', options)).toBe(false);
    expect(isWorkingDay('2018-12-31', options)).toBe(false);
    expect(isWorkingDay('2019-01-01', options)).toBe(false);
    // 2018 keeps its own holidays and make-up days; 2019 is the notice alone
    expect(isWorkingDay('2018-10-01', options)).toBe(false);
    expect(isWorkingDay('2018-09-29', options)).toBe(true);
    expect(isWorkingDay('2019-10-01', options)).toBe(true);
    // the result is chinese-days' own data for those dates
    expect(isWorkingDay('2018-12-29')).toBe(true);
    expect(isWorkingDay('2018-12-31')).toBe(false);
  });

  describe('properties', () => {
    const year2027 = Date.UTC(2027, 0, 1) / DAY;
    const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
    const weekend = (day: number) => [0, 6].includes(new Date(day * DAY).getUTCDay());
    /** Any 2027 arrangement: up to 30 holidays, and some of the other weekend days worked. */
    const arrangement = fc
      .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 30 }), fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 10 }))
      .map(([off, worked]): HolidayArrangements => ({
        '2027': {
          holidays: off.map((index) => dateOf(year2027 + index)),
          workdays: worked.filter((index) => !off.includes(index) && weekend(year2027 + index)).map((index) => dateOf(year2027 + index)),
        },
      }));
    /** Any 2027 arrangement reaching up to 15 days into 2026 and 2028. */
    const reaching = fc
      .tuple(fc.uniqueArray(fc.integer({ min: -15, max: 379 }), { maxLength: 30 }), fc.uniqueArray(fc.integer({ min: -15, max: 379 }), { maxLength: 10 }))
      .map(([off, worked]): HolidayArrangements => ({
        '2027': {
          holidays: off.map((index) => dateOf(year2027 + index)),
          workdays: worked.filter((index) => !off.includes(index) && weekend(year2027 + index)).map((index) => dateOf(year2027 + index)),
        },
      }));
    const instant2027 = fc.integer({ min: at('2027-01-01T00:00:00').getTime(), max: at('2027-09-30T23:59:59').getTime() }).map((ms) => new Date(ms));
    const days = fc.integer({ min: 1, max: 20 });

    it('survives its own JSON', () => {
      fc.assert(
        fc.property(arrangement, (data) => {
          expect(parseHolidayArrangements(JSON.stringify(data))).toEqual(data);
        }),
      );
    });

    it('ends a period on a working day of the data, never on a supplied holiday, and never estimated', () => {
      fc.assert(
        fc.property(arrangement, instant2027, days, (data, start, n) => {
          const options = { calendar: withHolidayArrangements(chinaWorkingDayCalendar, data), beyondData: 'estimate' as const };
          const period = publicityPeriod(start, n, options);
          expect(period.estimated).toBe(false);
          expect(data['2027']!.holidays).not.toContain(period.lastDay);
          expect(isWorkingDay(period.lastDay, options)).toBe(true);
          expect(workingDaysBetween(start, period.end, options)).toBe(n);
        }),
      );
    });

    it('changes no date outside the supplied year but the spill-over dates listed', () => {
      const base = createWorkingDayCalendar({
        holidays: [...chinaWorkingDayCalendar.holidays, '2028-01-01', '2028-01-03'],
        workdays: [...chinaWorkingDayCalendar.workdays, '2028-01-08'],
        years: [...chinaWorkingDayCalendar.years, 2028],
      });
      const outside = (date: CalendarDate) => !date.startsWith('2027-');
      fc.assert(
        fc.property(reaching, (data) => {
          const { holidays, workdays } = data['2027']!;
          const calendar = withHolidayArrangements(base, parseHolidayArrangements(JSON.stringify(data)));
          const expectedOff = new Set([...[...base.holidays].filter((date) => outside(date) && !workdays.includes(date)), ...holidays.filter(outside)]);
          const expectedWorked = new Set([...[...base.workdays].filter((date) => outside(date) && !holidays.includes(date)), ...workdays.filter(outside)]);
          expect(new Set([...calendar.holidays].filter(outside))).toEqual(expectedOff);
          expect(new Set([...calendar.workdays].filter(outside))).toEqual(expectedWorked);
          expect(calendar.years).toEqual(new Set([...base.years, 2027]));
        }),
      );
    });

    it('takes every supplied holiday off and every supplied workday on', () => {
      fc.assert(
        fc.property(arrangement, (data) => {
          const options = { calendar: withHolidayArrangements(chinaWorkingDayCalendar, data) };
          for (const date of data['2027']!.holidays) expect(isWorkingDay(date, options)).toBe(false);
          for (const date of data['2027']!.workdays) expect(isWorkingDay(date, options)).toBe(true);
        }),
      );
    });
  });
});

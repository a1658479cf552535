/**
 * China's working-day calendar (工作日) in Asia/Shanghai, for publicity periods (公示期)
 * and other deadlines counted in working days.
 *
 * Official holidays and make-up working days (调休上班) come as data from the
 * `chinese-days` package (its `chinese-days.json`, State Council arrangements from 2004 on);
 * the package's own `isWorkday` is not used because it reads dates in the host's time zone
 * and silently treats years it does not know as plain Monday–Friday weeks.
 *
 * Definitions (all dates are calendar dates in Asia/Shanghai, UTC+8 all year, no DST):
 * - A working day is a date listed as a make-up working day, or a Monday–Friday that is not
 *   listed as a holiday.
 * - A publicity period of `n` working days starting at instant `start` covers the first `n`
 *   working days on or after the date of `start` (the start date counts if it is a working
 *   day, even when the notice goes up in the afternoon: "自发布之日起 n 个工作日"). It ends at
 *   24:00 of the last of them, i.e. the instant 00:00 (+08:00) of the following date.
 * - `workingDaysBetween(a, b)` counts working days with a date in [date(a), date(b)), so
 *   `workingDaysBetween(start, addWorkingDays(start, n)) === n`.
 *
 * Years outside the data: by default every function throws DomainError
 * `CALENDAR_UNAVAILABLE` (422) as soon as it needs a date of such a year, because a wrong
 * publicity end is a legal defect. Pass `{ beyondData: 'estimate' }` to fall back, for those
 * years, to Monday–Friday minus the fixed-date statutory holidays (元旦 1 Jan, 劳动节 1–2 May,
 * 国庆节 1–3 Oct; lunar holidays and make-up days cannot be known in advance and are not
 * estimated); {@link publicityPeriod} then reports `estimated: true` and
 * the years concerned so the caller can flag the date for re-computation once the State
 * Council publishes the arrangement (usually in November for the next year). A newer
 * arrangement can also be supplied as data (holiday-arrangements.ts, which a deployment feeds
 * through `HOLIDAY_CALENDAR`); a year with data is never estimated.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { DomainError } from './errors.js';

/** A calendar date `YYYY-MM-DD` (in Asia/Shanghai when derived from an instant). */
export type CalendarDate = string;

/** The holiday data the calendar is built from. */
export interface WorkingDayCalendar {
  /** Dates off work (法定节假日 and the days shifted next to them). */
  readonly holidays: ReadonlySet<CalendarDate>;
  /** Weekend dates that are working days (调休上班). */
  readonly workdays: ReadonlySet<CalendarDate>;
  /** Years whose arrangement is known; other years are "beyond the data". */
  readonly years: ReadonlySet<number>;
}

/**
 * How dates in years without data are treated: refuse (default), or estimate them as
 * Monday–Friday minus the fixed-date statutory holidays.
 */
export type BeyondData = 'throw' | 'estimate';

/** Options shared by the working-day functions. */
export interface WorkingDayOptions {
  /** The calendar to use; defaults to {@link chinaWorkingDayCalendar}. */
  readonly calendar?: WorkingDayCalendar;
  /** Default `'throw'`. */
  readonly beyondData?: BeyondData;
}

/** A computed publicity period. */
export interface PublicityPeriod {
  /** The first working day of the period. */
  readonly firstDay: CalendarDate;
  /** The last working day of the period. */
  readonly lastDay: CalendarDate;
  /** The end instant: 24:00 of `lastDay` in Asia/Shanghai (00:00 +08:00 of the next date). */
  readonly end: Date;
  /** True when some day was judged by the fallback estimate (`beyondData: 'estimate'`). */
  readonly estimated: boolean;
  /** The years judged by the fallback, ascending. */
  readonly estimatedYears: readonly number[];
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Statutory holidays on fixed Gregorian dates (全国年节及纪念日放假办法, 2024 revision). */
const FIXED_HOLIDAYS: readonly string[] = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Builds a calendar from lists of holiday and make-up working dates. `years` defaults to
 * every year that appears in either list.
 *
 * @example
 * // the 2027 arrangement, published after the package release
 * const calendar = createWorkingDayCalendar({
 *   holidays: [...chinaWorkingDayCalendar.holidays, '2027-01-01'],
 *   workdays: [...chinaWorkingDayCalendar.workdays],
 *   years: [...chinaWorkingDayCalendar.years, 2027],
 * });
 */
export function createWorkingDayCalendar(data: {
  holidays: Iterable<CalendarDate>;
  workdays: Iterable<CalendarDate>;
  years?: Iterable<number>;
}): WorkingDayCalendar {
  const holidays = new Set(data.holidays);
  const workdays = new Set(data.workdays);
  for (const date of [...holidays, ...workdays]) {
    if (!isCalendarDate(date)) throw new DomainError('CALENDAR_INVALID', 'date', { date });
  }
  const years = new Set(data.years ?? [...holidays, ...workdays].map((date) => Number(date.slice(0, 4))));
  return { holidays, workdays, years };
}

/** The mainland China calendar from the `chinese-days` package. */
export const chinaWorkingDayCalendar: WorkingDayCalendar = createWorkingDayCalendar({
  holidays: Object.keys(chineseDaysData.holidays),
  workdays: Object.keys(chineseDaysData.workdays),
});

/** The years the calendar has data for, e.g. `{ first: 2004, last: 2026 }`. */
export function calendarCoverage(calendar: WorkingDayCalendar = chinaWorkingDayCalendar): { first: number; last: number } {
  const years = [...calendar.years];
  return { first: years.reduce((min, year) => Math.min(min, year), Infinity), last: years.reduce((max, year) => Math.max(max, year), -Infinity) };
}

function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Days since 1970-01-01 of the Shanghai calendar date of an instant. */
function dayNumberOfInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new DomainError('INVALID_DATE', 'instant');
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function dayNumberOfDate(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new DomainError('INVALID_DATE', 'calendarDate', { date });
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function dayNumberOf(date: Date | CalendarDate): number {
  return typeof date === 'string' ? dayNumberOfDate(date) : dayNumberOfInstant(date);
}

function dateOfDayNumber(day: number): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The instant 00:00 in Asia/Shanghai of a day number. */
function startOfDayNumber(day: number): Date {
  return new Date(day * DAY_MS - SHANGHAI_OFFSET_MS);
}

/**
 * The Asia/Shanghai calendar date of an instant.
 *
 * @example
 * shanghaiDate(new Date('2026-09-30T16:30:00Z')); // '2026-10-01'
 */
export function shanghaiDate(instant: Date): CalendarDate {
  return dateOfDayNumber(dayNumberOfInstant(instant));
}

/**
 * The instant a calendar date begins in Asia/Shanghai.
 *
 * @example
 * startOfShanghaiDay('2026-10-08').toISOString(); // '2026-10-07T16:00:00.000Z'
 */
export function startOfShanghaiDay(date: CalendarDate): Date {
  return startOfDayNumber(dayNumberOfDate(date));
}

/** Judges one day and records fallback years in `estimated`. */
function judge(day: number, options: WorkingDayOptions, estimated: Set<number>): boolean {
  const calendar = options.calendar ?? chinaWorkingDayCalendar;
  const date = dateOfDayNumber(day);
  const year = Number(date.slice(0, 4));
  const weekday = new Date(day * DAY_MS).getUTCDay();
  const monToFri = weekday >= 1 && weekday <= 5;
  if (!calendar.years.has(year)) {
    if ((options.beyondData ?? 'throw') === 'throw') {
      throw new DomainError('CALENDAR_UNAVAILABLE', 'year', { year, date }, [{ message: `no holiday data for ${year}`, year, date }]);
    }
    estimated.add(year);
    return monToFri && !FIXED_HOLIDAYS.includes(date.slice(5));
  }
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return monToFri;
}

/**
 * Whether a date is a working day in mainland China. An instant is judged by its
 * Asia/Shanghai date; a string is read as a `YYYY-MM-DD` date.
 *
 * @example
 * isWorkingDay('2026-10-10'); // true: a Saturday worked in lieu of the National Day break
 * @throws DomainError CALENDAR_UNAVAILABLE (422) for a year without data (unless `beyondData: 'estimate'`).
 */
export function isWorkingDay(date: Date | CalendarDate, options: WorkingDayOptions = {}): boolean {
  return judge(dayNumberOf(date), options, new Set());
}

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 1) {
    throw new DomainError('INVALID_WORKING_DAYS', 'notPositive', { days });
  }
}

/** Longest stretch without a working day we accept before assuming the data is broken. */
const MAX_GAP_DAYS = 60;

/**
 * The publicity period of `days` working days starting at `start` (see the module rules):
 * first and last working day, end instant and whether the fallback was used.
 *
 * @example
 * publicityPeriod(new Date('2026-09-29T02:00:00Z'), 5);
 * // { firstDay: '2026-09-29', lastDay: '2026-10-10' (a make-up Saturday), end: 2026-10-10T16:00:00Z, estimated: false, … }
 */
export function publicityPeriod(start: Date, days: number, options: WorkingDayOptions = {}): PublicityPeriod {
  assertDays(days);
  const estimated = new Set<number>();
  let day = dayNumberOfInstant(start);
  let counted = 0;
  let firstDay: number | undefined;
  let gap = 0;
  for (;;) {
    if (judge(day, options, estimated)) {
      counted += 1;
      gap = 0;
      firstDay ??= day;
      if (counted === days) break;
    } else if (++gap > MAX_GAP_DAYS) {
      throw new DomainError('CALENDAR_INVALID', 'gap', { date: dateOfDayNumber(day), days: MAX_GAP_DAYS });
    }
    day += 1;
  }
  return {
    firstDay: dateOfDayNumber(firstDay ?? day),
    lastDay: dateOfDayNumber(day),
    end: startOfDayNumber(day + 1),
    estimated: estimated.size > 0,
    estimatedYears: [...estimated].sort((a, b) => a - b),
  };
}

/**
 * The end instant of a publicity period of `days` working days starting at `start`:
 * 24:00 (Asia/Shanghai) of the `days`-th working day on or after the date of `start`.
 *
 * @example
 * // notice up on Monday 2026-09-28 at 10:00; 5 working days → 28, 29, 30 Sep, 8, 9 Oct
 * addWorkingDays(new Date('2026-09-28T02:00:00Z'), 5).toISOString(); // '2026-10-09T16:00:00.000Z'
 * @throws DomainError INVALID_WORKING_DAYS (400) unless `days` is a positive integer.
 * @throws DomainError CALENDAR_UNAVAILABLE (422) when the period reaches a year without data.
 */
export function addWorkingDays(start: Date, days: number, options: WorkingDayOptions = {}): Date {
  return publicityPeriod(start, days, options).end;
}

/**
 * The number of working days with a date in [date of `a`, date of `b`) in Asia/Shanghai;
 * negative when `b` is before `a`. With an end from {@link addWorkingDays} this gives the
 * working days left: `workingDaysBetween(now, end)` counts today if it is a working day.
 *
 * @example
 * workingDaysBetween(new Date('2026-09-30T16:00:00Z'), new Date('2026-10-07T16:00:00Z')); // 0 (1–7 Oct off)
 */
export function workingDaysBetween(a: Date, b: Date, options: WorkingDayOptions = {}): number {
  const from = dayNumberOfInstant(a);
  const to = dayNumberOfInstant(b);
  if (to < from) {
    const backwards = workingDaysBetween(b, a, options);
    return backwards === 0 ? 0 : -backwards;
  }
  const estimated = new Set<number>();
  let count = 0;
  for (let day = from; day < to; day++) if (judge(day, options, estimated)) count++;
  return count;
}

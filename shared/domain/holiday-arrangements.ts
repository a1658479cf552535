/**
 * Holiday arrangements supplied as data by a deployment: the State Council publishes the next
 * year's arrangement (节假日安排) in November, usually after the `chinese-days` release the
 * code was built with, so a deployment passes it in (CDK context `holidays`, the local
 * runtime's `HOLIDAY_CALENDAR`) without a new release.
 *
 * The shape, keyed by year:
 *
 * ```json
 * { "2027": { "holidays": ["2027-01-01", "2027-02-06", …], "workdays": ["2027-02-14"] } }
 * ```
 *
 * - `holidays`: the dates off work (法定节假日 and the days shifted next to them).
 * - `workdays`: the weekend dates worked in lieu (调休上班); may be omitted.
 *
 * Dates lie in the keyed year, or within {@link SPILL_OVER_DAYS} days of its boundaries: a notice
 * can reach across New Year (the 2019 notice made Sat 2018-12-29 a working day and 30–31 Dec 2018
 * holidays).
 *
 * A supplied year replaces that year of the base calendar entirely (a correction of the
 * package's data is possible) and counts as known: dates in it are judged by the data, never
 * estimated (see `beyondData` in working-days.ts). A spill-over date into a neighbouring year
 * changes only that date (off or worked); the rest of the neighbouring year stays as it was.
 */
import * as z from 'zod';
import { DomainError } from './errors.js';
import { createWorkingDayCalendar, type CalendarDate, type WorkingDayCalendar } from './working-days.js';

const calendarDate = z.iso.date();

/** How many days into the previous and the next year a year's arrangement may reach. */
export const SPILL_OVER_DAYS = 15;

const DAY_MS = 86_400_000;

/** Whether `date` belongs to `year`'s arrangement: in it, or within {@link SPILL_OVER_DAYS} of its boundaries. */
function withinReach(date: CalendarDate, year: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return time >= Date.parse(`${year}-01-01T00:00:00Z`) - SPILL_OVER_DAYS * DAY_MS && time <= Date.parse(`${year}-12-31T00:00:00Z`) + SPILL_OVER_DAYS * DAY_MS;
}

const yearArrangement = z.object({
  holidays: z.array(calendarDate),
  workdays: z.array(calendarDate).default([]),
});

/** The arrangements of one or more years (see the module comment), as validated data. */
export const holidayArrangementsSchema = z
  .record(z.string().regex(/^\d{4}$/, 'a year of four digits is expected'), yearArrangement)
  .superRefine((years, issues) => {
    const off = new Set(Object.values(years).flatMap((year) => year.holidays));
    for (const [year, { holidays, workdays }] of Object.entries(years)) {
      for (const [list, dates] of [['holidays', holidays], ['workdays', workdays]] as const) {
        dates.forEach((date, index) => {
          if (!withinReach(date, year)) {
            issues.addIssue({ code: 'custom', path: [year, list, index], message: `${date} is not in ${year} nor within ${SPILL_OVER_DAYS} days of it` });
          }
        });
      }
      workdays.forEach((date, index) => {
        if (off.has(date)) issues.addIssue({ code: 'custom', path: [year, 'workdays', index], message: `${date} is listed as a holiday and as a working day` });
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (weekday !== 0 && weekday !== 6) {
          issues.addIssue({ code: 'custom', path: [year, 'workdays', index], message: `${date} is not a Saturday or Sunday: only weekend dates are worked in lieu` });
        }
      });
    }
  });

/** Holiday arrangements by year (see {@link holidayArrangementsSchema}). */
export type HolidayArrangements = z.infer<typeof holidayArrangementsSchema>;

/**
 * Reads arrangements from JSON text.
 *
 * @example
 * parseHolidayArrangements('{"2027":{"holidays":["2027-01-01"],"workdays":[]}}');
 * @throws DomainError CALENDAR_INVALID (422) when the text is not JSON of the shape, naming the first problem.
 */
export function parseHolidayArrangements(text: string): HolidayArrangements {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError('CALENDAR_INVALID', 'notJson');
  }
  const parsed = holidayArrangementsSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    throw new DomainError('CALENDAR_INVALID', 'shape', { problems: details.map((detail) => `${detail.path}: ${detail.message}`).join('; ') }, details);
  }
  return parsed.data;
}

/**
 * The base calendar with each supplied year replacing that year's data (and known from then on),
 * and each spill-over date into a neighbouring year set off or worked one by one.
 *
 * @example
 * const calendar = withHolidayArrangements(chinaWorkingDayCalendar, parseHolidayArrangements(text));
 * publicityPeriod(now, 5, { calendar, beyondData: 'estimate' }); // 2027 judged by the data, not estimated
 */
export function withHolidayArrangements(base: WorkingDayCalendar, arrangements: HolidayArrangements): WorkingDayCalendar {
  const supplied = new Set(Object.keys(arrangements).map(Number));
  const keep = (date: CalendarDate) => !supplied.has(Number(date.slice(0, 4)));
  const holidays = new Set([...base.holidays].filter(keep));
  const workdays = new Set([...base.workdays].filter(keep));
  for (const year of Object.values(arrangements)) {
    for (const date of year.holidays) {
      holidays.add(date);
      workdays.delete(date);
    }
    for (const date of year.workdays) {
      workdays.add(date);
      holidays.delete(date);
    }
  }
  return createWorkingDayCalendar({ holidays, workdays, years: [...base.years, ...supplied] });
}

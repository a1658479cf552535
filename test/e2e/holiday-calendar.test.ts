/**
 * Holiday arrangements supplied as data reach the publicity period, against the local runtime
 * started with `HOLIDAY_CALENDAR` (as a deployment's `-c holidays=`): a round whose shortlist
 * goes on public notice on 31 December ends its 5 working days by the supplied arrangement of
 * the next year (a made-up break of 1–5 January), not by the package's data or the estimate;
 * data of the wrong shape stops the runtime before it starts.
 */
import { describe, expect, it } from 'vitest';
import { withHolidayArrangements } from '#shared/domain/holiday-arrangements.js';
import { chinaWorkingDayCalendar, publicityPeriod } from '#shared/domain/working-days.js';
import { callApi, devToken } from '../support/http-client.js';
import { roundOnPublicNotice, runtimeNow } from '../support/pipeline-steps.js';
import { startRuntimeProcess } from '../support/runtime-process.js';
import { scratchDir } from '../support/scratch-dir.js';

const SHANGHAI_MS = 8 * 3_600_000;

/** 31 December 09:00 in Shanghai of the year it is now there (of the next year once that has passed). */
function nextNewYearsEve(now: number): Date {
  const year = new Date(now + SHANGHAI_MS).getUTCFullYear();
  const eve = (y: number) => new Date(`${y}-12-31T09:00:00+08:00`);
  return eve(year).getTime() > now ? eve(year) : eve(year + 1);
}

describe('a holiday arrangement supplied to the runtime', () => {
  it('ends a publicity period by the supplied data for the next year', async () => {
    const eve = nextNewYearsEve(Date.now());
    const next = eve.getUTCFullYear() + 1;
    const arrangement = { [String(next)]: { holidays: [1, 2, 3, 4, 5].map((day) => `${next}-01-0${day}`), workdays: [] } };
    const runtime = await startRuntimeProcess({ env: { HOLIDAY_CALENDAR: JSON.stringify(arrangement) } });
    try {
      const base = runtime.baseUrl;
      await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: Math.ceil((eve.getTime() - (await runtimeNow(base))) / 1000) } });
      const admin = await devToken(base, { role: 'admin', name: '厅职成处' });
      const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou', name: '柳州市' });
      const { roundId, publicityEndsAt } = await roundOnPublicNotice(base, { admin, institution });
      const round = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round;
      const start = new Date(round.publicity.startsAt as string);
      const byData = publicityPeriod(start, 5, { calendar: withHolidayArrangements(chinaWorkingDayCalendar, arrangement), beyondData: 'estimate' });
      expect(byData.lastDay >= `${next}-01-06`).toBe(true);
      expect(publicityEndsAt).toBe(byData.end.toISOString());
      expect(publicityEndsAt).not.toBe(publicityPeriod(start, 5, { beyondData: 'estimate' }).end.toISOString());
    } finally {
      await runtime.dispose();
    }
  }, 240_000);

  it('is checked before the runtime starts: data of the wrong shape stops npm start with the reason', async () => {
    await expect(startRuntimeProcess({ dataDir: scratchDir('cjrh-holidays-'), env: { HOLIDAY_CALENDAR: '{"2027":{"holidays":["2028-02-01"]}}' } })).rejects.toThrow(
      /runtime exited early:\nHOLIDAY_CALENDAR is not holiday data .*2028-02-01 is not in 2027/,
    );
  }, 60_000);
});

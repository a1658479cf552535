/**
 * A recognised unit's cycle (years) is longer than a Standard Step Functions execution may last
 * (one year): against the local runtime, with its clock advanced 100 days at a time through the
 * whole cycle, the unit's duty workflow runs as a chain of executions, each covering at most 300
 * days and starting the next, none waiting a year; every duty is reminded exactly once across
 * the legs, and the last leg ends the cycle (once its last duty, the last year's summary, is due).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, publishedCityRound, runtimeNow } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

const DAY_MS = 86_400_000;
const applicant = { orgId: 'org-yulin', form: { ...cityConsortiumForm('玉林市人民政府', '玉林机械产业市域产教联合体'), contactEmail: 'legs@yulin.test' } };

async function reminders(): Promise<{ subject: string }[]> {
  const { messages } = (await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(applicant.form.contactEmail)}`)).body as { messages: { subject: string }[] };
  return messages.filter((mail) => mail.subject.includes('年度报告催报'));
}

describe('the duty workflow of a cycle longer than a year', () => {
  it('runs as a chain of executions of at most 300 days, reminding every duty once and ending the cycle', async () => {
    await publishedCityRound(base, 'legs', [applicant]);
    const school = () => devToken(base, { role: 'institution', orgId: applicant.orgId });
    const [unit] = (await callApi(base, 'GET', '/api/units', { token: await school() })).body.units as { id: string; cycleEndsAt: string }[];
    const duties = (await callApi(base, 'GET', `/api/units/${unit!.id}/reports`, { token: await school() })).body.duties as { dueAt: string }[];
    const cycleEndsAt = Date.parse(unit!.cycleEndsAt);
    expect(cycleEndsAt - (await runtimeNow(base))).toBeGreaterThan(2 * 365 * DAY_MS);

    // Through the cycle and its last duty (the last year's summary is due after the cycle ends), 100 days at a
    // time: after each step, every duty due by then has been reminded.
    const lastAt = duties.reduce((last, duty) => Math.max(last, Date.parse(duty.dueAt)), cycleEndsAt);
    while ((await runtimeNow(base)) < lastAt + DAY_MS) {
      await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 100 * 86_400 } });
      const now = await runtimeNow(base);
      const due = duties.filter((duty) => Date.parse(duty.dueAt) <= now).length;
      await eventually(async () => ((await reminders()).length === due ? true : undefined), `${due} reminders by ${new Date(now).toISOString()}`);
    }
    const units = await eventually(async () => {
      const listed = (await callApi(base, 'GET', '/api/units', { token: await school() })).body.units as { id: string; status: string }[];
      return listed.every((item) => item.status === 'completed') ? listed : undefined;
    }, 'the unit completed after its cycle');
    expect(units.map((item) => item.id)).toEqual([unit!.id]);
    expect(await reminders()).toHaveLength(duties.length);

    const credentials = JSON.parse(readFileSync(join(runtime().dataDir, 'aws-credentials.json'), 'utf8')) as { accessKeyId: string; secretAccessKey: string };
    const sfn = new SFNClient({ endpoint: `${base}/_local/sfn`, region: 'us-east-1', credentials, maxAttempts: 1 });
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:unit' }));
    const chain = executions.filter((execution) => execution.name?.startsWith(`${unit!.id}-duties`)).sort((a, b) => a.startDate!.getTime() - b.startDate!.getTime());
    expect(chain.length).toBeGreaterThanOrEqual(Math.ceil((cycleEndsAt - chain[0]!.startDate!.getTime()) / (300 * DAY_MS)));
    expect(chain.map((execution) => execution.name)).toEqual([`${unit!.id}-duties`, ...chain.slice(1).map(() => expect.stringMatching(new RegExp(`^${unit!.id}-duties-from-\\d{8}$`)))]);
    for (const execution of chain) {
      expect(execution.status).toBe('SUCCEEDED');
      expect(execution.stopDate!.getTime() - execution.startDate!.getTime()).toBeLessThanOrEqual(301 * DAY_MS);
    }
  }, 600_000);
});

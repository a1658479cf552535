/**
 * Steps of the unit duty workflow against the local runtime (in this process, so the test can
 * call the task function as the machine would): a next leg started twice (a retried task)
 * is one execution, and a failed step is mailed to staff with its reason and the time it is
 * tried again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as unitTasks } from '#functions/workflow/unit-tasks.js';
import { startRuntime, type Runtime } from '#infra/local/runtime.js';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, publishedCityRound } from '../support/pipeline-steps.js';

let runtime: Runtime;
let dataDir: string;
let base: string;
let unitId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cjrh-unit-steps-'));
  runtime = await startRuntime({ port: 0, dataDir, log: () => undefined });
  base = runtime.baseUrl;
  const applicant = { orgId: 'org-steps', form: cityConsortiumForm('梧州市人民政府', '梧州电子产业市域产教联合体') };
  await publishedCityRound(base, 'steps', [applicant]);
  const [unit] = (await callApi(base, 'GET', '/api/units', { token: await devToken(base, { role: 'institution', orgId: applicant.orgId }) })).body.units as { id: string }[];
  unitId = unit!.id;
}, 180_000);

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('steps of the unit duty workflow', () => {
  it('starts a next leg once, however often the step is retried', async () => {
    const step = { task: 'startNextLeg', unitId, chain: `${unitId}-duties`, from: '2027-10-01T00:00:00.000Z' };
    expect(await unitTasks(step)).toEqual({});
    expect(await unitTasks(step)).toEqual({});
    // the runtime set the endpoint and its credentials in this process's environment
    const { executions = [] } = await new SFNClient({}).send(new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:unit' }));
    expect(executions.filter((execution) => execution.name === `${unitId}-duties-from-20271001`)).toHaveLength(1);
  });

  it('mails staff the reason of a failed step and when it is tried again', async () => {
    const error = { Error: 'TypeError', Cause: JSON.stringify({ errorMessage: 'Cannot read properties of undefined' }) };
    const { retryAt } = (await unitTasks({ task: 'reportFailure', unitId, step: 'RemindIfOpen', error })) as { retryAt: string };
    const failures = await eventually(async () => {
      const { messages } = (await callApi(base, 'GET', '/dev/mail?to=staff%40platform.local')).body as { messages: { subject: string; text: string }[] };
      const found = messages.filter((mail) => mail.subject.startsWith('【流程异常】'));
      return found.length > 0 ? found : undefined;
    }, 'the failure mail to staff');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.subject).toBe('【流程异常】梧州电子产业市域产教联合体：提醒未交年度报告未能完成');
    expect(failures[0]!.text).toContain('Cannot read properties of undefined');
    expect(failures[0]!.text).toContain(`${new Date(retryAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}（北京时间）自动重试`);
  });
});

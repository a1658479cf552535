/**
 * Review at scale: the assignment starts one review execution per application and the round
 * waits for the last to complete, so the round execution's history does not grow with the
 * number of applications, and a retried assignment starts no second review execution. The
 * runtime runs in this process, so the test can call the round's Assign task itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as roundTasks } from '#functions/workflow/round-tasks.js';
import { startRuntime, type Runtime } from '#infra/local/runtime.js';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';

const expertEmail = 'fanout@experts.test';
const stateMachine = (name: string) => `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`;

let runtime: Runtime;
let dataDir: string;
let base: string;
let admin: string;
let sfn: SFNClient;
/** Review links already used, by an earlier round. */
let linksUsed = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cjrh-fanout-'));
  runtime = await startRuntime({ port: 0, dataDir, log: () => undefined });
  base = runtime.baseUrl;
  // the runtime set the endpoint and its credentials in this process's environment
  sfn = new SFNClient({});
  admin = await devToken(base, { role: 'admin' });
  const expert = { name: '专家扇出', email: expertEmail, organization: '广西大学', expertise: ['职业教育'], capacity: 50 };
  expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A round of `count` accepted applications, past intake; returns its id once it is in review. */
async function roundInReview(count: number): Promise<string> {
  const roundId = await openCityRound(base, admin, { expertsPerApplication: 1, minValidReviews: 1 });
  for (let index = 0; index < count; index += 1) {
    const institution = await devToken(base, { role: 'institution', orgId: `org-fanout-${count}-${index}` });
    await submitAcceptedApplication(base, { admin, institution }, roundId, cityConsortiumForm(`扇出市${count}-${index}人民政府`, `扇出市${count}-${index}市域产教联合体`));
  }
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  return roundId;
}

/** The expert reviews each of the round's `count` applications through the mailed links; the round is then ranked. */
async function reviewAll(roundId: string, count: number): Promise<void> {
  const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
  const links = await reviewLinks(base, expertEmail, linksUsed + count);
  for (const linkId of links.slice(linksUsed, linksUsed + count)) await submitReview(base, linkId, codes, 8);
  linksUsed += count;
  await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
}

/** Every history event of an execution, read page by page through the local Step Functions API. */
async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    for (const event of page.events ?? []) events.push(event);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/**
 * The event types of the round's review phase: from entering Assign to entering Rank (the phase
 * an inline Map grew per application; before it, a retry that depends on timing, such as Prepare
 * waiting for the round record, may add events).
 */
function reviewPart(history: readonly HistoryEvent[]): string[] {
  const entered = (state: string) => history.findIndex((event) => event.stateEnteredEventDetails?.name === state);
  expect(entered('Rank')).toBeGreaterThan(entered('Assign'));
  return history.slice(entered('Assign'), entered('Rank') + 1).map((event) => `${event.type}${event.stateEnteredEventDetails ? ` ${event.stateEnteredEventDetails.name}` : ''}`);
}

async function executionsOf(machine: string) {
  return (await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachine(machine), maxResults: 1000 }))).executions ?? [];
}

async function roundExecutionArn(roundId: string): Promise<string> {
  const execution = (await executionsOf('round')).find((item) => item.name === roundId);
  expect(execution, `round execution of ${roundId}`).toBeDefined();
  return execution!.executionArn!;
}

describe('a round in review', () => {
  it('has the same round-execution events in review with 12 applications as with 2: the reviews run in executions of their own', async () => {
    const small = await roundInReview(2);
    await reviewAll(small, 2);
    const large = await roundInReview(12);
    await reviewAll(large, 12);

    const [smallPart, largePart] = [reviewPart(await historyOf(await roundExecutionArn(small))), reviewPart(await historyOf(await roundExecutionArn(large)))];
    expect(smallPart.length).toBeGreaterThan(4);
    expect(largePart).toEqual(smallPart);
    // one review execution per application, each started by the assignment (not as a child of the round)
    const reviews = await executionsOf('review');
    expect(reviews).toHaveLength(14);
    expect(reviews.every((item) => item.status === 'SUCCEEDED')).toBe(true);
  }, 180_000);

  it('starts no second review execution when the assignment runs again', async () => {
    const roundId = await roundInReview(1);
    const before = await executionsOf('review');
    // a retry of the Assign step (e.g. after its Lambda timed out once the reviews were started)
    expect(await roundTasks({ task: 'assign', roundId })).toEqual({ inReview: 1 });
    const after = await executionsOf('review');
    expect(after.map((item) => item.executionArn).sort()).toEqual(before.map((item) => item.executionArn).sort());
    await reviewAll(roundId, 1);
    // and once the review completed (its execution ended), a further retry is harmless too
    expect(await roundTasks({ task: 'assign', roundId })).toEqual({ inReview: 0 });
    expect(await executionsOf('review')).toHaveLength(after.length);
  }, 120_000);
});

/**
 * An expert's capacity per round (评审上限) holds when staff reassign at the same moment, over
 * HTTP against the real local runtime: concurrent `POST /api/admin/review-tasks/{taskId}/reassign`
 * requests naming the same expert with one place left commit exactly one replacement; the others
 * are refused with a 4xx and a Chinese message, never a 5xx, and leave their tasks as they were.
 * Once with the expert's other place held by the round's first assignment, once with both
 * racing for an expert added to the pool later.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, openCityRound, submitAcceptedApplication, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

interface TaskRow {
  readonly taskId: string;
  readonly expertId: string;
  readonly status: string;
}
interface Progress {
  readonly applications: readonly { readonly applicationId: string; readonly tasks: readonly TaskRow[] }[];
  readonly experts: readonly { readonly expertId: string; readonly assigned: number }[];
}

const applicants = [
  cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体'),
  cityConsortiumForm('桂林市人民政府', '桂林旅游产业市域产教联合体'),
  cityConsortiumForm('南宁市人民政府', '南宁数字经济市域产教联合体'),
];
const pool = [
  { name: '专家甲', email: 'race-jia@experts.test', organization: '广西大学', expertise: ['职业教育'], capacity: 2 },
  { name: '专家乙', email: 'race-yi@experts.test', organization: '广西科技大学', expertise: ['职业教育'], capacity: 2 },
  { name: '专家丙', email: 'race-bing@experts.test', organization: '桂林电子科技大学', expertise: ['职业教育'], capacity: 2 },
];

async function progress(roundId: string): Promise<Progress> {
  const answer = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/progress`, { token: admin });
  expect(answer.status).toBe(200);
  return answer.body;
}

const openTasks = (current: Progress) => current.applications.flatMap((row) => row.tasks.filter((task) => task.status === 'invited'));
const heldBy = (current: Progress, expertId: string) => current.experts.find((row) => row.expertId === expertId)?.assigned ?? 0;

/** Reassigns every task to `expertId` at once; checks that exactly one went through and the others were refused in Chinese. */
async function race(roundId: string, tasks: readonly TaskRow[], expertId: string) {
  const answers = await Promise.all(
    tasks.map((task, index) => callApi(base, 'POST', `/api/admin/review-tasks/${task.taskId}/reassign`, { token: admin, body: { expertId, reason: `并发改派 ${index + 1}` } })),
  );
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status === 200), `statuses ${statuses.join(', ')}`).toHaveLength(1);
  for (const refused of answers.filter((answer) => answer.status !== 200)) {
    expect([409, 422]).toContain(refused.status);
    expect(refused.body.error.message).toMatch(/\p{Script=Han}/u);
  }
  const winner = tasks[statuses.indexOf(200)]!;
  const after = await progress(roundId);
  const all = after.applications.flatMap((row) => row.tasks);
  for (const task of tasks) expect(all.find((item) => item.taskId === task.taskId)?.status).toBe(task === winner ? 'reassigned' : 'invited');
  return { answers, after };
}

describe('an expert\'s capacity when staff reassign at the same moment', () => {
  it('gives the last place to exactly one of the racing reassignments', async () => {
    admin = await devToken(base, { role: 'admin', name: '职成处' });
    const ids: string[] = [];
    for (const expert of pool) ids.push((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).body.expert.id);
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 1, minValidReviews: 1, reviewDays: 14 });
    for (const [index, form] of applicants.entries()) {
      await submitAcceptedApplication(base, { admin, institution: await devToken(base, { role: 'institution', orgId: `org-race-${index}` }) }, roundId, form);
    }
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');

    // The first assignment spreads the three applications over the three experts: one place left each.
    const initial = await progress(roundId);
    expect(ids.map((id) => heldBy(initial, id))).toEqual([1, 1, 1]);
    const [target, ...others] = ids as [string, ...string[]];
    const elsewhere = openTasks(initial).filter((task) => task.expertId !== target);
    expect(elsewhere).toHaveLength(2);
    const first = await race(roundId, elsewhere, target);
    expect(heldBy(first.after, target)).toBe(2);
    expect(first.answers.find((answer) => answer.status !== 200)).toMatchObject({ body: { error: { code: expect.stringMatching(/^(EXPERT_NOT_ELIGIBLE|CONCURRENT_UPDATE)$/) } } });
    expect(others.every((id) => heldBy(first.after, id) <= 1)).toBe(true);

    // An expert who joins the pool now with one place: two open tasks race for it.
    const late = (await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: { name: '专家丁', email: 'race-ding@experts.test', organization: '广西师范大学', expertise: ['职业教育'], capacity: 1 } })).body.expert.id;
    const open = openTasks(first.after);
    expect(open).toHaveLength(3);
    const second = await race(roundId, open.slice(0, 2), late);
    expect(heldBy(second.after, late)).toBe(1);
    // and with no place left, a third request is refused as ineligible
    const third = await callApi(base, 'POST', `/api/admin/review-tasks/${open[2]!.taskId}/reassign`, { token: admin, body: { expertId: late, reason: '再次改派' } });
    expect(third).toMatchObject({ status: 422, body: { error: { code: 'EXPERT_NOT_ELIGIBLE', details: [{ path: 'expertId', reason: 'capacity_exhausted' }] } } });
    expect(third.body.error.message).toContain('已达上限');
  });
});

/**
 * Staff follow a round's review progress and replace experts by hand (API.md v1.1:
 * `GET /api/admin/rounds/{id}/progress`, `POST /api/admin/review-tasks/{taskId}/reassign`):
 * names and counts, overdue tasks once the clock passes their due time, a chosen and an
 * automatic replacement (old link 410, a new invitation with a working link, the reason in the
 * audit trail, a repeat creating nothing), refusals of ineligible experts and of a submitted
 * task, and the round still finishing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, submitAcceptedApplication, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

const organizations = ['广西大学', '广西科技大学', '桂林电子科技大学', '广西师范大学', '广西民族大学', '南宁师范大学', '广西医科大学', '桂林理工大学', '广西财经学院'];
const pool = [
  ...organizations.map((organization, index) => ({ name: `专家${'甲乙丙丁戊己庚辛壬'[index]!}`, email: `manual${index + 1}@experts.test`, organization, expertise: ['职业教育'], capacity: 3 })),
  // Declared a conflict with 柳州市人民政府: never a reviewer of its application.
  { name: '回避专家', email: 'manual-conflict@experts.test', organization: '广西职业技术学院', expertise: ['职业教育'], conflicts: ['柳州市人民政府'], capacity: 3 },
];
const liuzhou = { applicant: '柳州市人民政府', title: '柳州汽车产业市域产教联合体' };
const guilin = { applicant: '桂林市人民政府', title: '桂林旅游产业市域产教联合体' };

interface TaskRow {
  readonly taskId: string;
  readonly expertId: string;
  readonly expertName: string;
  readonly status: string;
  readonly dueAt: string;
  readonly remindersSent: number;
  readonly overdue: boolean;
  readonly reassignReason?: string;
}
interface ApplicationRow {
  readonly applicationId: string;
  readonly applicant: string;
  readonly title: string;
  readonly validReviews: number;
  readonly required: number;
  readonly tasks: readonly TaskRow[];
}
interface ExpertRow {
  readonly expertId: string;
  readonly name: string;
  readonly assigned: number;
  readonly submitted: number;
  readonly overdue: number;
}
interface Progress {
  readonly applications: readonly ApplicationRow[];
  readonly experts: readonly ExpertRow[];
}

/** The invitation links (not reminders) mailed to `email` for the application titled `title`, waiting for at least `count`. */
async function invitationLinks(email: string, title: string, count = 1): Promise<string[]> {
  return eventually(async () => {
    const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`);
    const links = (body.messages as { subject: string; links: string[] }[])
      .filter((mail) => mail.subject.startsWith('【评审邀请】') && mail.subject.endsWith(`：${title}`))
      .flatMap((mail) => mail.links)
      .filter((url) => url.includes('/review/'))
      .map((url) => url.split('/review/')[1]!);
    return links.length >= count ? links : undefined;
  }, `${count} invitation(s) to ${email} for ${title}`);
}

describe('review progress and reassignment by hand', () => {
  it('shows names, counts and overdue tasks, and replaces experts by hand without breaking the round', async () => {
    let admin = await devToken(base, { role: 'admin', name: '职成处' });
    const experts = new Map<string, (typeof pool)[number]>();
    for (const expert of pool) experts.set((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).body.expert.id, expert);
    const expertId = (name: string) => [...experts].find(([, expert]) => expert.name === name)![0];
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 2, minValidReviews: 2, reviewDays: 14 });
    const { applicationId: liuzhouId } = await submitAcceptedApplication(base, { admin, institution: await devToken(base, { role: 'institution', orgId: 'org-liuzhou' }) }, roundId);
    const { applicationId: guilinId } = await submitAcceptedApplication(
      base,
      { admin, institution: await devToken(base, { role: 'institution', orgId: 'org-guilin' }) },
      roundId,
      cityConsortiumForm(guilin.applicant, guilin.title),
    );
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');

    const progress = async (): Promise<Progress> => {
      const answer = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/progress`, { token: admin });
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const rowOf = (current: Progress, applicationId: string) => current.applications.find((row) => row.applicationId === applicationId)!;
    const reassign = (taskId: string, body: Record<string, unknown>) => callApi(base, 'POST', `/api/admin/review-tasks/${taskId}/reassign`, { token: admin, body });

    // 1. Names, not ids; two invited experts per application; counts per expert.
    const initial = await progress();
    expect(initial.applications).toHaveLength(2);
    expect(rowOf(initial, liuzhouId)).toMatchObject({ ...liuzhou, required: 2, validReviews: 0 });
    expect(rowOf(initial, guilinId)).toMatchObject({ ...guilin, required: 2, validReviews: 0 });
    expect(initial.applications.map((row) => row.tasks.length)).toEqual([2, 2]);
    const originalTasks = initial.applications.flatMap((row) => row.tasks);
    for (const task of originalTasks) {
      expect(task).toMatchObject({ expertName: experts.get(task.expertId)!.name, status: 'invited', remindersSent: 0, overdue: false });
    }
    expect(rowOf(initial, liuzhouId).tasks.map((task) => task.expertName)).not.toContain('回避专家');
    expect(initial.experts.reduce((sum, row) => sum + row.assigned, 0)).toBe(4);
    for (const row of initial.experts) {
      expect(row).toEqual(expect.objectContaining({ name: experts.get(row.expertId)!.name, submitted: 0, overdue: 0 }));
      expect(row.assigned).toBe(originalTasks.filter((task) => task.expertId === row.expertId).length);
    }
    for (const row of initial.applications) for (const task of row.tasks) await invitationLinks(experts.get(task.expertId)!.email, row.title);

    // 2. Nobody answers: reminded two days before the due time, then past it the tasks are overdue and replaced.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 + 3600 } });
    admin = await devToken(base, { role: 'admin', name: '职成处' });
    await eventually(async () => ((await progress()).applications.flatMap((row) => row.tasks).every((task) => task.remindersSent === 1) ? true : undefined), 'reminders in the progress');
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 3 * 86_400 } });
    admin = await devToken(base, { role: 'admin', name: '职成处' });
    const lapsed = await eventually(async () => {
      const current = await progress();
      const tasks = current.applications.flatMap((row) => row.tasks);
      const replaced = originalTasks.every((task) => tasks.find((item) => item.taskId === task.taskId)?.status === 'reassigned');
      return replaced && current.applications.every((row) => row.tasks.filter((task) => task.status === 'invited').length === 2) ? current : undefined;
    }, 'replacements of the overdue tasks');
    for (const task of originalTasks) {
      expect(lapsed.applications.flatMap((row) => row.tasks).find((item) => item.taskId === task.taskId)).toMatchObject({ status: 'reassigned', overdue: true });
    }
    for (const row of lapsed.experts) {
      expect(row.overdue, row.name).toBe(originalTasks.filter((task) => task.expertId === row.expertId).length);
    }
    expect(lapsed.experts.reduce((sum, row) => sum + row.assigned, 0)).toBe(8);

    // 3. By hand, to a chosen expert: the first open task of 柳州's application.
    const liuzhouOpen = rowOf(lapsed, liuzhouId).tasks.filter((task) => task.status === 'invited');
    const [chosenTask, otherTask] = liuzhouOpen as [TaskRow, TaskRow];
    const onLiuzhou = new Set(rowOf(lapsed, liuzhouId).tasks.map((task) => task.expertId));
    const chosen = [...experts.keys()].find((id) => !onLiuzhou.has(id) && experts.get(id)!.name !== '回避专家')!;
    const [oldLink] = await invitationLinks(experts.get(chosenTask.expertId)!.email, liuzhou.title);
    expect((await callApi(base, 'GET', `/api/review/${oldLink}`)).status).toBe(200);
    const reason = '原专家临时出国，无法按期评审';
    const manual = await reassign(chosenTask.taskId, { expertId: chosen, reason });
    expect(manual.status).toBe(200);
    expect(manual.body.task).toMatchObject({ taskId: chosenTask.taskId, expertId: chosenTask.expertId, expertName: chosenTask.expertName, status: 'reassigned', reassignReason: reason });
    expect(manual.body.replacement).toMatchObject({ expertId: chosen, expertName: experts.get(chosen)!.name, status: 'invited', dueAt: expect.any(String) });
    expect(manual.body.replacement.taskId).not.toBe(chosenTask.taskId);
    expect(manual.body.task).not.toHaveProperty('linkId');
    expect(manual.body.task).not.toHaveProperty('callbackToken');
    expect(await callApi(base, 'GET', `/api/review/${oldLink}`)).toMatchObject({ status: 410, body: { error: { code: 'LINK_EXPIRED' } } });
    const [chosenLink] = await invitationLinks(experts.get(chosen)!.email, liuzhou.title);
    expect(await callApi(base, 'GET', `/api/review/${chosenLink}`)).toMatchObject({ status: 200, body: { task: { status: 'invited', applicationTitle: liuzhou.title } } });
    const afterManual = rowOf(await progress(), liuzhouId);
    expect(afterManual.tasks).toHaveLength(5);
    expect(afterManual.tasks.find((task) => task.taskId === manual.body.replacement.taskId)).toMatchObject({ expertName: experts.get(chosen)!.name, status: 'invited' });
    const audit = (await callApi(base, 'GET', `/api/admin/audit?entityId=${chosenTask.taskId}`, { token: admin })).body.events;
    expect(audit.at(-1)).toMatchObject({
      action: 'review_task.reassigned',
      actor: expect.stringMatching(/^admin:/),
      detail: { reason, fromExpertId: chosenTask.expertId, toExpertId: chosen, replacementTaskId: manual.body.replacement.taskId, by: '职成处' },
    });

    // A double click: the same request again creates nothing; another request on the replaced task is refused.
    const repeat = await reassign(chosenTask.taskId, { expertId: chosen, reason });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ repeated: true, replacement: { taskId: manual.body.replacement.taskId } });
    expect(rowOf(await progress(), liuzhouId).tasks).toHaveLength(5);
    expect(await reassign(chosenTask.taskId, { reason: '另一个理由' })).toMatchObject({ status: 409, body: { error: { code: 'INVALID_STATE' } } });
    expect(await invitationLinks(experts.get(chosen)!.email, liuzhou.title)).toEqual([chosenLink]);

    // 4. Experts who may not step in: a declared conflict, one already on the application, one not in the pool.
    const conflictRefusal = await reassign(otherTask.taskId, { expertId: expertId('回避专家'), reason });
    expect(conflictRefusal).toMatchObject({ status: 422, body: { error: { code: 'EXPERT_NOT_ELIGIBLE', details: [{ path: 'expertId', reason: 'declared_conflict' }] } } });
    expect(conflictRefusal.body.error.details[0].message).toMatch(/利益冲突/);
    expect(await reassign(otherTask.taskId, { expertId: chosen, reason })).toMatchObject({
      status: 422,
      body: { error: { code: 'EXPERT_NOT_ELIGIBLE', details: [{ reason: 'already_on_application' }] } },
    });
    expect(await reassign(otherTask.taskId, { expertId: 'expert_nobody', reason })).toMatchObject({ status: 422, body: { error: { code: 'EXPERT_NOT_FOUND' } } });
    expect(await reassign(otherTask.taskId, { expertId: chosen })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(await reassign(otherTask.taskId, { reason: '  ' })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(rowOf(await progress(), liuzhouId).tasks.find((task) => task.taskId === otherTask.taskId)).toMatchObject({ status: 'invited' });
    expect(rowOf(await progress(), liuzhouId).tasks).toHaveLength(5);

    // 5. By hand, without a chosen expert: the best eligible alternate, on an accepted task of 桂林's application.
    const [autoTask, guilinKept] = rowOf(lapsed, guilinId).tasks.filter((task) => task.status === 'invited') as [TaskRow, TaskRow];
    const [autoOldLink] = await invitationLinks(experts.get(autoTask.expertId)!.email, guilin.title);
    expect((await callApi(base, 'POST', `/api/review/${autoOldLink}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
    const automatic = await reassign(autoTask.taskId, { reason: '专家身体原因' });
    expect(automatic.status).toBe(200);
    const onGuilin = rowOf(lapsed, guilinId).tasks.map((task) => task.expertId);
    expect(onGuilin).not.toContain(automatic.body.replacement.expertId);
    expect(automatic.body.replacement.expertName).toBe(experts.get(automatic.body.replacement.expertId)!.name);
    expect(await callApi(base, 'GET', `/api/review/${autoOldLink}/application`)).toMatchObject({ status: 410, body: { error: { code: 'LINK_EXPIRED' } } });
    const [autoLink] = await invitationLinks(experts.get(automatic.body.replacement.expertId)!.email, guilin.title);
    expect(await callApi(base, 'GET', `/api/review/${autoLink}`)).toMatchObject({ status: 200, body: { task: { applicationTitle: guilin.title } } });
    expect((await reassign(autoTask.taskId, { reason: '专家身体原因' })).body).toMatchObject({ repeated: true, replacement: { taskId: automatic.body.replacement.taskId } });

    // 6. A submitted task cannot be reassigned.
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    const [otherLink] = await invitationLinks(experts.get(otherTask.expertId)!.email, liuzhou.title);
    await submitReview(base, otherLink!, codes, 8);
    expect(await reassign(otherTask.taskId, { reason })).toMatchObject({ status: 409, body: { error: { code: 'INVALID_STATE' } } });

    // 7. The replacements review and the round moves on.
    await submitReview(base, chosenLink!, codes, 7);
    await submitReview(base, autoLink!, codes, 9);
    await submitReview(base, (await invitationLinks(experts.get(guilinKept.expertId)!.email, guilin.title))[0]!, codes, 8);
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    const final = await progress();
    expect(final.applications.map((row) => row.validReviews)).toEqual([2, 2]);
    expect(final.experts.reduce((sum, row) => sum + row.submitted, 0)).toBe(4);
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body.ranking;
    expect(ranking.map((entry: { validReviews: number }) => entry.validReviews)).toEqual([2, 2]);
  });
});

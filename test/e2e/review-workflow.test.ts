/**
 * The review workflow's human waits over HTTP: a decline brings in an alternate expert, a
 * declared conflict frees the slot, a silent expert is reminded before the due time and the
 * task expires at it, counted as an overdue review; ranking then reports too few valid reviews.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRuntimeMetrics } from '#infra/local/metrics/read-metrics.js';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

const pool = [
  { name: '甲', email: 'a@experts.test', organization: '广西大学', expertise: ['职业教育'], capacity: 5 },
  { name: '乙', email: 'b@experts.test', organization: '广西科技大学', expertise: ['汽车'], capacity: 5 },
  { name: '丙', email: 'c@experts.test', organization: '桂林电子科技大学', expertise: ['电子信息'], capacity: 5 },
  { name: '丁', email: 'd@experts.test', organization: '广西师范大学', expertise: ['职业教育'], capacity: 5 },
];

/** The HTTP status and error code of a GET (no body) or POST (with `body`) to a review link. */
async function statusAndCode(path: string, body?: unknown): Promise<[number, string | undefined]> {
  const answer = await callApi(base, body === undefined ? 'GET' : 'POST', path, body === undefined ? {} : { body });
  return [answer.status, answer.body?.error?.code];
}

describe('the review workflow', () => {
  it('replaces a declining expert, frees a conflicted slot, reminds and then expires a silent one', async () => {
    let admin = await devToken(base, { role: 'admin' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-yulin' });
    const ids = new Map<string, string>();
    for (const expert of pool) ids.set((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).body.expert.id, expert.email);
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 3, minValidReviews: 2, reviewDays: 14 });
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');

    const assigned = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments.map((item: { expertId: string }) => ids.get(item.expertId)!);
    expect(assigned).toHaveLength(3);
    const [decliner, conflicted, reviewer] = assigned as [string, string, string];
    const alternate = pool.map((expert) => expert.email).find((email) => !assigned.includes(email))!;
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');

    const [declinerLink] = await reviewLinks(base, decliner);
    expect((await callApi(base, 'POST', `/api/review/${declinerLink}/decline`, { body: { reason: '评审期间出国' } })).status).toBe(200);
    expect((await callApi(base, 'POST', `/api/review/${declinerLink}/conflict`, { body: { hasConflict: false } })).status).toBe(410);
    const [alternateLink] = await reviewLinks(base, alternate);

    const [conflictedLink] = await reviewLinks(base, conflicted);
    expect((await callApi(base, 'POST', `/api/review/${conflictedLink}/conflict`, { body: { hasConflict: true, note: '曾在申报单位兼职' } })).status).toBe(200);
    // A declared conflict uses the link up: no materials (410, as for every used-up link).
    expect(await statusAndCode(`/api/review/${conflictedLink}/application`)).toEqual([410, 'LINK_EXPIRED']);
    expect(await statusAndCode(`/api/review/${declinerLink}/application`)).toEqual([410, 'LINK_EXPIRED']);

    const [reviewerLink] = await reviewLinks(base, reviewer);
    await submitReview(base, reviewerLink!, codes, 9);
    // After the final submission the link serves no more download URLs and takes no more actions,
    // while its status page still says what happened.
    expect(await statusAndCode(`/api/review/${reviewerLink}/application`)).toEqual([410, 'LINK_EXPIRED']);
    const again = { scores: Object.fromEntries(codes.map((code) => [code, 1])), comment: '改分', recommendation: 'not_recommend', final: true };
    expect(await statusAndCode(`/api/review/${reviewerLink}/scores`, again)).toEqual([410, 'LINK_EXPIRED']);
    expect(await statusAndCode(`/api/review/${reviewerLink}/decline`, { reason: '改主意' })).toEqual([410, 'LINK_EXPIRED']);
    expect(await statusAndCode(`/api/review/${reviewerLink}/conflict`, { hasConflict: true })).toEqual([410, 'LINK_EXPIRED']);
    const used = await callApi(base, 'GET', `/api/review/${reviewerLink}`);
    expect([used.status, used.body.task.status, used.body.task.draft.recommendation]).toEqual([200, 'submitted', 'recommend']);

    // The alternate stays silent: reminded two days before the due time, expired at it (one overdue review).
    const overdueReviews = async () => (await readRuntimeMetrics(base, JSON.parse(readFileSync(join(runtime().dataDir, 'aws-credentials.json'), 'utf8')))).counters.operational['OverdueReviews'] ?? 0;
    const overdueBefore = await overdueReviews();
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 + 3600 } });
    await reviewLinks(base, alternate, 1, '评审提醒');
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 3 * 86_400 } });
    admin = await devToken(base, { role: 'admin' });
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    const expired = await callApi(base, 'GET', `/api/review/${alternateLink}`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('LINK_EXPIRED');
    expect(await statusAndCode(`/api/review/${alternateLink}/application`)).toEqual([410, 'LINK_EXPIRED']);

    const statuses = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments.map(
      (item: { expertId: string; status: string }) => [ids.get(item.expertId), item.status],
    );
    expect(Object.fromEntries(statuses)).toEqual({ [decliner]: 'reassigned', [conflicted]: 'conflict', [reviewer]: 'submitted', [alternate]: 'expired' });
    expect((await overdueReviews()) - overdueBefore).toBe(1);
    const ranking = await eventually(async () => (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body.ranking, 'ranking');
    expect(ranking).toEqual([expect.objectContaining({ applicationId, validReviews: 1, score: null })]);
  });
});

describe('a withdrawal during review', () => {
  it('closes the experts\' links and lets the round go on without the application', async () => {
    let admin = await devToken(base, { role: 'admin' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-hezhou' });
    const expert = { name: '戊', email: 'e@experts.test', organization: '广西民族大学', expertise: ['职业教育'], capacity: 5 };
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 1, minValidReviews: 1, reviewDays: 14 });
    const form = cityConsortiumForm('贺州市人民政府', '贺州市域产教联合体');
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId, form);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    const assignment = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments[0];
    const email = (await callApi(base, 'GET', '/api/admin/experts', { token: admin })).body.experts.find((item: { id: string }) => item.id === assignment.expertId).email;
    const [linkId] = await reviewLinks(base, email, 1, form.projectTitle);

    const withdrawn = await callApi(base, 'POST', `/api/applications/${applicationId}/withdraw`, { token: institution, body: {} });
    expect(withdrawn.body.application.status).toBe('withdrawn');
    const closed = await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } });
    expect(closed.status).toBe(410);
    expect(closed.body.error.message).toContain('撤回');

    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 + 3600 } });
    admin = await devToken(base, { role: 'admin' });
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body).toEqual({ ranking: [], proposedShortlist: [] });
  });
});

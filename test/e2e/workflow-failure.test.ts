/**
 * A failed workflow step surfaces over HTTP: a round whose assignment cannot be satisfied (too
 * few experts) shows the failed step with its Chinese reason, staff are mailed, and once
 * experts are added staff retry the step and the round goes on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { openCityRound, submitAcceptedApplication, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

const staff = 'staff@platform.local';
const experts = [
  { name: '甲', email: 'a@experts.test', organization: '广西大学', expertise: ['职业教育'] },
  { name: '乙', email: 'b@experts.test', organization: '广西科技大学', expertise: ['汽车'] },
  { name: '丙', email: 'c@experts.test', organization: '桂林电子科技大学', expertise: ['电子信息'] },
];

describe('a failed round workflow step', () => {
  it('is shown to staff with its reason in Chinese, mailed to them, and retried once the cause is fixed', async () => {
    const admin = await devToken(base, { role: 'admin' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: experts[0] })).status).toBe(201);
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 3, minValidReviews: 2 });
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId);
    const nothing = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/retry`, { token: admin });
    expect({ status: nothing.status, code: nothing.body.error.code }).toEqual({ status: 409, code: 'NOTHING_TO_RETRY' });

    const early = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/retry`, { token: admin });
    expect({ status: early.status, code: early.body.error.code }).toEqual({ status: 409, code: 'NOTHING_TO_RETRY' });

    // One expert for an application that needs at least two: the assignment step fails.
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    const failed = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin });
      return body.round.failure ? body.round : undefined;
    }, 'the failure on the round');
    expect(failed.status).toBe('screening');
    expect(failed.failure).toMatchObject({ step: 'Assign', stepLabel: '分配评审专家', error: 'ASSIGNMENT_SHORTFALL' });
    expect(failed.failure.reason).toMatch(/分配不到最少 2 名评审专家.*请添加专家/);
    expect(Date.parse(failed.failure.at)).not.toBeNaN();
    expect(failed).not.toHaveProperty('retryTokens');

    const mail = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(staff)}`);
      return body.messages.find((message: { subject: string }) => message.subject.includes('流程异常'));
    }, 'the staff mail');
    expect(mail.subject).toContain('分配评审专家');
    expect(mail.text).toContain(failed.failure.reason);
    expect(mail.text).toContain(`/api/admin/rounds/${roundId}/retry`);
    const trail = (await callApi(base, 'GET', `/api/admin/audit?entityId=${roundId}`, { token: admin })).body.events.map((event: { action: string }) => event.action);
    expect(trail).toContain('round.step_failed');

    // Staff add experts and retry: the assignment runs again and the round goes into review.
    for (const expert of experts.slice(1)) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
    const retried = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/retry`, { token: admin });
    expect(retried.status).toBe(202);
    expect(retried.body.round.failure).toBeUndefined();
    const inReview = await waitForRoundStatus(base, admin, roundId, 'in_review');
    expect(inReview.failure).toBeUndefined();
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments).toHaveLength(3);
    const after = (await callApi(base, 'GET', `/api/admin/audit?entityId=${roundId}`, { token: admin })).body.events.map((event: { action: string }) => event.action);
    expect(after).toEqual(expect.arrayContaining(['round.step_failed', 'round.step_retried', 'round.review_started']));
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/retry`, { token: admin })).status).toBe(409);
  });
});

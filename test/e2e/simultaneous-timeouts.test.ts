/**
 * Reassignment when every expert of an application stays silent: all its tasks expire at the
 * same instant and are reassigned concurrently. The replacements must go to distinct experts
 * who are not already on the application, and the ranking counts each expert once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

const pool = ['广西大学', '广西科技大学', '桂林电子科技大学', '广西师范大学', '广西民族大学', '南宁师范大学'].map((organization, index) => ({
  name: `专家${index + 1}`,
  email: `silent${index + 1}@experts.test`,
  organization,
  expertise: ['职业教育'],
  capacity: 5,
}));

interface Assignment {
  readonly taskId: string;
  readonly expertId: string;
  readonly status: string;
}

describe('simultaneous timeouts of one application', () => {
  it('reassign every slot to a different expert, none already on the application', async () => {
    let admin = await devToken(base, { role: 'admin' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
    const emails = new Map<string, string>();
    for (const expert of pool) emails.set((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).body.expert.id, expert.email);
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 3, minValidReviews: 3, reviewDays: 14 });
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    const assignments = async (): Promise<Assignment[]> => (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments;
    const original = (await assignments()).map((item) => item.expertId);
    expect(new Set(original).size).toBe(3);

    for (const expertId of original) await reviewLinks(base, emails.get(expertId)!, 1, '评审邀请');

    // Nobody answers: reminded two days before the due time, then all three expire together.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 + 3600 } });
    for (const expertId of original) await reviewLinks(base, emails.get(expertId)!, 1, '评审提醒');
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 3 * 86_400 } });
    admin = await devToken(base, { role: 'admin' });

    const replacements = await eventually(async () => {
      const live = (await assignments()).filter((item) => item.status === 'invited');
      return live.length >= 3 ? live : undefined;
    }, 'three replacement tasks');
    const all = await assignments();
    expect(all.filter((item) => original.includes(item.expertId)).map((item) => item.status)).toEqual(['reassigned', 'reassigned', 'reassigned']);
    const replacementExperts = replacements.map((item) => item.expertId);
    expect(replacementExperts).toHaveLength(3);
    expect(new Set(replacementExperts).size).toBe(3);
    for (const expertId of replacementExperts) expect(original).not.toContain(expertId);
    // No expert holds two tasks on the application, whatever their status.
    expect(new Set(all.map((item) => item.expertId)).size).toBe(all.length);

    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    for (const [index, expertId] of replacementExperts.entries()) {
      const links = await reviewLinks(base, emails.get(expertId)!, 1, '评审邀请');
      expect(links).toHaveLength(1);
      await submitReview(base, links[0]!, codes, 7 + index);
    }
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body.ranking;
    const reviewers = new Set((await assignments()).filter((item) => item.status === 'submitted').map((item) => item.expertId));
    expect(ranking).toEqual([expect.objectContaining({ applicationId, validReviews: 3 })]);
    expect(ranking[0].validReviews).toBeLessThanOrEqual(reviewers.size);
  });
});

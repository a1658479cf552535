/**
 * Site visits (实地考察) over HTTP against the local runtime, on a seed-000 (`miit-demo-base`)
 * round with `siteVisit: "required"`: the shortlist decision is refused until the visit's report
 * is filed; the visiting experts follow the review's recusal rules and are mailed the date and
 * place; the report's recommendation is in the ranking before the decision; then the decision passes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { miitRoundAwaitingShortlist, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '人事教育司' });
});

async function addExpert(body: Record<string, unknown>): Promise<string> {
  const created = await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: { expertise: ['航空宇航'], ...body } });
  expect(created.status).toBe(201);
  return created.body.expert.id;
}

async function mailsTo(email: string): Promise<{ subject: string; text: string }[]> {
  return (await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`)).body.messages;
}

describe('a seed-000 round with a required site visit', () => {
  it('waits for the visit report before the shortlist decision, and shows the report in the ranking first', async () => {
    const { roundId, applicationId, form } = await miitRoundAwaitingShortlist(base, admin, 'sv', { siteVisit: 'required' });
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.siteVisit).toBe('required');

    // The decision waits for the report, naming the application.
    const refused = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SITE_VISITS_PENDING', details: [{ applicationId }] });
    expect(refused.body.error.message).toContain(`“${form.projectTitle}”`);

    // An expert of the partner enterprise is recused, as in review.
    const visitExpert = await addExpert({ name: '考察专家丙', email: 'sv-bing@experts.test', organization: '中国商飞上海飞机设计研究院' });
    const partnerExpert = await addExpert({ name: '企业专家丁', email: 'sv-ding@experts.test', organization: form.partnerName });
    const recused = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/site-visits`, {
      token: admin,
      body: { scheduledAt: '2026-12-20T09:30:00+08:00', expertIds: [visitExpert, partnerExpert] },
    });
    expect(recused.status).toBe(422);
    expect(recused.body.error).toMatchObject({ code: 'EXPERT_NOT_ELIGIBLE', details: [{ expertId: partnerExpert, reason: 'related_organization' }] });
    expect(recused.body.error.message).toContain('企业专家丁：该专家所在单位是申报书中列出的合作单位或联合申报单位，须回避');
    const ghost = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/site-visits`, {
      token: admin,
      body: { scheduledAt: '2026-12-20T09:30:00+08:00', expertIds: ['expert_missing'] },
    });
    expect([ghost.status, ghost.body.error.code]).toEqual([422, 'EXPERT_NOT_FOUND']);

    // Scheduled: the expert is mailed the date and place; a repeat changes nothing; a new place is mailed again.
    const plan = { scheduledAt: '2026-12-20T09:30:00+08:00', expertIds: [visitExpert], location: '北京市海淀区学院路37号' };
    const scheduled = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/site-visits`, { token: admin, body: plan });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.siteVisit).toMatchObject({ id: expect.any(String), status: 'scheduled', experts: [{ expertId: visitExpert, name: '考察专家丙' }] });
    const visitId = scheduled.body.siteVisit.id as string;
    const [invitation] = await mailsTo('sv-bing@experts.test');
    expect(invitation!.subject).toBe(`【实地考察邀请】工业和信息化部校企协同育人示范基地：${form.projectTitle}`);
    expect(invitation!.text).toContain('考察时间：2026/12/20 09:30:00（北京时间）');
    expect(invitation!.text).toContain('考察地点：北京市海淀区学院路37号');
    const repeated = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/site-visits`, { token: admin, body: plan });
    expect([repeated.status, repeated.body.siteVisit.id]).toEqual([200, visitId]);
    expect(await mailsTo('sv-bing@experts.test')).toHaveLength(1);
    const moved = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/site-visits`, { token: admin, body: { ...plan, location: '中国航发商发 上海研发中心' } });
    expect([moved.status, moved.body.siteVisit.id, moved.body.siteVisit.location]).toEqual([200, visitId, '中国航发商发 上海研发中心']);
    expect((await mailsTo('sv-bing@experts.test')).map((mail) => mail.subject.slice(0, 8))).toEqual(['【实地考察邀请】', '【实地考察变更】']);

    // Scheduled is not reported: the ranking has no recommendation yet, and the decision still waits.
    const before = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin });
    expect(before.body.ranking[0]).not.toHaveProperty('siteVisit');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(409);

    // The report: filed once (the same again answers the same), another one refused.
    const report = { findings: '联合实验室与研究生工作站运行良好，企业导师到位；建议补充实践课程清单。', recommendation: 'conditional' };
    const filed = await callApi(base, 'POST', `/api/admin/site-visits/${visitId}/report`, { token: admin, body: report });
    expect(filed.status).toBe(200);
    expect(filed.body.siteVisit).toMatchObject({ status: 'reported', report: { ...report, reportedBy: '人事教育司' } });
    expect((await callApi(base, 'POST', `/api/admin/site-visits/${visitId}/report`, { token: admin, body: report })).status).toBe(200);
    const other = await callApi(base, 'POST', `/api/admin/site-visits/${visitId}/report`, { token: admin, body: { ...report, recommendation: 'recommend' } });
    expect([other.status, other.body.error.code]).toEqual([409, 'INVALID_STATE']);
    const reschedule = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/site-visits`, { token: admin, body: plan });
    expect(reschedule.status).toBe(409);

    // Before the decision, staff read the report's recommendation beside the scores.
    const ranking = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin });
    expect(ranking.body.ranking).toEqual([expect.objectContaining({ applicationId, title: form.projectTitle, score: expect.any(Number), siteVisit: 'conditional' })]);
    const listed = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/site-visits`, { token: admin });
    expect(listed.body).toMatchObject({
      siteVisit: 'required',
      awaitingReport: [],
      siteVisits: [{ id: visitId, applicant: form.applicantName, title: form.projectTitle, experts: [{ name: '考察专家丙', organization: '中国商飞上海飞机设计研究院' }] }],
    });
    const trail = await callApi(base, 'GET', `/api/admin/audit?entityId=${visitId}`, { token: admin });
    expect(trail.body.events.map((event: { action: string }) => event.action)).toEqual(['site_visit.scheduled', 'site_visit.rescheduled', 'site_visit.reported']);
    expect(trail.body.events[2]).toMatchObject({ actorName: '人事教育司', entityType: 'site_visit', entityLabel: `实地考察《${form.projectTitle}》` });

    // Then the decision passes.
    const approved = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } });
    expect(approved.status).toBe(200);
    expect(approved.body.round.shortlist.applicationIds).toEqual([applicationId]);
    await waitForRoundStatus(base, admin, roundId, 'in_publicity');
    // After the decision, no more visits.
    const late = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/site-visits`, { token: admin, body: { ...plan, location: '另一地点' } });
    expect([late.status, late.body.error.code]).toEqual([409, 'INVALID_STATE']);
  }, 180_000);
});

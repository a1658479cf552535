/**
 * People never wait for a poll: a submitted application goes on the moment its last file passed
 * its check, and the round that closed intake moves on the moment the last open application is
 * decided (or withdrawn), without any clock advance.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, openCityRound, submitAcceptedApplication, waitForApplicationStatus, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { postUpload, samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin' });
  for (const [index, organization] of ['广西大学', '广西科技大学', '桂林电子科技大学'].entries()) {
    const expert = { name: `专家${index}`, email: `e${index}@experts.test`, organization, expertise: ['职业教育'], capacity: 10 };
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
  }
});

/** An application submitted while its 申报书 slot is still empty (the workflow then waits for the file). */
async function submitWithPendingFile(institution: string, roundId: string, applicantName: string) {
  const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId, form: cityConsortiumForm(applicantName, `${applicantName}产教联合体`) } });
  expect(draft.status).toBe(201);
  const applicationId = draft.body.application.id as string;
  const pdf = await samplePdf(1);
  const slot = await callApi(base, 'POST', `/api/applications/${applicationId}/evidence`, {
    token: institution,
    body: { materialKey: 'application_form', fileName: '申报书.pdf', contentType: 'application/pdf', size: pdf.length },
  });
  expect(slot.status).toBe(201);
  expect((await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: institution, body: {} })).body.application.status).toBe('submitted');
  return { applicationId, upload: async () => expect((await postUpload(slot.body.upload, pdf)).status).toBe(204), evidenceId: slot.body.evidence.id as string };
}

/** Waits until the round workflow stored the token the last screening decision completes. */
async function waitForRoundToAwaitScreening(roundId: string): Promise<void> {
  await eventually(async () => {
    const trail = (await callApi(base, 'GET', `/api/admin/audit?entityId=${roundId}`, { token: admin })).body.events.map((event: { action: string }) => event.action);
    return trail.includes('round.awaiting.screening') ? true : undefined;
  }, 'the round to wait for screening');
}

describe('a submitted application whose file is still being checked', () => {
  it('goes on the moment its file passed the check, and staff screening is refused with a clear 409 until then', async () => {
    const institution = await devToken(base, { role: 'institution', orgId: 'org-yulin' });
    const roundId = await openCityRound(base, admin);
    const { applicationId, upload, evidenceId } = await submitWithPendingFile(institution, roundId, '玉林市人民政府');
    const early = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'accept', reasons: [] } });
    expect({ status: early.status, code: early.body.error.code }).toEqual({ status: 409, code: 'EVIDENCE_PENDING' });
    expect((await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: institution })).body.application.status).toBe('submitted');

    // No clock advance: the check of the file releases the submission workflow.
    await upload();
    const contact = encodeURIComponent(cityConsortiumForm().contactEmail);
    await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/dev/mail?to=${contact}`);
      return body.messages.some((mail: { subject: string }) => mail.subject.includes('【申报已提交】玉林市人民政府')) ? true : undefined;
    }, 'the submission mail');
    expect((await callApi(base, 'GET', `/api/applications/${applicationId}/evidence/${evidenceId}`, { token: institution })).body.evidence.status).toBe('verified');

    // Staff screen at once, whether or not the workflow has started the screening yet.
    const screened = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'accept', reasons: [] } });
    expect(screened.status).toBe(200);
    expect(screened.body.application).toMatchObject({ status: 'accepted', eligibility: { passed: true } });
    await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/dev/mail?to=${contact}`);
      return body.messages.some((mail: { subject: string }) => mail.subject.includes('【形式审查通过】玉林市人民政府')) ? true : undefined;
    }, 'the screening result mail');
    const trail = (await callApi(base, 'GET', `/api/admin/audit?entityId=${applicationId}`, { token: admin })).body.events.map((event: { action: string }) => event.action);
    expect(trail.filter((action: string) => action === 'application.screening_started')).toHaveLength(1);
    expect(trail).toContain('application.awaiting_evidence_checks');
  });
});

describe('a round after intake closed', () => {
  it('moves on the moment the last open application is decided, with no clock advance', async () => {
    const institution = await devToken(base, { role: 'institution', orgId: 'org-qinzhou' });
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 3, minValidReviews: 2 });
    const decided = await submitAcceptedApplication(base, { admin, institution }, roundId, cityConsortiumForm('钦州市人民政府', '钦州港产教联合体'));
    const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId, form: cityConsortiumForm('钦州市二号单位', '钦州第二产教联合体') } });
    const second = draft.body.application.id as string;
    const pdf = await samplePdf(1);
    const slot = await callApi(base, 'POST', `/api/applications/${second}/evidence`, { token: institution, body: { materialKey: 'application_form', fileName: '申报书.pdf', contentType: 'application/pdf', size: pdf.length } });
    expect((await postUpload(slot.body.upload, pdf)).status).toBe(204);
    await eventually(async () => ((await callApi(base, 'GET', `/api/applications/${second}/evidence/${slot.body.evidence.id}`, { token: institution })).body.evidence.status === 'verified' ? true : undefined), 'verified');
    expect((await callApi(base, 'POST', `/api/applications/${second}/submit`, { token: institution, body: {} })).status).toBe(200);
    await waitForApplicationStatus(base, institution, second, 'screening');

    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    // The round waits for the second application's decision (and only for it).
    await waitForRoundToAwaitScreening(roundId);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('screening');

    expect((await callApi(base, 'POST', `/api/admin/applications/${second}/screening`, { token: admin, body: { outcome: 'accept', reasons: [] } })).status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    const assigned = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments.map((item: { applicationId: string }) => item.applicationId);
    expect(new Set(assigned)).toEqual(new Set([decided.applicationId, second]));
  });

  it('moves on the moment the last open application is withdrawn', async () => {
    const institution = await devToken(base, { role: 'institution', orgId: 'org-hezhou' });
    const roundId = await openCityRound(base, admin);
    const { applicationId } = await submitWithPendingFile(institution, roundId, '贺州市人民政府');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundToAwaitScreening(roundId);
    expect((await callApi(base, 'POST', `/api/applications/${applicationId}/withdraw`, { token: institution, body: {} })).status).toBe(200);
    // Nothing left to review: the round goes straight through to the (empty) shortlist decision.
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
  });
});

/** Steps of the recognition pipeline over HTTP, shared by the end-to-end tests. */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { callApi, devToken, eventually } from './http-client.js';
import { cityConsortiumForm, miitDemoBaseForm } from './forms.js';
import { postUpload, samplePdf } from './uploads.js';

export { cityConsortiumForm, miitDemoBaseForm } from './forms.js';

/** The runtime clock's "now" in milliseconds. */
export async function runtimeNow(base: string): Promise<number> {
  return Date.parse((await callApi(base, 'GET', '/dev/health')).body.now);
}

/** Opens a 市域产教联合体 round with intake open now; returns its id. */
export async function openCityRound(base: string, admin: string, settings: Record<string, unknown> = {}): Promise<string> {
  const now = await runtimeNow(base);
  const created = await callApi(base, 'POST', '/api/admin/rounds', {
    token: admin,
    body: {
      programId: 'gx-city-consortium',
      title: '2026年市域产教联合体认定',
      year: 2026,
      intakeOpensAt: new Date(now - 3600_000).toISOString(),
      intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString(),
      ...settings,
    },
  });
  expect(created.status).toBe(201);
  expect(created.body.round.status).toBe('open');
  return created.body.round.id;
}

/** Uploads `bytes` as a verified PDF for a material; returns the evidence as the institution sees it. */
export async function uploadPdf(base: string, token: string, applicationId: string, materialKey: string, bytes: Uint8Array) {
  const requested = await callApi(base, 'POST', `/api/applications/${applicationId}/evidence`, {
    token,
    body: { materialKey, fileName: '申报书.pdf', contentType: 'application/pdf', size: bytes.length },
  });
  expect(requested.status).toBe(201);
  expect(requested.body.evidence.status).toBe('pending');
  expect((await postUpload(requested.body.upload, bytes)).status).toBe(204);
  const evidence = await eventually(async () => {
    const { body } = await callApi(base, 'GET', `/api/applications/${applicationId}/evidence/${requested.body.evidence.id}`, { token });
    return body.evidence.status === 'pending' ? undefined : body.evidence;
  }, 'evidence check');
  expect({ status: evidence.status, reason: evidence.reason }).toEqual({ status: 'verified', reason: undefined });
  expect(evidence.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  return evidence;
}

/**
 * An institution applies with a verified 申报书 (and a verified PDF for each further required
 * material of `materials`) and submits; resolves once the application waits for formal review.
 */
export async function submitForScreening(base: string, institution: string, roundId: string, form: Record<string, unknown> = cityConsortiumForm(), materials: readonly string[] = []) {
  const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId, form } });
  expect(draft.status).toBe(201);
  const applicationId = draft.body.application.id as string;
  const pdf = await samplePdf(2);
  const evidence = await uploadPdf(base, institution, applicationId, 'application_form', pdf);
  for (const material of materials) await uploadPdf(base, institution, applicationId, material, pdf);
  const submitted = await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: institution, body: {} });
  expect(submitted.status).toBe(200);
  expect(submitted.body.application.status).toBe('submitted');
  await waitForApplicationStatus(base, institution, applicationId, 'screening');
  return { applicationId, evidence, pdf };
}

/** An institution applies with a verified 申报书 and submits; staff accept it in formal review. */
export async function submitAcceptedApplication(
  base: string,
  tokens: { admin: string; institution: string },
  roundId: string,
  form: Record<string, unknown> = cityConsortiumForm(),
  materials: readonly string[] = [],
) {
  const { applicationId, evidence, pdf } = await submitForScreening(base, tokens.institution, roundId, form, materials);
  const screened = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: tokens.admin, body: { outcome: 'accept', reasons: [] } });
  expect(screened.status).toBe(200);
  expect(screened.body.application.status).toBe('accepted');
  return { applicationId, evidence, pdf };
}

/** Waits until the institution sees its application in `status`. */
export async function waitForApplicationStatus(base: string, token: string, applicationId: string, status: string): Promise<void> {
  await eventually(async () => ((await callApi(base, 'GET', `/api/applications/${applicationId}`, { token })).body.application.status === status ? true : undefined), `application ${status}`);
}

/** Waits until staff see the round in `status`; returns the round. */
export async function waitForRoundStatus(base: string, admin: string, roundId: string, status: string) {
  return eventually(async () => {
    const { body } = await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin });
    return body.round?.status === status ? body.round : undefined;
  }, `round ${status}`);
}

/** The review link ids e-mailed to `email` (newest last), waiting for at least `count`. */
export async function reviewLinks(base: string, email: string, count = 1, subjectPart = ''): Promise<string[]> {
  return eventually(async () => {
    const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`);
    const links = (body.messages as { subject: string; links: string[] }[])
      .filter((mail) => mail.subject.includes(subjectPart))
      .flatMap((mail) => mail.links)
      .filter((url) => url.includes('/review/'))
      .map((url) => url.split('/review/')[1]!);
    return links.length >= count ? links : undefined;
  }, `${count} review mail(s) to ${email}`);
}

/** The leaf indicator codes of a program, from the public program API. */
export async function leafIndicatorCodes(base: string, programId: string): Promise<string[]> {
  const leaves = (nodes: { code: string; children?: unknown[] }[]): string[] => nodes.flatMap((node) => (node.children ? leaves(node.children as never) : [node.code]));
  return leaves((await callApi(base, 'GET', `/api/programs/${programId}`)).body.indicators);
}

/** An expert declares no conflict and submits the same score on every indicator. */
export async function submitReview(base: string, linkId: string, codes: readonly string[], score: number) {
  expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
  const scored = await callApi(base, 'POST', `/api/review/${linkId}/scores`, {
    body: { scores: Object.fromEntries(codes.map((code) => [code, score])), comment: '材料完整，特色鲜明。', recommendation: 'recommend', final: true },
  });
  expect(scored.status).toBe(200);
  expect(scored.body.task.status).toBe('submitted');
  return scored.body.task;
}

/**
 * Runs a round of one application to its public notice: two experts review it, staff approve
 * the shortlist. Returns the round and the application on notice.
 */
export async function roundOnPublicNotice(base: string, tokens: { admin: string; institution: string }) {
  const experts = [
    { name: '专家甲', email: 'notice-jia@experts.test', organization: '广西大学', expertise: ['职业教育'] },
    { name: '专家乙', email: 'notice-yi@experts.test', organization: '广西科技大学', expertise: ['汽车'] },
  ];
  for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: tokens.admin, body: expert })).status).toBe(201);
  const roundId = await openCityRound(base, tokens.admin, { expertsPerApplication: 2, minValidReviews: 2, publicityWorkingDays: 5 });
  const { applicationId } = await submitAcceptedApplication(base, tokens, roundId);
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: tokens.admin })).status).toBe(202);
  await waitForRoundStatus(base, tokens.admin, roundId, 'in_review');
  const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
  for (const expert of experts) await submitReview(base, (await reviewLinks(base, expert.email))[0]!, codes, 8);
  await waitForRoundStatus(base, tokens.admin, roundId, 'awaiting_shortlist_approval');
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: tokens.admin, body: { approve: true } })).status).toBe(200);
  const round = await waitForRoundStatus(base, tokens.admin, roundId, 'in_publicity');
  return { roundId, applicationId, publicityEndsAt: round.publicity.endsAt as string };
}

/**
 * Runs a seed-000 (`miit-demo-base`) round of one application (the 北京航空航天大学 form) to the
 * shortlist decision: two experts (`<prefix>-jia@experts.test`, `<prefix>-yi@…`) review it.
 */
export async function miitRoundAwaitingShortlist(base: string, admin: string, prefix: string, settings: Record<string, unknown> = {}) {
  for (const [name, organization] of [['评审甲', '清华大学'], ['评审乙', '浙江大学']] as const) {
    const email = `${prefix}-${name === '评审甲' ? 'jia' : 'yi'}@experts.test`;
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: { name, email, organization, expertise: ['航空宇航'] } })).status).toBe(201);
  }
  // The round helper's settings replace its program and title.
  const roundId = await openCityRound(base, admin, { programId: 'miit-demo-base', title: '2026年校企协同育人示范基地认定', expertsPerApplication: 2, minValidReviews: 2, ...settings });
  const institution = await devToken(base, { role: 'institution', orgId: `org-${prefix}`, kind: 'miit_university' });
  const form = miitDemoBaseForm();
  const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId, form, ['evidence']);
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  const codes = await leafIndicatorCodes(base, 'miit-demo-base');
  for (const who of ['jia', 'yi']) await submitReview(base, (await reviewLinks(base, `${prefix}-${who}@experts.test`))[0]!, codes, 8);
  await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
  return { roundId, applicationId, form };
}

/**
 * Runs a 市域产教联合体 round to publication with every applicant recognised: two experts
 * (`<tag>-jia@experts.test`, `<tag>-yi@experts.test`) review each, staff approve the whole
 * shortlist, publicity passes (the clock moves 12 days) and staff give the final approval.
 * Returns the round and the application ids, in the applicants' order.
 */
export async function publishedCityRound(base: string, tag: string, applicants: readonly { orgId: string; form: Record<string, unknown> }[]) {
  let admin = await devToken(base, { role: 'admin', name: '职成处' });
  const experts = [
    { name: '专家甲', email: `${tag}-jia@experts.test`, organization: '广西大学', expertise: ['职业教育'] },
    { name: '专家乙', email: `${tag}-yi@experts.test`, organization: '广西科技大学', expertise: ['汽车'] },
  ];
  for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
  const roundId = await openCityRound(base, admin, { expertsPerApplication: 2, minValidReviews: 2, publicityWorkingDays: 5 });
  const applicationIds: string[] = [];
  for (const applicant of applicants) {
    const institution = await devToken(base, { role: 'institution', orgId: applicant.orgId });
    applicationIds.push((await submitAcceptedApplication(base, { admin, institution }, roundId, applicant.form)).applicationId);
  }
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
  for (const expert of experts) {
    for (const linkId of await reviewLinks(base, expert.email, applicants.length)) await submitReview(base, linkId, codes, 8);
  }
  await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(200);
  await waitForRoundStatus(base, admin, roundId, 'in_publicity');
  await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
  admin = await devToken(base, { role: 'admin', name: '职成处' });
  await waitForRoundStatus(base, admin, roundId, 'awaiting_final_approval');
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: `桂教职成〔2026〕${applicants.length}号` } })).status).toBe(200);
  const round = await waitForRoundStatus(base, admin, roundId, 'published');
  return { roundId, applicationIds, publishedAt: round.publishedAt as string };
}

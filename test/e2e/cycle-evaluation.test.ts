/**
 * Cycle evaluation (周期评估) over HTTP against the local runtime: three units of a published
 * seed-000 (miit-demo-base) recognition are evaluated on the program's evaluation indicators by
 * the same review machinery; staff conclude 继续认定, 限期整改 and 撤销认定; the revocation goes on
 * public notice and to final approval, then the unit is revoked, the public results of both
 * rounds show it, and the units' statuses are what staff and each institution see; the rectified
 * unit files its 整改报告 (late after the deadline, returned once), staff accept it, and it is
 * active again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import {
  leafIndicatorCodes,
  reviewLinks,
  runtimeNow,
  submitReview,
  uploadPdf,
  waitForApplicationStatus,
  waitForRoundStatus,
} from '../support/pipeline-steps.js';
import { miitDemoBaseForm } from '../support/forms.js';
import { pageLines } from '../support/pdf-text.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

const programId = 'miit-demo-base';
const experts = [
  { name: '专家甲', email: 'jia@evaluation.test', organization: '北京大学', expertise: ['机械工程'] },
  { name: '专家乙', email: 'yi@evaluation.test', organization: '清华大学', expertise: ['机械工程'] },
];
const universities = [
  { key: 'a', orgId: 'org-ev-a', name: '哈尔滨工业大学', base: '智能制造校企协同育人示范基地', email: 'a@hit.test' },
  { key: 'b', orgId: 'org-ev-b', name: '北京航空航天大学', base: '航空发动机校企协同育人示范基地', email: 'b@buaa.test' },
  { key: 'c', orgId: 'org-ev-c', name: '北京理工大学', base: '无人系统校企协同育人示范基地', email: 'c@bit.test' },
] as const;
const evaluationCodes = ['E1.1', 'E1.2', 'E2.1', 'E2.2', 'E2.3', 'E2.4', 'E3.1', 'E3.2'];

function recognitionForm(u: (typeof universities)[number]) {
  return { ...miitDemoBaseForm(), applicantName: u.name, projectTitle: u.base, disciplines: '机械工程', contactEmail: u.email };
}

/** The evaluation form: the recognition's names and partner with the cycle summary (周期建设总结). */
function evaluationForm(u: (typeof universities)[number]) {
  const { applicantName, projectTitle, partnerName, disciplines, contactName, contactPhone, contactEmail } = recognitionForm(u);
  return { applicantName, projectTitle, partnerName, disciplines, cycleSummary: '周期内完成建设规划的主要任务。', contactName, contactPhone, contactEmail };
}

/** Applies with a verified PDF for each material and submits; staff accept it in formal review. */
async function applyAccepted(admin: string, institution: string, roundId: string, body: Record<string, unknown>, materials: readonly string[]) {
  const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId, ...body } });
  expect(draft.status).toBe(201);
  const applicationId = draft.body.application.id as string;
  const pdf = await samplePdf(2);
  for (const material of materials) await uploadPdf(base, institution, applicationId, material, pdf);
  const submitted = await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: institution, body: {} });
  expect(submitted.status).toBe(200);
  await waitForApplicationStatus(base, institution, applicationId, 'screening');
  const screened = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'accept', reasons: [] } });
  expect(screened.body.application.status).toBe('accepted');
  return applicationId;
}

/** Both experts score every application of their mails whose subject names `subjectPart`. */
async function reviewAll(count: number, codes: readonly string[], subjectPart: string) {
  for (const expert of experts) {
    for (const linkId of await reviewLinks(base, expert.email, count, subjectPart)) await submitReview(base, linkId, codes, 8);
  }
}

/** A fresh sign-in of a university (the clock moves past publicity periods, and sign-ins expire on it). */
function signIn(key: (typeof universities)[number]['key']): Promise<string> {
  return devToken(base, { role: 'institution', orgId: universities.find((u) => u.key === key)!.orgId, kind: 'miit_university' });
}

/** Moves the runtime clock past a publicity period; sign-ins expire with it, so staff sign in again. */
async function afterPublicity(): Promise<string> {
  await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
  return devToken(base, { role: 'admin', name: '人事教育司' });
}

describe('cycle evaluation of recognised units', () => {
  it('ends in one continuation, one rectification and one revocation through publicity and final approval, shown on the public results', async () => {
    let admin = await devToken(base, { role: 'admin', name: '人事教育司' });
    for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);

    // A recognition round of seed 000 recognises three bases.
    let now = await runtimeNow(base);
    const recognition = await callApi(base, 'POST', '/api/admin/rounds', {
      token: admin,
      body: {
        programId,
        title: '2026年校企协同育人示范基地认定',
        year: 2026,
        intakeOpensAt: new Date(now - 3600_000).toISOString(),
        intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString(),
        expertsPerApplication: 2,
        minValidReviews: 2,
      },
    });
    expect(recognition.status).toBe(201);
    const recognitionId = recognition.body.round.id as string;
    const recognized: Record<string, string> = {};
    for (const u of universities) recognized[u.key] = await applyAccepted(admin, await signIn(u.key), recognitionId, { form: recognitionForm(u) }, ['application_form', 'evidence']);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${recognitionId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, recognitionId, 'in_review');
    await reviewAll(3, await leafIndicatorCodes(base, programId), '');
    await waitForRoundStatus(base, admin, recognitionId, 'awaiting_shortlist_approval');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${recognitionId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(200);
    await waitForRoundStatus(base, admin, recognitionId, 'in_publicity');
    admin = await afterPublicity();
    await waitForRoundStatus(base, admin, recognitionId, 'awaiting_final_approval');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${recognitionId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '工信人函〔2026〕1号' } })).status).toBe(200);
    await waitForRoundStatus(base, admin, recognitionId, 'published');
    const units = (await callApi(base, 'GET', `/api/admin/units?programId=${programId}`, { token: admin })).body.units as { id: string; applicationId: string; status: string }[];
    expect(units.map((unit) => unit.status)).toEqual(['active', 'active', 'active']);
    const unitOf = Object.fromEntries(universities.map((u) => [u.key, units.find((unit) => unit.applicationId === recognized[u.key])!.id]));

    // Refusals: a program without an evaluation section, an unknown unit.
    now = await runtimeNow(base);
    const settings = { title: '2029年校企协同育人示范基地周期评估', intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString(), expertsPerApplication: 2, minValidReviews: 2 };
    const noSection = await callApi(base, 'POST', '/api/admin/evaluations', { token: admin, body: { ...settings, programId: 'gx-city-consortium' } });
    expect(noSection.status).toBe(422);
    expect(noSection.body.error.code).toBe('EVALUATION_NOT_DEFINED');
    const unknown = await callApi(base, 'POST', '/api/admin/evaluations', { token: admin, body: { ...settings, programId, unitIds: [unitOf['a'], 'unit_nothing'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'EVALUATION_UNITS_INVALID', details: [{ path: 'unitIds', message: '认定单位不存在：unit_nothing' }] });

    // Staff open the cycle evaluation of the program's units (all three by default).
    const opened = await callApi(base, 'POST', '/api/admin/evaluations', { token: admin, body: { ...settings, programId } });
    expect(opened.status).toBe(201);
    expect(opened.body.round).toMatchObject({ kind: 'evaluation', status: 'open', programId });
    expect([...opened.body.round.unitIds].sort()).toEqual(Object.values(unitOf).sort());
    const evaluationId = opened.body.round.id as string;

    // Only the units' organisations see and apply in it, one application per unit, on the evaluation form.
    const listed = (await callApi(base, 'GET', '/api/rounds', { token: await signIn('a') })).body.rounds;
    expect(listed.find((round: { id: string }) => round.id === evaluationId)).toMatchObject({ kind: 'evaluation', units: [{ id: unitOf['a'], title: universities[0].base }] });
    const outsider = await devToken(base, { role: 'institution', orgId: 'org-outsider' });
    expect((await callApi(base, 'GET', '/api/rounds', { token: outsider })).body.rounds.map((round: { id: string }) => round.id)).not.toContain(evaluationId);
    const foreign = await callApi(base, 'POST', '/api/applications', { token: outsider, body: { roundId: evaluationId, unitId: unitOf['a'], form: {} } });
    expect(foreign.status).toBe(403);
    const evaluated: Record<string, string> = {};
    for (const u of universities) {
      evaluated[u.key] = await applyAccepted(admin, await signIn(u.key), evaluationId, { unitId: unitOf[u.key], form: evaluationForm(u) }, ['cycle_report', 'annual_plans_summaries']);
    }
    const again = await callApi(base, 'POST', '/api/applications', { token: await signIn('a'), body: { roundId: evaluationId, unitId: unitOf['a'], form: {} } });
    expect(again.status).toBe(200);
    expect(again.body.application.id).toBe(evaluated['a']);

    // The same review machinery on the evaluation indicators.
    expect((await callApi(base, 'POST', `/api/admin/rounds/${evaluationId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, evaluationId, 'in_review');
    const task = (await callApi(base, 'GET', `/api/admin/rounds/${evaluationId}/assignments`, { token: admin })).body.assignments;
    expect(task).toHaveLength(6);
    for (const expert of experts) {
      const links = await reviewLinks(base, expert.email, 6);
      for (const linkId of links.slice(3)) await submitReview(base, linkId, evaluationCodes, 8);
    }
    await waitForRoundStatus(base, admin, evaluationId, 'awaiting_shortlist_approval');
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${evaluationId}/ranking`, { token: admin })).body;
    expect(Object.keys(ranking.ranking[0].indicatorScores).sort()).toEqual([...evaluationCodes].sort());

    // Conclusions: the shortlist approval is not for an evaluation; every unit needs one; then one each.
    expect((await callApi(base, 'POST', `/api/admin/rounds/${evaluationId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(409);
    const partial = await callApi(base, 'POST', `/api/admin/rounds/${evaluationId}/evaluation-decisions`, { token: admin, body: { decisions: [{ unitId: unitOf['a'], outcome: 'continue', note: '' }] } });
    expect(partial.status).toBe(422);
    expect(partial.body.error.code).toBe('EVALUATION_DECISIONS_INVALID');
    now = await runtimeNow(base);
    const rectifyBy = new Date(now + 90 * 86_400_000).toISOString();
    const decisions = [
      { unitId: unitOf['a'], outcome: 'continue', note: '建设成效良好。' },
      { unitId: unitOf['b'], outcome: 'rectify', note: '企业导师参与不足。', rectifyBy },
      { unitId: unitOf['c'], outcome: 'revoke', note: '周期内未开展联合培养。' },
    ];
    const decided = await callApi(base, 'POST', `/api/admin/rounds/${evaluationId}/evaluation-decisions`, { token: admin, body: { decisions } });
    expect(decided.status).toBe(200);
    expect(decided.body.round.shortlist.applicationIds).toEqual([evaluated['c']]);
    const repeated = await callApi(base, 'POST', `/api/admin/rounds/${evaluationId}/evaluation-decisions`, { token: admin, body: { decisions } });
    expect(repeated.status).toBe(200);
    expect(repeated.body.round.version).toBe(decided.body.round.version);

    // The revocation goes on public notice (only the unit to be revoked is listed), then to final approval.
    await waitForRoundStatus(base, admin, evaluationId, 'in_publicity');
    const publicity = await callApi(base, 'GET', `/api/public/rounds/${evaluationId}/publicity`);
    expect(publicity.body.entries).toEqual([{ applicationId: evaluated['c'], applicant: universities[2].name, title: universities[2].base }]);
    admin = await afterPublicity();
    await waitForRoundStatus(base, admin, evaluationId, 'awaiting_final_approval');
    expect((await callApi(base, 'GET', `/api/admin/units?programId=${programId}&status=revoked`, { token: admin })).body.units).toEqual([]);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${evaluationId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '工信人函〔2029〕5号' } })).status).toBe(200);
    const published = await waitForRoundStatus(base, admin, evaluationId, 'published');
    expect(published.counts.evaluated).toBe(3);

    // Units: continued into a new cycle, rectifying until the deadline, revoked with the notice number.
    const after = Object.fromEntries(
      ((await callApi(base, 'GET', `/api/admin/units?programId=${programId}`, { token: admin })).body.units as { id: string; cycleEndsAt: string }[]).map((unit) => [unit.id, unit]),
    );
    expect(after[unitOf['a']!]).toMatchObject({ status: 'active', lastEvaluation: { roundId: evaluationId, outcome: 'continue' } });
    expect(Date.parse(after[unitOf['a']!]!.cycleEndsAt)).toBeGreaterThan(Date.parse(published.publishedAt) + 2 * 365 * 86_400_000);
    expect(after[unitOf['b']!]).toMatchObject({ status: 'rectifying', rectification: { deadline: rectifyBy, roundId: evaluationId, note: '企业导师参与不足。' } });
    expect(after[unitOf['c']!]).toMatchObject({ status: 'revoked', revocation: { roundId: evaluationId, noticeNumber: '工信人函〔2029〕5号' } });
    // The continued unit owes the years of its new cycle too, with a duty workflow of that cycle to remind it.
    const continued = after[unitOf['a']!]! as unknown as { cycleStartsAt: string; cycleEndsAt: string };
    const owedYears = ((await callApi(base, 'GET', `/api/units/${unitOf['a']}/reports`, { token: await signIn('a') })).body.duties as { year: number }[]).map((duty) => duty.year);
    expect(owedYears.reduce((a, b) => Math.max(a, b))).toBe(new Date(Date.parse(continued.cycleEndsAt) + 8 * 3600_000).getUTCFullYear());
    const credentials = JSON.parse(readFileSync(join(runtime().dataDir, 'aws-credentials.json'), 'utf8')) as { accessKeyId: string; secretAccessKey: string };
    const sfn = new SFNClient({ endpoint: `${base}/_local/sfn`, region: 'us-east-1', credentials, maxAttempts: 1 });
    const cycleDay = continued.cycleStartsAt.slice(0, 10).replaceAll('-', '');
    const dutiesOf = (unitId: string, suffix: string) => `arn:aws:states:us-east-1:000000000000:execution:unit:${unitId}-duties${suffix}`;
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: dutiesOf(unitOf['a']!, `-${cycleDay}`) }))).status).toBe('RUNNING');
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: dutiesOf(unitOf['c']!, `-${cycleDay}`) }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    expect((await callApi(base, 'GET', '/api/units', { token: await signIn('c') })).body.units).toEqual([expect.objectContaining({ id: unitOf['c'], status: 'revoked' })]);
    expect((await callApi(base, 'GET', '/api/units', { token: await signIn('b') })).body.units).toEqual([expect.objectContaining({ id: unitOf['b'], status: 'rectifying' })]);

    // Public results: the evaluation lists the revoked unit; the recognition marks it revoked.
    const results = await callApi(base, 'GET', `/api/public/rounds/${evaluationId}/results`);
    expect(results.status).toBe(200);
    const revokedEntry = {
      unitId: unitOf['c'],
      applicationId: recognized['c'],
      applicant: universities[2].name,
      title: universities[2].base,
      roundId: evaluationId,
      noticeNumber: '工信人函〔2029〕5号',
      revokedAt: expect.any(String),
    };
    expect(results.body).toMatchObject({ kind: 'evaluation', noticeNumber: '工信人函〔2029〕5号', revoked: [revokedEntry] });
    expect(results.body.recognized.map((item: { unitId: string }) => item.unitId).sort()).toEqual([unitOf['a'], unitOf['b']].sort());
    const notice = await fetch(`${base}${results.body.noticeUrl}`);
    expect(notice.status).toBe(200);
    const noticeText = pageLines(await PDFDocument.load(await notice.arrayBuffer())).flat().join('');
    expect(noticeText).toContain('周期评估结论的通知');
    expect(noticeText).toContain(`${universities[2].name} — ${universities[2].base}（撤销认定）`);
    expect(noticeText).toContain(`${universities[1].name} — ${universities[1].base}（限期整改）`);
    expect(noticeText).not.toContain('认定以下');
    const original = (await callApi(base, 'GET', `/api/public/rounds/${recognitionId}/results`)).body;
    expect(original.revoked).toEqual([revokedEntry]);
    expect(original.recognized.find((item: { applicationId: string }) => item.applicationId === recognized['c'])).toMatchObject({ revoked: true });
    expect(original.recognized.filter((item: { revoked?: boolean }) => item.revoked)).toHaveLength(1);

    // Each unit is mailed its conclusion.
    const mailOf = (email: string) =>
      eventually(async () => {
        const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`);
        return (body.messages as { subject: string; text: string }[]).find((mail) => mail.subject.includes('周期评估结论'));
      }, `evaluation mail to ${email}`);
    expect((await mailOf('a@hit.test')).subject).toContain('继续认定');
    expect((await mailOf('b@buaa.test')).text).toContain('整改报告');
    const revokedMail = await mailOf('c@bit.test');
    expect(revokedMail.subject).toContain('撤销认定');
    expect(revokedMail.text).toContain('工信人函〔2029〕5号');

    // The rectifying unit owes its 整改报告 by the deadline: late after it, on the staff's overdue list.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 91 * 86_400 } });
    admin = await devToken(base, { role: 'admin', name: '人事教育司' });
    const unitB = unitOf['b']!;
    const ownDuties = (await callApi(base, 'GET', `/api/units/${unitB}/reports`, { token: await signIn('b') })).body;
    const owed = (ownDuties.duties as { year: number; kind: string; dueAt: string; overdue: boolean; status: string; kindLabel: string }[]).find((duty) => duty.kind === 'rectification');
    expect(owed).toMatchObject({ kindLabel: '整改报告', dueAt: rectifyBy, overdue: true, status: 'missing' });
    expect(ownDuties.forms.rectification.map((field: { key: string }) => field.key)).toEqual(['problems', 'measures', 'results', 'longTerm']);
    const overdue = (await callApi(base, 'GET', '/api/admin/reports?status=overdue', { token: admin })).body.reports as { unitId: string; kind: string }[];
    expect(overdue.filter((row) => row.kind === 'rectification')).toEqual([expect.objectContaining({ unitId: unitB, kind: 'rectification', dueAt: rectifyBy, reportStatus: 'missing' })]);
    // ... and reminded by mail at the deadline, by the duty workflow its rectification started
    const reminder = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent('b@buaa.test')}`);
      return (body.messages as { subject: string }[]).find((mail) => mail.subject.includes('【整改报告催报】'));
    }, 'rectification reminder');
    expect(reminder.subject).toBe(`【整改报告催报】${universities[1].base}：整改报告逾期未提交`);
    const unitStatus = async () => ((await callApi(base, 'GET', `/api/admin/units?programId=${programId}`, { token: admin })).body.units as { id: string }[]).find((unit) => unit.id === unitB);

    // Filed and submitted; returned once (still rectifying), submitted again and accepted: active again.
    const institution = await signIn('b');
    const form = { problems: '企业导师参与不足。', measures: '聘任企业导师 12 名，企业导师授课纳入教学计划。', results: '企业导师授课占比达 30%。' };
    const filed = await callApi(base, 'POST', `/api/units/${unitB}/reports`, { token: institution, body: { year: owed!.year, kind: 'rectification', form } });
    expect(filed.status).toBe(201);
    const reportId = filed.body.report.id as string;
    expect((await callApi(base, 'POST', `/api/units/${unitB}/reports/${reportId}/submit`, { token: institution, body: {} })).body.report.status).toBe('submitted');
    const submittedList = (await callApi(base, 'GET', '/api/admin/reports?status=submitted', { token: admin })).body.reports as { id: string }[];
    expect(submittedList).toContainEqual(expect.objectContaining({ id: reportId, kind: 'rectification', kindLabel: '整改报告', organization: universities[1].name }));
    const returned = await callApi(base, 'POST', `/api/admin/reports/${reportId}/review`, { token: admin, body: { outcome: 'returned', note: '整改成效缺少数据。' } });
    expect(returned.body.report.status).toBe('returned');
    expect(await unitStatus()).toMatchObject({ status: 'rectifying' });
    expect((await callApi(base, 'POST', `/api/units/${unitB}/reports/${reportId}/submit`, { token: institution, body: {} })).body.report.status).toBe('submitted');
    const accepted = await callApi(base, 'POST', `/api/admin/reports/${reportId}/review`, { token: admin, body: { outcome: 'accepted', rating: 'pass', note: '整改到位。' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.report).toMatchObject({ status: 'accepted', kind: 'rectification' });
    const ended = await unitStatus();
    expect(ended).toMatchObject({ status: 'active', lastEvaluation: { roundId: evaluationId, outcome: 'rectify' } });
    expect(ended).not.toHaveProperty('rectification');
    expect((await callApi(base, 'GET', `/api/units/${unitB}/reports`, { token: institution })).body.duties.some((duty: { kind: string }) => duty.kind === 'rectification')).toBe(false);
    // a second acceptance is refused and changes nothing
    expect((await callApi(base, 'POST', `/api/admin/reports/${reportId}/review`, { token: admin, body: { outcome: 'accepted', note: '' } })).status).toBe(409);
  });
});

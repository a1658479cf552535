/**
 * The read APIs the staff console and the institution portal show, over HTTP against the real
 * local runtime: names (not only ids) in the ranking with its details, a round's whole audit
 * trail with display names (and both in the round export), the staff view of one application with download links, the rounds
 * a clerk can apply to, and the expert search. Institutions only ever see their own.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import {
  cityConsortiumForm,
  leafIndicatorCodes,
  openCityRound,
  reviewLinks,
  submitAcceptedApplication,
  uploadPdf,
  waitForApplicationStatus,
  waitForRoundStatus,
} from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();

const experts = [
  { name: '评审甲', email: 'reads-jia@experts.test', organization: '广西大学', expertise: ['职业教育'] },
  { name: '评审乙', email: 'reads-yi@experts.test', organization: '广西科技大学', expertise: ['汽车制造'] },
  { name: '评审丙', email: 'reads-bing@experts.test', organization: '桂林电子科技大学', expertise: ['电子信息'] },
];
/** Each expert's score on every item: 1st and 3rd application alike (a tie), the 2nd lower. */
const itemScores = [
  [9, 6, 9],
  [8, 5, 8],
  [9, 6, 9],
];

const forms = [
  cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体'),
  cityConsortiumForm('桂林市人民政府', '桂林电子信息市域产教联合体'),
  cityConsortiumForm('柳州市人民政府', '柳州工程机械市域产教联合体'),
];

let base: string;
let admin: string;
let orgA: string;
let orgB: string;
let roundId: string;
let openRoundId: string;
let applicationIds: string[];
let evidenceSha: string;

/** Declares no conflict and submits the same score on every item with a recommendation. */
async function review(linkId: string, codes: readonly string[], score: number, recommendation: 'recommend' | 'not_recommend') {
  expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
  const scored = await callApi(base, 'POST', `/api/review/${linkId}/scores`, {
    body: { scores: Object.fromEntries(codes.map((code) => [code, score])), comment: '意见', recommendation, final: true },
  });
  expect(scored.status).toBe(200);
}

/** Three applications (two of org A, one of org B) reviewed by three experts; the round awaits its shortlist. */
beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '厅职成处王科长' });
  orgA = await devToken(base, { role: 'institution', orgId: 'org-reads-a', name: '柳州市教育局李老师' });
  orgB = await devToken(base, { role: 'institution', orgId: 'org-reads-b' });
  for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
  roundId = await openCityRound(base, admin, { title: '2026年市域产教联合体认定（读接口）', expertsPerApplication: 3, minValidReviews: 2, quota: 1 });
  openRoundId = await openCityRound(base, admin, { title: '2026年市域产教联合体第二批' });
  const owners = [orgA, orgB, orgA];
  applicationIds = [];
  for (const [index, form] of forms.entries()) {
    const { applicationId, evidence } = await submitAcceptedApplication(base, { admin, institution: owners[index]! }, roundId, form);
    applicationIds.push(applicationId);
    evidenceSha ??= evidence.sha256;
  }
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
  for (const [expertIndex, expert] of experts.entries()) {
    for (const linkId of await reviewLinks(base, expert.email, 3)) {
      const title = (await callApi(base, 'GET', `/api/review/${linkId}`)).body.task.applicationTitle as string;
      const which = forms.findIndex((form) => form.projectTitle === title);
      await review(linkId, codes, itemScores[expertIndex]![which]!, which === 1 ? 'not_recommend' : 'recommend');
    }
  }
  await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
}, 240_000);

describe('the ranking as staff read it', () => {
  it('names each application and carries its indicator means, recommendations, normalised score and flags', async () => {
    const answer = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin });
    expect(answer.status).toBe(200);
    const [first, second, third] = applicationIds as [string, string, string];
    const byId = new Map((answer.body.ranking as { applicationId: string }[]).map((entry) => [entry.applicationId, entry as any]));
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    expect(byId.get(first)).toMatchObject({ rank: 1, score: 86.67, validReviews: 3, applicant: '柳州市人民政府', title: forms[0]!.projectTitle, recommendations: { recommend: 3, not_recommend: 0 }, tiedAtCut: true, allNotRecommended: false });
    expect(byId.get(third)).toMatchObject({ rank: 1, score: 86.67, tiedAtCut: true });
    expect(byId.get(second)).toMatchObject({ rank: 3, score: 56.67, applicant: '桂林市人民政府', recommendations: { recommend: 0, not_recommend: 3 }, tiedAtCut: false, allNotRecommended: true });
    // Every expert's totals are 90 or 80 / 60 or 50 / 90 or 80 around their own mean: z = ±0.71 and −1.41.
    expect(byId.get(first).normalizedScore).toBeCloseTo(0.71, 2);
    expect(byId.get(second).normalizedScore).toBeCloseTo(-1.41, 2);
    expect(Object.keys(byId.get(first).indicatorScores).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(byId.get(first).indicatorScores[code]).toBeCloseTo(8.67, 2);
      expect(byId.get(second).indicatorScores[code]).toBeCloseTo(5.67, 2);
    }
    // The quota of 1 splits the tie: both tied applications are proposed.
    expect([...answer.body.proposedShortlist].sort()).toEqual([first, third].sort());
  });

  it('sits beside the rounds list, whose entries keep their counts per application status', async () => {
    const listed = (await callApi(base, 'GET', '/api/admin/rounds', { token: admin })).body.rounds.find((round: { id: string }) => round.id === roundId);
    expect(listed).toMatchObject({ status: 'awaiting_shortlist_approval', counts: { scored: 3, draft: 0 } });
  });

  it('is for staff only, and 404 for an unknown round', async () => {
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: orgA })).status).toBe(403);
    const unknown = await callApi(base, 'GET', '/api/admin/rounds/round_unknown/ranking', { token: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/\p{Script=Han}/u);
  });
});

describe('the staff view of one application', () => {
  it('gives the form, status, names, eligibility results, files with download links, the program and the round', async () => {
    const answer = await callApi(base, 'GET', `/api/admin/applications/${applicationIds[0]}`, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body.application).toMatchObject({ id: applicationIds[0], status: 'scored', applicantName: '柳州市人民政府', title: forms[0]!.projectTitle, form: forms[0], eligibility: { passed: true } });
    expect(answer.body.application.eligibility.results.length).toBeGreaterThan(0);
    expect(answer.body.application).not.toHaveProperty('formalReviewToken');
    expect(answer.body.program).toEqual({ id: 'gx-city-consortium', name: expect.stringMatching(/市域产教联合体/) });
    expect(answer.body.round).toEqual({ id: roundId, title: '2026年市域产教联合体认定（读接口）' });
    const [file] = answer.body.evidence;
    expect(file).toMatchObject({ materialKey: 'application_form', materialTitle: expect.stringMatching(/\p{Script=Han}/u), status: 'verified', fileName: '申报书.pdf' });
    const download = await fetch(file.downloadUrl);
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(evidenceSha);
  });

  it('shows the reasons an application was returned with', async () => {
    const draft = await callApi(base, 'POST', '/api/applications', { token: orgB, body: { roundId: openRoundId, form: cityConsortiumForm('桂林市人民政府', '桂林文旅市域产教联合体') } });
    const applicationId = draft.body.application.id as string;
    await uploadPdf(base, orgB, applicationId, 'application_form', await samplePdf(1));
    expect((await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: orgB, body: {} })).status).toBe(200);
    await waitForApplicationStatus(base, orgB, applicationId, 'screening');
    const reasons = ['申报书缺少盖章页'];
    expect((await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'return', reasons } })).status).toBe(200);
    const answer = await callApi(base, 'GET', `/api/admin/applications/${applicationId}`, { token: admin });
    expect(answer.body.application).toMatchObject({ status: 'returned', screening: { outcome: 'return', reasons, by: '厅职成处王科长' } });
  });

  it('is 404 for an unknown id and refused to institutions', async () => {
    expect((await callApi(base, 'GET', '/api/admin/applications/app_unknown', { token: admin })).status).toBe(404);
    expect((await callApi(base, 'GET', `/api/admin/applications/${applicationIds[0]}`, { token: orgA })).status).toBe(403);
    // An id no record can have reads as a missing record, like every path id.
    expect((await callApi(base, 'GET', `/api/admin/applications/${'x'.repeat(200)}`, { token: admin })).status).toBe(404);
  });
});

describe('what an institution sees of rounds and its applications', () => {
  it('lists the rounds open for intake now, with the program\'s name', async () => {
    const answer = await callApi(base, 'GET', '/api/rounds', { token: orgA });
    expect(answer.status).toBe(200);
    const ids = (answer.body.rounds as { id: string }[]).map((round) => round.id);
    expect(ids).toContain(openRoundId);
    expect(ids).not.toContain(roundId);
    expect(answer.body.rounds.find((round: { id: string }) => round.id === openRoundId)).toEqual({
      id: openRoundId,
      title: '2026年市域产教联合体第二批',
      year: 2026,
      programId: 'gx-city-consortium',
      programName: expect.stringMatching(/市域产教联合体/),
      programVersion: 1,
      kind: 'recognition',
      intakeOpensAt: expect.any(String),
      intakeClosesAt: expect.any(String),
      status: 'open',
    });
    expect((await callApi(base, 'GET', '/api/rounds', { token: admin })).status).toBe(403);
    expect((await callApi(base, 'GET', '/api/rounds')).status).toBe(401);
  });

  it('lists only its own applications, each with the round\'s title and the program\'s name', async () => {
    const own = (await callApi(base, 'GET', '/api/applications', { token: orgA })).body.applications as { id: string; roundTitle: string; programName: string }[];
    expect(own.map((item) => item.id).sort()).toEqual([applicationIds[0], applicationIds[2]].sort());
    for (const item of own) expect(item).toMatchObject({ roundTitle: '2026年市域产教联合体认定（读接口）', programName: expect.stringMatching(/市域产教联合体/) });
    const other = (await callApi(base, 'GET', '/api/applications', { token: orgB })).body.applications as { id: string }[];
    expect(other.map((item) => item.id)).toContain(applicationIds[1]);
    expect(other.map((item) => item.id)).not.toContain(applicationIds[0]);
    // Org B reaches nothing of org A's.
    expect((await callApi(base, 'GET', `/api/applications/${applicationIds[0]}`, { token: orgB })).status).toBe(403);
  });
});

describe('the expert pool search', () => {
  it('filters by name, organisation or expertise and keeps the unfiltered list as it was', async () => {
    const all = (await callApi(base, 'GET', '/api/admin/experts', { token: admin })).body.experts as { email: string }[];
    expect(all.map((item) => item.email)).toEqual(expect.arrayContaining(experts.map((item) => item.email)));
    const search = async (q: string) =>
      ((await callApi(base, 'GET', `/api/admin/experts?q=${encodeURIComponent(q)}`, { token: admin })).body.experts as { email: string }[]).map((item) => item.email);
    expect(await search('评审乙')).toEqual([experts[1]!.email]);
    expect(await search('桂林电子')).toEqual([experts[2]!.email]);
    expect(await search('汽车')).toEqual([experts[1]!.email]);
    expect(await search('广西 职业')).toEqual([experts[0]!.email]);
    expect(await search('')).toEqual(all.map((item) => item.email));
    const tooLong = await callApi(base, 'GET', `/api/admin/experts?q=${'长'.repeat(101)}`, { token: admin });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    expect((await callApi(base, 'GET', '/api/admin/experts?name=x', { token: admin })).status).toBe(400);
  });
});

describe('the audit trail with names', () => {
  it('gives a round\'s whole trail by time, paged, naming staff, institutions, experts, the workflow and the public', async () => {
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'in_publicity');
    const objection = await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, {
      body: { applicationId: applicationIds[0], name: '张三', phone: '13900000000', content: '该联合体的企业数量与实际情况不符，请核查。' },
    });
    expect(objection.status).toBe(201);

    const whole = await callApi(base, 'GET', `/api/admin/audit?roundId=${roundId}&limit=500`, { token: admin });
    expect(whole.status).toBe(200);
    const events = whole.body.events as { at: string; actor: string; actorName: string; action: string; entityType: string; entityId: string; entityLabel?: string }[];
    expect(whole.body.nextToken === undefined || (await callApi(base, 'GET', `/api/admin/audit?roundId=${roundId}&nextToken=${whole.body.nextToken}`, { token: admin })).body.events.length === 0).toBe(true);
    expect(events.map((event) => event.at)).toEqual([...events.map((event) => event.at)].sort());
    const find = (action: string, entityId?: string) => events.find((event) => event.action === action && (entityId === undefined || event.entityId === entityId));
    expect(find('round.created', roundId)).toMatchObject({ actorName: '厅职成处王科长', entityLabel: '2026年市域产教联合体认定（读接口）' });
    expect(find('round.ranked', roundId)).toMatchObject({ actorName: '系统' });
    expect(find('application.created', applicationIds[0])).toMatchObject({ actorName: '柳州市人民政府', entityLabel: forms[0]!.projectTitle });
    expect(find('application.created', applicationIds[1])).toMatchObject({ actorName: '桂林市人民政府', entityLabel: forms[1]!.projectTitle });
    expect(find('evidence.upload_requested')).toMatchObject({ entityType: 'evidence', entityLabel: expect.stringContaining('申报书.pdf') });
    const submitted = events.filter((event) => event.action === 'review_task.submitted');
    expect(submitted).toHaveLength(9);
    expect(new Set(submitted.map((event) => event.actorName))).toEqual(new Set(experts.map((expert) => expert.name)));
    for (const event of submitted) expect(event.entityLabel).toMatch(new RegExp(`^${event.actorName}评审《.+》$`));
    expect(find('objection.raised')).toMatchObject({ actorName: '公众', entityLabel: expect.stringMatching(/^异议 /) });
    expect(find('round.shortlist_approved')).toMatchObject({ actorName: '厅职成处王科长' });
    // The returned application of the other round is not in this trail.
    expect(events.every((event) => event.entityType === 'round' ? event.entityId === roundId : true)).toBe(true);

    // Page by page, the same events in the same order, none twice.
    const paged: typeof events = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await callApi(base, 'GET', `/api/admin/audit?roundId=${roundId}&limit=7${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(7);
      for (const event of page.body.events) paged.push(event);
      token = page.body.nextToken;
      pages += 1;
    } while (token && pages < 100);
    expect(paged).toEqual(events);
    expect(pages).toBeGreaterThan(1);
  });

  it('names the actor and entity in one record\'s trail too', async () => {
    const trail = (await callApi(base, 'GET', `/api/admin/audit?entityId=${applicationIds[1]}`, { token: admin })).body.events as { action: string; actorName: string; entityLabel: string }[];
    expect(trail.find((event) => event.action === 'application.submitted')).toMatchObject({ actorName: '桂林市人民政府', entityLabel: forms[1]!.projectTitle });
    expect(trail.find((event) => event.action === 'application.accepted')).toMatchObject({ actorName: '厅职成处王科长' });
  });

  it('refuses bad queries with 400 and an unknown round with 404, in Chinese', async () => {
    for (const query of [`roundId=${roundId}&entityId=${roundId}`, '', `roundId=${roundId}&limit=0`, `roundId=${roundId}&limit=501`, `roundId=${roundId}&limit=abc`, `entityId=${roundId}&limit=5`, `roundId=${roundId}&nextToken=garbage`, `roundId=${roundId}&x=1`]) {
      const answer = await callApi(base, 'GET', `/api/admin/audit?${query}`, { token: admin });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.message, query).toMatch(/\p{Script=Han}/u);
    }
    // A page token of one round does not page another.
    const first = await callApi(base, 'GET', `/api/admin/audit?roundId=${roundId}&limit=1`, { token: admin });
    expect((await callApi(base, 'GET', `/api/admin/audit?roundId=${openRoundId}&nextToken=${encodeURIComponent(first.body.nextToken)}`, { token: admin })).status).toBe(400);
    expect((await callApi(base, 'GET', '/api/admin/audit?roundId=round_unknown', { token: admin })).status).toBe(404);
    expect((await callApi(base, 'GET', `/api/admin/audit?roundId=${roundId}`, { token: orgA })).status).toBe(403);
  });
});

describe('the round export', () => {
  async function exported(): Promise<ExcelJS.Workbook> {
    const answer = await fetch(`${base}/api/admin/rounds/${roundId}/export.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await answer.arrayBuffer());
    return workbook;
  }
  const rows = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));

  it('carries the ranking details, each review\'s and each application\'s scores per item, as the ranking gives them', async () => {
    const workbook = await exported();
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body.ranking as any[];
    const byId = new Map(ranking.map((entry) => [entry.applicationId as string, entry]));
    const summary = workbook.getWorksheet('申报汇总')!;
    const headers = (summary.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => headers.indexOf(name);
    for (const row of rows(summary)) {
      const entry = byId.get(row[0] as string);
      expect([row[column('标准分')], row[column('推荐数')], row[column('不推荐数')], row[column('并列')] ?? null, row[column('全部专家不推荐')] ?? null]).toEqual([
        entry.normalizedScore,
        entry.recommendations.recommend,
        entry.recommendations.not_recommend,
        entry.tiedAtCut ? '是' : null,
        entry.allNotRecommended ? '是' : null,
      ]);
    }
    // the tie at the cut of 1 and the application every expert advised against
    expect(rows(summary).filter((row) => row[column('并列')] === '是')).toHaveLength(2);
    expect(rows(summary).filter((row) => row[column('全部专家不推荐')] === '是').map((row) => row[0])).toEqual([applicationIds[1]]);

    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    const perReview = workbook.getWorksheet('评分项得分')!;
    const reviewHeaders = (perReview.getRow(1).values as unknown[]).slice(1) as string[];
    expect(reviewHeaders.slice(3, 3 + codes.length).map((header) => header.split(' ')[0])).toEqual(codes);
    for (const header of reviewHeaders.slice(3, 3 + codes.length)) expect(header).toMatch(/^\S+ \p{Script=Han}/u);
    const reviewRows = rows(perReview);
    expect(reviewRows).toHaveLength(9);
    for (const [expertIndex, expert] of experts.entries()) {
      for (const [which] of forms.entries()) {
        const row = reviewRows.find((item) => item[0] === applicationIds[which] && item[2] === expert.name)!;
        expect(row.slice(3, 3 + codes.length)).toEqual(codes.map(() => itemScores[expertIndex]![which]));
        expect(row[4 + codes.length]).toBe(which === 1 ? '不推荐' : '推荐');
      }
    }

    const perApplication = rows(workbook.getWorksheet('评分项平均分')!);
    expect(perApplication.map((row) => row[1])).toEqual(ranking.map((entry) => entry.applicationId));
    for (const row of perApplication) expect(row.slice(3)).toEqual(codes.map((code) => byId.get(row[1] as string).indicatorScores[code]));
  });

  it('has the round\'s whole audit trail with Beijing times, names and Chinese action labels', async () => {
    const workbook = await exported();
    const trail = (await callApi(base, 'GET', `/api/admin/audit?roundId=${roundId}&limit=500`, { token: admin })).body.events as { at: string; actorName: string; action: string }[];
    const sheet = rows(workbook.getWorksheet('审计记录')!);
    expect(sheet).toHaveLength(trail.length);
    trail.forEach((event, index) => {
      expect(sheet[index]![0]).toEqual(new Date(Date.parse(event.at) + 8 * 3_600_000));
      expect(sheet[index]![1]).toBe(event.actorName);
    });
    expect(sheet.find((row) => row[2] === '创建批次')).toEqual([expect.any(Date), '厅职成处王科长', '创建批次', '2026年市域产教联合体认定（读接口）']);
    expect(sheet.filter((row) => row[2] === '提交评审')).toHaveLength(9);
    expect(sheet.every((row) => /\p{Script=Han}/u.test(String(row[2])))).toBe(true);
  });
});

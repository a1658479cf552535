/**
 * The walking skeleton end to end, over HTTP only, against `npm start`'s runtime: a round is
 * opened, an institution applies with verified evidence, staff screen it, intake closes,
 * experts review through their e-mailed links, staff approve the shortlist, an objection
 * holds the round after publicity until it is resolved, final approval publishes the results.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectCompleteAuditTrail } from '../support/audit-trail.js';
import { callApi, devToken } from '../support/http-client.js';
import {
  cityConsortiumForm,
  leafIndicatorCodes,
  openCityRound,
  reviewLinks,
  submitAcceptedApplication,
  waitForRoundStatus,
} from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

const experts = [
  { name: '专家甲', email: 'jia@experts.test', organization: '广西大学', expertise: ['职业教育'] },
  { name: '专家乙', email: 'yi@experts.test', organization: '广西科技大学', expertise: ['汽车'] },
  { name: '专家丙', email: 'bing@experts.test', organization: '桂林电子科技大学', expertise: ['电子信息'] },
];

describe('the whole recognition pipeline over HTTP', () => {
  it('takes an application from call to published result', async () => {
    let admin = await devToken(base, { role: 'admin', name: '厅职成处' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou', name: '柳州市' });
    const stranger = await devToken(base, { role: 'institution', orgId: 'org-other' });
    const form = cityConsortiumForm();

    for (const expert of experts.slice(0, 2)) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
    // The third expert comes from a spreadsheet import (CSV as Excel saves it), with one bad row.
    const csv = `姓名,邮箱,单位,专业领域\n${experts[2]!.name},${experts[2]!.email},${experts[2]!.organization},${experts[2]!.expertise.join('、')}\n无邮箱专家,,某单位,职业教育\n`;
    const imported = await fetch(`${base}/api/admin/experts/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: csv });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ imported: 1, rejected: [{ row: 3 }] });
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 3, minValidReviews: 2, publicityWorkingDays: 5 });

    // The institution applies with a verified 申报书; staff accept it in formal review.
    const { applicationId, evidence } = await submitAcceptedApplication(base, { admin, institution }, roundId, form);
    expect((await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: stranger })).status).toBe(403);

    // Intake closes; experts are assigned and invited by e-mail; each reviews through the link.
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments).toHaveLength(3);
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    for (const [index, expert] of experts.entries()) {
      const [linkId] = await reviewLinks(base, expert.email);
      const task = await callApi(base, 'GET', `/api/review/${linkId}`);
      expect(task.body.task).toMatchObject({ status: 'invited', applicationTitle: form.projectTitle });
      expect((await callApi(base, 'GET', `/api/review/${linkId}/application`)).body.error.code).toBe('CONFLICT_NOT_DECLARED');
      expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
      const materials = await callApi(base, 'GET', `/api/review/${linkId}/application`);
      expect(materials.status).toBe(200);
      const download = await fetch(materials.body.evidence[0].downloadUrl);
      expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(evidence.sha256);
      const scores = Object.fromEntries(codes.map((code) => [code, 8 + (index % 2)]));
      const scored = await callApi(base, 'POST', `/api/review/${linkId}/scores`, { body: { scores, comment: '材料完整，特色鲜明。', recommendation: 'recommend', final: true } });
      expect(scored.body.task.status).toBe('submitted');
    }

    // Ranking and shortlist approval open the publicity.
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body;
    expect(ranking.ranking[0]).toMatchObject({ applicationId, rank: 1, validReviews: 3 });
    expect(ranking.ranking[0].score).toBeCloseTo(83.33, 1);
    expect(ranking.proposedShortlist).toEqual([applicationId]);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'in_publicity');
    const publicity = (await callApi(base, 'GET', `/api/public/rounds/${roundId}/publicity`)).body;
    expect(publicity.status).toBe('open');
    expect(publicity.entries).toEqual([{ applicationId, applicant: form.applicantName, title: form.projectTitle }]);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕8号' } })).status).toBe(409);

    // An objection during publicity holds the round after the period ends until staff resolve it.
    const objection = await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, {
      body: { applicationId, name: '张三', phone: '13900000000', content: '该联合体的企业数量与实际情况不符，请核实。' },
    });
    expect(objection.status).toBe(201);
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).status).toBe(401); // tokens expire on the runtime clock too
    admin = await devToken(base, { role: 'admin', name: '厅职成处' });
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('in_publicity');
    expect((await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, { body: { applicationId, name: '李四', phone: '13900000001', content: '公示期已过后提出的异议内容。' } })).status).toBe(409);
    const open = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/objections`, { token: admin })).body.objections;
    expect(open).toEqual([expect.objectContaining({ id: objection.body.objection.id, status: 'open', applicant: form.applicantName, title: form.projectTitle })]);
    // Resolving the last open objection moves the round on at once (no clock advance, no hourly re-check).
    expect((await callApi(base, 'POST', `/api/admin/objections/${open[0].id}/resolve`, { token: admin, body: { outcome: 'dismissed', note: '经核实，企业数量属实。' } })).status).toBe(200);
    expect((await callApi(base, 'POST', `/api/admin/objections/${open[0].id}/resolve`, { token: admin, body: { outcome: 'upheld', note: '重复处理' } })).status).toBe(409);
    // The resolution is in the objection's audit trail, by the staff member, once.
    const objectionTrail = (await callApi(base, 'GET', `/api/admin/audit?entityId=${open[0].id}`, { token: admin })).body.events;
    expect(objectionTrail).toEqual([
      expect.objectContaining({ action: 'objection.raised', entityType: 'objection', entityId: open[0].id, actor: `public:${open[0].id}`, fromVersion: 0, toVersion: 1 }),
      expect.objectContaining({ action: 'objection.dismissed', entityType: 'objection', entityId: open[0].id, actor: expect.stringMatching(/^admin:/), fromVersion: 1, toVersion: 2 }),
    ]);
    // The trail keeps no phone number: the objector is named by their objection.
    expect(JSON.stringify(objectionTrail)).not.toContain('13900000000');
    await waitForRoundStatus(base, admin, roundId, 'awaiting_final_approval');

    // The leadership group approves; results are published and applicants told.
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕8号' } })).status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'published');
    const results = await callApi(base, 'GET', `/api/public/rounds/${roundId}/results`);
    expect(results.body).toMatchObject({ noticeNumber: '桂教职成〔2026〕8号', recognized: [{ applicationId, applicant: form.applicantName, title: form.projectTitle }] });

    // Staff download the recognition notice and the round's workbook.
    const notice = await fetch(`${base}/api/admin/rounds/${roundId}/notice.pdf`, { headers: { authorization: `Bearer ${admin}` } });
    expect(notice.headers.get('content-type')).toBe('application/pdf');
    expect((await PDFDocument.load(await notice.arrayBuffer())).getPageCount()).toBeGreaterThanOrEqual(1);
    const exported = await fetch(`${base}/api/admin/rounds/${roundId}/export.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported.arrayBuffer());
    const summary = workbook.worksheets[0]!;
    expect(summary.getSheetValues().flat().map(String)).toEqual(expect.arrayContaining([form.projectTitle, form.applicantName]));

    // Every version the application, the round and the objection went through has its audit event
    // (but the application's step when its file was added: the file's own event records that).
    const [stored] = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/applications`, { token: admin })).body.applications;
    const audit = await expectCompleteAuditTrail(base, admin, applicationId, stored.version, 1);
    expect(audit).toEqual(expect.arrayContaining(['application.created', 'application.submitted', 'application.accepted', 'application.shortlisted', 'application.recognized']));
    const round = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round;
    expect(await expectCompleteAuditTrail(base, admin, roundId, round.version)).toEqual(expect.arrayContaining(['round.created', 'round.intake_closed', 'round.shortlist_approved', 'round.final_approved', 'round.published']));
    const [resolved] = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/objections`, { token: admin })).body.objections;
    await expectCompleteAuditTrail(base, admin, resolved.id, resolved.version);
    const mail = (await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(form.contactEmail)}`)).body.messages.map((message: { subject: string }) => message.subject);
    expect(mail).toEqual(expect.arrayContaining([expect.stringContaining('认定通过')]));
  });
});

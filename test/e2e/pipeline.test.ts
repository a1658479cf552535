/**
 * The walking skeleton end to end, over HTTP only, against `npm start`'s runtime: a round is
 * opened, an institution applies with verified evidence, staff screen it, intake closes,
 * experts review through their e-mailed links, staff approve the shortlist, publicity runs
 * its working days on the runtime clock, final approval publishes the results.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { startRuntimeProcess, type RuntimeProcess } from '../support/runtime-process.js';

let runtime: RuntimeProcess;
let base: string;

beforeAll(async () => {
  runtime = await startRuntimeProcess();
  base = runtime.baseUrl;
});

afterAll(async () => {
  if (process.env['E2E_DEBUG']) console.log(runtime?.output());
  await runtime?.dispose();
});

const experts = [
  { name: '专家甲', email: 'jia@experts.test', organization: '广西大学', expertise: ['职业教育'] },
  { name: '专家乙', email: 'yi@experts.test', organization: '广西科技大学', expertise: ['汽车'] },
  { name: '专家丙', email: 'bing@experts.test', organization: '桂林电子科技大学', expertise: ['电子信息'] },
];

const form = {
  applicantName: '柳州市人民政府',
  projectTitle: '柳州汽车产业市域产教联合体',
  parkName: '柳东新区汽车产业园',
  industryCluster: 'automobile',
  parkOutputValue: 1200,
  secondaryVocationalSchools: 3,
  higherVocationalSchools: 2,
  universities: 1,
  enterprises: 40,
  researchInstitutes: 2,
  summary: '以汽车产业园为依托，联合龙头企业与职业院校共建技术技能人才培养中心。',
  contactName: '王老师',
  contactPhone: '13800000000',
  contactEmail: 'contact@liuzhou.test',
};

async function samplePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]);
  pdf.addPage([595, 842]);
  return pdf.save();
}

function leafCodes(nodes: { code: string; children?: unknown[] }[]): string[] {
  return nodes.flatMap((node) => (node.children ? leafCodes(node.children as never) : [node.code]));
}

describe('the whole recognition pipeline over HTTP', () => {
  it('takes an application from call to published result', async () => {
    let admin = await devToken(base, { role: 'admin', name: '厅职成处' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou', name: '柳州市' });
    const stranger = await devToken(base, { role: 'institution', orgId: 'org-other' });
    const now = Date.parse((await callApi(base, 'GET', '/dev/health')).body.now);

    for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);

    const created = await callApi(base, 'POST', '/api/admin/rounds', {
      token: admin,
      body: {
        programId: 'gx-city-consortium',
        title: '2026年市域产教联合体认定',
        year: 2026,
        intakeOpensAt: new Date(now - 3600_000).toISOString(),
        intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString(),
        expertsPerApplication: 3,
        minValidReviews: 2,
        publicityWorkingDays: 5,
      },
    });
    expect(created.status).toBe(201);
    const roundId = created.body.round.id as string;
    expect(created.body.round.status).toBe('open');

    // The institution applies and uploads its 申报书 by presigned POST.
    const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId, form } });
    expect(draft.status).toBe(201);
    const applicationId = draft.body.application.id as string;
    expect((await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: stranger })).status).toBe(403);

    const pdf = await samplePdf();
    const requested = await callApi(base, 'POST', `/api/applications/${applicationId}/evidence`, {
      token: institution,
      body: { materialKey: 'application_form', fileName: '申报书.pdf', contentType: 'application/pdf', size: pdf.length },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.evidence.status).toBe('pending');
    const upload = new FormData();
    for (const [name, value] of Object.entries(requested.body.upload.fields as Record<string, string>)) upload.append(name, value);
    upload.append('file', new Blob([pdf], { type: 'application/pdf' }), '申报书.pdf');
    expect((await fetch(requested.body.upload.url, { method: 'POST', body: upload })).status).toBe(204);
    const evidenceId = requested.body.evidence.id as string;
    const verified = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/api/applications/${applicationId}/evidence/${evidenceId}`, { token: institution });
      return body.evidence.status === 'pending' ? undefined : body.evidence;
    }, 'evidence check');
    expect({ status: verified.status, reason: verified.reason }).toEqual({ status: 'verified', reason: undefined });
    expect(verified.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    const submitted = await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: institution, body: {} });
    expect(submitted.status).toBe(200);
    expect(submitted.body.application.status).toBe('submitted');

    // Formal review by staff.
    await eventually(async () => ((await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: institution })).body.application.status === 'screening' ? true : undefined), 'screening');
    const screened = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'accept', reasons: [] } });
    expect(screened.status).toBe(200);
    expect(screened.body.application.status).toBe('accepted');

    // Intake closes; experts are assigned and invited by e-mail.
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await eventually(async () => ((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status === 'in_review' ? true : undefined), 'review');
    const assignments = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin })).body.assignments;
    expect(assignments).toHaveLength(3);

    const program = (await callApi(base, 'GET', '/api/programs/gx-city-consortium')).body;
    const codes = leafCodes(program.indicators);
    for (const [index, expert] of experts.entries()) {
      const link = await eventually(async () => {
        const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(expert.email)}`);
        return (body.messages as { links: string[] }[]).flatMap((mail) => mail.links).find((url) => url.includes('/review/'));
      }, `invitation to ${expert.email}`);
      const linkId = link.split('/review/')[1]!;
      const task = await callApi(base, 'GET', `/api/review/${linkId}`);
      expect(task.body.task).toMatchObject({ status: 'invited', applicationTitle: form.projectTitle });
      expect((await callApi(base, 'GET', `/api/review/${linkId}/application`)).body.error.code).toBe('CONFLICT_NOT_DECLARED');
      expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
      const materials = await callApi(base, 'GET', `/api/review/${linkId}/application`);
      expect(materials.status).toBe(200);
      const download = await fetch(materials.body.evidence[0].downloadUrl);
      expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(verified.sha256);
      const scores = Object.fromEntries(codes.map((code) => [code, 8 + (index % 2)]));
      const scored = await callApi(base, 'POST', `/api/review/${linkId}/scores`, { body: { scores, comment: '材料完整，特色鲜明。', recommendation: 'recommend', final: true } });
      expect(scored.status).toBe(200);
      expect(scored.body.task.status).toBe('submitted');
    }

    // Ranking, shortlist approval, publicity.
    await eventually(async () => ((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status === 'awaiting_shortlist_approval' ? true : undefined), 'ranking');
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body;
    expect(ranking.ranking[0]).toMatchObject({ applicationId, rank: 1, validReviews: 3 });
    expect(ranking.ranking[0].score).toBeCloseTo(83.33, 1);
    expect(ranking.proposedShortlist).toEqual([applicationId]);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(200);
    const publicity = await eventually(async () => {
      const response = await callApi(base, 'GET', `/api/public/rounds/${roundId}/publicity`);
      return response.status === 200 ? response.body : undefined;
    }, 'publicity');
    expect(publicity.status).toBe('open');
    expect(publicity.entries).toEqual([{ applicationId, applicant: form.applicantName, title: form.projectTitle }]);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕8号' } })).status).toBe(409);

    // Five working days later the publicity ends; the leadership group approves.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).status).toBe(401); // tokens expire on the runtime clock too
    admin = await devToken(base, { role: 'admin', name: '厅职成处' });
    await eventually(async () => ((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status === 'awaiting_final_approval' ? true : undefined), 'end of publicity');
    expect((await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, { body: { applicationId, name: '张三', phone: '13900000000', content: '公示期已过后提出的异议内容。' } })).status).toBe(409);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕8号' } })).status).toBe(200);
    const results = await eventually(async () => {
      const response = await callApi(base, 'GET', `/api/public/rounds/${roundId}/results`);
      return response.status === 200 ? response.body : undefined;
    }, 'results');
    expect(results).toMatchObject({ noticeNumber: '桂教职成〔2026〕8号', recognized: [{ applicationId, applicant: form.applicantName, title: form.projectTitle }] });

    const audit = (await callApi(base, 'GET', `/api/admin/audit?entityId=${applicationId}`, { token: admin })).body.events.map((event: { action: string }) => event.action);
    expect(audit).toEqual(expect.arrayContaining(['application.created', 'application.submitted', 'application.accepted', 'application.recognized']));
    const resultMail = (await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(form.contactEmail)}`)).body.messages.map((mail: { subject: string }) => mail.subject);
    expect(resultMail).toEqual(expect.arrayContaining([expect.stringContaining('认定通过')]));
  });
});

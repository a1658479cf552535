/**
 * Life after recognition over HTTP against the local runtime (issue #10, done-when): two
 * applications recognised when their round publishes become units. One files its first year's
 * annual plan and summary (drafted, evidence uploaded and verified, submitted; the summary
 * returned once, corrected and resubmitted; both accepted with a rating). The other files
 * nothing: when the clock passes the plan's due date its unit workflow mails it a reminder, and
 * staff see its plan in the overdue list although no report was ever started.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { cityConsortiumForm, publishedCityRound, runtimeNow } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { postUpload, samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

const diligent = { orgId: 'org-liuzhou', form: { ...cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体'), contactEmail: 'unit@liuzhou.test' } };
const late = { orgId: 'org-yulin', form: { ...cityConsortiumForm('玉林市人民政府', '玉林机械产业市域产教联合体'), contactEmail: 'unit@yulin.test' } };

async function mailsTo(email: string): Promise<Mail[]> {
  return (await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`)).body.messages as Mail[];
}

/** Uploads a PDF as a report's evidence and waits for the check; returns the evidence. */
async function uploadReportPdf(token: string, unitId: string, reportId: string) {
  const bytes = await samplePdf(1);
  const requested = await callApi(base, 'POST', `/api/units/${unitId}/reports/${reportId}/evidence`, {
    token,
    body: { materialKey: 'evidence', fileName: '年度佐证材料.pdf', contentType: 'application/pdf', size: bytes.length },
  });
  expect(requested.status).toBe(201);
  expect(requested.body.evidence.status).toBe('pending');
  expect((await postUpload(requested.body.upload, bytes)).status).toBe(204);
  return eventually(async () => {
    const { body } = await callApi(base, 'GET', `/api/units/${unitId}/reports/${reportId}/evidence/${requested.body.evidence.id}`, { token });
    return body.evidence.status === 'pending' ? undefined : body.evidence;
  }, 'report evidence check');
}

describe('annual duties of recognised units', () => {
  it('takes a unit through its annual plan and summary, and reminds a late unit by mail', async () => {
    const { applicationIds } = await publishedCityRound(base, 'duties', [diligent, late]);
    let admin = await devToken(base, { role: 'admin', name: '职成处' });
    let school = await devToken(base, { role: 'institution', orgId: diligent.orgId });

    const [unit] = (await callApi(base, 'GET', '/api/units', { token: school })).body.units;
    expect(unit).toMatchObject({ applicationId: applicationIds[0], organization: '柳州市人民政府', status: 'active' });
    const overview = (await callApi(base, 'GET', `/api/units/${unit.id}/reports`, { token: school })).body;
    // a 3-year cycle: a plan and a summary for each of the three calendar years after recognition
    const year = new Date(Date.parse(unit.recognizedAt) + 8 * 3600_000).getUTCFullYear() + 1;
    expect(overview.duties.map((duty: { year: number; kind: string }) => `${duty.year}-${duty.kind}`)).toEqual(
      [year, year + 1, year + 2].flatMap((y) => [`${y}-plan`, `${y}-summary`]),
    );
    expect(overview.duties[0]).toMatchObject({ kind: 'plan', dueAt: new Date(Date.UTC(year, 2, 31, 16)).toISOString(), status: 'missing', overdue: false });
    expect(overview.forms.plan.map((field: { label: string }) => field.label)).toContain('年度工作计划');
    expect(overview.forms.summary.map((field: { label: string }) => field.label)).toEqual(expect.arrayContaining(['年度工作总结', '主要成效', '存在问题']));

    // The plan: a draft, refused while incomplete, then completed with evidence and submitted.
    const created = await callApi(base, 'POST', `/api/units/${unit.id}/reports`, { token: school, body: { year, kind: 'plan', form: { plan: '推进现场工程师联合培养。' } } });
    expect(created.status).toBe(201);
    expect(created.body.report).toMatchObject({ status: 'draft', year, kind: 'plan' });
    const planId = created.body.report.id as string;
    const twice = await callApi(base, 'POST', `/api/units/${unit.id}/reports`, { token: school, body: { year, kind: 'plan', form: {} } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_EXISTS');
    const outside = await callApi(base, 'POST', `/api/units/${unit.id}/reports`, { token: school, body: { year: year + 3, kind: 'plan', form: {} } });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('REPORT_YEAR_INVALID');
    const incomplete = await callApi(base, 'POST', `/api/units/${unit.id}/reports/${planId}/submit`, { token: school, body: {} });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error).toMatchObject({ code: 'FORM_INVALID', details: [expect.objectContaining({ path: 'goals' })] });
    const edited = await callApi(base, 'PATCH', `/api/units/${unit.id}/reports/${planId}`, { token: school, body: { form: { plan: '推进现场工程师联合培养。', goals: '新增订单班 2 个，共建实训基地 1 个。' } } });
    expect(edited.status).toBe(200);
    const evidence = await uploadReportPdf(school, unit.id, planId);
    expect(evidence).toMatchObject({ status: 'verified', fileName: '年度佐证材料.pdf' });
    const submittedPlan = await callApi(base, 'POST', `/api/units/${unit.id}/reports/${planId}/submit`, { token: school, body: {} });
    expect(submittedPlan.status).toBe(200);
    expect(submittedPlan.body.report.status).toBe('submitted');
    // another organisation cannot reach the unit
    const stranger = await devToken(base, { role: 'institution', orgId: late.orgId });
    expect((await callApi(base, 'GET', `/api/units/${unit.id}/reports`, { token: stranger })).status).toBe(403);

    // The summary: submitted, returned with a note, corrected and submitted again.
    const summary = await callApi(base, 'POST', `/api/units/${unit.id}/reports`, {
      token: school,
      body: { year, kind: 'summary', form: { summary: '全年培养现场工程师 120 人。', achievements: '订单班 2 个。', problems: '企业导师数量不足。' } },
    });
    expect(summary.status).toBe(201);
    const summaryId = summary.body.report.id as string;
    await uploadReportPdf(school, unit.id, summaryId);
    expect((await callApi(base, 'POST', `/api/units/${unit.id}/reports/${summaryId}/submit`, { token: school, body: {} })).body.report.status).toBe('submitted');

    const submitted = (await callApi(base, 'GET', `/api/admin/reports?year=${year}&status=submitted`, { token: admin })).body.reports;
    expect(submitted.map((report: { id: string; organization: string; title: string }) => [report.id, report.organization, report.title])).toEqual(
      expect.arrayContaining([
        [planId, '柳州市人民政府', '柳州汽车产业市域产教联合体'],
        [summaryId, '柳州市人民政府', '柳州汽车产业市域产教联合体'],
      ]),
    );
    const accepted = await callApi(base, 'POST', `/api/admin/reports/${planId}/review`, { token: admin, body: { outcome: 'accepted', rating: 'good', note: '计划可行。' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.report).toMatchObject({ status: 'accepted', review: { outcome: 'accepted', rating: 'good', by: '职成处' }, ratingLabel: '良好' });
    expect((await callApi(base, 'POST', `/api/admin/reports/${planId}/review`, { token: admin, body: { outcome: 'returned', note: '再改' } })).status).toBe(409);
    const noNote = await callApi(base, 'POST', `/api/admin/reports/${summaryId}/review`, { token: admin, body: { outcome: 'returned', note: '' } });
    expect(noNote.status).toBe(400);
    const returned = await callApi(base, 'POST', `/api/admin/reports/${summaryId}/review`, { token: admin, body: { outcome: 'returned', note: '请补充主要成效的数据。' } });
    expect(returned.body.report.status).toBe('returned');
    const corrected = await callApi(base, 'PATCH', `/api/units/${unit.id}/reports/${summaryId}`, {
      token: school,
      body: { form: { summary: '全年培养现场工程师 120 人。', achievements: '订单班 2 个，就业率 96%。', problems: '企业导师数量不足。' } },
    });
    expect(corrected.status).toBe(200);
    expect((await callApi(base, 'POST', `/api/units/${unit.id}/reports/${summaryId}/submit`, { token: school, body: {} })).body.report.status).toBe('submitted');
    expect((await callApi(base, 'POST', `/api/admin/reports/${summaryId}/review`, { token: admin, body: { outcome: 'accepted', rating: 'excellent', note: '' } })).body.report.status).toBe('accepted');
    const admitted = (await callApi(base, 'GET', `/api/admin/reports?year=${year}&status=accepted`, { token: admin })).body.reports;
    expect(admitted.map((report: { id: string }) => report.id).sort()).toEqual([planId, summaryId].sort());

    // Nothing is late yet. Then the clock passes the plan's due date: the unit that filed nothing is reminded, the other is not.
    expect((await callApi(base, 'GET', `/api/admin/reports?status=overdue`, { token: admin })).body.reports).toEqual([]);
    const now = await runtimeNow(base);
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: Math.ceil((Date.parse(overview.duties[0].dueAt) - now) / 1000) + 3600 } });
    const reminder = await eventually(async () => (await mailsTo(late.form.contactEmail)).find((mail) => mail.subject.includes('年度报告催报')), 'reminder to the late unit');
    expect(reminder.subject).toContain(`${year}年度年度工作计划逾期未提交`);
    expect(reminder.text).toContain('玉林市人民政府');
    expect((await mailsTo(diligent.form.contactEmail)).filter((mail) => mail.subject.includes('年度报告催报'))).toEqual([]);

    admin = await devToken(base, { role: 'admin', name: '职成处' });
    const overdue = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/api/admin/reports?year=${year}&status=overdue`, { token: admin });
      return body.reports.length > 0 && body.reports.every((row: { reminded: boolean }) => row.reminded) ? body.reports : undefined;
    }, 'the late plan, reminded, in the overdue list');
    expect(overdue).toEqual([
      expect.objectContaining({ organization: '玉林市人民政府', title: '玉林机械产业市域产教联合体', year, kind: 'plan', kindLabel: '年度工作计划', status: 'overdue', reportStatus: 'missing', reminded: true }),
    ]);
    school = await devToken(base, { role: 'institution', orgId: late.orgId });
    const lateUnit = (await callApi(base, 'GET', '/api/units', { token: school })).body.units[0];
    const lateDuties = (await callApi(base, 'GET', `/api/units/${lateUnit.id}/reports`, { token: school })).body.duties;
    expect(lateDuties[0]).toMatchObject({ year, kind: 'plan', status: 'missing', overdue: true });
  });
});

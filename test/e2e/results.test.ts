/**
 * Results for every applicant, over HTTP against the local runtime: in one round an ineligible,
 * a not-shortlisted, a rejected (upheld objection) and a recognised application each get a
 * Chinese result mail naming the round and the outcome when that outcome is final; the
 * recognised one's mail links to the public results page, whose API carries the issuer, the
 * publication time and the round title, and whose notice PDF the public can download once
 * the results are published.
 */
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { pageLines } from '../support/pdf-text.js';
import {
  cityConsortiumForm,
  leafIndicatorCodes,
  openCityRound,
  reviewLinks,
  submitAcceptedApplication,
  submitReview,
  uploadPdf,
  waitForApplicationStatus,
  waitForRoundStatus,
} from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();
let base: string;

beforeAll(() => {
  base = runtime().baseUrl;
});

interface Mail {
  readonly subject: string;
  readonly text: string;
  readonly links: readonly string[];
}

const roundTitle = '2026年市域产教联合体认定（第二批）';
const issuer = { name: '广西职业教育创新发展领导小组办公室', noticePrefix: '桂教职成' };

function applicant(city: string, email: string) {
  return { ...cityConsortiumForm(`${city}人民政府`, `${city}汽车产业市域产教联合体`), contactEmail: email };
}

/** The first mail to `email` whose subject contains `part`, waiting for it. */
async function mailTo(email: string, part: string): Promise<Mail> {
  return eventually(async () => {
    const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`);
    return (body.messages as Mail[]).find((mail) => mail.subject.includes(part));
  }, `mail "${part}" to ${email}`);
}

async function mailsTo(email: string): Promise<Mail[]> {
  return (await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`)).body.messages as Mail[];
}

describe('results for every applicant', () => {
  it('tells the ineligible, the not shortlisted, the rejected and the recognised, and publishes the results with their notice', async () => {
    let admin = await devToken(base, { role: 'admin', name: '职成处' });
    for (const expert of [
      { name: '专家甲', email: 'jia@results.test', organization: '广西大学', expertise: ['职业教育'] },
      { name: '专家乙', email: 'yi@results.test', organization: '广西科技大学', expertise: ['汽车'] },
    ]) {
      expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
    }
    const roundId = await openCityRound(base, admin, { title: roundTitle, expertsPerApplication: 2, minValidReviews: 2, issuer });
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.issuer).toEqual(issuer);

    const forms = {
      recognized: applicant('柳州市', 'a@liuzhou.test'),
      notShortlisted: applicant('南宁市', 'b@nanning.test'),
      rejected: applicant('桂林市', 'c@guilin.test'),
      ineligible: applicant('梧州市', 'd@wuzhou.test'),
    };
    const ids: Record<string, string> = {};
    for (const [key, form] of Object.entries(forms).slice(0, 3)) {
      const institution = await devToken(base, { role: 'institution', orgId: `org-${key}` });
      ids[key] = (await submitAcceptedApplication(base, { admin, institution }, roundId, form)).applicationId;
    }

    // Staff find the fourth application ineligible in formal review: its result mail comes at once.
    const wuzhou = await devToken(base, { role: 'institution', orgId: 'org-ineligible' });
    const draft = await callApi(base, 'POST', '/api/applications', { token: wuzhou, body: { roundId, form: forms.ineligible } });
    ids['ineligible'] = draft.body.application.id;
    await uploadPdf(base, wuzhou, ids['ineligible']!, 'application_form', await samplePdf(2));
    expect((await callApi(base, 'POST', `/api/applications/${ids['ineligible']}/submit`, { token: wuzhou, body: {} })).status).toBe(200);
    await waitForApplicationStatus(base, wuzhou, ids['ineligible']!, 'screening');
    const refused = await callApi(base, 'POST', `/api/admin/applications/${ids['ineligible']}/screening`, {
      token: admin,
      body: { outcome: 'ineligible', reasons: ['依托园区不在本市行政区域内'] },
    });
    expect(refused.body.application.status).toBe('ineligible');
    const ineligibleMail = await mailTo(forms.ineligible.contactEmail, '认定结果');
    expect(ineligibleMail.text).toContain(`“${roundTitle}”`);
    expect(ineligibleMail.text).toContain('认定结果为：不符合申报条件');
    expect(ineligibleMail.text).toContain('依托园区不在本市行政区域内');

    // Experts review: the recognised one scores highest, the not-shortlisted one lowest.
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    const scoreOf: Record<string, number> = { [forms.recognized.projectTitle]: 9, [forms.rejected.projectTitle]: 8, [forms.notShortlisted.projectTitle]: 5 };
    for (const email of ['jia@results.test', 'yi@results.test']) {
      for (const linkId of await reviewLinks(base, email, 3)) {
        const task = (await callApi(base, 'GET', `/api/review/${linkId}`)).body.task;
        await submitReview(base, linkId, codes, scoreOf[task.applicationTitle]!);
      }
    }
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    expect((await mailsTo(forms.notShortlisted.contactEmail)).filter((mail) => mail.subject.includes('认定结果'))).toEqual([]);
    const shortlist = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true, applicationIds: [ids['recognized'], ids['rejected']] } });
    expect(shortlist.status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'in_publicity');
    const notShortlistedMail = await mailTo(forms.notShortlisted.contactEmail, '认定结果');
    expect(notShortlistedMail.text).toContain(`“${roundTitle}”`);
    expect(notShortlistedMail.text).toContain('认定结果为：未入围');

    // An objection against one shortlisted application is upheld after publicity.
    const objection = await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, {
      body: { applicationId: ids['rejected'], name: '张三', phone: '13900000000', content: '该联合体的成员企业数量与实际情况严重不符。' },
    });
    expect(objection.status).toBe(201);
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    admin = await devToken(base, { role: 'admin', name: '职成处' });
    const objectionId = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/objections`, { token: admin })).body.objections[0].id;
    expect((await callApi(base, 'POST', `/api/admin/objections/${objectionId}/resolve`, { token: admin, body: { outcome: 'upheld', note: '经核实，成员企业数量不实。' } })).status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'awaiting_final_approval');

    // Nothing is public before publication; a notice number without the issuer's prefix is refused.
    expect((await callApi(base, 'GET', `/api/public/rounds/${roundId}/results`)).status).toBe(404);
    expect((await fetch(`${base}/api/public/rounds/${roundId}/notice.pdf`)).status).toBe(404);
    const wrongNumber = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂政办发〔2026〕9号' } });
    expect(wrongNumber.status).toBe(422);
    expect(wrongNumber.body.error).toMatchObject({ code: 'NOTICE_NUMBER_INVALID', details: [{ path: 'noticeNumber' }] });
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕9号' } })).status).toBe(200);
    const published = await waitForRoundStatus(base, admin, roundId, 'published');

    const results = await callApi(base, 'GET', `/api/public/rounds/${roundId}/results`);
    expect(results.body).toEqual({
      kind: 'recognition',
      roundTitle,
      programName: '广西壮族自治区市域产教联合体',
      issuer: issuer.name,
      noticeNumber: '桂教职成〔2026〕9号',
      publishedAt: published.publishedAt,
      noticeUrl: `/api/public/rounds/${roundId}/notice.pdf`,
      recognized: [{ applicationId: ids['recognized'], applicant: forms.recognized.applicantName, title: forms.recognized.projectTitle }],
      revoked: [],
    });
    expect(Date.parse(results.body.publishedAt)).toBeGreaterThan(0);

    // The recognised application became a unit with a 3-year cycle (the program names none), listed for staff and for its own institution only.
    const units = (await callApi(base, 'GET', '/api/admin/units?programId=gx-city-consortium&status=active', { token: admin })).body.units;
    expect(units).toEqual([
      expect.objectContaining({
        applicationId: ids['recognized'],
        organization: forms.recognized.applicantName,
        title: forms.recognized.projectTitle,
        programId: 'gx-city-consortium',
        programName: expect.stringMatching(/市域产教联合体/),
        status: 'active',
      }),
    ]);
    // recognised in the publication's write of the decisions, just before the round reads published
    expect(Date.parse(units[0].recognizedAt)).toBeLessThanOrEqual(Date.parse(published.publishedAt));
    const cycleEnd = new Date(units[0].recognizedAt);
    cycleEnd.setUTCFullYear(cycleEnd.getUTCFullYear() + 3);
    expect(units[0].cycleEndsAt).toBe(cycleEnd.toISOString());
    expect((await callApi(base, 'GET', '/api/admin/units?status=revoked', { token: admin })).body.units).toEqual([]);
    const ownUnits = await callApi(base, 'GET', '/api/units', { token: await devToken(base, { role: 'institution', orgId: 'org-recognized' }) });
    expect(ownUnits.body.units.map((unit: { id: string }) => unit.id)).toEqual([units[0].id]);
    expect((await callApi(base, 'GET', '/api/units', { token: await devToken(base, { role: 'institution', orgId: 'org-rejected' }) })).body.units).toEqual([]);

    const recognizedMail = await mailTo(forms.recognized.contactEmail, '认定通过');
    expect(recognizedMail.text).toContain(`“${roundTitle}”`);
    expect(recognizedMail.text).toContain('认定结果为：已认定');
    expect(recognizedMail.text).toContain('桂教职成〔2026〕9号');
    expect(recognizedMail.links).toEqual([`${base}/results/${roundId}`]);
    const page = await fetch(recognizedMail.links[0]!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('下载认定通知');

    const rejectedMail = await mailTo(forms.rejected.contactEmail, '认定结果');
    expect(rejectedMail.text).toContain(`“${roundTitle}”`);
    expect(rejectedMail.text).toContain('认定结果为：未予认定');
    // one result mail each, for all four
    for (const form of Object.values(forms)) {
      expect((await mailsTo(form.contactEmail)).filter((mail) => /【认定(结果|通过)】/.test(mail.subject))).toHaveLength(1);
    }

    const notice = await fetch(`${base}${results.body.noticeUrl}`);
    expect(notice.status).toBe(200);
    expect(notice.headers.get('content-type')).toBe('application/pdf');
    const lines = pageLines(await PDFDocument.load(await notice.arrayBuffer())).flat();
    expect(lines[0]).toBe(issuer.name);
    expect(lines[1]).toBe('桂教职成〔2026〕9号');
    expect(lines.join('')).toContain(`1. ${forms.recognized.applicantName} — ${forms.recognized.projectTitle}`);
    expect(lines.join('')).not.toContain(forms.rejected.applicantName);
  });
});

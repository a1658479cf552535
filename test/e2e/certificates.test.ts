/**
 * Certificates (认定证书) over HTTP against the local runtime: a round of three city governments
 * publishes two recognised units; before publication no certificate is given (409); after it,
 * staff download each unit's PDF (its text names the unit and the notice number) and a zip holding
 * one PDF per recognised unit under a readable Chinese name; each institution downloads its own
 * certificate, not another organisation's (403), and an application not recognised has none (404).
 */
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { pageLines } from '../support/pdf-text.js';
import { cityConsortiumForm, leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;

const noticeNumber = '桂教职成〔2026〕21号';
const units = {
  liuzhou: { orgId: 'org-cert-liuzhou', form: cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体') },
  yulin: { orgId: 'org-cert-yulin', form: cityConsortiumForm('玉林市人民政府', '玉林机械制造市域产教联合体') },
  qinzhou: { orgId: 'org-cert-qinzhou', form: cityConsortiumForm('钦州市人民政府', '钦州港口物流市域产教联合体') },
};
type Unit = keyof typeof units;
const tokens = {} as Record<Unit | 'admin', string>;
const ids = {} as Record<Unit, string>;
let roundId: string;

/** A binary download with its status and headers. */
async function download(path: string, token: string) {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') ?? '', bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  return pageLines(await PDFDocument.load(bytes)).flat().join('\n');
}

beforeAll(async () => {
  base = runtime().baseUrl;
  tokens.admin = await devToken(base, { role: 'admin', name: '职成处' });
  for (const unit of Object.keys(units) as Unit[]) tokens[unit] = await devToken(base, { role: 'institution', orgId: units[unit].orgId, name: units[unit].form.applicantName });
  const experts = [
    { name: '专家丙', email: 'cert-bing@experts.test', organization: '广西大学', expertise: ['职业教育'] },
    { name: '专家丁', email: 'cert-ding@experts.test', organization: '广西科技大学', expertise: ['汽车'] },
  ];
  for (const expert of experts) expect((await callApi(base, 'POST', '/api/admin/experts', { token: tokens.admin, body: expert })).status).toBe(201);
  roundId = await openCityRound(base, tokens.admin, { expertsPerApplication: 2, minValidReviews: 2, avoidSameRegion: false });
  for (const unit of Object.keys(units) as Unit[]) {
    ids[unit] = (await submitAcceptedApplication(base, { admin: tokens.admin, institution: tokens[unit] }, roundId, units[unit].form)).applicationId;
  }
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: tokens.admin })).status).toBe(202);
  await waitForRoundStatus(base, tokens.admin, roundId, 'in_review');
  const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
  for (const expert of experts) for (const link of await reviewLinks(base, expert.email, 3)) await submitReview(base, link, codes, 8);
  await waitForRoundStatus(base, tokens.admin, roundId, 'awaiting_shortlist_approval');
  const shortlist = { approve: true, applicationIds: [ids.liuzhou, ids.yulin], note: '钦州项目园区产值未达要求' };
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: tokens.admin, body: shortlist })).status).toBe(200);
  await waitForRoundStatus(base, tokens.admin, roundId, 'in_publicity');

  // No certificate before the results are published.
  const early = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/certificates.zip`, { token: tokens.admin });
  expect(early.status).toBe(409);
  expect(early.body.error).toMatchObject({ code: 'CERTIFICATE_NOT_READY', message: '认定结果公布后才能下载认定证书' });
  expect((await callApi(base, 'GET', `/api/applications/${ids.liuzhou}/certificate.pdf`, { token: tokens.liuzhou })).status).toBe(409);

  expect((await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 14 * 86_400 } })).status).toBe(200);
  tokens.admin = await devToken(base, { role: 'admin', name: '职成处' });
  for (const unit of Object.keys(units) as Unit[]) tokens[unit] = await devToken(base, { role: 'institution', orgId: units[unit].orgId });
  await waitForRoundStatus(base, tokens.admin, roundId, 'awaiting_final_approval');
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: tokens.admin, body: { approve: true, noticeNumber } })).status).toBe(200);
  await waitForRoundStatus(base, tokens.admin, roundId, 'published');
}, 240_000);

describe('the certificates of a published round', () => {
  it("give staff each recognised unit's PDF, naming the unit, its project and the notice number", async () => {
    const liuzhou = await download(`/api/admin/rounds/${roundId}/certificates/${ids.liuzhou}.pdf`, tokens.admin);
    expect(liuzhou.status).toBe(200);
    expect(liuzhou.type).toBe('application/pdf');
    expect(decodeURIComponent(liuzhou.disposition)).toContain('柳州市人民政府-柳州汽车产业市域产教联合体-认定证书.pdf');
    const text = await pdfText(liuzhou.bytes);
    expect(text).toContain('柳州市人民政府：');
    expect(text).toContain('柳州汽车产业市域产教联合体');
    expect(text).toContain(`认定文号：${noticeNumber}`);
    expect(text).toMatch(/证书编号：2026-[0-9A-F]{4}-00[12]/);
    expect(text).toContain('广西职业教育创新发展领导小组办公室');

    const notRecognized = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/certificates/${ids.qinzhou}.pdf`, { token: tokens.admin });
    expect(notRecognized.status).toBe(404);
    expect(notRecognized.body.error.code).toBe('NOT_FOUND');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}/certificates/${ids.liuzhou}`, { token: tokens.admin })).status).toBe(404);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}/certificates/${ids.liuzhou}.pdf`, { token: tokens.liuzhou })).status).toBe(403);
  });

  it('put one PDF per recognised unit in the zip, each named after its unit', async () => {
    const zipped = await download(`/api/admin/rounds/${roundId}/certificates.zip`, tokens.admin);
    expect(zipped.status).toBe(200);
    expect(zipped.type).toBe('application/zip');
    expect(decodeURIComponent(zipped.disposition)).toContain('2026年市域产教联合体认定-认定证书.zip');
    const zip = await JSZip.loadAsync(zipped.bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(2);
    expect(names.map((name) => name.replace(/^\d{3}-/, '')).sort()).toEqual(['柳州市人民政府-柳州汽车产业市域产教联合体-认定证书.pdf', '玉林市人民政府-玉林机械制造市域产教联合体-认定证书.pdf']);
    const texts = await Promise.all(names.map(async (name) => pdfText(await zip.file(name)!.async('uint8array'))));
    for (const [index, name] of names.entries()) {
      const unit = name.includes('柳州') ? '柳州市人民政府' : '玉林市人民政府';
      expect(texts[index]).toContain(`${unit}：`);
      expect(texts[index]).toContain(noticeNumber);
    }
    // Each unit's number is the one its own download shows.
    const single = await pdfText((await download(`/api/admin/rounds/${roundId}/certificates/${ids.yulin}.pdf`, tokens.admin)).bytes);
    const yulinText = texts[names.findIndex((name) => name.includes('玉林'))]!;
    expect(single.match(/证书编号：\S+/)?.[0]).toBe(yulinText.match(/证书编号：\S+/)?.[0]);
  });

  it("let each institution download its own certificate, not another organisation's", async () => {
    const own = await download(`/api/applications/${ids.yulin}/certificate.pdf`, tokens.yulin);
    expect(own.status).toBe(200);
    expect(own.type).toBe('application/pdf');
    const text = await pdfText(own.bytes);
    expect(text).toContain('玉林市人民政府：');
    expect(text).toContain(noticeNumber);

    const others = await callApi(base, 'GET', `/api/applications/${ids.liuzhou}/certificate.pdf`, { token: tokens.yulin });
    expect(others.status).toBe(403);
    expect(others.body.error.code).toBe('FORBIDDEN');
    const notRecognized = await callApi(base, 'GET', `/api/applications/${ids.qinzhou}/certificate.pdf`, { token: tokens.qinzhou });
    expect(notRecognized.status).toBe(404);
    expect(notRecognized.body.error.message).toBe('该申报未获认定，没有认定证书');
  });
});

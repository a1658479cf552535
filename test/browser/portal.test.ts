/**
 * Journey (1) of issue #8 on the real local runtime: an institution clerk signs in through
 * /signin, sees the open round and what it asks, starts an application, fills the
 * 市域产教联合体 form (a field the API refuses shows its message beside it), uploads a real PDF
 * through the page's file input and sees it verified (a PNG named .pdf gets the processor's
 * reason, a .txt the page's own), submits, is returned by staff with a reason (over the API:
 * the staff pages are journey 2), fixes a field and submits again. Another organisation's
 * application shows a Chinese not-found message; a draft is withdrawn after a confirmation; a
 * recognised application offers its notice and its certificate (认定证书) to download.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { pageLines } from '../support/pdf-text.js';
import { cityConsortiumForm, openCityRound, roundOnPublicNotice, runtimeNow, waitForApplicationStatus, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf, samplePng } from '../support/uploads.js';
import { documentWidth, saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();
const files = mkdtempSync(join(tmpdir(), 'portal-files-'));

afterAll(() => rmSync(files, { recursive: true, force: true }));

const roundTitle = '2026年市域产教联合体认定';
const returnReason = '请补充依托园区总产值的统计口径说明，并核实数值。';

/** The status the page shows (`data-testid="application-status"`). */
const statusOf = (page: Page) => page.getByTestId('application-status').textContent();

/** The text of the element(s) describing a control (its hint and its error beside it). */
async function descriptionOf(page: Page, label: string): Promise<string> {
  const control = page.getByLabel(label, { exact: true });
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** Fills the 市域产教联合体 form through its labels (every required field), as a clerk types it. */
async function fillCityForm(page: Page): Promise<void> {
  const form = cityConsortiumForm();
  await page.getByLabel('申报单位（市人民政府）').fill(form.applicantName);
  await page.getByLabel('市域产教联合体名称').fill(form.projectTitle);
  await page.getByLabel('依托园区名称').fill(form.parkName);
  await page.getByLabel('对接重点产业集群').selectOption({ label: '汽车' });
  await page.getByLabel('依托园区总产值').fill(String(form.parkOutputValue));
  await page.getByLabel('成员中职学校数').fill(String(form.secondaryVocationalSchools));
  await page.getByLabel('成员高职（含职教本科）学校数').fill(String(form.higherVocationalSchools));
  await page.getByLabel('成员普通高等学校数').fill(String(form.universities));
  await page.getByLabel('成员企业数').fill(String(form.enterprises));
  await page.getByLabel('成员科研院所数').fill(String(form.researchInstitutes));
  await page.getByLabel('建设基础与目标概述').fill(form.summary);
  await page.getByLabel('联系人').fill(form.contactName);
  await page.getByLabel('联系电话').fill(form.contactPhone);
  await page.getByLabel('电子邮箱').fill(form.contactEmail);
}

describe('the institution portal on the real runtime', () => {
  it('takes a clerk from the open round to a submitted application, through a return and a resubmission', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin', name: '职成处' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
    const roundId = await openCityRound(base, admin);

    // The portal lists the open round; its title opens what the program asks.
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-liuzhou', name: '王老师' });
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.getByRole('link', { name: roundTitle }).waitFor();
    await expect.poll(() => page.getByText('本单位还没有申报。').count()).toBe(1);
    await saveScreenshot(page, 'portal-home');
    await page.getByRole('link', { name: roundTitle }).click();
    await page.waitForURL(`${base}/portal/rounds/${roundId}`);
    await page.getByRole('heading', { name: '申报条件' }).waitFor();
    const requirements = await page.locator('main').innerText();
    expect(requirements).toContain('由市级人民政府牵头,园区、企业、学校、科研院所参与');
    expect(requirements).toMatch(/市域产教联合体申报书\s+必需\s+PDF、DOCX\s+50 MB/);
    expect(requirements).toContain('1.1');
    expect(requirements).toMatch(/基本情况\s*\d+(\.\d+)? 分/);
    await saveScreenshot(page, 'portal-round');

    // 开始申报 creates the draft and opens it.
    await page.getByRole('button', { name: '开始申报' }).first().click();
    await page.waitForURL(/\/portal\/applications\/[^/]+$/);
    const applicationId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => statusOf(page)).toBe('草稿');
    await saveScreenshot(page, 'portal-application-draft');

    // Submitting a blank form names each required field beside it, worded as the API words it.
    await page.getByRole('button', { name: '提交申报' }).click();
    await expect.poll(() => descriptionOf(page, '申报单位（市人民政府）')).toContain('请填写「申报单位（市人民政府）」');
    expect(await descriptionOf(page, '电子邮箱')).toContain('请填写「电子邮箱」');
    expect(await page.getByRole('alert').textContent()).toContain('申报表还有必填项未填写');
    // the first field marked takes the focus
    await expect.poll(() => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""')).toBe(await page.getByLabel('申报单位（市人民政府）').getAttribute('id'));
    expect(await statusOf(page)).toBe('草稿');

    // A value the API refuses is shown beside its field.
    await fillCityForm(page);
    await page.getByLabel('联系电话').fill('12345');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => descriptionOf(page, '联系电话')).toContain('「联系电话」格式不正确');
    expect(await page.getByLabel('联系电话').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('联系电话').fill(cityConsortiumForm().contactPhone);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存。').waitFor();
    const saved = await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: institution });
    expect(saved.body.application.form).toEqual(cityConsortiumForm());

    // Files: the page refuses a format the material does not take, the processor a PNG named .pdf; a real PDF is verified.
    const material = page.getByLabel('市域产教联合体申报书', { exact: true });
    writeFileSync(join(files, '说明.txt'), '不是申报书');
    await material.setInputFiles(join(files, '说明.txt'));
    await page.getByText('“市域产教联合体申报书”只接受 PDF、DOCX 格式的文件，所选文件“说明.txt”不符合。').waitFor();
    writeFileSync(join(files, '扫描件.pdf'), samplePng);
    await material.setInputFiles(join(files, '扫描件.pdf'));
    await page.getByText(/未通过校验：文件内容与声明的类型不符/).waitFor({ timeout: 30_000 });
    writeFileSync(join(files, '申报书.pdf'), await samplePdf(2));
    await material.setInputFiles(join(files, '申报书.pdf'));
    await page.getByText('已通过校验').waitFor({ timeout: 30_000 });
    // The PDF replaced the refused file.
    await expect.poll(() => page.getByText('扫描件.pdf').count()).toBe(0);
    expect(await page.getByRole('progressbar').count()).toBe(0);

    await page.getByRole('button', { name: '提交申报' }).click();
    await expect.poll(() => statusOf(page)).toMatch(/^(已提交|形式审查中)$/);
    await page.getByText('申报已提交。').waitFor();
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    await saveScreenshot(page, 'portal-application-submitted');

    // Staff return it with a reason; the page follows the status by itself.
    await waitForApplicationStatus(base, institution, applicationId, 'screening');
    const returned = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'return', reasons: [returnReason] } });
    expect(returned.status).toBe(200);
    await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('退回补正');
    await page.getByText(returnReason).waitFor();
    expect(await page.locator('main').innerText()).toContain('申报条件自动核验结果');
    await saveScreenshot(page, 'portal-application-returned');

    // The clerk fixes a field and submits again.
    await page.getByLabel('依托园区总产值').fill('1350.5');
    await page.getByRole('button', { name: '提交申报' }).click();
    await expect.poll(() => statusOf(page)).toMatch(/^(已提交|形式审查中)$/);
    const resubmitted = await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: institution });
    expect(resubmitted.body.application).toMatchObject({ submissions: 2, form: { parkOutputValue: 1350.5 } });
    expect(['submitted', 'screening']).toContain(resubmitted.body.application.status);

    // 开始申报 on the same round opens this application instead of a second one.
    await page.goto(`${base}/portal`);
    await page.getByRole('link', { name: cityConsortiumForm().projectTitle }).waitFor();
    await page.getByRole('button', { name: '开始申报' }).first().click();
    await page.waitForURL(`${base}/portal/applications/${applicationId}`);
    expect((await callApi(base, 'GET', '/api/applications', { token: institution })).body.applications).toHaveLength(1);

    // The phone layout has no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('application-status').waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'portal-application-phone');
    await page.goto(`${base}/portal`);
    await page.getByRole('link', { name: roundTitle }).waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  }, 180_000);

  it("shows another organisation's application as not found", async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    const other = await devToken(base, { role: 'institution', orgId: 'org-qinzhou' });
    const roundId = await openCityRound(base, admin);
    const draft = await callApi(base, 'POST', '/api/applications', { token: other, body: { roundId, form: {} } });
    expect(draft.status).toBe(201);

    const { page, problems } = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-liuzhou' });
    await page.goto(`${base}/portal/applications/${draft.body.application.id}`);
    await page.getByRole('heading', { name: '找不到这份申报' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('不属于本单位');
    expect(await page.getByTestId('application-status').count()).toBe(0);

    // Its own draft it may withdraw, after confirming.
    const own = await callApi(base, 'POST', '/api/applications', { token: await devToken(base, { role: 'institution', orgId: 'org-liuzhou' }), body: { roundId, form: {} } });
    await page.goto(`${base}/portal/applications/${own.body.application.id}`);
    await expect.poll(() => statusOf(page)).toBe('草稿');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: '撤回申报' }).click();
    expect(await statusOf(page)).toBe('草稿');
    page.once('dialog', (dialog) => void (dialog.message().includes('确定要撤回这份申报吗') ? dialog.accept() : dialog.dismiss()));
    await page.getByRole('button', { name: '撤回申报' }).click();
    await expect.poll(() => statusOf(page)).toBe('已撤回');
    expect(await page.getByRole('button', { name: '撤回申报' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '提交申报' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the fields of the kind chosen, with yes/no and several-choice fields saved as the API types them', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    const clerk = await devToken(base, { role: 'institution', orgId: 'org-fudan', kind: 'undergraduate_university' });
    const now = await runtimeNow(base);
    const round = await callApi(base, 'POST', '/api/admin/rounds', {
      token: admin,
      body: { programId: 'sh-collab-base', title: '2026年产教协同育人基地认定', year: 2026, intakeOpensAt: new Date(now - 3600_000).toISOString(), intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString() },
    });
    expect(round.status).toBe(201);
    const draft = await callApi(base, 'POST', '/api/applications', { token: clerk, body: { roundId: round.body.round.id, form: {} } });
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-fudan', kind: 'undergraduate_university' });
    await page.goto(`${base}/portal/applications/${draft.body.application.id}`);
    await page.getByLabel('基地类型').waitFor();
    expect(await page.getByLabel('企业为基地学生提供准员工待遇').count()).toBe(0);

    // 践习型: the activities are several choices.
    await page.getByLabel('基地类型').selectOption({ label: '践习型基地' });
    const activities = page.getByRole('group', { name: '接收学生开展的活动' });
    await activities.getByLabel('行业见习').check();
    await activities.getByLabel('顶岗实践').check();
    await page.getByLabel('每年接收学生人数').fill('120');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存。').waitFor();
    const practice = await callApi(base, 'GET', `/api/applications/${draft.body.application.id}`, { token: clerk });
    expect(practice.body.application.form).toEqual({ baseKind: 'practice', practiceActivities: ['industry_observation', 'placement'], practiceStudentsPerYear: 120 });

    // 就业型: yes/no questions appear, the practice fields go (and are not sent).
    await page.getByLabel('基地类型').selectOption({ label: '就业型基地' });
    expect(await page.getByRole('group', { name: '接收学生开展的活动' }).count()).toBe(0);
    await page.getByLabel('企业为基地学生提供准员工待遇').selectOption({ label: '是' });
    await page.getByLabel('企业与学生签订就业意向协议').selectOption({ label: '否' });
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(async () => (await callApi(base, 'GET', `/api/applications/${draft.body.application.id}`, { token: clerk })).body.application.form)
      .toEqual({ baseKind: 'employment', providesQuasiEmployeeTreatment: true, signsEmploymentIntentAgreement: false });
    await saveScreenshot(page, 'portal-application-conditional');
    expect(problems).toEqual([]);
  });

  it('shows a recognised application as 已认定 with its notice to download', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin', name: '职成处' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-yulin' });
    const { roundId, applicationId } = await roundOnPublicNotice(base, { admin, institution });
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    const staff = await devToken(base, { role: 'admin', name: '职成处' });
    await waitForRoundStatus(base, staff, roundId, 'awaiting_final_approval');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: staff, body: { approve: true, noticeNumber: '桂教职成〔2026〕9号' } })).status).toBe(200);
    await waitForRoundStatus(base, staff, roundId, 'published');

    // Signed in after the clock moved (tokens expire on the runtime's clock).
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-yulin' });
    await page.getByRole('link', { name: cityConsortiumForm().projectTitle }).click();
    await page.waitForURL(`${base}/portal/applications/${applicationId}`);
    await expect.poll(() => statusOf(page)).toBe('已认定');
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '撤回申报' }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载认定通知' }).click()]);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Its own certificate, through the link next to the notice.
    const [certificate] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载认定证书' }).click()]);
    expect(certificate.suggestedFilename()).toBe(`${cityConsortiumForm().applicantName}-${cityConsortiumForm().projectTitle}-认定证书.pdf`);
    const certificateText = pageLines(await PDFDocument.load(await readFile(await certificate.path()))).flat().join('');
    expect(certificateText).toContain(`${cityConsortiumForm().applicantName}：`);
    expect(certificateText).toContain('认定文号：桂教职成〔2026〕9号');
    await saveScreenshot(page, 'portal-application-recognised');
    expect(problems).toEqual([]);
  }, 180_000);
});

/**
 * Journey (4) of issue #8 on the real local runtime: a member of the public opens the notice of a
 * round on publicity in Chromium, files an objection through the page's form and gets its
 * receipt number; staff dismiss it and give final approval (over the API: their pages are
 * journey 2); later the public opens the results page, sees the notice number, issuer, date and
 * the recognised unit, and downloads the notice PDF through `下载认定通知`.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, roundOnPublicNotice, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { documentWidth, saveScreenshot, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();

const noticeNumber = '桂教职成〔2026〕8号';
const objectionText = '申报材料中的合作企业数量与实际情况不符，请予核查。';

describe('the public on the real runtime', () => {
  it('files an objection on the notice page, and after publication reads the results and downloads the notice', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin', name: '职成处' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
    const { roundId, applicationId } = await roundOnPublicNotice(base, { admin, institution });
    const form = cityConsortiumForm();

    // The notice lists the shortlisted unit; the public objects through the form.
    const notice = await browser().open(`${base}/publicity/${roundId}`);
    const { page } = notice;
    await page.getByRole('button', { name: '提交异议' }).waitFor();
    expect(await page.locator('#entries').innerText()).toContain(form.projectTitle);
    await page.getByLabel('异议对象').selectOption({ label: `${form.applicantName} — ${form.projectTitle}` });
    await page.getByLabel('姓名（或单位名称）').fill('王某');
    await page.getByLabel('联系电话').fill('0772-1234567');
    await page.getByLabel('异议内容').fill(objectionText);
    await page.getByRole('button', { name: '提交异议' }).click();
    const receipt = page.getByText(/您的异议已受理（受理编号：YY-2026-\d{6}）/);
    await receipt.waitFor();
    const receiptNumber = /YY-2026-\d{6}/.exec((await receipt.textContent()) ?? '')![0];
    await saveScreenshot(page, 'public-publicity');
    expect(notice.problems).toEqual([]);

    // Staff see exactly that objection, dismiss it after the notice period and approve.
    const objections = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/objections`, { token: admin })).body.objections;
    expect(objections).toEqual([expect.objectContaining({ applicationId, content: objectionText, status: 'open', receiptNumber })]);
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    const staff = await devToken(base, { role: 'admin', name: '职成处' });
    expect((await callApi(base, 'POST', `/api/admin/objections/${objections[0].id}/resolve`, { token: staff, body: { outcome: 'dismissed', note: '经核实，合作企业数量属实。' } })).status).toBe(200);
    await waitForRoundStatus(base, staff, roundId, 'awaiting_final_approval');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: staff, body: { approve: true, noticeNumber } })).status).toBe(200);
    const published = await waitForRoundStatus(base, staff, roundId, 'published');

    // Later the public reads the results and downloads the notice.
    const results = await browser().open(`${base}/results/${roundId}`);
    const shown = results.page;
    await shown.locator('#list-section').waitFor({ state: 'visible' });
    expect(await shown.getByRole('heading', { level: 1 }).textContent()).toBe('认定结果：2026年市域产教联合体认定');
    expect(await shown.locator('#notice-number').textContent()).toBe(noticeNumber);
    expect(await shown.locator('#issuer').textContent()).toBe('广西职业教育创新发展领导小组办公室');
    const beijingDay = new Date(Date.parse(published.publishedAt) + 8 * 3600_000);
    expect(await shown.locator('#published-at').textContent()).toBe(`${beijingDay.getUTCFullYear()}年${beijingDay.getUTCMonth() + 1}月${beijingDay.getUTCDate()}日`);
    expect(await shown.locator('#entries tr').allInnerTexts()).toEqual([`1\t${form.applicantName}\t${form.projectTitle}`]);
    const [download] = await Promise.all([shown.waitForEvent('download'), shown.getByRole('link', { name: '下载认定通知' }).click()]);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    await saveScreenshot(shown, 'public-results');
    // On a phone the results fit the screen's width.
    await shown.setViewportSize({ width: 390, height: 844 });
    expect(await documentWidth(shown)).toBeLessThanOrEqual(390);
    await saveScreenshot(shown, 'public-results-phone');
    expect(results.problems).toEqual([]);
  });
});

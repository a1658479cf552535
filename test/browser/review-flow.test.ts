/**
 * Journey (3) of issue #8: an expert reviews through the real product — the invitation opened
 * in the local mail view and its link followed in headless Chromium against `npm start`'s
 * runtime, conflict declaration, materials, scores, submission; the workflow then ranks the round.
 */
import { describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { leafIndicatorCodes, openCityRound, reviewLinks, submitAcceptedApplication, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { saveScreenshot, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();

describe('the expert review page on the real runtime', () => {
  it('takes an expert from the e-mailed link to a submitted review that completes the round review', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-qinzhou' });
    const expert = { name: '黄专家', email: 'huang@experts.test', organization: '广西大学', expertise: ['职业教育'] };
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
    // The round scores each item out of 5 and weighs group 1 (基本情况) double.
    const roundId = await openCityRound(base, admin, { expertsPerApplication: 1, minValidReviews: 1, leafMaxScore: 5, indicatorWeights: { '1': 2 } });
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId);
    await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin });
    const [linkId] = await reviewLinks(base, expert.email);
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');

    // The expert opens the invitation in the local mail view and follows its link.
    const { page, problems } = await browser().open(`${base}/dev/mail?view=1&to=${encodeURIComponent(expert.email)}`);
    await saveScreenshot(page, 'mail');
    await page.getByRole('link', { name: /^【评审邀请】/ }).click();
    await page.waitForURL(/\/dev\/mail\/[^/?]+$/);
    await page.getByRole('link', { name: '进入评审' }).click();
    await page.waitForURL(`${base}/review/${linkId}`);
    await expect.poll(() => page.locator('#task-title').textContent()).toBe('柳州汽车产业市域产教联合体');
    expect(await page.locator('#materials-step').isVisible()).toBe(false);
    await page.getByLabel('无利益冲突').check();
    await page.getByRole('button', { name: '确认声明' }).click();
    await page.locator('#materials-step').waitFor({ state: 'visible' });
    expect(await page.locator('#evidence-list').innerText()).toContain('申报书.pdf');
    expect(await page.locator('[id="score-1.1"]').getAttribute('max')).toBe('5');
    for (const code of codes) await page.locator(`[id="score-${code}"]`).fill(code.startsWith('1.') ? '5' : '0');
    // Group 1 weighs 2 of 7 shares: full marks there and nothing elsewhere give 28.57.
    await expect.poll(() => page.locator('#total').textContent()).toBe('28.57');
    await page.getByLabel('评审意见').fill('园区产业基础好，校企合作机制完善。');
    await page.getByLabel('推荐', { exact: true }).check();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '提交评审' }).click();
    await expect.poll(() => page.locator('#notice').textContent()).toContain('评审已提交');
    await saveScreenshot(page, 'review');
    expect(problems).toEqual([]);

    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    const ranking = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/ranking`, { token: admin })).body.ranking;
    expect(ranking).toEqual([expect.objectContaining({ applicationId, score: 28.57, validReviews: 1 })]);
    // A second visit shows the submitted review and offers no form.
    const again = await browser().open(`${base}/review/${linkId}`);
    await expect.poll(() => again.page.locator('#task-status').textContent()).toContain('已提交');
    expect(await again.page.locator('#scores-step').isVisible()).toBe(false);
    expect(again.problems).toEqual([]);
  });
});

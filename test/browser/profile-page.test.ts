/**
 * The 单位信息 page on the real runtime: an organisation without a profile is asked to fill it in
 * before it may apply, a school is refused by a 市域产教联合体 round (the refusal names who may
 * apply, in a role=alert region), and once corrected to 设区市人民政府 it opens its application.
 */
import { describe, expect, it } from 'vitest';
import { devToken } from '../support/http-client.js';
import { openCityRound } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();

describe('the 单位信息 page', () => {
  it('asks for the profile, refuses a kind the program does not admit, and lets the corrected organisation apply', async () => {
    const base = runtime().baseUrl;
    await openCityRound(base, await devToken(base, { role: 'admin' }));
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'institution', orgId: 'org-newschool', kind: null });

    await page.goto(`${base}/portal`);
    await page.getByRole('button', { name: '开始申报' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('单位信息');
    await page.getByRole('link', { name: '填写单位信息' }).click();

    await page.getByRole('heading', { name: '单位信息', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('尚未填写单位信息');
    await page.getByLabel('单位名称').fill('广西职业技术学院');
    await page.getByLabel('单位类型').selectOption({ label: '职业院校' });
    await page.getByLabel('统一社会信用代码').fill('12450000498000000X');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => page.getByLabel('统一社会信用代码').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('统一社会信用代码').fill('');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('单位信息已保存。').waitFor();
    await saveScreenshot(page, 'portal-profile');

    await page.getByRole('link', { name: '申报首页' }).click();
    await page.getByRole('button', { name: '开始申报' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('本项目仅限设区市人民政府申报');

    await page.goto(`${base}/portal/profile`);
    expect(await page.getByLabel('单位名称').inputValue()).toBe('广西职业技术学院');
    await page.getByLabel('单位名称').fill('贵港市人民政府');
    await page.getByLabel('单位类型').selectOption({ label: '设区市人民政府' });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('单位信息已保存。').waitFor();
    await page.goto(`${base}/portal`);
    await page.getByRole('button', { name: '开始申报' }).click();
    await page.waitForURL(/\/portal\/applications\//);
    await page.getByTestId('application-status').waitFor();
    expect(problems).toEqual([]);
  }, 120_000);
});

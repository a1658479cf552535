/**
 * Sign-in on the real local runtime (`npm start`'s dev issuer): staff land on the console,
 * institutions on the portal, each signed-in page offers `退出登录`, a page of the other
 * audience or without a session sends the person to `/signin` and back afterwards.
 */
import { describe, expect, it } from 'vitest';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();

describe('signing in through /signin', () => {
  it('takes staff to the console and back to the sign-in page when they sign out', async () => {
    const base = runtime().baseUrl;
    const signIn = await browser().open(`${base}/signin`);
    await signIn.page.getByRole('button', { name: '登录' }).waitFor();
    await saveScreenshot(signIn.page, 'signin');
    await signIn.page.close();

    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '张处长' });
    expect(new URL(page.url()).pathname).toBe('/console');
    await expect.poll(() => page.locator('.account').textContent()).toContain('张处长');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/signin\?reason=signed_out$/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('您已退出登录');
    // Signed out, the console sends the person to sign in again, and back to where they were.
    await page.goto(`${base}/console/experts`);
    await page.waitForURL(/\/signin\?next=%2Fconsole%2Fexperts&reason=expired$/);
    await page.getByLabel('身份').selectOption({ label: '管理员' });
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/console/experts`);
    expect(problems).toEqual([]);
  });

  it('takes an institution to the portal, asks for its organisation and keeps it out of the console', async () => {
    const base = runtime().baseUrl;
    const opened = await browser().open(`${base}/signin`);
    const { page, problems } = opened;
    await page.getByLabel('身份').selectOption({ label: '申报单位' });
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByText('申报单位登录需填写单位编号。').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('单位编号').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('单位编号').fill('org-liuzhou');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/portal`);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.goto(`${base}/console`);
    await page.waitForURL(/\/signin\?next=%2Fconsole&reason=role$/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('无权访问');
    expect(problems).toEqual([]);
  });
});

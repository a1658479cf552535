/**
 * The console's program pages (认定项目) on the real local runtime, driven by role and label: the
 * list with each program's version and source, 新增认定项目 from an uploaded template file whose
 * problems are announced beside their paths, and 发布新版本 of the program from its own page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { saveScreenshot, signInThroughPage, useBrowser } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();
let files: string;

beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'programs-console-'));
});

afterAll(() => {
  rmSync(files, { recursive: true, force: true });
});

const patiently = { timeout: 15_000 };

describe('the program pages of the console', () => {
  it('lists the programs with their version, creates one from an uploaded template after showing its problems by path, and publishes its next version', async () => {
    const base = runtime().baseUrl;
    const admin = await devToken(base, { role: 'admin' });
    const template = (await callApi(base, 'GET', '/api/admin/programs/gx-city-consortium', { token: admin })).body.template;
    const { page, problems } = await signInThroughPage(browser(), base, { role: 'admin', name: '项目管理员' });

    await page.getByRole('link', { name: '认定项目' }).click();
    const benchmark = page.getByRole('row', { name: /上海市产教融合标杆学校/ });
    await benchmark.waitFor(patiently);
    expect(await benchmark.getByRole('cell').allTextContents()).toEqual(['上海市产教融合标杆学校', 'sh-benchmark-school', 'sh', '1', '内置模板', '—']);
    expect(await page.getByRole('row', { name: /中国—东盟现代工匠学院|miit-demo-base/ }).count()).toBeGreaterThan(0);

    // a template file with one bad value: the problem is announced with its path
    const broken = { ...template, id: 'browser-program', name: '处室定义的联合体项目', materials: [{ ...template.materials[0], maxBytes: 0 }, ...template.materials.slice(1)] };
    const file = join(files, 'program.json');
    writeFileSync(file, JSON.stringify(broken, null, 2));
    await page.getByRole('button', { name: '新增认定项目' }).click();
    await page.getByLabel('模板文件').setInputFiles(file);
    await expect.poll(() => page.getByLabel('模板 JSON').inputValue(), patiently).toContain('"browser-program"');
    await page.getByRole('button', { name: '保存' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor(patiently);
    expect(await alert.textContent()).toContain('认定项目模板不符合要求');
    expect(await alert.getByRole('listitem').allTextContents()).toEqual(['template.materials.0.maxBytes：不能小于 0']);
    await saveScreenshot(page, 'console-program-template-invalid');

    // not JSON at all: said before anything is sent
    await page.getByLabel('模板 JSON').fill('{"id": ');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), patiently).toContain('模板不是有效的 JSON');

    // fixed: saved as version 1 of a staff-defined program
    await page.getByLabel('模板 JSON').fill(JSON.stringify({ ...broken, materials: template.materials }, null, 2));
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), patiently).toContain('已新增认定项目“处室定义的联合体项目”（第 1 版）');
    const created = page.getByRole('row', { name: /处室定义的联合体项目/ });
    await created.waitFor(patiently);
    expect((await created.getByRole('cell').allTextContents()).slice(0, 5)).toEqual(['处室定义的联合体项目', 'browser-program', 'gx', '1', '处室定义']);

    // its page, then 发布新版本 from the current template
    await created.getByRole('link', { name: '处室定义的联合体项目' }).click();
    await page.getByRole('heading', { name: '评审指标' }).waitFor(patiently);
    expect(await page.getByText('当前版本：第 1 版').count()).toBe(1);
    await page.getByRole('button', { name: '发布新版本' }).click();
    const editor = page.getByLabel('模板 JSON');
    const current = JSON.parse(await editor.inputValue());
    expect(current).toMatchObject({ id: 'browser-program', name: '处室定义的联合体项目' });
    await editor.fill(JSON.stringify({ ...current, name: '处室定义的联合体项目（第二版）' }, null, 2));
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), patiently).toContain('已发布“处室定义的联合体项目（第二版）”第 2 版');
    await page.getByText('当前版本：第 2 版').waitFor(patiently);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('处室定义的联合体项目（第二版）');
    await saveScreenshot(page, 'console-program-versioned');
    expect((await callApi(base, 'GET', '/api/programs/browser-program')).body.name).toBe('处室定义的联合体项目（第二版）');
    expect(problems).toEqual([]);
  });
});

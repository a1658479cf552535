/**
 * Journey (2) of issue #8 on the real local runtime: office staff run a round through the
 * console pages only — sign in, 新建批次, 导入专家 from an .xlsx, 截止申报, screening (通过),
 * review progress with one 改派, 批准入围名单, 异议不成立 with 处理意见, 最终审定 with the 文号,
 * and the downloads 下载认定通知, 下载认定证书（全部） and 导出Excel. The other people of the round act over the API:
 * institutions submit, experts score through their mailed links, the public objects.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Download, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, leafIndicatorCodes, reviewLinks, submitForScreening, submitReview, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { documentWidth, saveScreenshot, signInThroughPage, useBrowser, type OpenedPage } from './page-harness.js';

const runtime = useRuntimeProcess();
const browser = useBrowser();

const roundTitle = '2026年市域产教联合体认定（第三批）';
const noticeNumber = '桂教职成〔2026〕12号';
const experts = [
  { name: '覃专家', email: 'qin@journey.test', organization: '广西大学', expertise: '职业教育、汽车' },
  { name: '韦专家', email: 'wei@journey.test', organization: '广西科技大学', expertise: '汽车' },
  { name: '蒙专家', email: 'meng@journey.test', organization: '桂林电子科技大学', expertise: '电子信息' },
];
const applicants = {
  liuzhou: { orgId: 'org-liuzhou', form: { ...cityConsortiumForm('柳州市人民政府', '柳州汽车产业市域产教联合体'), contactEmail: 'a@liuzhou.test' }, score: 9 },
  yulin: { orgId: 'org-yulin', form: { ...cityConsortiumForm('玉林市人民政府', '玉林机械装备市域产教联合体'), contactEmail: 'b@yulin.test' }, score: 7 },
};

/** The expert list as an office would keep it in Excel: three experts and a row without e-mail. */
async function expertWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('专家名单');
  sheet.addRow(['姓名', '邮箱', '工作单位', '专业领域']);
  for (const expert of experts) sheet.addRow([expert.name, expert.email, expert.organization, expert.expertise]);
  sheet.addRow(['缺邮箱', '', '广西民族大学', '职业教育']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Clicks `name` (a download link) and returns the saved file's bytes and suggested name. */
async function download(page: Page, name: string): Promise<{ bytes: Buffer; fileName: string }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()])) as [Download, unknown];
  return { bytes: await readFile(await file.path()), fileName: file.suggestedFilename() };
}

/** The cells of the table row holding `text` inside `scope`, by their column headers. */
async function rowByHeader(scope: Locator, text: string): Promise<Record<string, string>> {
  const headers = await scope.getByRole('columnheader').allInnerTexts();
  const cells = await scope.getByRole('row').filter({ hasText: text }).getByRole('cell').allInnerTexts();
  return Object.fromEntries(headers.map((header, index) => [header.trim(), (cells[index] ?? '').trim()]));
}

/** Follows a link of the page's navigation or the round's tabs. */
async function follow(opened: OpenedPage, name: string, path: RegExp): Promise<void> {
  await opened.page.getByRole('link', { name, exact: true }).click();
  await opened.page.waitForURL(path);
}

describe('staff run a round through the console', () => {
  it('create, import, close intake, screen, reassign, approve, dismiss an objection, finally approve and download', async () => {
    const base = runtime().baseUrl;
    const staff = await signInThroughPage(browser(), base, { role: 'admin', name: '职成处' });
    const { page } = staff;
    page.on('dialog', (dialog) => void dialog.accept());
    expect(new URL(page.url()).pathname).toBe('/console');
    await saveScreenshot(page, 'staff-rounds-empty');

    // 专家库: the .xlsx import adds three experts and lists the row it refused.
    await follow(staff, '专家库', /\/console\/experts$/);
    await page.getByLabel('专家名单文件').setInputFiles({ name: '专家名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await expertWorkbook() });
    await page.getByRole('button', { name: '导入专家' }).click();
    await page.getByText('已导入 3 位专家。').waitFor();
    const rejected = page.getByRole('table', { name: /未导入的行/ });
    expect(await rejected.getByRole('row').nth(1).innerText()).toMatch(/^5\t.*邮箱/);
    for (const expert of experts) await expect.poll(() => page.getByRole('row').filter({ hasText: expert.email }).innerText()).toContain(expert.organization);
    await saveScreenshot(page, 'staff-experts');

    // 新建批次: two experts per application, both must review.
    await follow(staff, '评审批次', /\/console$/);
    await page.getByRole('button', { name: '新建批次' }).click();
    await page.getByLabel('认定项目').selectOption({ label: '广西壮族自治区市域产教联合体' });
    await page.getByLabel('批次名称').fill(roundTitle);
    await page.getByLabel('每份申报专家人数').fill('2');
    await page.getByText('高级设置').click();
    await expect.poll(() => page.getByLabel('最少有效评审数').inputValue()).not.toBe('');
    await page.getByLabel('最少有效评审数').fill('2');
    await saveScreenshot(page, 'staff-new-round');
    await page.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/\/console\/rounds\/[^/]+$/);
    const roundId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('heading', { level: 1, name: roundTitle }).waitFor();
    const admin = await devToken(base, { role: 'admin', name: '职成处' });
    const created = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round;
    expect(created).toMatchObject({ title: roundTitle, programId: 'gx-city-consortium', status: 'open', expertsPerApplication: 2, minValidReviews: 2 });

    // Two institutions apply (their portal is journey 1).
    const ids: Record<string, string> = {};
    for (const [key, applicant] of Object.entries(applicants)) {
      const institution = await devToken(base, { role: 'institution', orgId: applicant.orgId });
      ids[key] = (await submitForScreening(base, institution, roundId, applicant.form)).applicationId;
    }

    // 截止申报 on the dashboard, confirmed; the round then waits for formal review.
    await page.reload();
    await page.getByRole('button', { name: '截止申报' }).click();
    await waitForRoundStatus(base, admin, roundId, 'screening');
    await saveScreenshot(page, 'staff-round-screening');

    // 形式审查: open each application from the queue and pass it.
    await follow(staff, '形式审查', /\/applications$/);
    for (const applicant of Object.values(applicants)) {
      await page.getByRole('button', { name: applicant.form.projectTitle }).click();
      const decision = page.getByRole('group', { name: new RegExp(applicant.form.projectTitle) });
      await decision.getByRole('button', { name: '通过' }).waitFor();
      if (applicant === applicants.liuzhou) await saveScreenshot(page, 'staff-screening');
      await decision.getByRole('button', { name: '通过' }).click();
      await page.getByRole('status').filter({ hasText: applicant.form.projectTitle }).first().waitFor();
    }
    await saveScreenshot(page, 'staff-screening-done');
    const inReview = await waitForRoundStatus(base, admin, roundId, 'in_review');
    expect(inReview.counts).toMatchObject({ in_review: 2 });

    // 评审进度: each application with its two experts; one task goes to the third expert.
    await follow(staff, '评审进度', /\/reviews$/);
    const liuzhou = page.getByRole('region', { name: new RegExp(applicants.liuzhou.form.projectTitle) });
    await expect.poll(() => liuzhou.getByRole('row').count()).toBe(3);
    const progress = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/progress`, { token: admin })).body;
    const liuzhouTasks = progress.applications.find((entry: { applicationId: string }) => entry.applicationId === ids['liuzhou']).tasks as { taskId: string; expertName: string }[];
    const replaced = liuzhouTasks[0]!;
    const stepsIn = experts.find((expert) => !liuzhouTasks.some((task) => task.expertName === expert.name))!;
    // the expert stepping in may already review the other application (the assignment prefers the 汽车 experts for both 汽车 clusters)
    const stepsInBefore = progress.applications.flatMap((entry: { tasks: { expertName: string }[] }) => entry.tasks).filter((task: { expertName: string }) => task.expertName === stepsIn.name).length;
    await saveScreenshot(page, 'staff-reviews');
    await liuzhou.getByRole('row', { name: new RegExp(replaced.expertName) }).getByRole('button', { name: '改派' }).click();
    await page.getByLabel('改派给').selectOption({ label: `${stepsIn.name}（${stepsIn.organization}）` });
    await page.getByLabel('改派理由').fill('原专家出差，无法按期完成评审。');
    await page.getByRole('button', { name: '确认改派' }).click();
    await page.getByText(`已改派给 ${stepsIn.name}。`).waitFor();
    await expect.poll(() => liuzhou.getByRole('row', { name: new RegExp(stepsIn.name) }).count()).toBe(1);
    await saveScreenshot(page, 'staff-reviews-reassigned');

    // The experts score from their mailed links; the replaced link no longer works.
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    const scoreOf = new Map(Object.values(applicants).map((applicant) => [applicant.form.projectTitle, applicant.score]));
    let scored = 0;
    // Each task ever given (the replaced one too) was mailed: wait for all of them, the replacement's included.
    const tasksNow = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/progress`, { token: admin })).body.applications.flatMap((entry: { tasks: { expertName: string }[] }) => entry.tasks);
    for (const expert of experts) {
      const mailed = tasksNow.filter((task: { expertName: string }) => task.expertName === expert.name).length;
      for (const linkId of await reviewLinks(base, expert.email, mailed)) {
        const task = await callApi(base, 'GET', `/api/review/${linkId}`);
        if (task.status === 410) continue;
        expect(task.status).toBe(200);
        await submitReview(base, linkId, codes, scoreOf.get(task.body.task.applicationTitle)!);
        scored += 1;
      }
    }
    expect(scored).toBe(4);
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    // The progress page shows every review in: both applications complete, each expert's count.
    await page.reload();
    for (const applicant of Object.values(applicants)) {
      await page.getByRole('region', { name: new RegExp(applicant.form.projectTitle) }).getByText('有效评审 2/2').waitFor();
    }
    const byExpert = page.getByRole('region', { name: '按专家查看' });
    expect(await rowByHeader(byExpert, stepsIn.name)).toMatchObject({ 专家: stepsIn.name, 分配: String(stepsInBefore + 1), 已提交: String(stepsInBefore + 1), 超期: '0' });
    await saveScreenshot(page, 'staff-reviews-complete');

    // 评审排名: both proposed; the staff approve the list.
    await follow(staff, '评审排名', /\/ranking$/);
    const ranking = page.getByRole('region', { name: '评审排名与入围名单' });
    await ranking.getByText(applicants.yulin.form.projectTitle).waitFor();
    const rows = await ranking.getByRole('row').allInnerTexts();
    expect(rows.findIndex((row) => row.includes(applicants.liuzhou.form.projectTitle))).toBeLessThan(rows.findIndex((row) => row.includes(applicants.yulin.form.projectTitle)));
    expect(await page.getByRole('checkbox', { name: '列入入围名单' }).count()).toBe(2);
    await saveScreenshot(page, 'staff-ranking');
    await page.getByRole('button', { name: '批准入围名单' }).click();
    await waitForRoundStatus(base, admin, roundId, 'in_publicity');

    // The public objects to 玉林 (its notice page is journey 4); the staff dismiss the objection.
    const objection = await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, {
      body: { applicationId: ids['yulin'], name: '李某', phone: '13900000000', content: '该联合体的合作企业数量与实际情况不符，请核查。' },
    });
    expect(objection.status).toBe(201);
    await follow(staff, '异议处理', /\/objections$/);
    const card = page.getByRole('region', { name: objection.body.receiptNumber });
    await card.getByLabel('处理意见').fill('经核实，合作企业数量与申报材料一致，异议不成立。');
    await card.getByRole('button', { name: '异议不成立' }).click();
    await expect.poll(async () => (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/objections`, { token: admin })).body.objections[0].status).toBe('dismissed');
    await saveScreenshot(page, 'staff-objections');

    // The notice period ends (the runtime's clock); sign-ins expire with it, so staff sign in again.
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 12 * 86_400 } });
    const fresh = await devToken(base, { role: 'admin', name: '职成处' });
    await waitForRoundStatus(base, fresh, roundId, 'awaiting_final_approval');
    const again = await signInThroughPage(browser(), base, { role: 'admin', name: '职成处' });
    again.page.on('dialog', (dialog) => void dialog.accept());
    await again.page.goto(`${base}/console/rounds/${encodeURIComponent(roundId)}`);
    await again.page.getByLabel('文号').fill(noticeNumber);
    await saveScreenshot(again.page, 'staff-final-approval');
    await again.page.getByRole('button', { name: '最终审定' }).click();
    const published = await waitForRoundStatus(base, fresh, roundId, 'published');
    expect(published.noticeNumber ?? (await callApi(base, 'GET', `/api/public/rounds/${roundId}/results`)).body.noticeNumber).toBe(noticeNumber);

    // The documents, downloaded from the dashboard.
    const notice = await download(again.page, '下载认定通知');
    expect(notice.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const certificates = await download(again.page, '下载认定证书（全部）');
    expect(certificates.fileName).toMatch(/-认定证书\.zip$/);
    const recognized = (await callApi(base, 'GET', `/api/public/rounds/${roundId}/results`)).body.recognized as unknown[];
    expect(recognized.length).toBeGreaterThan(0);
    expect(Object.keys((await JSZip.loadAsync(certificates.bytes)).files)).toHaveLength(recognized.length);
    const exported = await download(again.page, '导出Excel');
    expect(exported.fileName).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells.join('\n')).toContain(applicants.liuzhou.form.projectTitle);
    await saveScreenshot(again.page, 'staff-round-published');
    await again.page.setViewportSize({ width: 390, height: 844 });
    expect(await documentWidth(again.page)).toBeLessThanOrEqual(390);
    await saveScreenshot(again.page, 'staff-round-phone');
    await again.page.setViewportSize({ width: 1366, height: 768 });

    // The rounds list shows the round with its outcome.
    await follow(again, '评审批次', /\/console$/);
    await expect.poll(() => again.page.getByRole('row').filter({ hasText: roundTitle }).innerText()).toContain('已认定');
    await saveScreenshot(again.page, 'staff-rounds');

    expect(staff.problems).toEqual([]);
    expect(again.problems).toEqual([]);
  });
});

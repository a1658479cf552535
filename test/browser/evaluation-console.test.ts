/**
 * The console's cycle evaluation (周期评估) in headless Chromium against a recording fake of the
 * staff API: `发起周期评估` on the rounds list with the units checklist by name, and the
 * conclusions per unit (评估结论, 评估意见, 整改期限) with `提交评估结论` on the evaluation round's
 * ranking page, found by role and accessible name.
 */
import { describe, expect, it } from 'vitest';
import { findProgram } from '#shared/programs/registry.js';
import { saveScreenshot, useFakeStaffPages, type FakeAnswer } from './page-harness.js';

const program = findProgram('miit-demo-base')!;
const roundId = 'round_evaluation_test';
const units = [
  { id: 'unit_a', organization: '哈尔滨工业大学', title: '智能制造示范基地', status: 'active', programId: program.id },
  { id: 'unit_b', organization: '北京航空航天大学', title: '航空发动机示范基地', status: 'rectifying', programId: program.id },
  { id: 'unit_c', organization: '北京理工大学', title: '无人系统示范基地', status: 'revoked', programId: program.id },
];

function line(unitId: string, rank: number, score: number) {
  return {
    applicationId: `app_${unitId}`,
    unitId,
    rank,
    score,
    validReviews: 2,
    spread: 1,
    applicant: units.find((unit) => unit.id === unitId)!.organization,
    title: units.find((unit) => unit.id === unitId)!.title,
    indicatorScores: { 'E1.1': 8 },
    recommendations: { recommend: 2, not_recommend: 0 },
    normalizedScore: 0,
    tiedAtCut: false,
    allNotRecommended: false,
  };
}

class FakeStaffApi {
  readonly posts: { path: string; body: unknown }[] = [];

  answer(method: string, path: string, body: unknown): FakeAnswer {
    if (method === 'POST') {
      this.posts.push({ path, body });
      return path === '/api/admin/evaluations' ? { status: 201, body: { round: { id: roundId, kind: 'evaluation' } } } : { status: 200, body: { round: {} } };
    }
    if (path === '/api/admin/rounds') return { status: 200, body: { rounds: [] } };
    if (path === '/api/programs') return { status: 200, body: { programs: [{ id: program.id, name: program.name }] } };
    if (path === `/api/programs/${program.id}`) return { status: 200, body: program };
    if (path === '/api/admin/units') return { status: 200, body: { units } };
    if (path === `/api/admin/rounds/${roundId}`) {
      const round = { id: roundId, kind: 'evaluation', unitIds: ['unit_a', 'unit_b'], title: '2029年周期评估', programId: program.id, status: 'awaiting_shortlist_approval', aggregation: 'mean', leafMaxScore: 10, counts: {}, callbacks: {} };
      return { status: 200, body: { round } };
    }
    if (path === `/api/admin/rounds/${roundId}/ranking`) return { status: 200, body: { ranking: [line('unit_a', 1, 85), line('unit_b', 2, 60)], proposedShortlist: [] } };
    if (path === `/api/admin/rounds/${roundId}/progress`) return { status: 200, body: { applications: [], experts: [] } };
    if (path === `/api/admin/rounds/${roundId}/site-visits`) return { status: 200, body: { siteVisit: 'none', siteVisits: [] } };
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到', details: [] } } };
  }
}

const staff = useFakeStaffPages(() => new FakeStaffApi());

describe('cycle evaluation in the console', () => {
  it('opens a cycle evaluation of the program units checked by name, revoked ones left out', async () => {
    const { page, problems } = await staff.open('/console');
    await page.getByRole('button', { name: '发起周期评估' }).click();
    await page.getByLabel('认定项目').selectOption(program.id);
    await page.getByLabel('评估批次名称').fill('2029年校企协同育人示范基地周期评估');
    const a = page.getByRole('checkbox', { name: /哈尔滨工业大学｜智能制造示范基地/ });
    await expect.poll(() => a.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /北京航空航天大学/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /北京理工大学/ }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /北京航空航天大学/ }).uncheck();
    await page.getByLabel('周期报告提交截止时间').fill('2029-06-30T17:00');
    await saveScreenshot(page, 'console-evaluation-form');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => staff.fake().posts.length).toBe(1);
    expect(staff.fake().posts[0]).toEqual({
      path: '/api/admin/evaluations',
      body: { programId: program.id, title: '2029年校企协同育人示范基地周期评估', unitIds: ['unit_a'], intakeClosesAt: '2029-06-30T17:00:00+08:00' },
    });
    await expect.poll(() => page.url()).toContain(`/console/rounds/${roundId}`);
    expect(problems).toEqual([]);
  });

  it('takes a conclusion per unit with its note and rectification deadline and submits them', async () => {
    const { page, problems } = await staff.open(`/console/rounds/${roundId}/ranking`);
    page.on('dialog', (dialog) => void dialog.accept());
    const outcomes = page.getByRole('combobox', { name: '评估结论' });
    await expect.poll(() => outcomes.count()).toBe(2);
    expect(await page.getByRole('group', { name: /哈尔滨工业大学/ }).textContent()).toContain('85');
    await page.getByRole('group', { name: /哈尔滨工业大学/ }).getByRole('combobox', { name: '评估结论' }).selectOption({ label: '给予激励' });
    const b = page.getByRole('group', { name: /北京航空航天大学/ });
    await b.getByRole('combobox', { name: '评估结论' }).selectOption({ label: '限期整改' });
    await b.getByLabel('评估意见').fill('企业导师参与不足。');
    await b.getByLabel('整改期限').fill('2029-09-30T17:00');
    await saveScreenshot(page, 'console-evaluation-decisions');
    await page.getByRole('button', { name: '提交评估结论' }).click();
    await expect.poll(() => staff.fake().posts.length).toBe(1);
    expect(staff.fake().posts[0]).toEqual({
      path: `/api/admin/rounds/${roundId}/evaluation-decisions`,
      body: {
        decisions: [
          { unitId: 'unit_a', outcome: 'incentive', note: '' },
          { unitId: 'unit_b', outcome: 'rectify', note: '企业导师参与不足。', rectifyBy: '2029-09-30T17:00:00+08:00' },
        ],
      },
    });
    // the page says the conclusions were submitted, not that a shortlist was approved
    await page.getByText('评估结论已提交。').waitFor();
    expect(await page.getByText('入围名单已批准').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkForm } from '#shared/domain/application-form.js';
import { evaluateEligibility } from '#shared/domain/eligibility.js';
import { findProgram } from '#shared/programs/registry.js';
import { normalise, normalisedSeed } from './seed-text.js';

const program = findProgram('miit-demo-base');
if (!program) throw new Error('miit-demo-base is not registered');
const seed = normalisedSeed(program.seed);

/** The normalised seed text from one section heading to the next. */
function section(from: string, to: string): string {
  const start = seed.indexOf(from);
  const end = seed.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`section ${from} not found`);
  return seed.slice(start, end);
}

const tasks = section('三、主要任务', '四、申报条件');
const conditions = section('四、申报条件', '五、组织实施');

describe('miit-demo-base', () => {
  it('is applied for by ministry universities and issued by the MIIT personnel and education department', () => {
    expect(program.applicantKinds).toEqual([{ code: 'miit_university', label: '部属高校' }]);
    expect(program.issuer).toBe('工业和信息化部人事教育司');
    expect(seed).toContain(normalise(program.issuer));
  });

  it('takes every eligibility rule from section 四 申报条件', () => {
    expect(program.eligibility.length).toBeGreaterThan(0);
    expect(program.eligibility.filter((rule) => !conditions.includes(normalise(rule.text))).map((rule) => rule.code)).toEqual([]);
  });

  it('checks enterprise mentors at one third of the mentor team', () => {
    const rule = program.eligibility.find((candidate) => candidate.kind === 'auto' && candidate.check.type === 'ratio_min');
    expect(rule).toMatchObject({
      text: expect.stringContaining('1/3'),
      check: { numerator: 'enterpriseMentorCount', denominator: 'mentorTotalCount', value: 1 / 3 },
    });
    expect(section('(二)具有较完善的协同平台体系', '(三)能够聚集优质教育资源')).toContain(normalise(rule!.text));
  });

  it('refuses more enterprise mentors than mentors in total (FORM_INVALID on the field) and never passes such a ratio', () => {
    const form = {
      applicantName: '北京航空航天大学',
      projectTitle: '航空发动机校企协同育人示范基地',
      partnerName: '中国航发商用航空发动机有限责任公司',
      disciplines: '航空宇航科学与技术',
      hasJointPostgraduateTraining: true,
      participatedExcellentEngineerPlan: false,
      enterpriseMentorCount: 40,
      mentorTotalCount: 30,
      collaborationYears: 5,
      summary: '校企共建联合实验室。',
      contactName: '李老师',
      contactPhone: '010-82317114',
      contactEmail: 'base@buaa.test',
    };
    const check = checkForm(program, form, { partial: false });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toMatchObject({ code: 'FORM_INVALID', status: 422 });
    expect(check.issues).toEqual([
      { path: 'enterpriseMentorCount', kind: 'invalid', message: '「双导师队伍中企业导师人数」（40人）不能多于「双导师队伍总人数」（30人）' },
    ]);
    expect(checkForm(program, { ...form, enterpriseMentorCount: 30 }, { partial: false }).ok).toBe(true);
    const ratio = evaluateEligibility(program, form).results.find((result) => result.code === '4.2d');
    expect(ratio).toMatchObject({ outcome: 'fail', detail: expect.stringContaining('部分不能超过总数') });
  });

  it('checks at least three years of collaboration', () => {
    const rule = program.eligibility.find((candidate) => candidate.kind === 'auto' && candidate.check.type === 'min');
    expect(rule).toMatchObject({ text: expect.stringContaining('3年以上'), check: { field: 'collaborationYears', value: 3 } });
    expect(section('(四)已取得较好工作成效', '五、组织实施')).toContain(normalise(rule!.text));
  });

  it('accepts joint postgraduate training or the excellent engineer plan', () => {
    const rule = program.eligibility.find((candidate) => candidate.kind === 'auto' && candidate.check.type === 'any_true');
    expect(rule).toMatchObject({ check: { fields: ['hasJointPostgraduateTraining', 'participatedExcellentEngineerPlan'] } });
    expect(section('(一)具有较好的协同基础', '(二)具有较完善的协同平台体系')).toContain(normalise(rule!.text));
  });

  it('leaves the other conditions to formal review as checklist items', () => {
    const kinds = program.eligibility.map((rule) => rule.kind);
    expect(kinds.filter((kind) => kind === 'auto')).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'checklist')).toHaveLength(11);
  });

  it('builds its indicators from the 主要任务 and 申报条件 headings of the right sections', () => {
    expect(program.indicators.map((group) => [group.code, group.title])).toEqual([
      ['三', '主要任务'],
      ['四', '申报条件'],
    ]);
    const [taskGroup, conditionGroup] = program.indicators;
    for (const leaf of taskGroup!.children ?? []) expect(tasks).toContain(normalise(`${leaf.code.slice(1)}${leaf.title}`));
    for (const leaf of conditionGroup!.children ?? []) expect(conditions).toContain(normalise(`${leaf.code.slice(1)}${leaf.title}`));
    expect(program.indicators.flatMap((group) => group.children ?? [])).toHaveLength(8);
    expect(program.notes.some((note) => note.includes('种子未给出评分指标表'))).toBe(true);
  });

  it('asks for the application form as a required pdf or docx and evidence as documents or an archive', () => {
    const [form, evidence] = program.materials;
    expect(form).toMatchObject({ title: '《工业和信息化部校企协同育人示范基地建设申请书》', required: true, formats: ['pdf', 'docx'] });
    expect(seed).toContain(normalise(form!.title));
    expect(evidence?.formats).toEqual(expect.arrayContaining(['pdf', 'zip', 'jpg', 'png']));
  });

  it('runs 高校申报 → 评审考察 (site visit when needed) → 公示确认 → 认定通知', () => {
    expect(program.steps.map((step) => [step.kind, step.title])).toEqual([
      ['application', '高校申报'],
      ['expert_review', '评审考察'],
      ['publicity', '公示确认'],
      ['notice', '认定通知'],
    ]);
    expect(program.review.siteVisit).toBe('when_needed');
    expect(seed).toContain('必要时进行实地考察');
  });

  it('keeps the annual plan and summary, the 3-year cycle evaluation and incentive and exit after recognition', () => {
    expect(program.postRecognition.map((duty) => [duty.kind, duty.cycleYears])).toEqual([
      ['annual_plan_summary', undefined],
      ['periodic_evaluation', 3],
      ['incentive_exit', undefined],
    ]);
    expect(seed).toContain('以3年为一个周期');
  });
});

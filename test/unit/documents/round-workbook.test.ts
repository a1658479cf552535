import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildRoundWorkbook, excelTime, type RoundWorkbookData } from '#functions/documents/round-workbook.js';
import type { Application } from '#shared/domain/application.js';
import type { DescribedAuditEvent } from '#shared/domain/audit-labels.js';
import type { Expert } from '#shared/domain/expert.js';
import type { Objection } from '#shared/domain/objection.js';
import type { ReviewTask } from '#shared/domain/review-task.js';
import type { Round } from '#shared/domain/round.js';
import type { SiteVisit } from '#shared/domain/site-visit.js';

const meta = (id: string, at = '2026-09-01T02:00:00.000Z') => ({ id, createdAt: at, updatedAt: at, version: 1 });

const round: Round = {
  ...meta('round-1'),
  programId: 'gx-city-consortium',
  title: '2026年市域产教联合体认定',
  year: 2026,
  province: 'gx',
  intakeOpensAt: '2026-09-01T00:00:00.000Z',
  intakeClosesAt: '2026-09-30T16:00:00.000Z',
  quota: 2,
  expertsPerApplication: 2,
  minValidReviews: 2,
  aggregation: 'mean',
  leafMaxScore: 10,
  reviewDays: 14,
  publicityWorkingDays: 5,
  status: 'awaiting_final_approval',
  callbacks: {},
  ranking: [
    { applicationId: 'app-b', rank: 1, score: 88.5, validReviews: 2, spread: 3 },
    { applicationId: 'app-a', rank: 2, score: 80.25, validReviews: 2, spread: 12.5 },
    { applicationId: 'app-c', rank: 3, score: null, validReviews: 1, spread: null },
  ],
};

function application(id: string, applicantName: string, title: string, status: Application['status'], extra: Partial<Application> = {}): Application {
  return { ...meta(id), roundId: round.id, programId: round.programId, orgId: `org-${id}`, applicantName, title, form: {}, status, submissions: 1, ...extra };
}

const applications: Application[] = [
  application('app-a', '南宁职业技术大学', '南宁市新能源汽车产教联合体', 'in_publicity', {
    submittedAt: '2026-09-20T16:30:00.000Z',
    screening: { outcome: 'accept', reasons: [], by: '审核员', at: '2026-09-21T01:00:00.000Z' },
  }),
  application('app-b', '柳州职业技术大学', '柳州市汽车产业产教联合体', 'in_publicity', { submittedAt: '2026-09-18T03:00:00.000Z' }),
  application('app-c', '桂林电子科技大学', '桂林市电子信息产教联合体', 'not_shortlisted', { submittedAt: '2026-09-19T03:00:00.000Z' }),
  application('app-d', '某某学院', '某市产教联合体', 'ineligible', {
    submittedAt: '2026-09-19T05:00:00.000Z',
    screening: { outcome: 'ineligible', reasons: ['牵头单位不符合条件', '缺少政府文件'], by: '审核员', at: '2026-09-22T01:00:00.000Z' },
  }),
];

const experts: Expert[] = [
  { ...meta('expert-1'), name: '张教授', email: 'zhang@example.cn', organization: '广西大学', expertise: ['职业教育'], conflicts: [], capacity: 10 },
  { ...meta('expert-2'), name: '李研究员', email: 'li@example.cn', organization: '广西教育科学研究所', expertise: ['产教融合'], conflicts: [], capacity: 10 },
];

function task(id: string, applicationId: string, expertId: string, status: ReviewTask['status'], extra: Partial<ReviewTask> = {}): ReviewTask {
  return { ...meta(id, '2026-10-01T01:00:00.000Z'), roundId: round.id, applicationId, expertId, linkId: `link-${id}`, status, dueAt: '2026-10-15T16:00:00.000Z', reminders: 0, ...extra };
}

const reviewTasks: ReviewTask[] = [
  task('task-1', 'app-a', 'expert-1', 'submitted', { total: 86.5, scores: { '1.1': 9, '1.2': 8 }, recommendation: 'recommend', comment: '基础扎实', submittedAt: '2026-10-10T08:15:00.000Z' }),
  task('task-2', 'app-a', 'expert-2', 'accepted', { total: 40, scores: { '1.1': 4 }, recommendation: 'not_recommend', comment: '草稿' }),
  task('task-3', 'app-b', 'expert-2', 'conflict'),
  task('task-4', 'app-b', 'expert-1', 'submitted', { total: 90, scores: { '1.1': 9.5, '1.2': 8.5 }, recommendation: 'recommend', submittedAt: '2026-10-09T08:00:00.000Z' }),
  task('task-5', 'app-c', 'expert-2', 'submitted', { total: 50, scores: { '1.1': 5, '1.2': 5 }, recommendation: 'not_recommend', submittedAt: '2026-10-11T02:00:00.000Z' }),
];

const indicators = [
  { code: '1.1', title: '组织架构' },
  { code: '1.2', title: '运行机制' },
];

const audit: DescribedAuditEvent[] = [
  { at: '2026-09-01T02:00:00.000Z', actor: 'admin:u1', actorName: '王处长', action: 'round.created', entityType: 'round', entityId: round.id, entityLabel: round.title, fromVersion: 0, toVersion: 1 },
  { at: '2026-10-10T08:15:00.000Z', actor: 'expert:expert-1', actorName: '张教授', action: 'review_task.submitted', entityType: 'review_task', entityId: 'task-1', entityLabel: '张教授评审《南宁市新能源汽车产教联合体》', fromVersion: 3, toVersion: 4 },
  { at: '2026-10-12T01:00:00.000Z', actor: 'system:workflow', actorName: '系统', action: 'review_task.some_new_verb', entityType: 'review_task', entityId: 'task-9', fromVersion: 1, toVersion: 2 },
];

const objections: Objection[] = [
  {
    ...meta('obj-1', '2026-11-03T02:30:00.000Z'),
    roundId: round.id,
    applicationId: 'app-a',
    name: '王某',
    phone: '13800000000',
    content: '申报材料中的合作企业数量与实际不符。',
    receiptNumber: 'YY-2026-000001',
    status: 'dismissed',
    resolution: { outcome: 'dismissed', note: '经核实，材料属实。', by: '处室负责人', at: '2026-11-05T08:00:00.000Z' },
  },
];

const siteVisits: SiteVisit[] = [
  {
    ...meta('visit-1', '2026-10-20T02:00:00.000Z'),
    roundId: round.id,
    applicationId: 'app-a',
    scheduledAt: '2026-10-25T01:00:00.000Z',
    expertIds: ['expert-1'],
    status: 'reported',
    report: { findings: '实训条件具备。', recommendation: 'conditional', reportedAt: '2026-10-26T02:00:00.000Z', reportedBy: '职成处' },
  },
  { ...meta('visit-2', '2026-10-20T02:00:00.000Z'), roundId: round.id, applicationId: 'app-c', scheduledAt: '2026-10-27T01:00:00.000Z', expertIds: ['expert-1'], status: 'scheduled' },
];

const data: RoundWorkbookData = { round, programName: '广西壮族自治区市域产教联合体', applications, reviewTasks, experts, objections, indicators, audit, siteVisits };

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('the round workbook', () => {
  it('has the six sheets with frozen, bold headers', async () => {
    const workbook = await readBack(await buildRoundWorkbook(data));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['申报汇总', '评审明细', '异议', '评分项得分', '评分项平均分', '审计记录']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const summary = workbook.getWorksheet('申报汇总')!;
    expect(values(summary, 1)).toEqual([
      '编号',
      '申报单位',
      '项目名称',
      '状态',
      '提交时间',
      '形式审查结果',
      '排名',
      '得分',
      '有效评审数',
      '分差',
      '标准分',
      '推荐数',
      '不推荐数',
      '并列',
      '全部专家不推荐',
      '实地考察',
    ]);
    expect(summary.getColumn(3).width).toBe(40);
    expect(summary.getColumn(1).width).toBe(24);
  });

  it('lists applications in ranking order with Chinese status labels, Beijing times and score formats', async () => {
    const summary = (await readBack(await buildRoundWorkbook(data))).getWorksheet('申报汇总')!;
    expect(summary.rowCount).toBe(5);
    // expert-1 scored app-b 90 and app-a 86.5: z = +1 and −1 (标准分); nobody is tied at the cut of 2
    expect(values(summary, 2)).toEqual(['app-b', '柳州职业技术大学', '柳州市汽车产业产教联合体', '公示中', new Date('2026-09-18T11:00:00.000Z'), undefined, 1, 88.5, 2, 3, 1, 1, 0]);
    const second = summary.getRow(3);
    expect(second.getCell(1).value).toBe('app-a');
    // submitted 2026-09-20T16:30Z is 2026-09-21 00:30 in Beijing
    expect(second.getCell(5).value).toEqual(new Date('2026-09-21T00:30:00.000Z'));
    expect(second.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(second.getCell(6).value).toBe('受理');
    expect(second.getCell(8).value).toBe(80.25);
    expect(second.getCell(8).numFmt).toBe('0.00');
    expect(second.getCell(10).numFmt).toBe('0.00');
    expect([second.getCell(11).value, second.getCell(12).value, second.getCell(13).value, second.getCell(14).value, second.getCell(15).value]).toEqual([-1, 1, 0, null, null]);
    expect(second.getCell(11).numFmt).toBe('0.00');
    const unscored = summary.getRow(4);
    expect([unscored.getCell(1).value, unscored.getCell(4).value, unscored.getCell(7).value, unscored.getCell(8).value]).toEqual(['app-c', '未入围', 3, null]);
    // too few reviews for a 标准分, and its one expert advised against it
    expect([unscored.getCell(11).value, unscored.getCell(12).value, unscored.getCell(13).value, unscored.getCell(15).value]).toEqual([null, 0, 1, '是']);
    const ineligible = summary.getRow(5);
    expect([ineligible.getCell(4).value, ineligible.getCell(6).value, ineligible.getCell(7).value]).toEqual(['不符合申报条件', '不符合申报条件：牵头单位不符合条件；缺少政府文件', null]);
    expect([ineligible.getCell(11).value, ineligible.getCell(12).value, ineligible.getCell(14).value, ineligible.getCell(15).value]).toEqual([null, null, null, null]);
  });

  it('shows each application\'s site visit (实地考察): the report\'s recommendation, or that the report is awaited', async () => {
    const summary = (await readBack(await buildRoundWorkbook(data))).getWorksheet('申报汇总')!;
    expect([2, 3, 4, 5].map((row) => [summary.getRow(row).getCell(1).value, summary.getRow(row).getCell(16).value])).toEqual([
      ['app-b', null],
      ['app-a', '有条件推荐'],
      ['app-c', '已安排，待提交报告'],
      [expect.any(String), null],
    ]);
  });

  it('marks the applications tied at the quota\'s cut (并列)', async () => {
    const tied: Round = {
      ...round,
      quota: 1,
      ranking: [
        { applicationId: 'app-b', rank: 1, score: 85, validReviews: 1, spread: 0 },
        { applicationId: 'app-a', rank: 1, score: 85, validReviews: 1, spread: 0 },
        { applicationId: 'app-c', rank: 3, score: 50, validReviews: 1, spread: 0 },
      ],
    };
    const summary = (await readBack(await buildRoundWorkbook({ ...data, round: tied }))).getWorksheet('申报汇总')!;
    expect([2, 3, 4].map((row) => [summary.getRow(row).getCell(1).value, summary.getRow(row).getCell(14).value])).toEqual([
      ['app-b', '是'],
      ['app-a', '是'],
      ['app-c', null],
    ]);
  });

  it('lists every review task, showing scores only once submitted', async () => {
    const reviews = (await readBack(await buildRoundWorkbook(data))).getWorksheet('评审明细')!;
    expect(values(reviews, 1)).toEqual(['申报编号', '申报', '专家', '专家单位', '状态', '总分', '推荐意见', '提交时间', '评审意见']);
    expect(values(reviews, 2)).toEqual([
      'app-a',
      '南宁职业技术大学 — 南宁市新能源汽车产教联合体',
      '张教授',
      '广西大学',
      '已提交',
      86.5,
      '推荐',
      new Date('2026-10-10T16:15:00.000Z'),
      '基础扎实',
    ]);
    const draft = reviews.getRow(3);
    expect([draft.getCell(3).value, draft.getCell(5).value, draft.getCell(6).value, draft.getCell(7).value, draft.getCell(9).value]).toEqual(['李研究员', '评审中', null, null, null]);
    expect(reviews.getRow(4).getCell(5).value).toBe('利益冲突回避');
    expect(reviews.getRow(2).getCell(6).numFmt).toBe('0.00');
  });

  it('lists objections with their resolution', async () => {
    const sheet = (await readBack(await buildRoundWorkbook(data))).getWorksheet('异议')!;
    expect(values(sheet, 1)).toEqual(['异议编号', '受理编号', '异议对象', '异议人', '单位', '联系电话', '异议内容', '提出时间', '状态', '处理意见', '处理人', '处理时间']);
    expect(values(sheet, 2)).toEqual([
      'obj-1',
      'YY-2026-000001',
      '南宁职业技术大学 — 南宁市新能源汽车产教联合体',
      '王某',
      undefined,
      '13800000000',
      '申报材料中的合作企业数量与实际不符。',
      new Date('2026-11-03T10:30:00.000Z'),
      '异议不成立',
      '经核实，材料属实。',
      '处室负责人',
      new Date('2026-11-05T16:00:00.000Z'),
    ]);
  });

  it('lists each submitted review\'s score per scored item, titled by code and title, in ranking order', async () => {
    const sheet = (await readBack(await buildRoundWorkbook(data))).getWorksheet('评分项得分')!;
    expect(values(sheet, 1)).toEqual(['申报编号', '申报', '专家', '1.1 组织架构', '1.2 运行机制', '总分', '推荐意见']);
    expect(sheet.rowCount).toBe(4);
    expect(values(sheet, 2)).toEqual(['app-b', '柳州职业技术大学 — 柳州市汽车产业产教联合体', '张教授', 9.5, 8.5, 90, '推荐']);
    expect(values(sheet, 3)).toEqual(['app-a', '南宁职业技术大学 — 南宁市新能源汽车产教联合体', '张教授', 9, 8, 86.5, '推荐']);
    expect(values(sheet, 4)).toEqual(['app-c', '桂林电子科技大学 — 桂林市电子信息产教联合体', '李研究员', 5, 5, 50, '不推荐']);
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('0.00');
  });

  it('lists each ranked application\'s mean per scored item, as the ranking gives it', async () => {
    const sheet = (await readBack(await buildRoundWorkbook(data))).getWorksheet('评分项平均分')!;
    expect(values(sheet, 1)).toEqual(['排名', '申报编号', '申报', '1.1 组织架构', '1.2 运行机制']);
    expect(sheet.rowCount).toBe(4);
    expect(values(sheet, 2)).toEqual([1, 'app-b', '柳州职业技术大学 — 柳州市汽车产业产教联合体', 9.5, 8.5]);
    // the draft of expert-2 (4 on 1.1) does not count
    expect(values(sheet, 3)).toEqual([2, 'app-a', '南宁职业技术大学 — 南宁市新能源汽车产教联合体', 9, 8]);
    expect(values(sheet, 4)).toEqual([3, 'app-c', '桂林电子科技大学 — 桂林市电子信息产教联合体', 5, 5]);
  });

  it('lists the audit trail with Beijing times, names and Chinese action labels', async () => {
    const sheet = (await readBack(await buildRoundWorkbook(data))).getWorksheet('审计记录')!;
    expect(values(sheet, 1)).toEqual(['时间（北京时间）', '操作人', '操作', '对象']);
    expect(values(sheet, 2)).toEqual([new Date('2026-09-01T10:00:00.000Z'), '王处长', '创建批次', '2026年市域产教联合体认定']);
    expect(values(sheet, 3)).toEqual([new Date('2026-10-10T16:15:00.000Z'), '张教授', '提交评审', '张教授评审《南宁市新能源汽车产教联合体》']);
    // a verb without a label stays as recorded; a record not found reads as its kind and number
    expect(values(sheet, 4)).toEqual([new Date('2026-10-12T09:00:00.000Z'), '系统', 'review_task.some_new_verb', '评审任务 task-9']);
    expect(sheet.getRow(2).getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('still has the headers when a round has no records yet', async () => {
    const workbook = await readBack(
      await buildRoundWorkbook({ ...data, round: { ...round, ranking: undefined }, applications: [], reviewTasks: [], objections: [], audit: [] }),
    );
    expect(workbook.worksheets.map((sheet) => sheet.rowCount)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('writes times as Beijing wall-clock dates', () => {
    expect(excelTime('2026-12-31T16:00:00Z')).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(excelTime(undefined)).toBeNull();
    expect(excelTime('not a time')).toBeNull();
  });
});

/**
 * The Chinese text of staff documents: the recognition notice (认定通知), the certificates (认定证书), the round workbook
 * (导出表格) and the expert-pool import (专家导入) with its row-level reasons.
 */
import { objectionStatusLabels } from '#shared/domain/objection.js';
import type { ReviewTaskStatus } from '#shared/domain/review-task.js';

/** Text of the recognition notice. `{…}` placeholders are filled by the layout. */
export const noticeText = {
  /** The title in the pieces it may break between (the program name is split further, see `title-lines.ts`). */
  titleParts: ['关于公布', '{year}年', '{program}', '认定结果的通知'],
  addressee: '各有关单位：',
  /** The steps the round went through, in the program's own words, joined with '、'. */
  procedure:
    '按照{policyRef}文件要求，{year}年{program}认定工作经{procedure}等程序，现已完成。经{decision}，认定以下{count}个项目为{program}，现予公布。',
  closing: '请各认定单位对照建设要求，扎实推进各项建设任务。',
  /** Said only when the program has duties after recognition (年度计划及总结, 周期评估, …). */
  duties: '认定后，按照{duties}等要求加强建设和过程管理。',
  listSeparator: '、',
  /** The publicity step when the round held one and the program's steps do not name it. */
  publicityStep: '公示',
  listHeading: '{program}认定名单',
  listItem: '{index}. {applicant} — {title}',
  emptyList: '（本批次无认定项目）',
  date: '{year}年{month}月{day}日',
  pageNumber: '— {page} —',
  subject: '认定结果通知',
} as const;

/** The wording the layout varies by the kind of round: a recognition's result, or a cycle evaluation's conclusions. */
export interface NoticeWording {
  readonly titleParts: readonly string[];
  readonly procedure: string;
  readonly closing: string;
  readonly listHeading: string;
  readonly listItem: string;
  readonly emptyList: string;
  readonly subject: string;
}

/**
 * Text of an evaluation round's notice (周期评估结论): the units it keeps recognised, each with its
 * conclusion, then (when any) the units whose recognition it revokes. Placeholders as {@link noticeText}.
 */
export const evaluationNoticeText = {
  titleParts: ['关于公布', '{year}年', '{program}', '周期评估结论的通知'],
  procedure:
    '按照{policyRef}文件要求，{year}年{program}周期评估工作经{procedure}等程序，现已完成。经{decision}，以下{count}个项目保留{program}认定，现予公布。',
  /** Said only when the round revokes any unit. */
  revoked: '以下{revokedCount}个项目撤销{program}认定。',
  closing: '请各认定单位按照评估结论，扎实推进各项建设和整改任务。',
  listHeading: '{program}周期评估保留认定名单',
  listItem: '{index}. {applicant} — {title}（{conclusion}）',
  revokedHeading: '{program}撤销认定名单',
  revokedItem: '{index}. {applicant} — {title}（撤销认定）',
  emptyList: '（本批次无保留认定项目）',
  subject: '周期评估结论通知',
} as const;

/** Text of the recognition certificate (认定证书). `{…}` placeholders are filled by the layout. */
export const certificateText = {
  title: '认定证书',
  /** The body: the unit (addressed), then what it was recognised as. */
  addressee: '{organization}：',
  body: '你单位申报的“{title}”，经组织认定，被认定为{program}。',
  closing: '特发此证。',
  noticeNumber: '认定文号：{noticeNumber}',
  certificateNumber: '证书编号：{certificateNumber}',
  subject: '认定证书',
  /** The file name of a unit's certificate (in the zip: one per unit). */
  fileName: '{organization}-{title}-认定证书.pdf',
  /** The file name of the zip of a round's certificates. */
  zipName: '{round}-认定证书.zip',
} as const;

/** Sheet names, column headers and labels of the round workbook. */
export const workbookText = {
  summarySheet: '申报汇总',
  reviewSheet: '评审明细',
  objectionSheet: '异议',
  summaryColumns: {
    id: '编号',
    applicant: '申报单位',
    title: '项目名称',
    status: '状态',
    submittedAt: '提交时间',
    screening: '形式审查结果',
    rank: '排名',
    score: '得分',
    validReviews: '有效评审数',
    spread: '分差',
    normalizedScore: '标准分',
    recommend: '推荐数',
    notRecommend: '不推荐数',
    tiedAtCut: '并列',
    allNotRecommended: '全部专家不推荐',
    siteVisit: '实地考察',
  },
  /** The 实地考察 cell of a visit still without its report. */
  siteVisitScheduled: '已安排，待提交报告',
  /** The mark of a yes in the summary's 并列 and 全部专家不推荐 columns (blank for no). */
  yes: '是',
  /** Its columns besides the scored items are the 评审明细 sheet's (`reviewColumns`). */
  indicatorReviewSheet: '评分项得分',
  /** Its columns besides the scored items: 排名 and the application, as in the other sheets. */
  indicatorMeanSheet: '评分项平均分',
  /** The header of an indicator's column: its code and title. */
  indicatorHeader: '{code} {title}',
  /** Its columns are the console trail's (`auditText.columns`). */
  auditSheet: '审计记录',
  reviewColumns: {
    applicationId: '申报编号',
    application: '申报',
    expert: '专家',
    organization: '专家单位',
    status: '状态',
    total: '总分',
    recommendation: '推荐意见',
    submittedAt: '提交时间',
    comment: '评审意见',
  },
  objectionColumns: {
    id: '异议编号',
    receiptNumber: '受理编号',
    application: '异议对象',
    name: '异议人',
    organization: '单位',
    phone: '联系电话',
    content: '异议内容',
    createdAt: '提出时间',
    status: '状态',
    resolution: '处理意见',
    resolvedBy: '处理人',
    resolvedAt: '处理时间',
  },
  screeningOutcomes: { accept: '受理', return: '退回补正', ineligible: '不符合申报条件' } as Readonly<Record<string, string>>,
  reviewStatuses: {
    invited: '已邀请',
    accepted: '评审中',
    declined: '已谢绝',
    conflict: '利益冲突回避',
    submitted: '已提交',
    expired: '已超时',
    reassigned: '已改派',
  } satisfies Readonly<Record<ReviewTaskStatus, string>> as Readonly<Record<string, string>>,
  recommendations: { recommend: '推荐', not_recommend: '不推荐' } as Readonly<Record<string, string>>,
  objectionStatuses: objectionStatusLabels as Readonly<Record<string, string>>,
  reasonSeparator: '；',
} as const;

/** Column names and row refusals of the expert import (its file's refusals are in the error catalogue). */
export const importText = {
  fields: {
    name: '姓名',
    email: '邮箱',
    organization: '单位',
    region: '地区',
    expertise: '专业领域',
    conflicts: '回避单位',
    capacity: '评审上限',
  } as Readonly<Record<string, string>>,
  capacityNotInteger: '应为整数',
  required: '必填',
  duplicateInFile: '邮箱与第 {row} 行重复',
  alreadyExists: '该邮箱已在专家库中',
} as const;

/**
 * Fills `{name}` placeholders of a message.
 *
 * @example
 * fillText('共 {count} 项', { count: 3 }); // '共 3 项'
 */
export function fillText(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

/** Text of the pages of recognised units and their annual reports (console `认定单位`, `年度报告`; portal `认定单位`), zh-CN. */
import { reportStatusLabels } from '#shared/domain/unit-report.js';

/** The console's unit list (`/console/units`). */
export const unitsText = {
  nav: '认定单位',
  heading: '认定单位',
  intro: '各批次认定通过的单位及其建设周期。周期内每年需提交年度工作计划和年度工作总结。',
  statusFilter: '状态',
  allStatuses: '全部',
  empty: '没有符合条件的认定单位。',
  columns: { organization: '认定单位', title: '项目名称', program: '认定项目', recognizedAt: '认定时间', cycleEndsAt: '周期结束', status: '状态' },
} as const;

/** The console's annual reports (`/console/reports`). */
export const reportsText = {
  nav: '年度报告',
  heading: '年度报告',
  intro: '逾期未交：截止日期已过、尚未提交的年度报告（含未开始填报的），系统已按截止日期邮件催报。已提交的报告可审核通过（并评级）或退回修改。',
  yearFilter: '年度',
  statusFilter: '状态',
  statuses: { overdue: '逾期未交', submitted: '待审核', accepted: '已通过', returned: '已退回' },
  empty: '没有符合条件的年度报告。',
  columns: { organization: '认定单位', title: '项目名称', year: '年度', kind: '报告', dueAt: '截止时间', status: '状态', action: '操作' },
  missing: '未填报',
  reminded: '已催报',
  review: '审核',
  reviewHeading: '审核：{organization} {year}年度{kind}',
  files: '佐证材料：',
  rating: '评级',
  noRating: '不评级',
  note: '审核意见',
  noteHint: '退回时必填，写明需要修改的内容。',
  accept: '通过',
  return: '退回',
  cancel: '取消',
  accepted: '已通过“{organization}”的{year}年度{kind}。',
  returned: '已退回“{organization}”的{year}年度{kind}。',
} as const;

/** The portal's units page (`/portal/units`). */
export const portalUnitsText = {
  nav: '认定单位',
  heading: '本单位的认定项目',
  intro: '认定通过后，建设周期内每年需按期提交年度工作计划和年度工作总结，并上传佐证材料；限期整改的，还需在整改期限前提交整改报告。逾期未提交的，平台将邮件催报。',
  empty: '本单位还没有认定通过的项目。',
  cycle: '建设周期：{starts} 至 {ends}',
  columns: { year: '年度', kind: '报告', dueAt: '截止时间', status: '状态', action: '操作' },
  /** A duty's state: no report yet, else its report's status as the domain names it. */
  statuses: { missing: '未填报', ...reportStatusLabels },
  overdue: '已逾期',
  fill: '填报',
  edit: '修改',
  view: '查看',
  editorHeading: '{year}年度{kind}',
  /** A rectifying unit's 整改报告, named without the year (it is due at the rectification deadline). */
  rectificationReport: '整改报告',
  rectificationDue: '本项目处于限期整改期：请在 {deadline} 前提交整改报告（整改措施、整改成效），经审核通过后恢复建设中。',
  reviewNote: '审核意见：{note}',
  save: '保存',
  submit: '提交',
  close: '关闭',
  saved: '已保存。',
  submitted: '已提交，等待审核。',
} as const;

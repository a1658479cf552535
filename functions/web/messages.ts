/**
 * The Chinese text of the web pages (experts' review page, the public notice and results pages): the
 * static page text rendered on the server and the messages the page scripts show. Code and
 * logs stay in English.
 */
import type { ReviewTaskStatus } from '#shared/domain/review-task.js';

/** Text every page shares. */
export const siteMessages = {
  siteName: '产教融合认定评审平台',
  skipToContent: '跳到主要内容',
  footer: '本页面由产教融合认定评审平台生成。如有疑问，请联系主管部门。',
  loading: '正在加载……',
  network: '网络连接失败，请检查网络后重试。',
  unexpected: '服务暂时出现问题，请稍后重试。',
  notFoundPage: '页面不存在',
} as const;

/** Static text of the review page (rendered on the server). */
export const reviewPageText = {
  title: '专家评审',
  summaryHeading: '评审任务',
  program: '认定项目',
  applicationTitle: '申报项目',
  applicant: '申报单位',
  dueAt: '评审截止',
  status: '当前状态',
  steps: ['利益冲突声明', '查阅申报材料', '评分与意见'],
  conflictHeading: '第一步：利益冲突声明',
  conflictIntro:
    '查看申报材料前，请先声明您与该申报单位是否存在利益冲突（如任职、兼职、近三年合作、亲属关系等）。存在利益冲突的，本任务将转由其他专家评审。',
  conflictLegend: '您与该申报单位是否存在利益冲突？',
  noConflict: '无利益冲突',
  hasConflict: '存在利益冲突',
  conflictNote: '说明（选填）',
  conflictNoteHint: '存在利益冲突时，请简要说明情况。',
  declare: '确认声明',
  materialsHeading: '第二步：查阅申报材料',
  formHeading: '申报书内容',
  evidenceHeading: '证明材料',
  evidenceHint: '下载链接短时有效，如已失效请刷新本页面。',
  scoresHeading: '第三步：评分与意见',
  totalLabel: '当前总分',
  comment: '评审意见',
  commentHint: '请写明主要优点、不足和改进建议（不超过 5000 字）。',
  recommendationLegend: '推荐意见',
  recommend: '推荐',
  notRecommend: '不推荐',
  saveDraft: '保存草稿',
  submit: '提交评审',
  declineSummary: '无法参加本次评审？',
  declineReason: '原因',
  decline: '谢绝评审',
} as const;

/** Messages the review page script shows. */
export const reviewScriptMessages = {
  ...pick(siteMessages, ['loading', 'network', 'unexpected']),
  linkInvalid: '评审链接无效，请核对邮件中的链接是否完整。',
  linkExpired: '该评审链接已失效（已完成、已过截止时间或已改派其他专家）。如有疑问，请联系主管部门。',
  linkExpiredHint: '如有疑问，请联系主管部门。',
  statuses: {
    invited: '待声明利益冲突',
    accepted: '评审中',
    declined: '已谢绝',
    conflict: '已声明存在利益冲突',
    submitted: '已提交',
    expired: '已过期',
    reassigned: '已改派',
  } satisfies Readonly<Record<ReviewTaskStatus, string>>,
  chooseConflict: '请选择是否存在利益冲突。',
  confirmConflict: '声明存在利益冲突后，您将不能评审该申报，本任务将改派其他专家。确定吗？',
  conflictDeclared: '您已声明存在利益冲突，感谢您的如实申报。本任务将改派其他专家，无需进一步操作。',
  noEvidence: '暂无已核验的证明材料。',
  pages: '页',
  download: '下载',
  emptyValue: '（未填写）',
  yes: '是',
  no: '否',
  scaleHint: '每个评分项 0–{max} 分；括号内为该项在总分中所占分值。',
  points: '占 {points} 分',
  of: '满分 {total}',
  scoreMissing: '请为此项打分。',
  scoreRange: '分数应在 0–{max} 分之间。',
  chooseRecommendation: '请选择推荐意见。',
  fixErrors: '请先改正标出的问题。',
  confirmSubmit: '提交后不能再修改评分。确定提交评审吗？',
  draftSaved: '草稿已保存（{time}）。',
  submitted: '评审已提交，感谢您的辛勤工作！',
  submittedTotal: '您给出的总分：{total}',
  declined: '您已谢绝本次评审，感谢告知。',
  confirmDecline: '确定谢绝本次评审吗？',
  declineReasonMissing: '请填写原因。',
  formFieldNames: { applicantName: '申报单位', projectTitle: '项目名称' } as Record<string, string>,
} as const;

/** Static text of the public notice page (rendered on the server). */
export const publicityPageText = {
  title: '认定结果公示',
  period: '公示期',
  listHeading: '公示名单',
  index: '序号',
  applicant: '申报单位',
  projectTitle: '项目名称',
  objectionHeading: '提出异议',
  objectionIntro:
    '对公示名单有异议的，请在公示期内实名提出，并写明具体事实和理由。匿名或无具体事实的异议不予受理；我们将对异议人信息保密。',
  target: '异议对象',
  chooseTarget: '请选择',
  name: '姓名（或单位名称）',
  organization: '工作单位（选填）',
  phone: '联系电话',
  phoneHint: '用于核实情况，不会公开。',
  content: '异议内容',
  contentHint: '请写明具体事实、理由和可提供的证明材料（10–5000 字）。',
  send: '提交异议',
} as const;

/** Messages the public notice page script shows. */
export const publicityScriptMessages = {
  ...pick(siteMessages, ['loading', 'network', 'unexpected']),
  notStarted: '该批次尚未公示，或公示信息不存在。',
  notHeld: '本批次无公示环节：入围名单经审定后即为认定结果。',
  emptyList: '公示名单为空。',
  periodRange: '{start} 至 {end}（北京时间）',
  open: '公示进行中，欢迎社会各界监督。',
  closed: '公示期已结束，不再受理异议。',
  required: '此项必填。',
  phoneInvalid: '请填写有效的电话号码（7–30 位数字，可含 +、-、括号和空格）。',
  contentShort: '异议内容不少于 10 个字。',
  contentLong: '异议内容不超过 5000 字。',
  fixErrors: '请先改正标出的问题。',
  accepted: '您的异议已受理（受理编号：{receipt}），我们将依规核查处理。',
  alreadyAccepted: '相同的异议此前已受理（受理编号：{receipt}），无需重复提交。',
  characters: '{count}/5000 字',
} as const;

/** Static text of the public results page (rendered on the server). */
export const resultsPageText = {
  title: '认定结果',
  noticeHeading: '认定通知',
  program: '认定项目',
  noticeNumber: '文号',
  issuer: '发文机关',
  publishedAt: '发布日期',
  download: '下载认定通知',
  listHeading: '认定名单',
  revokedHeading: '撤销认定名单',
  index: '序号',
  applicant: '申报单位',
  projectTitle: '项目名称',
} as const;

/** Messages the results page script shows. */
export const resultsScriptMessages = {
  ...pick(siteMessages, ['loading', 'network', 'unexpected']),
  notPublished: '该批次尚未发布认定结果，或批次不存在。',
  emptyList: '本批次无认定项目。',
  heading: '认定结果：{round}',
  revokedMark: '（已撤销认定）',
  revokedLine: '{applicant}｜{title}（{noticeNumber}，{date}撤销认定）',
} as const;

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;
}

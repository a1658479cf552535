/**
 * The Chinese text of the staff console (`/console…`): navigation, page headings, labels,
 * statuses and messages of every console view. Bundled into `console.js`; code stays English.
 */

/** Text of the console frame and navigation. */
export const staffFrameText = {
  audience: '管理员',
  nav: { rounds: '评审批次', experts: '专家库', audit: '审计记录' },
  roundTabs: { round: '概况', screening: '形式审查', reviews: '评审进度', ranking: '评审排名', objections: '异议处理' },
  roundTabsLabel: '批次页面',
} as const;

/** Text of the head of a round's pages. */
export const roundHeaderText = { status: '批次状态' } as const;

/** Text of the ranking and shortlist page (`/console/rounds/{id}/ranking`). */
export const rankingText = {
  heading: '评审排名与入围名单',
  /** What a round not yet ranked is waiting for, by round status. */
  waitingFor: {
    open: '批次仍在申报期，截止申报并完成形式审查、专家评审后才会生成排名。',
    screening: '正在进行形式审查，审查完成后将分配评审专家。',
    assigning: '正在为申报分配评审专家。',
    in_review: '专家评审进行中，全部有效评审提交后将自动生成排名。',
  } as Readonly<Record<string, string>>,
  waitingOther: '该批次当前没有可用的排名。',
  reviewsLink: '查看评审进度',
  quota: '入围名额',
  noQuota: '不限',
  chosen: '已选入围',
  chosenCount: (count: number, quota: number | undefined) => (quota === undefined ? `${count} 项` : `${count} / ${quota} 项`),
  overQuota: (count: number, quota: number) => `已选 ${count} 项，超出入围名额 ${quota} 项。如确需超出（如分数并列），请在调整理由中说明。`,
  tableCaption: '按排名排序；一级指标列为专家平均得分（括号内为该项满分），点击“展开评分项”查看各评分项。表格较宽时可左右滚动。',
  choose: '列入入围名单',
  columns: {
    choose: '入围',
    rank: '排名',
    named: '项目名称 / 申报单位',
    score: '综合得分',
    normalized: '标准分',
    validReviews: '有效评审',
    spread: '分差',
    recommendations: '专家推荐',
    details: '评分项',
  },
  unscored: '有效评审不足',
  wideSpread: '分歧较大',
  wideSpreadHint: (threshold: number) => `专家评分最高与最低之差达到 ${threshold} 分（满分的 20%）及以上，标记为“分歧较大”，建议复核。`,
  tied: '并列',
  tiedHint: '“并列”：名额分界处分数相同的申报，已全部列入拟入围名单，请领导小组研究确定。',
  allNotRecommended: '专家均不推荐',
  recommend: (count: number) => `推荐 ${count}`,
  notRecommend: (count: number) => `不推荐 ${count}`,
  proposed: '拟入围',
  showItems: '展开评分项',
  hideItems: '收起评分项',
  itemsOf: (title: string) => `${title} 各评分项平均分`,
  itemCode: '编号',
  itemTitle: '评分项',
  itemScore: '平均分',
  notScored: '未评分',
  noteLabel: '调整理由',
  noteHint: '所选名单与系统拟定的入围名单不同，请说明调整理由（将记入审计记录）。',
  noteRequired: '请填写调整理由',
  approve: '批准入围名单',
  confirm: (count: number) => `确认批准入围名单（共 ${count} 项）？批准后名单将进入公示，不能再修改。`,
  approved: '入围名单已批准，已进入公示环节。',
  approvedHeading: '已批准的入围名单',
  approvedBy: '批准人',
  approvedAt: '批准时间',
  approvedNote: '调整理由',
  listed: '已列入',
  notListed: '未列入',
  notAwaiting: '该批次当前不在审定入围名单环节。',
} as const;

/** Text of the objections page (`/console/rounds/{id}/objections`). */
export const objectionsText = {
  heading: '公示异议处理',
  publicity: '公示期',
  publicityNone: '尚未进入公示',
  openCount: '待处理异议',
  holdNote: '公示期结束时仍有未处理的异议，批次将暂停在公示环节，全部异议处理后才能进入最终审定。',
  upheldHint: '“异议成立”：该申报将不予认定（发布结果时列为未通过）；“异议不成立”：不影响该申报的认定。处理意见将记入审计记录。',
  none: '本批次暂无异议。',
  receipt: '受理编号',
  target: '异议对象',
  objector: '异议人',
  phone: '联系电话',
  content: '异议内容',
  receivedAt: '提交时间',
  status: '状态',
  noteLabel: '处理意见',
  noteRequired: '请填写处理意见',
  uphold: '异议成立',
  dismiss: '异议不成立',
  confirmUphold: '确认“异议成立”？该申报将不予认定。',
  resolvedNote: '处理意见',
  resolvedBy: '处理人',
  resolvedAt: '处理时间',
  saved: (receipt: string) => `异议 ${receipt} 已处理。`,
} as const;

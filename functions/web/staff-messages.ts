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

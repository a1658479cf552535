/**
 * Chinese labels of application statuses (申报状态), the message catalogue the web pages,
 * exports and error messages share. Code and logs use the English status codes.
 */
import type { ApplicationStatus } from './application-status.js';

/**
 * The Chinese label of each application status.
 *
 * @example
 * applicationStatusLabels.in_publicity; // '公示中'
 */
export const applicationStatusLabels: Readonly<Record<ApplicationStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  screening: '形式审查中',
  returned: '退回补正',
  ineligible: '不符合申报条件',
  accepted: '已受理',
  in_review: '专家评审中',
  scored: '评审完成',
  shortlisted: '拟入围',
  not_shortlisted: '未入围',
  in_publicity: '公示中',
  recognized: '已认定',
  rejected: '未予认定',
  withdrawn: '已撤回',
  revoked: '已撤销认定',
  evaluated: '评估完成',
};

/** The Chinese label of `status` (the code itself if it is not a known status). */
export function applicationStatusLabel(status: string): string {
  return (applicationStatusLabels as Readonly<Record<string, string>>)[status] ?? status;
}

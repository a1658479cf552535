/**
 * The Chinese e-mails the platform sends, one function per occasion. Each returns subject,
 * plain text and HTML; links are absolute (built from the deployment's public base URL).
 */
import { applicationStatusLabels } from '#shared/domain/status-labels.js';
import type { MailMessage } from '#shared/ports/mailer.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A mail of `paragraphs` (and an optional link), as text and HTML with the platform's footer. */
export function message(to: string, subject: string, paragraphs: readonly string[], link?: { url: string; label: string }): MailMessage {
  const text = [...paragraphs, ...(link ? [`${link.label}：${link.url}`] : []), '', '（本邮件由产教融合认定评审平台自动发送，请勿直接回复）'].join('\n');
  const html = [
    '<!doctype html><html lang="zh-CN"><body style="font-family:sans-serif;line-height:1.6">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    '<p style="color:#888">本邮件由产教融合认定评审平台自动发送，请勿直接回复。</p></body></html>',
  ].join('');
  return { to, subject, text, html };
}

/** Confirms a submission was received. */
export function submissionReceivedMail(to: string, a: { applicantName: string; title: string; programName: string }): MailMessage {
  return message(to, `【申报已提交】${a.title}`, [`${a.applicantName}：`, `贵单位申报的“${a.title}”（${a.programName}）已提交，正在进行材料核验与形式审查。`]);
}

/** Tells the applicant the formal-review outcome when the application goes on (accepted) or comes back (returned); ineligibility is a final outcome ({@link outcomeMail}). */
export function screeningResultMail(
  to: string,
  a: { applicantName: string; title: string; outcome: 'accept' | 'return'; reasons: readonly string[]; failedRules?: readonly string[] },
): MailMessage {
  switch (a.outcome) {
    case 'accept':
      return message(to, `【形式审查通过】${a.title}`, [`${a.applicantName}：`, `贵单位申报的“${a.title}”已通过形式审查，进入专家评审。`]);
    case 'return':
      return message(to, `【退回补正】${a.title}`, [`${a.applicantName}：`, `贵单位申报的“${a.title}”需要补正后重新提交。`, ...numberedReasons([...(a.failedRules ?? []), ...a.reasons])]);
  }
}

function numberedReasons(reasons: readonly string[]): string[] {
  return reasons.length > 0 ? [`原因：${reasons.map((r, i) => `${i + 1}. ${r}`).join('；')}`] : [];
}

/** The outcomes that end an application's part in a round, each told by {@link outcomeMail}. */
export type FinalOutcome = 'recognized' | 'rejected' | 'not_shortlisted' | 'ineligible';

const outcomeSentences: Readonly<Record<FinalOutcome, string>> = {
  recognized: '经{decision}，已列入认定名单，认定通知文号：{noticeNumber}。',
  rejected: '公示期间收到的异议经核查成立，未予认定。',
  not_shortlisted: '经专家评审和审定，未列入拟入围名单，本批次未获认定。',
  ineligible: '经形式审查，不符合申报条件，本批次不予认定。',
};

/**
 * Tells an applicant the final outcome of its application in a round (认定结果), naming the
 * round and the outcome: recognised by the program's approving body (its decision named as the
 * seed names it, e.g. 领导小组审定, with the notice number and a link to the public results),
 * rejected after an objection, not shortlisted, or ineligible (with the reasons).
 */
export function outcomeMail(
  to: string,
  a: {
    applicantName: string;
    title: string;
    roundTitle: string;
    programName: string;
    outcome: FinalOutcome;
    /** The program's name of the final decision (e.g. 领导小组审定, 部审核). */
    decisionTitle: string;
    noticeNumber?: string | undefined;
    reasons?: readonly string[] | undefined;
    url?: string | undefined;
  },
): MailMessage {
  return message(
    to,
    `${a.outcome === 'recognized' ? '【认定通过】' : '【认定结果】'}${a.title}`,
    [
      `${a.applicantName}：`,
      `贵单位在“${a.roundTitle}”（${a.programName}）中申报的“${a.title}”，认定结果为：${applicationStatusLabels[a.outcome]}。`,
      outcomeSentences[a.outcome].replace('{decision}', a.decisionTitle).replace('{noticeNumber}', a.noticeNumber ?? ''),
      ...numberedReasons(a.reasons ?? []),
    ],
    a.url ? { url: a.url, label: '查看认定结果' } : undefined,
  );
}

/** Tells an applicant that staff cancelled the round it applied in, with their reason. */
export function roundCancelledMail(to: string, a: { applicantName: string; title: string; roundTitle: string; programName: string; reason: string }): MailMessage {
  return message(to, `【批次取消】${a.roundTitle}`, [
    `${a.applicantName}：`,
    `“${a.roundTitle}”（${a.programName}）已取消，贵单位申报的“${a.title}”在本批次中不再办理。`,
    `取消原因：${a.reason}`,
    '如有疑问，请与认定工作组织单位联系。',
  ]);
}

/** Invites (or reminds) an expert to review one application. */
export function reviewInvitationMail(
  to: string,
  a: { expertName: string; programName: string; title: string; applicantName: string; dueAt: string; url: string; reminder: boolean },
): MailMessage {
  const due = new Date(a.dueAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return message(
    to,
    `${a.reminder ? '【评审提醒】' : '【评审邀请】'}${a.programName}：${a.title}`,
    [
      `${a.expertName} 专家：`,
      a.reminder ? '您尚未完成以下申报的评审，请在截止时间前完成：' : '诚邀您评审以下申报：',
      `项目：${a.programName}`,
      `申报：${a.title}（${a.applicantName}）`,
      `截止时间：${due}（北京时间）`,
      '打开链接后，请先声明是否存在利益冲突，再查看材料并评分。链接仅供您本人使用，请勿转发。',
    ],
    { url: a.url, label: '进入评审' },
  );
}

/** Tells staff that a workflow step failed: which one, why, and how to go on once the cause is fixed. */
export function stepFailedMail(
  to: string,
  a: { subjectTitle: string; what: string; stepLabel: string; reason: string; at: string } & ({ retryPath: string } | { retriesAt: string }),
): MailMessage {
  const shanghai = (instant: string) => new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return message(to, `【流程异常】${a.subjectTitle}：${a.stepLabel}未能完成`, [
    '管理员：',
    `${a.what}的流程在“${a.stepLabel}”步骤停止（${shanghai(a.at)}，北京时间）。`,
    `原因：${a.reason}`,
    'retryPath' in a
      ? `排除原因后，请重试该步骤（POST ${a.retryPath}），流程将从该步骤继续。在重试之前，流程会一直等待。`
      : `流程将于 ${shanghai(a.retriesAt)}（北京时间）自动重试该步骤；如再次失败，会再次通知。请尽快排除原因。`,
  ]);
}

/** Tells an expert of a site visit (实地考察) they are to join, or of its new time, team or place: date, place and the application. */
export function siteVisitMail(
  to: string,
  a: { expertName: string; programName: string; roundTitle: string; title: string; applicantName: string; scheduledAt: string; location?: string | undefined; rescheduled: boolean },
): MailMessage {
  const when = new Date(a.scheduledAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return message(to, `${a.rescheduled ? '【实地考察变更】' : '【实地考察邀请】'}${a.programName}：${a.title}`, [
    `${a.expertName} 专家：`,
    a.rescheduled ? '您参加的实地考察安排有变更，最新安排如下：' : '诚邀您参加以下申报的实地考察：',
    `批次：${a.roundTitle}（${a.programName}）`,
    `申报：${a.title}（${a.applicantName}）`,
    `考察时间：${when}（北京时间）`,
    `考察地点：${a.location ?? '另行通知'}`,
    '考察结束后，请将考察意见（推荐、有条件推荐或不推荐）交工作人员填报考察报告。',
  ]);
}

/**
 * Reminds a recognised unit of a report past its due date and not yet submitted: an annual one
 * (`report` e.g. 2027年度年度工作计划) or, under 限期整改, its 整改报告 (`rectification`).
 */
export function dutyReminderMail(to: string, a: { organization: string; title: string; report: string; rectification: boolean; dueAt: string; url: string }): MailMessage {
  const due = new Date(a.dueAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return message(
    to,
    `【${a.rectification ? '整改报告催报' : '年度报告催报'}】${a.title}：${a.report}逾期未提交`,
    [`${a.organization}：`, `贵单位“${a.title}”的${a.report}应于${due}（北京时间）前提交，目前尚未提交。`, '请尽快登录平台填报并上传佐证材料后提交。'],
    { url: a.url, label: '填报年度报告' },
  );
}

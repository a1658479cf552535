/** The mail each evaluated unit gets when its cycle evaluation's results are published (周期评估结论). */
import { evaluationOutcomeLabels } from '#shared/domain/evaluation-round.js';
import type { EvaluationOutcome } from '#shared/domain/round.js';
import type { MailMessage } from '#shared/ports/mailer.js';
import { message } from './mail-templates.js';

const outcomeSentences: Readonly<Record<EvaluationOutcome, string>> = {
  continue: '贵单位继续保持认定资格，进入下一建设周期。',
  incentive: '贵单位继续保持认定资格并给予激励，进入下一建设周期。',
  rectify: '请贵单位在整改期限（{deadline}）前完成整改，并提交整改报告。',
  revoke: '经公示和审定，撤销贵单位的认定资格（文号：{noticeNumber}）。',
};

/** Tells a unit its evaluation conclusion, the staff's note, and for 限期整改 the deadline. */
export function evaluationResultMail(
  to: string,
  a: { organization: string; title: string; roundTitle: string; programName: string; outcome: EvaluationOutcome; note: string; deadline?: string | undefined; noticeNumber: string; url: string },
): MailMessage {
  const deadline = a.deadline ? new Date(a.deadline).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '';
  return message(
    to,
    `【周期评估结论】${a.title}：${evaluationOutcomeLabels[a.outcome]}`,
    [
      `${a.organization}：`,
      `贵单位的“${a.title}”（${a.programName}）在“${a.roundTitle}”中的评估结论为：${evaluationOutcomeLabels[a.outcome]}。`,
      outcomeSentences[a.outcome].replace('{deadline}', deadline).replace('{noticeNumber}', a.noticeNumber),
      ...(a.note ? [`评估意见：${a.note}`] : []),
    ],
    { url: a.url, label: '查看评估结果' },
  );
}

/**
 * What a round's recognition notice (认定通知; of an evaluation round: its 周期评估结论) says, from the round, its program and its
 * applications: the body that signs it (the round's issuer), the steps the round went through
 * in the program's own words, the duties after recognition, and the recognised units in
 * ranking order. Pure: records in, notice data out.
 */
import type { Application } from '#shared/domain/application.js';
import { DomainError } from '#shared/domain/errors.js';
import { effectiveDecision, evaluationOutcomeLabels, isEvaluationRound } from '#shared/domain/evaluation-round.js';
import type { Objection } from '#shared/domain/objection.js';
import { needsPublicity, noticeIssuerOf, type Round } from '#shared/domain/round.js';
import { approvalOf } from '#shared/programs/procedure.js';
import type { ProcessStep, ProgramTemplate } from '#shared/programs/schema.js';
import { noticeText } from './messages.js';
import type { NoticeEntry, RecognitionNoticeData } from './recognition-notice.js';

/** The kinds of steps that lead up to the decision, which the notice names. */
const stepsBeforeDecision: readonly ProcessStep['kind'][] = ['application', 'screening', 'expert_review', 'site_visit', 'publicity'];

/**
 * The applications the notice lists: recognised ones (a recognition revoked since included: the
 * notice stays as it was issued), and (before the publish step has run) those on public notice
 * without an upheld objection, or those shortlisted in a round without publicity; in ranking order.
 */
export function recognizedApplications(round: Round, applications: readonly Application[], objections: readonly Objection[]): Application[] {
  const upheld = new Set(objections.filter((item) => item.status === 'upheld').map((item) => item.applicationId));
  const rank = new Map((round.ranking ?? []).map((entry) => [entry.applicationId, entry.rank]));
  const awaiting: Application['status'] = needsPublicity(round) ? 'in_publicity' : 'shortlisted';
  return applications
    .filter((item) => item.status === 'recognized' || item.status === 'revoked' || (item.status === awaiting && !upheld.has(item.id)))
    .sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || a.id.localeCompare(b.id));
}

/**
 * The steps the round went through up to the decision, as the program names them: its
 * application, screening, review and site-visit steps, and publicity only when the round held
 * one (named 公示 when the program's steps do not name it).
 *
 * @example
 * noticeProcedure(gxCityConsortium, roundWithoutPublicity); // ['项目申报', '组织认定']
 */
export function noticeProcedure(program: Pick<ProgramTemplate, 'steps'>, round: Pick<Round, 'publicity'>): string[] {
  const held = round.publicity !== undefined;
  const steps = program.steps.filter((step) => stepsBeforeDecision.includes(step.kind) && (step.kind !== 'publicity' || held)).map((step) => step.title);
  if (held && !program.steps.some((step) => step.kind === 'publicity')) steps.push(noticeText.publicityStep);
  return steps;
}

/**
 * The conclusions of an evaluation round as the notice lists them: the units it keeps recognised
 * (every conclusion but a revocation that stands, each with its conclusion) and those it revokes.
 */
function evaluationConclusions(round: Round, objections: readonly Objection[]): { kept: NoticeEntry[]; revoked: NoticeEntry[] } {
  const upheld = new Set(objections.filter((item) => item.status === 'upheld').map((item) => item.applicationId));
  const decisions = (round.evaluationDecisions ?? []).map((decision) => effectiveDecision(decision, upheld));
  const entry = (decision: (typeof decisions)[number]): NoticeEntry => ({ applicant: decision.organization, title: decision.title, conclusion: evaluationOutcomeLabels[decision.outcome] });
  return {
    kept: decisions.filter((decision) => decision.outcome !== 'revoke').map(entry),
    revoked: decisions.filter((decision) => decision.outcome === 'revoke').map(entry),
  };
}

/**
 * The notice of a finally approved round (of an evaluation round: its conclusions, the units it
 * keeps recognised and those it revokes).
 *
 * @throws DomainError NOTICE_NOT_READY (409) before the final approval.
 */
export function recognitionNoticeData(
  round: Round,
  program: ProgramTemplate,
  records: { applications: readonly Application[]; objections: readonly Objection[] },
): RecognitionNoticeData {
  if (!round.finalDecision) throw new DomainError('NOTICE_NOT_READY', 'unapproved');
  const evaluation = isEvaluationRound(round) ? evaluationConclusions(round, records.objections) : undefined;
  return {
    programName: program.name,
    issuer: noticeIssuerOf(round, program).name,
    policyRef: program.policyRef,
    procedure: noticeProcedure(program, round),
    decision: approvalOf(program).decisionTitle,
    duties: program.postRecognition.map((duty) => duty.title),
    year: round.year,
    noticeNumber: round.finalDecision.noticeNumber,
    decidedAt: round.finalDecision.approvedAt,
    recognized: evaluation ? evaluation.kept : recognizedApplications(round, records.applications, records.objections).map((item) => ({ applicant: item.applicantName, title: item.title })),
    ...(evaluation ? { evaluation: { revoked: evaluation.revoked } } : {}),
  };
}

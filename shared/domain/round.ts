/**
 * Rounds (批次): one call for applications of one program, from intake to the published
 * recognition notice.
 */
import { defaultSiteVisit, publicityMayBeSkipped, type SiteVisitSetting } from '../programs/procedure.js';
import type { Aggregation, Approval, NoticeIssuer, ProgramTemplate } from '../programs/schema.js';
import type { AssignmentMode } from './assignment.js';
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { errorCatalogue } from './error-catalogue.js';
import { DomainError, type ErrorDetail } from './errors.js';
import { checkIndicatorWeights } from './round-scoring.js';
import type { Retryable } from './workflow-failure.js';

export const roundStatuses = [
  'open',
  'screening',
  'assigning',
  'in_review',
  'awaiting_shortlist_approval',
  'in_publicity',
  'awaiting_final_approval',
  'published',
  'cancelled',
] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** Callback tokens of the round workflow's human waits. */
export interface RoundCallbacks {
  readonly intakeClose?: string;
  /** The wait for the last open application's screening decision after intake closed. */
  readonly screening?: string;
  /** The wait for the last application in review to be scored after assignment. */
  readonly reviews?: string;
  /** The wait for the last open objection's resolution after publicity ended. */
  readonly objections?: string;
  readonly shortlist?: string;
  readonly finalApproval?: string;
}

export interface RankingEntry {
  readonly applicationId: string;
  readonly rank: number;
  readonly score: number | null;
  readonly validReviews: number;
  readonly spread: number | null;
}

export interface Round extends Retryable {
  readonly programId: string;
  /** The version of the program the round was created with and keeps; rounds stored before versions existed have none (version 1). */
  readonly programVersion?: number;
  readonly title: string;
  readonly year: number;
  readonly province: string;
  readonly intakeOpensAt: string;
  readonly intakeClosesAt: string;
  /** Places on the proposed shortlist; absent: no cap (the program's or the round's own when set). */
  readonly quota?: number;
  readonly expertsPerApplication: number;
  readonly minValidReviews: number;
  readonly aggregation: Aggregation;
  /** Points of each scored item (the template's unless set for the round). */
  readonly leafMaxScore: number;
  /** Indicator weights set for this round, by code (the template's elsewhere). */
  readonly indicatorWeights?: Readonly<Record<string, number>>;
  readonly reviewDays: number;
  /** Working days of the public notice (公示); 0: the round holds none (see {@link needsPublicity}). */
  readonly publicityWorkingDays: number;
  /**
   * Site visits (实地考察) of the round: none, when staff find one needed, or required for every
   * proposed application before the shortlist decision; rounds stored before it existed have none.
   */
  readonly siteVisit?: SiteVisitSetting;
  readonly status: RoundStatus;
  readonly callbacks: RoundCallbacks;
  readonly intakeClosedAt?: string;
  readonly ranking?: readonly RankingEntry[];
  /** When the ranking was computed; rounds ranked before it was recorded have none. */
  readonly rankedAt?: string;
  readonly proposedShortlist?: readonly string[];
  readonly shortlist?: { readonly applicationIds: readonly string[]; readonly approvedBy: string; readonly approvedAt: string; readonly note?: string };
  readonly publicity?: { readonly startsAt: string; readonly endsAt: string };
  readonly finalDecision?: { readonly noticeNumber: string; readonly approvedBy: string; readonly approvedAt: string };
  /** When the results were published. */
  readonly publishedAt?: string;
  /** Why, when and by whom the round was cancelled (status `cancelled`). */
  readonly cancellation?: { readonly reason: string; readonly cancelledBy: string; readonly cancelledAt: string };
  /** The body that signs the recognition notice; rounds stored before it existed have none (see {@link noticeIssuerOf}). */
  readonly issuer?: NoticeIssuer;
  /**
   * How experts are assigned: `optimal` (the best assignment, ties broken by the seed) or `draw`
   * (a seeded random draw from each application's eligible pool); rounds stored before it existed have none (optimal).
   */
  readonly assignmentMode?: AssignmentMode;
  /** Refuse experts of the applicant's region; rounds stored before it existed follow their program. */
  readonly avoidSameRegion?: boolean;
  /** The seed the assignment used (drawn at assignment time in draw mode, the round id otherwise), also in the audit. */
  readonly assignmentSeed?: string;
  /** A recognition (认定, absent) or a cycle evaluation (周期评估) of recognised units. */
  readonly kind?: RoundKind;
  /** The units an evaluation round evaluates (only their organisations may apply, one application each). */
  readonly unitIds?: readonly string[];
  /** An evaluation round's conclusion per unit (评估结论), taken in the shortlist step. */
  readonly evaluationDecisions?: readonly EvaluationDecision[];
}

/** What a round decides on: recognition of applicants, or the cycle evaluation of recognised units. */
export type RoundKind = 'recognition' | 'evaluation';

/** The conclusions of a cycle evaluation: 继续认定, 给予激励, 限期整改, 撤销认定. */
export const evaluationOutcomes = ['continue', 'incentive', 'rectify', 'revoke'] as const;
export type EvaluationOutcome = (typeof evaluationOutcomes)[number];

/**
 * One unit's evaluation conclusion, with the unit's names as the public pages show them;
 * `applicationId` is the unit's application in the round (absent when it did not apply),
 * `rectifyBy` the rectification deadline of `rectify`.
 */
export interface EvaluationDecision {
  readonly unitId: string;
  readonly applicationId?: string;
  readonly organization: string;
  readonly title: string;
  readonly outcome: EvaluationOutcome;
  readonly note: string;
  readonly rectifyBy?: string;
}

/** What staff give to open a round; unset settings come from the program template. */
export interface NewRoundInput {
  readonly programId: string;
  readonly title: string;
  readonly year: number;
  readonly intakeOpensAt: string;
  readonly intakeClosesAt: string;
  readonly quota?: number | undefined;
  readonly expertsPerApplication?: number | undefined;
  readonly minValidReviews?: number | undefined;
  readonly reviewDays?: number | undefined;
  readonly publicityWorkingDays?: number | undefined;
  readonly siteVisit?: SiteVisitSetting | undefined;
  readonly aggregation?: Aggregation | undefined;
  readonly leafMaxScore?: number | undefined;
  readonly indicatorWeights?: Readonly<Record<string, number>> | undefined;
  readonly issuer?: NoticeIssuer | undefined;
  readonly assignmentMode?: AssignmentMode | undefined;
  readonly avoidSameRegion?: boolean | undefined;
}

/**
 * Whether a round refuses experts of the applicant's region: the round's own setting, else its
 * program's default (rounds stored before the setting existed follow the program).
 */
export function avoidsSameRegion(round: { readonly avoidSameRegion?: boolean | undefined }, program: Pick<ProgramTemplate, 'assignment'>): boolean {
  return round.avoidSameRegion ?? program.assignment?.avoidSameRegion ?? false;
}

/**
 * Who signs a round's notice: the round's own issuer, else its program's notice issuer (the
 * body its seed puts in charge of the recognition), else the program's issuer.
 */
export function noticeIssuerOf(round: Pick<Round, 'issuer'>, program: Pick<ProgramTemplate, 'issuer' | 'noticeIssuer'>): NoticeIssuer {
  return round.issuer ?? program.noticeIssuer ?? { name: program.issuer };
}

/**
 * Opens a round of `program`. Settings not given are taken from the program template; the
 * quota stays absent (no cap) unless the round or the program sets one; experts are assigned
 * `optimal`ly unless the round asks for a `draw`, and avoid the applicant's region as the
 * program's `assignment` section says unless the round says otherwise. The site-visit setting
 * defaults to the program's (`review.siteVisit`); publicity may be 0 working days (none) only
 * where the program allows it.
 *
 * @throws DomainError ROUND_INVALID (422) when the intake window or review settings are inconsistent,
 *   or the round asks for no publicity where the program requires one.
 */
export function createRound(
  input: NewRoundInput,
  program: ProgramTemplate,
  context: { id: string; province: string; actor: Actor; now: Date; programVersion?: number },
): Change<Round> {
  const opens = Date.parse(input.intakeOpensAt);
  const closes = Date.parse(input.intakeClosesAt);
  const problems: ErrorDetail[] = [];
  if (!(closes > opens)) problems.push({ path: 'intakeClosesAt', message: '申报截止时间必须晚于开始时间' });
  if (!(closes > context.now.getTime())) problems.push({ path: 'intakeClosesAt', message: '申报截止时间必须晚于当前时间' });
  const expertsPerApplication = input.expertsPerApplication ?? program.review.expertsPerApplication;
  const minValidReviews = input.minValidReviews ?? Math.min(program.review.minValidReviews, expertsPerApplication);
  if (minValidReviews > expertsPerApplication) {
    problems.push({ path: 'minValidReviews', message: '最少有效评审数不能超过每份申报的专家人数' });
  }
  for (const problem of checkIndicatorWeights(program, input.indicatorWeights ?? {})) problems.push(problem);
  if (input.publicityWorkingDays === 0 && !publicityMayBeSkipped(program)) {
    problems.push({ path: 'publicityWorkingDays', message: `“${program.name}”规定须经公示，公示天数不能为0` });
  }
  const quota = input.quota ?? program.quota;
  if (problems.length > 0) throw new DomainError('ROUND_INVALID', 'settings', problems);
  const round: Round = {
    ...newEntityMeta(context.id, context.now),
    programId: program.id,
    programVersion: context.programVersion ?? 1,
    title: input.title,
    year: input.year,
    province: context.province,
    intakeOpensAt: new Date(opens).toISOString(),
    intakeClosesAt: new Date(closes).toISOString(),
    ...(quota === undefined ? {} : { quota }),
    expertsPerApplication,
    minValidReviews,
    aggregation: input.aggregation ?? program.review.aggregation,
    leafMaxScore: input.leafMaxScore ?? program.scoring.leafMaxScore,
    ...(input.indicatorWeights && Object.keys(input.indicatorWeights).length > 0 ? { indicatorWeights: { ...input.indicatorWeights } } : {}),
    reviewDays: input.reviewDays ?? program.review.reviewDays,
    publicityWorkingDays: input.publicityWorkingDays ?? program.publicity.workingDays,
    siteVisit: input.siteVisit ?? defaultSiteVisit(program),
    issuer: noticeIssuerOf(input, program),
    assignmentMode: input.assignmentMode ?? 'optimal',
    avoidSameRegion: avoidsSameRegion(input, program),
    status: 'open',
    callbacks: {},
  };
  return { entity: round, expectedVersion: 0, events: [audit(context.actor, 'round.created', 'round', undefined, round, context.now)] };
}

const nextStatus: Record<RoundStatus, readonly RoundStatus[]> = {
  open: ['screening', 'cancelled'],
  screening: ['assigning', 'cancelled'],
  assigning: ['in_review', 'cancelled'],
  in_review: ['awaiting_shortlist_approval', 'cancelled'],
  // without publicity the approved shortlist goes straight to the final decision
  awaiting_shortlist_approval: ['in_publicity', 'awaiting_final_approval', 'cancelled'],
  in_publicity: ['awaiting_final_approval', 'cancelled'],
  awaiting_final_approval: ['published', 'cancelled'],
  published: [],
  cancelled: [],
};

/**
 * Whether the round puts its approved shortlist on public notice (公示) before the final
 * decision; a round of 0 publicity working days holds none, and its shortlist is final once approved.
 * An evaluation round puts only revocations on notice: with no unit to revoke it holds none.
 */
export function needsPublicity(round: Pick<Round, 'publicityWorkingDays' | 'kind' | 'evaluationDecisions'>): boolean {
  if (round.kind === 'evaluation' && !(round.evaluationDecisions ?? []).some((item) => item.outcome === 'revoke')) return false;
  return round.publicityWorkingDays > 0;
}

/** Whether intake is open for submissions at `now`. */
export function isIntakeOpen(round: Round, now: Date): boolean {
  return round.status === 'open' && now.getTime() >= Date.parse(round.intakeOpensAt) && now.getTime() < Date.parse(round.intakeClosesAt);
}

/**
 * Whether `round` may move to `to`: the next status in order, where after the shortlist approval
 * a round with publicity goes on notice and one without goes straight to the final decision.
 */
function leadsTo(round: Round, to: RoundStatus): boolean {
  if (!nextStatus[round.status].includes(to)) return false;
  if (round.status === 'awaiting_shortlist_approval' && to !== 'cancelled') return (to === 'in_publicity') === needsPublicity(round);
  return true;
}

/**
 * Moves a round to its next status with the given changes.
 *
 * @throws DomainError INVALID_STATE (409) when the round is not in a status that leads to `to`.
 */
export function advanceRound(
  round: Round,
  to: RoundStatus,
  changes: Partial<Omit<Round, keyof EntityMeta | 'status'>>,
  context: { actor: Actor; now: Date; action: string; detail?: Record<string, unknown> },
): Change<Round> {
  if (!leadsTo(round, to)) {
    throw new DomainError('INVALID_STATE', 'roundTransition', { from: roundStatusLabels[round.status], to: roundStatusLabels[to] });
  }
  const next = revise(round, { ...changes, status: to }, context.now);
  return {
    entity: next,
    expectedVersion: round.version,
    events: [audit(context.actor, context.action, 'round', round, next, context.now, context.detail)],
  };
}

/**
 * Staff cancel a round (取消批次) with their reason: it stops wherever it is, before its
 * results are decided. The caller stops its workflows and tells the applicants.
 *
 * @throws DomainError INVALID_STATE (409) once the final decision is taken or the results are
 *   published, or when the round is already cancelled (the route answers that one as done).
 */
export function cancelRound(round: Round, reason: string, context: { actor: Actor; actorName: string; now: Date }): Change<Round> {
  if (round.status === 'published' || round.finalDecision) {
    throw new DomainError('INVALID_STATE', 'roundDecided');
  }
  const cancellation = { reason, cancelledBy: context.actorName, cancelledAt: context.now.toISOString() };
  return advanceRound(round, 'cancelled', { cancellation }, { actor: context.actor, now: context.now, action: 'round.cancelled', detail: { reason } });
}

/**
 * Records a workflow callback token on the round (the token lets staff actions resume the workflow).
 */
export function rememberRoundCallback(
  round: Round,
  kind: keyof RoundCallbacks,
  token: string,
  context: { actor: Actor; now: Date },
): Change<Round> {
  const next = revise(round, { callbacks: { ...round.callbacks, [kind]: token } }, context.now);
  return { entity: next, expectedVersion: round.version, events: [audit(context.actor, `round.awaiting.${kind}`, 'round', round, next, context.now)] };
}

/** Chinese names of round statuses, for messages and pages. */
export const roundStatusLabels: Record<RoundStatus, string> = {
  open: '申报中',
  screening: '形式审查',
  assigning: '分配专家',
  in_review: '专家评审',
  awaiting_shortlist_approval: '待审定拟入围名单',
  in_publicity: '公示中',
  awaiting_final_approval: '待最终审定',
  published: '已发布认定结果',
  cancelled: '已取消',
};

/**
 * The Chinese label of a round status for people, naming the program's final decision where
 * the round waits for it (待领导小组审定, 待部审核); {@link roundStatusLabels} otherwise.
 *
 * @example
 * roundStatusLabel('awaiting_final_approval', { decisionTitle: '领导小组审定' }); // '待领导小组审定'
 */
export function roundStatusLabel(status: RoundStatus, approval: Pick<Approval, 'decisionTitle'>): string {
  return status === 'awaiting_final_approval' ? `待${approval.decisionTitle}` : roundStatusLabels[status];
}

/**
 * Staff approve the shortlist (拟入围名单审定): by default the proposed one, or their own
 * choice among the ranked applications. The audit event records the count, whether the list
 * differs from the proposed one (`adjusted`) and the staff's note (调整理由).
 *
 * @throws DomainError INVALID_STATE (409) outside shortlist approval, when already approved, or for an evaluation round (it concludes per unit);
 *   SHORTLIST_INVALID (422) when an id is not among the ranked applications.
 */
export function approveShortlist(
  round: Round,
  input: { applicationIds?: readonly string[] | undefined; note?: string | undefined },
  context: { actor: Actor; actorName: string; now: Date },
): Change<Round> {
  if (round.kind === 'evaluation') throw new DomainError('INVALID_STATE', 'evaluationShortlist');
  if (round.status !== 'awaiting_shortlist_approval' || round.shortlist) {
    throw new DomainError('INVALID_STATE', 'roundNotShortlisting');
  }
  const chosen = [...(input.applicationIds ?? round.proposedShortlist ?? [])];
  const ranked = new Set((round.ranking ?? []).map((entry) => entry.applicationId));
  const unknown = chosen.filter((id) => !ranked.has(id));
  if (unknown.length > 0) {
    throw new DomainError('SHORTLIST_INVALID', 'unranked', unknown.map((id) => ({ path: 'applicationIds', message: `不在评审排名中：${id}` })));
  }
  const shortlist = { applicationIds: chosen, approvedBy: context.actorName, approvedAt: context.now.toISOString(), ...(input.note ? { note: input.note } : {}) };
  const next = revise(round, { shortlist }, context.now);
  const proposed = new Set(round.proposedShortlist ?? []);
  const adjusted = chosen.length !== proposed.size || chosen.some((id) => !proposed.has(id));
  const detail = { count: chosen.length, adjusted, ...(input.note ? { note: input.note } : {}) };
  return { entity: next, expectedVersion: round.version, events: [audit(context.actor, 'round.shortlist_approved', 'round', round, next, context.now, detail)] };
}

/**
 * The leadership group's final approval (审定) with the recognition notice's number (文号).
 *
 * @throws DomainError INVALID_STATE (409) before publicity has ended with no open objection, or when already approved;
 *   NOTICE_NUMBER_INVALID (422) when the round's issuer has a notice prefix the number does not start with.
 */
export function approveFinal(round: Round, noticeNumber: string, context: { actor: Actor; actorName: string; now: Date }): Change<Round> {
  if (round.status !== 'awaiting_final_approval' || round.finalDecision) {
    throw new DomainError('INVALID_STATE', 'roundNotFinalApproval');
  }
  const prefix = round.issuer?.noticePrefix;
  if (prefix !== undefined && !noticeNumber.startsWith(prefix)) {
    const params = { prefix, issuer: round.issuer!.name };
    throw new DomainError('NOTICE_NUMBER_INVALID', 'prefix', params, [{ path: 'noticeNumber', message: errorCatalogue.NOTICE_NUMBER_INVALID.messages.prefix(params) }]);
  }
  const next = revise(round, { finalDecision: { noticeNumber, approvedBy: context.actorName, approvedAt: context.now.toISOString() } }, context.now);
  return { entity: next, expectedVersion: round.version, events: [audit(context.actor, 'round.final_approved', 'round', round, next, context.now, { noticeNumber })] };
}

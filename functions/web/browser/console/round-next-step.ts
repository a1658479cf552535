/**
 * What a round is waiting on and what staff do next, derived from the round as staff read it
 * (`GET /api/admin/rounds/{id}`), its review tasks and its objections. Pure: time is passed in.
 */
import { isOpenTask } from '#shared/domain/review-task.js';
import { roundDashboardText as t } from '#functions/web/staff-messages.js';
import { beijingTime, fill } from '../text-format.js';

/** Who the round is waiting on. */
export type WaitingOn = keyof typeof t.waitingOn;

/** The next action the dashboard offers. */
export type NextAction = 'close_intake' | 'screen' | 'reviews' | 'approve_shortlist' | 'objections' | 'final_approval' | 'downloads' | 'retry';

/** The fields of a round the dashboard needs (as `GET /api/admin/rounds/{id}` gives them). */
export interface RoundSummary {
  readonly status: string;
  readonly intakeClosesAt: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly proposedShortlist?: readonly string[];
  readonly shortlist?: unknown;
  readonly publicity?: { readonly startsAt: string; readonly endsAt: string };
  /** 0: the round holds no publicity; absent in rounds read before it was shown (publicity held). */
  readonly publicityWorkingDays?: number;
  /** The program's approving body and the name of its decision (e.g. 领导小组审定). */
  readonly approval?: { readonly body: string; readonly decisionTitle: string };
  readonly cancellation?: { readonly reason: string; readonly cancelledAt: string };
  readonly finalDecision?: { readonly noticeNumber: string };
  readonly publishedAt?: string;
  readonly failure?: { readonly stepLabel: string; readonly reason: string };
  /** Site visits (实地考察): with `required` the shortlist decision waits for every report. */
  readonly siteVisit?: string;
}

/** The round's review tasks, counted (open: see `isOpenTask`; overdue: late, see {@link isLateTask}). */
export interface ReviewTally {
  readonly submitted: number;
  readonly open: number;
  readonly overdue: number;
}

/** What the round waits on, in words, and the action that moves it on (if staff have one). */
export interface NextStep {
  readonly waitingOn: WaitingOn;
  readonly text: string;
  readonly action?: NextAction;
}

/**
 * Whether a review task (as `GET /api/admin/rounds/{id}/progress` gives it) is late with its
 * slot still unfilled: past its due time (still open, or expired) and not replaced by another
 * expert, so staff chase or replace the expert.
 */
export function isLateTask(task: { readonly overdue: boolean; readonly replacedBy?: string | undefined }): boolean {
  return task.overdue && task.replacedBy === undefined;
}

/** Counts review tasks as submitted, open and late ({@link isLateTask}). */
export function tallyReviews(tasks: readonly { readonly status: string; readonly overdue: boolean; readonly replacedBy?: string | undefined }[]): ReviewTally {
  let submitted = 0;
  let open = 0;
  let overdue = 0;
  for (const task of tasks) {
    if (task.status === 'submitted') submitted += 1;
    if (isOpenTask(task)) open += 1;
    if (isLateTask(task)) overdue += 1;
  }
  return { submitted, open, overdue };
}

/** Whether an application still waits for its formal review (submitted, or in screening). */
export function awaitsScreening(status: string): boolean {
  return status === 'submitted' || status === 'screening';
}

/** How many of the round's applications wait for formal review. */
function pendingScreening(counts: Readonly<Record<string, number>>): number {
  return Object.entries(counts).reduce((sum, [status, n]) => sum + (awaitsScreening(status) ? n : 0), 0);
}

/** How many of the round's applications have been submitted (all but drafts and withdrawn ones). */
function submittedCount(counts: Readonly<Record<string, number>>): number {
  return Object.entries(counts).reduce((sum, [status, n]) => sum + (status === 'draft' || status === 'withdrawn' ? 0 : n), 0);
}

/** Who takes the final decision, as the program names it (empty for a round read without it). */
function decidedBy(round: RoundSummary): string {
  return round.approval ? fill(t.next.decidedBy, { body: round.approval.body, decision: round.approval.decisionTitle }) : '';
}

/**
 * The round's next step at `now`: a failed workflow step first (staff retry it), else by status.
 *
 * @example
 * nextStep({ status: 'screening', counts: { screening: 2 }, … }, { now }).text; // '2 份申报待形式审查，请逐份审查。'
 */
export function nextStep(round: RoundSummary, context: { readonly now: Date; readonly reviews?: ReviewTally | undefined; readonly openObjections?: number | undefined }): NextStep {
  if (round.failure) return { waitingOn: 'staff', text: fill(t.next.failed, { step: round.failure.stepLabel }), action: 'retry' };
  const now = context.now.getTime();
  const objections = context.openObjections ?? 0;
  const held = round.publicityWorkingDays !== 0;
  switch (round.status) {
    case 'open':
      if (Date.parse(round.intakeClosesAt) <= now) return { waitingOn: 'system', text: fill(t.next.openPastDeadline, { closes: beijingTime(round.intakeClosesAt) }) };
      return {
        waitingOn: 'institutions',
        text: fill(t.next.open, { closes: beijingTime(round.intakeClosesAt), submitted: submittedCount(round.counts), pending: pendingScreening(round.counts) }),
        action: 'close_intake',
      };
    case 'screening': {
      const pending = pendingScreening(round.counts);
      return pending > 0 ? { waitingOn: 'staff', text: fill(t.next.screening, { n: pending }), action: 'screen' } : { waitingOn: 'system', text: t.next.screeningDone };
    }
    case 'assigning':
      return { waitingOn: 'system', text: t.next.assigning };
    case 'in_review': {
      const reviews = context.reviews ?? { submitted: 0, open: 0, overdue: 0 };
      const text = fill(t.next.inReview, { submitted: reviews.submitted, open: reviews.open });
      return { waitingOn: 'experts', text: reviews.overdue > 0 ? `${text}${fill(t.next.inReviewOverdue, { overdue: reviews.overdue })}` : text, action: 'reviews' };
    }
    case 'awaiting_shortlist_approval':
      if (round.shortlist) return { waitingOn: 'system', text: held ? t.next.shortlistApproved : t.next.shortlistFinal };
      return {
        waitingOn: 'staff',
        text: `${fill(t.next.shortlist, { n: round.proposedShortlist?.length ?? 0 })}${round.siteVisit === 'required' ? t.next.shortlistSiteVisits : ''}`,
        action: 'approve_shortlist',
      };
    case 'in_publicity': {
      const ends = round.publicity?.endsAt;
      if (ends && Date.parse(ends) <= now) {
        return objections > 0 ? { waitingOn: 'staff', text: fill(t.next.publicityEndedObjections, { n: objections }), action: 'objections' } : { waitingOn: 'system', text: t.next.publicityEnded };
      }
      const text = fill(t.next.publicity, { ends: beijingTime(ends) });
      return objections > 0 ? { waitingOn: 'public', text: `${text}${fill(t.next.publicityObjections, { n: objections })}`, action: 'objections' } : { waitingOn: 'public', text };
    }
    case 'awaiting_final_approval':
      if (round.finalDecision) return { waitingOn: 'system', text: fill(t.next.finalApproved, { number: round.finalDecision.noticeNumber }) };
      return { waitingOn: 'staff', text: (held ? t.next.finalApproval : t.next.finalApprovalNoPublicity) + decidedBy(round), action: 'final_approval' };
    case 'published':
      return { waitingOn: 'nobody', text: fill(t.next.published, { at: beijingTime(round.publishedAt), number: round.finalDecision?.noticeNumber ?? '' }), action: 'downloads' };
    default:
      return { waitingOn: 'nobody', text: round.cancellation ? fill(t.next.cancelledBecause, { at: beijingTime(round.cancellation.cancelledAt), reason: round.cancellation.reason }) : t.next.cancelled };
  }
}

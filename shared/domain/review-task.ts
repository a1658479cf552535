/**
 * Review tasks (评审任务): one expert reviewing one application through an e-mailed link.
 * `invited → accepted | declined | conflict → submitted | expired | reassigned`.
 */
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';

/**
 * Every status of a review task, in the order a task goes through them. The lists below say
 * which of them count for what; code elsewhere asks them (`isOpenTask`, `holdsCapacity`,
 * `assertLinkValid`, `countedReviews`) instead of listing statuses again.
 */
export const reviewTaskStatuses = ['invited', 'accepted', 'declined', 'conflict', 'submitted', 'expired', 'reassigned'] as const;

/** A status of a review task. */
export type ReviewTaskStatus = (typeof reviewTaskStatuses)[number];
export type Recommendation = 'recommend' | 'not_recommend';

export interface ReviewTask extends EntityMeta {
  readonly roundId: string;
  readonly applicationId: string;
  readonly expertId: string;
  /** Opaque random id in the e-mailed link (not the workflow's task token). */
  readonly linkId: string;
  readonly status: ReviewTaskStatus;
  readonly dueAt: string;
  /** The review workflow's callback token while it waits on this task. */
  readonly callbackToken?: string;
  readonly reminders: number;
  readonly conflict?: { readonly hasConflict: boolean; readonly note?: string; readonly at: string };
  readonly scores?: Record<string, number>;
  readonly total?: number;
  readonly comment?: string;
  readonly recommendation?: Recommendation;
  readonly submittedAt?: string;
  readonly declineReason?: string;
  /** The task that replaced this one after a decline, conflict or expiry, or by staff. */
  readonly replacedBy?: string;
  /** When the task ran out of time without a submission (kept once it is replaced). */
  readonly expiredAt?: string;
  /** Staff replaced the expert by hand while the task was open: who, why and when. */
  readonly reassignment?: { readonly reason: string; readonly by: string; readonly at: string };
}

interface Context {
  readonly actor: Actor;
  readonly now: Date;
}

function change(task: ReviewTask, next: ReviewTask, action: string, context: Context): Change<ReviewTask> {
  return { entity: next, expectedVersion: task.version, events: [audit(context.actor, action, 'review_task', task, next, context.now)] };
}

/** Creates the task of one expert on one application. */
export function createReviewTask(
  input: { roundId: string; applicationId: string; expertId: string; dueAt: Date },
  context: Context & { id: string; linkId: string },
): Change<ReviewTask> {
  const task: ReviewTask = {
    ...newEntityMeta(context.id, context.now),
    roundId: input.roundId,
    applicationId: input.applicationId,
    expertId: input.expertId,
    linkId: context.linkId,
    status: 'invited',
    dueAt: input.dueAt.toISOString(),
    reminders: 0,
  };
  return { entity: task, expectedVersion: 0, events: [audit(context.actor, 'review_task.created', 'review_task', undefined, task, context.now)] };
}

/** Statuses in which the expert can still act through the link (and the task still counts towards the application's reviews). */
const openStatuses: readonly ReviewTaskStatus[] = ['invited', 'accepted'];

/**
 * Whether the task is still open: invited or accepted, so it may yet be submitted, declined or
 * expire. Takes any status string, as pages read tasks from the API.
 */
export function isOpenTask(task: { readonly status: string }): boolean {
  return (openStatuses as readonly string[]).includes(task.status);
}

/** Statuses in which a task no longer holds its expert's capacity in the round (评审上限). */
const releasedStatuses: readonly ReviewTaskStatus[] = ['reassigned', 'declined', 'conflict', 'expired'];

/**
 * Whether the task counts against its expert's capacity in the round: open or submitted (a
 * declined, conflicted, expired or reassigned task frees its place).
 *
 * @example
 * holdsCapacity({ status: 'submitted' }); // true
 * holdsCapacity({ status: 'declined' }); // false
 */
export function holdsCapacity(task: Pick<ReviewTask, 'status'>): boolean {
  return !releasedStatuses.includes(task.status);
}

/** Statuses in which the link leads nowhere any more: the task ran out of time or went to another expert. */
const voidStatuses: readonly ReviewTaskStatus[] = ['expired', 'reassigned'];

/**
 * Checks that the link still leads to its task (a declined, conflicted or submitted task still
 * shows the expert its outcome; an expired or reassigned one does not).
 *
 * @throws DomainError LINK_EXPIRED (410).
 */
export function assertLinkValid(task: Pick<ReviewTask, 'status'>): void {
  if (voidStatuses.includes(task.status)) throw new DomainError('LINK_EXPIRED', 'ended');
}

/**
 * Checks that the link can still act at `now`.
 *
 * @throws DomainError LINK_EXPIRED (410) after the due time or once the task is closed.
 */
export function assertLinkActive(task: ReviewTask, now: Date): void {
  if (!isOpenTask(task)) {
    throw new DomainError('LINK_EXPIRED', 'usedOrEnded');
  }
  if (now.getTime() >= Date.parse(task.dueAt)) {
    throw new DomainError('LINK_EXPIRED', 'overdue');
  }
}

/** Stores the workflow's callback token (a new one after every reminder). */
export function attachCallback(task: ReviewTask, token: string, context: Context & { reminder: boolean }): Change<ReviewTask> {
  const next = revise(task, { callbackToken: token, reminders: task.reminders + (context.reminder ? 1 : 0) }, context.now);
  return change(task, next, context.reminder ? 'review_task.reminded' : 'review_task.invited', context);
}

/**
 * The expert's conflict-of-interest declaration; it must come before the materials are shown.
 *
 * @throws DomainError LINK_EXPIRED (410), INVALID_STATE (409) when already declared.
 */
export function declareConflict(task: ReviewTask, input: { hasConflict: boolean; note?: string | undefined }, context: Context): Change<ReviewTask> {
  assertLinkActive(task, context.now);
  if (task.status !== 'invited') throw new DomainError('INVALID_STATE', 'conflictDeclared');
  const next = revise(
    task,
    {
      status: input.hasConflict ? 'conflict' : 'accepted',
      conflict: { hasConflict: input.hasConflict, ...(input.note ? { note: input.note } : {}), at: context.now.toISOString() },
    },
    context.now,
  );
  return change(task, next, input.hasConflict ? 'review_task.conflict_declared' : 'review_task.accepted', context);
}

/**
 * Saves scores: a draft keeps the task open; `final` submits it for good.
 *
 * @throws DomainError CONFLICT_NOT_DECLARED (403) before the declaration; LINK_EXPIRED (410).
 */
export function saveScores(
  task: ReviewTask,
  input: { scores: Record<string, number>; total?: number; comment: string; recommendation: Recommendation; final: boolean },
  context: Context,
): Change<ReviewTask> {
  assertLinkActive(task, context.now);
  assertConflictDeclared(task);
  const next = revise(
    task,
    {
      scores: input.scores,
      // A draft with items still open has no total, even if an earlier draft had one.
      total: input.total,
      comment: input.comment,
      recommendation: input.recommendation,
      ...(input.final ? { status: 'submitted' as const, submittedAt: context.now.toISOString() } : {}),
    },
    context.now,
  );
  return change(task, next, input.final ? 'review_task.submitted' : 'review_task.draft_saved', context);
}

/**
 * Checks the expert declared no conflict, which unlocks the materials.
 *
 * @throws DomainError CONFLICT_NOT_DECLARED (403).
 */
export function assertConflictDeclared(task: ReviewTask): void {
  if (task.status === 'invited' || !task.conflict || task.conflict.hasConflict) {
    throw new DomainError('CONFLICT_NOT_DECLARED', 'declareFirst');
  }
}

/**
 * Checks that the link may show the materials at `now`: still open, before its due time, and
 * no conflict declared. A link used up by a final submission, a decline, a declared conflict,
 * an expiry or a reassignment serves no more download URLs.
 *
 * @throws DomainError LINK_EXPIRED (410) once the link is used up; CONFLICT_NOT_DECLARED (403) before the declaration.
 */
export function assertMaterialsOpen(task: ReviewTask, now: Date): void {
  assertLinkActive(task, now);
  assertConflictDeclared(task);
}

/** The expert declines the task. */
export function declineTask(task: ReviewTask, reason: string, context: Context): Change<ReviewTask> {
  assertLinkActive(task, context.now);
  const next = revise(task, { status: 'declined', declineReason: reason }, context.now);
  return change(task, next, 'review_task.declined', context);
}

/** The task ran out of time without a submission. Returns undefined if it already closed. */
export function expireTask(task: ReviewTask, context: Context): Change<ReviewTask> | undefined {
  if (!isOpenTask(task)) return undefined;
  return change(task, revise(task, { status: 'expired', expiredAt: context.now.toISOString() }, context.now), 'review_task.expired', context);
}

/**
 * What the review workflow does with a slot whose wait on `task` ran out: end the slot when the
 * task is submitted or the application withdrawn; while the task is open, send the one reminder
 * if the due time is still ahead, else expire it; a task that ended without a review (declined,
 * a conflict declared or replaced by staff as the wait ran out, or expired by an earlier
 * attempt) goes on to its alternate, as its own callback would have.
 *
 * @example
 * afterWaitRanOut(task, { withdrawn: false, now }); // 'remind' before the due time
 */
export function afterWaitRanOut(task: ReviewTask, context: { readonly withdrawn: boolean; readonly now: Date }): 'done' | 'remind' | 'expire' | 'reassign' {
  if (task.status === 'submitted' || context.withdrawn) return 'done';
  if (!isOpenTask(task)) return 'reassign';
  return context.now.getTime() < Date.parse(task.dueAt) && task.reminders === 0 ? 'remind' : 'expire';
}

/** Marks a closed task as replaced by an alternate expert's task. */
export function markReassigned(task: ReviewTask, replacementId: string, context: Context): Change<ReviewTask> {
  const next = revise(task, { status: task.status === 'submitted' ? task.status : 'reassigned', replacedBy: replacementId }, context.now);
  return change(task, next, 'review_task.reassigned', context);
}

/**
 * Checks that staff may still replace the task's expert: only while it is open.
 *
 * @throws DomainError INVALID_STATE (409) once the task is submitted or has ended.
 */
export function assertReassignable(task: ReviewTask): void {
  if (!isOpenTask(task)) throw new DomainError('INVALID_STATE', 'taskNotReassignable');
}

/**
 * Staff replace the expert of an open task by hand: the task ends as `reassigned` (its link stops
 * working) in favour of `replacement`; the reason, the old and the new expert go into the audit.
 *
 * @example
 * const retired = reassignTask(task, { taskId: created.id, expertId: created.expertId }, '专家出国，无法按期评审', { actor, actorName: '职成处', now });
 * @throws DomainError INVALID_STATE (409) when the task is no longer open.
 */
export function reassignTask(
  task: ReviewTask,
  replacement: { readonly taskId: string; readonly expertId: string },
  reason: string,
  context: Context & { readonly actorName: string },
): Change<ReviewTask> {
  assertReassignable(task);
  const at = context.now.toISOString();
  const next = revise(task, { status: 'reassigned', replacedBy: replacement.taskId, reassignment: { reason, by: context.actorName, at } }, context.now);
  const detail = { reason, fromExpertId: task.expertId, toExpertId: replacement.expertId, replacementTaskId: replacement.taskId, by: context.actorName };
  return { entity: next, expectedVersion: task.version, events: [audit(context.actor, 'review_task.reassigned', 'review_task', task, next, context.now, detail)] };
}

/**
 * The submitted reviews that count for one application: at most one per expert (their first
 * submission), so that nobody is counted twice even if the data ever held two of their tasks.
 *
 * @example
 * const validReviews = countedReviews(roundTasks, application.id).length;
 */
export function countedReviews(tasks: readonly ReviewTask[], applicationId: string): ReviewTask[] {
  const byExpert = new Map<string, ReviewTask>();
  for (const task of tasks) {
    if (task.applicationId !== applicationId || task.status !== 'submitted') continue;
    const counted = byExpert.get(task.expertId);
    if (!counted || (task.submittedAt ?? '') < (counted.submittedAt ?? '')) byExpert.set(task.expertId, task);
  }
  return [...byExpert.values()];
}

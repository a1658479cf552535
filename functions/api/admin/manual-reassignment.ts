/**
 * Staff replace the expert of an open review task by hand (改派): with a chosen expert, or the
 * best eligible alternate, the same choice the workflow makes after a decline. The old task ends
 * in the same transaction as the replacement is created; the review workflow is then moved on
 * like after a decline, and it invites the new expert.
 */
import type { Actor } from '#shared/domain/audit-event.js';
import { alternateRefusalMessages } from '#shared/domain/assignment.js';
import { DomainError } from '#shared/domain/errors.js';
import { assertReassignable, reassignTask, type ReviewTask } from '#shared/domain/review-task.js';
import type { Dependencies } from '#functions/composition-root.js';
import { requireRecord } from '#functions/record-lookups.js';
import { bestAlternate, commitReplacement, reassignmentScene, replacementRefusal, type ReassignmentScene } from '#functions/workflow/reassignment.js';
import { resumeReviewSlot } from '#functions/workflow/review-callbacks.js';
import { withOptimisticRetry } from '../optimistic-retry.js';

/** What staff ask for: a chosen expert (or the best alternate) and why. */
export interface ReassignmentRequest {
  readonly expertId?: string | undefined;
  readonly reason: string;
}

/** The old task, now reassigned, and the task that replaced it. */
export interface ManualReassignment {
  readonly task: ReviewTask;
  readonly replacement: ReviewTask;
  /** The request repeated one already carried out (nothing new was created). */
  readonly repeated: boolean;
}

/** Attempts when the chosen alternate took a task on the application meanwhile (another slot's reassignment). */
const maxAttempts = 5;

/** The replacement an identical earlier request made, if `task` was reassigned by staff that way. */
async function earlierReplacement(deps: Dependencies, task: ReviewTask, request: ReassignmentRequest): Promise<ReviewTask | undefined> {
  if (!task.reassignment || !task.replacedBy || task.reassignment.reason !== request.reason) return undefined;
  const replacement = await requireRecord(deps, 'reviewTask', task.replacedBy);
  return request.expertId === undefined || request.expertId === replacement.expertId ? replacement : undefined;
}

/**
 * The chosen expert, if they may step in.
 *
 * @throws DomainError EXPERT_NOT_FOUND (422); EXPERT_NOT_ELIGIBLE (422) with the reason in `details`.
 */
async function eligibleChoice(deps: Dependencies, scene: ReassignmentScene, expertId: string): Promise<string> {
  const expert = await deps.records.get('expert', expertId);
  if (!expert) throw new DomainError('EXPERT_NOT_FOUND', 'pool', [{ path: 'expertId', message: '专家不存在' }]);
  const refusal = replacementRefusal(scene, expert);
  if (refusal) {
    throw new DomainError(
      'EXPERT_NOT_ELIGIBLE',
      'reassignment',
      { expert: expert.name, reason: alternateRefusalMessages[refusal] },
      [
        { path: 'expertId', reason: refusal, message: alternateRefusalMessages[refusal] },
      ],
    );
  }
  return expertId;
}

/** One attempt: the outcome, or the alternate another slot took meanwhile (choose again without them). */
async function attempt(
  deps: Dependencies,
  taskId: string,
  request: ReassignmentRequest,
  staff: { actor: Actor; actorName: string },
  taken: readonly string[],
): Promise<ManualReassignment | { takenExpertId: string }> {
  const task = await requireRecord(deps, 'reviewTask', taskId);
  const earlier = await earlierReplacement(deps, task, request);
  if (earlier) return { task, replacement: earlier, repeated: true };
  assertReassignable(task);
  const scene = await reassignmentScene(deps, task);
  if (scene.application.status !== 'in_review') throw new DomainError('INVALID_STATE', 'applicationNotInReview');
  const expertId = request.expertId === undefined ? bestAlternate(scene, taken) : await eligibleChoice(deps, scene, request.expertId);
  if (!expertId) throw new DomainError('NO_ELIGIBLE_EXPERT', 'reassignment');
  const committed = await commitReplacement(deps, task, scene, expertId, staff.actor, (created, now) =>
    reassignTask(task, { taskId: created.id, expertId }, request.reason, { ...staff, now }),
  );
  if (!committed) return { takenExpertId: expertId };
  return { task: committed.retired, replacement: committed.replacement, repeated: false };
}

/**
 * Replaces the expert of an open task and moves its review workflow on. A repeat of a request
 * already carried out (same reason, and the same or no chosen expert) answers with its outcome.
 *
 * @throws DomainError NOT_FOUND (404); INVALID_STATE (409) for a task that is not open or an
 *   application no longer in review; EXPERT_NOT_FOUND, EXPERT_NOT_ELIGIBLE, NO_ELIGIBLE_EXPERT (422).
 */
export async function reassignByStaff(
  deps: Dependencies,
  taskId: string,
  request: ReassignmentRequest,
  staff: { actor: Actor; actorName: string },
): Promise<ManualReassignment> {
  // The workflow or the expert may change the task at the same moment: decide again on fresh data.
  const outcome = await withOptimisticRetry(async () => {
    const taken: string[] = [];
    for (let tries = 1; ; tries += 1) {
      const result = await attempt(deps, taskId, request, staff, taken);
      if (!('takenExpertId' in result)) return result;
      if (tries >= maxAttempts) throw new DomainError('CONCURRENT_UPDATE', 'reviewTask');
      taken.push(result.takenExpertId);
    }
  });
  // Also on a repeat: a request retried after a failure here still moves the workflow on.
  await resumeReviewSlot(deps, outcome.task, 'declined');
  return outcome;
}

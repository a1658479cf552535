/**
 * Moving a review workflow on from outside it: the slot waiting on a task (its callback token)
 * goes on when the expert submits, or looks for an alternate (`ReviewDeclined`) when the task
 * ended without a review: declined, a conflict declared, or the expert replaced by staff.
 */
import type { ReviewTask } from '#shared/domain/review-task.js';
import type { Dependencies } from '../composition-root.js';
import { logger } from '../logger.js';

/**
 * Resumes the slot waiting on `task`. The task's state is already saved, so a late or repeated
 * callback (the wait timed out, or was answered already) is only logged; a task without a token
 * is found in its new state by the workflow's next step.
 */
export async function resumeReviewSlot(deps: Dependencies, task: ReviewTask, outcome: 'submitted' | 'declined'): Promise<void> {
  if (!task.callbackToken) return;
  try {
    if (outcome === 'submitted') await deps.workflows.succeedTask(task.callbackToken, { status: 'submitted' });
    else await deps.workflows.failTask(task.callbackToken, 'ReviewDeclined', task.status);
  } catch (error) {
    logger.warn('review callback not accepted', { taskId: task.id, error });
  }
}

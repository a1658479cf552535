/**
 * Review tasks as they are now. The index may still show a task as invited or accepted a
 * moment after its expert submitted (the submission is what moved the workflow on), so the
 * steps that count reviews read those tasks again; submitted and ended tasks do not change.
 */
import { isOpenTask, type ReviewTask } from '#shared/domain/review-task.js';
import type { Dependencies } from '../composition-root.js';
import { freshCopies } from '../record-lookups.js';

/** The tasks with every still-open one read again with a consistent read. */
export async function currentReviewTasks(deps: Dependencies, tasks: readonly ReviewTask[]): Promise<ReviewTask[]> {
  const open = tasks.filter(isOpenTask);
  const settled = tasks.filter((item) => !isOpenTask(item));
  return [...settled, ...(await freshCopies(deps, 'reviewTask', open))];
}

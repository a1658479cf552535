/**
 * The claim a replacement task makes on its expert's capacity in the round (评审上限), so that
 * two replacements racing for the expert's last place (two staff reassignments, or one and the
 * workflow's automatic alternate) cannot both be committed: see {@link CapacityClaim}.
 */
import type { Expert } from '#shared/domain/expert.js';
import { holdsCapacity, type ReviewTask } from '#shared/domain/review-task.js';
import { claimCapacity, type CapacityClaim } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';

/**
 * The claim of `task` (new) on the capacity of `expert`. `roundTasks` are the round's tasks as
 * read before this call: those of the expert that hold a place but are not tracked by the store
 * (its first assignment's) leave that much less for the tracked ones. Reading the tracked load
 * after the list means a task tracked by then is never counted twice; a task the list still
 * shows open after it freed its place only makes the claim stricter.
 */
export async function replacementClaim(deps: Dependencies, task: ReviewTask, expert: Pick<Expert, 'capacity'>, roundTasks: readonly ReviewTask[]): Promise<CapacityClaim> {
  const tracked = await deps.records.trackedLoad(task.roundId, task.expertId);
  let untracked = 0;
  for (const item of roundTasks) if (item.expertId === task.expertId && holdsCapacity(item) && !tracked.has(item.id)) untracked += 1;
  return claimCapacity(task, Math.floor(expert.capacity) - untracked);
}

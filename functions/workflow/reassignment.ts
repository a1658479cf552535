/**
 * Replacing the expert of a review task: who may step in (the assignment rules, with every task
 * of the round as it stands), and the transaction that creates the replacement task and retires
 * the old one. The review workflow uses it after a decline, a conflict or an expiry, staff when
 * they reassign by hand; the workflow then invites the new expert.
 */
import type { Actor, Change } from '#shared/domain/audit-event.js';
import type { Application } from '#shared/domain/application.js';
import { alternateRefusal, chooseAlternate, type AlternateRefusal, type AssignmentContext } from '#shared/domain/assignment.js';
import { assignmentExpert, roundAssignmentContext } from '#shared/domain/assignment-input.js';
import { isDomainError } from '#shared/domain/errors.js';
import type { Expert } from '#shared/domain/expert.js';
import { createReviewTask, holdsCapacity, type ReviewTask } from '#shared/domain/review-task.js';
import type { Round } from '#shared/domain/round.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { requireRecord, requireRoundProgram } from '../record-lookups.js';
import { replacementClaim } from './capacity-claim.js';

/** What a replacement is chosen from: the task's round and application, the pool and the round's tasks. */
export interface ReassignmentScene {
  readonly round: Round;
  /** The program version the round was created with. */
  readonly program: ProgramTemplate;
  readonly application: Application;
  readonly experts: readonly Expert[];
  /** Application id → experts whose tasks there count against their capacity. */
  readonly assignment: Readonly<Record<string, readonly string[]>>;
  /** Every expert who has (or had) a task on the application, whatever its status. */
  readonly onApplication: readonly string[];
  /** The round's tasks as read. */
  readonly tasks: readonly ReviewTask[];
}

/** Reads what a replacement for `reviewTask` is chosen from, as it stands now. */
export async function reassignmentScene(deps: Dependencies, reviewTask: ReviewTask): Promise<ReassignmentScene> {
  const [round, application, experts, roundTasks] = await Promise.all([
    requireRecord(deps, 'round', reviewTask.roundId),
    requireRecord(deps, 'application', reviewTask.applicationId),
    deps.records.listExperts(),
    deps.records.listReviewTasksOfRound(reviewTask.roundId),
  ]);
  const assignment: Record<string, string[]> = {};
  for (const item of roundTasks) if (holdsCapacity(item)) (assignment[item.applicationId] ??= []).push(item.expertId);
  const onApplication = roundTasks.filter((item) => item.applicationId === application.id).map((item) => item.expertId);
  return { round, program: await requireRoundProgram(deps, round), application, experts, assignment, onApplication, tasks: roundTasks };
}

/** The assignment's view of the scene: the same mapping (and so the same recusal rules) as the round's assignment. */
function assignmentContext(scene: ReassignmentScene): AssignmentContext {
  return roundAssignmentContext({ round: scene.round, program: scene.program, applications: [scene.application], experts: scene.experts });
}

/** The best alternate for the scene's application, not on it and not in `taken`; null when nobody qualifies. */
export function bestAlternate(scene: ReassignmentScene, taken: readonly string[]): string | null {
  return chooseAlternate(assignmentContext(scene), scene.assignment, scene.application.id, [...scene.onApplication, ...taken]);
}

/** Why `expert` may not replace an expert on the scene's application, or null when they may. */
export function replacementRefusal(scene: ReassignmentScene, expert: Expert): AlternateRefusal | null {
  return alternateRefusal(assignmentContext(scene), scene.assignment, scene.application.id, scene.onApplication, assignmentExpert(expert));
}

/**
 * Creates `expertId`'s task in place of `reviewTask` and retires the old one with `retire`, in one
 * transaction (`retire` gets the replacement and the time of the change). The new task is due at the old due time, or half a review period from now if later.
 * The new task claims a place of the expert's capacity in the same transaction (see {@link replacementClaim}).
 * Returns both tasks as stored, or undefined when the expert took a task on the application meanwhile (the (application,
 * expert) guard refused it) or their last place went to another task, for the caller to choose again.
 *
 * @throws DomainError CONCURRENT_UPDATE (409) when the old task changed meanwhile.
 */
export async function commitReplacement(
  deps: Dependencies,
  reviewTask: ReviewTask,
  scene: ReassignmentScene,
  expertId: string,
  actor: Actor,
  retire: (replacement: ReviewTask, now: Date) => Change<ReviewTask>,
): Promise<{ replacement: ReviewTask; retired: ReviewTask } | undefined> {
  const round = scene.round;
  const now = deps.clock.now();
  const created = createReviewTask(
    {
      roundId: round.id,
      applicationId: reviewTask.applicationId,
      expertId,
      dueAt: new Date(Math.max(Date.parse(reviewTask.dueAt), now.getTime() + (round.reviewDays * 86_400_000) / 2)),
    },
    { id: deps.ids.entityId('task'), linkId: deps.ids.secretId(), actor, now },
  );
  const retired = retire(created.entity, now);
  const expert = scene.experts.find((item) => item.id === expertId) ?? (await requireRecord(deps, 'expert', expertId));
  try {
    const claim = await replacementClaim(deps, created.entity, expert, scene.tasks);
    await deps.records.commit([tagged('reviewTask', created), tagged('reviewTask', retired), claim]);
  } catch (error) {
    // Refused places: the new task's (application, expert) guard, or the expert's last place in the round.
    if (isDomainError(error) && (error.code === 'ALREADY_EXISTS' || error.code === 'CAPACITY_EXHAUSTED')) return undefined;
    throw error;
  }
  return { replacement: created.entity, retired: retired.entity };
}

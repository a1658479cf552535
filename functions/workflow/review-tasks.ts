/**
 * Tasks of the review workflow (statemachines/review.asl.json): invite and remind experts,
 * expire overdue tasks, invite alternates, and close the application's review.
 */
import * as z from 'zod';
import { systemActor } from '#shared/domain/audit-event.js';
import { moveApplication } from '#shared/domain/application.js';
import { afterWaitRanOut, attachCallback, countedReviews, expireTask, isOpenTask, markReassigned, type ReviewTask } from '#shared/domain/review-task.js';
import { tagged } from '#shared/ports/record-store.js';
import { currentReviewTasks } from './current-review-tasks.js';
import { bestAlternate, commitReplacement, reassignmentScene } from './reassignment.js';
import { continueRound } from './round-continuation.js';
import type { Dependencies } from '../composition-root.js';
import { reviewInvitationMail } from '../notifications/mail-templates.js';
import { findRoundProgram, requireRecord } from '../record-lookups.js';
import { reviewStepLabels, type ReviewStep } from '#shared/domain/workflow-failure.js';
import { caughtError, recordWorkflowStepFailure } from './step-failures.js';
import { task, workflowTasks } from './task-dispatch.js';

const reviewSteps = Object.keys(reviewStepLabels) as [ReviewStep, ...ReviewStep[]];

/** The reminder goes out this long before the due time. */
const reminderLeadSeconds = 2 * 24 * 3600;

function secondsUntil(deps: Dependencies, instant: number): number {
  return Math.max(1, Math.ceil((instant - deps.clock.now().getTime()) / 1000));
}

/** Seconds to wait on a freshly invited task: until the reminder point, or the due time if that has passed. */
function firstWaitSeconds(deps: Dependencies, reviewTask: ReviewTask): number {
  const due = Date.parse(reviewTask.dueAt);
  const remindAt = due - reminderLeadSeconds * 1000;
  return secondsUntil(deps, remindAt > deps.clock.now().getTime() ? remindAt : due);
}

/** Whether the applicant withdrew the application under review (its open slots then end). */
async function isWithdrawn(deps: Dependencies, reviewTask: ReviewTask): Promise<boolean> {
  return (await deps.records.get('application', reviewTask.applicationId))?.status === 'withdrawn';
}


/** The state machine's view of a slot after a reassignment. */
interface Reassigned {
  readonly taskId: string;
  readonly timeoutSeconds: number;
  readonly found: boolean;
}

/**
 * One reassignment attempt: re-reads the round's tasks and invites the best alternate not on
 * the application and not in `taken`; reports the alternate instead when another slot of the
 * application took them meanwhile. A task already replaced (by an earlier attempt, or by staff
 * by hand) goes on with its replacement.
 */
async function reassignOnce(deps: Dependencies, taskId: string, taken: readonly string[]): Promise<Reassigned | { takenExpertId: string }> {
  const reviewTask = await requireRecord(deps, 'reviewTask', taskId);
  if (reviewTask.replacedBy) {
    const replacement = await requireRecord(deps, 'reviewTask', reviewTask.replacedBy);
    return { taskId: replacement.id, timeoutSeconds: firstWaitSeconds(deps, replacement), found: true };
  }
  const scene = await reassignmentScene(deps, reviewTask);
  const alternate = bestAlternate(scene, taken);
  if (!alternate) return { taskId, timeoutSeconds: 1, found: false };
  const committed = await commitReplacement(deps, reviewTask, scene, alternate, systemActor, (replacement, now) =>
    markReassigned(reviewTask, replacement.id, { actor: systemActor, now }),
  );
  if (!committed) return { takenExpertId: alternate };
  return { taskId: committed.replacement.id, timeoutSeconds: firstWaitSeconds(deps, committed.replacement), found: true };
}

/** The tasks of the review workflow by the name its definition (`statemachines/review.asl.json`) passes as `task`. */
export const tasks = {
  listTasks: task(z.object({ applicationId: z.string() }), async ({ applicationId }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    const tasks = (await deps.records.listReviewTasksOfApplication(application.roundId, applicationId)).filter(isOpenTask);
    return { tasks: tasks.map((item) => ({ taskId: item.id, timeoutSeconds: firstWaitSeconds(deps, item) })) };
  }),

  invite: task(z.object({ taskId: z.string(), reminder: z.boolean(), token: z.string() }), async ({ taskId, reminder, token }, deps) => {
    const reviewTask = await requireRecord(deps, 'reviewTask', taskId);
    if (reviewTask.status === 'submitted' || (await isWithdrawn(deps, reviewTask))) {
      await deps.workflows.succeedTask(token, { status: reviewTask.status });
      return {};
    }
    if (!isOpenTask(reviewTask)) {
      await deps.workflows.failTask(token, 'ReviewDeclined', `task is ${reviewTask.status}`);
      return {};
    }
    const now = deps.clock.now();
    await deps.records.commit([tagged('reviewTask', attachCallback(reviewTask, token, { actor: systemActor, now, reminder }))]);
    const [expert, application, round] = await Promise.all([
      deps.records.get('expert', reviewTask.expertId),
      deps.records.get('application', reviewTask.applicationId),
      deps.records.get('round', reviewTask.roundId),
    ]);
    if (expert && application) {
      await deps.mailer.send(
        reviewInvitationMail(expert.email, {
          expertName: expert.name,
          programName: (round && (await findRoundProgram(deps, round))?.name) ?? application.programId,
          title: application.title,
          applicantName: application.applicantName,
          dueAt: reviewTask.dueAt,
          url: `${deps.settings.publicBaseUrl}/review/${reviewTask.linkId}`,
          reminder,
        }),
      );
    }
    return {};
  }),

  /**
   * The wait ran out: remind once before the due time, then expire the task (counted as an
   * overdue review) and reassign (see afterWaitRanOut).
   */
  overdue: task(z.object({ taskId: z.string() }), async ({ taskId }, deps) => {
    const reviewTask = await requireRecord(deps, 'reviewTask', taskId);
    const now = deps.clock.now();
    const next = afterWaitRanOut(reviewTask, { withdrawn: await isWithdrawn(deps, reviewTask), now });
    if (next === 'done') return { taskId, next, timeoutSeconds: 1 };
    if (next === 'remind') return { taskId, next: 'remind', timeoutSeconds: secondsUntil(deps, Date.parse(reviewTask.dueAt)) };
    const expired = next === 'expire' ? expireTask(reviewTask, { actor: systemActor, now }) : undefined;
    if (expired) {
      await deps.records.commit([tagged('reviewTask', expired)]);
      // counted once: a retry finds the task expired and expires nothing
      deps.metrics.countOverdueReviews(1);
    }
    return { taskId, next: 'reassign', timeoutSeconds: 1 };
  }),

  /**
   * Invites an alternate expert in place of a declined, conflicted or expired task. Slots of an
   * application that time out together reassign concurrently: when another slot took the chosen
   * expert first (the (application, expert) guard refuses a second task), choose again without them.
   */
  reassign: task(z.object({ taskId: z.string() }), async ({ taskId }, deps) => {
    const taken: string[] = [];
    for (;;) {
      const attempt = await reassignOnce(deps, taskId, taken);
      if (!('takenExpertId' in attempt)) return attempt;
      taken.push(attempt.takenExpertId);
    }
  }),

  /** Every slot is done: the application's review is complete (the last one releases the round). */
  complete: task(z.object({ applicationId: z.string() }), async ({ applicationId }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    const tasks = await currentReviewTasks(deps, await deps.records.listReviewTasksOfApplication(application.roundId, applicationId));
    const validReviews = countedReviews(tasks, applicationId).length;
    if (application.status === 'in_review') {
      const change = moveApplication(application, 'scored', {}, { actor: systemActor, now: deps.clock.now(), action: 'application.review_completed', detail: { validReviews } });
      await deps.records.commit([tagged('application', change)]);
    }
    // also after a retry that finds it scored: the release may be what the interrupted attempt missed
    await continueRound(deps, application.roundId, 'reviews');
    return { validReviews };
  }),

  /** A step failed: record it on the application, tell staff, and wait for their retry (the token). */
  awaitRetry: task(
    z.object({ step: z.enum(reviewSteps), applicationId: z.string().optional(), taskId: z.string().optional(), error: caughtError, token: z.string() }),
    async ({ step, applicationId, taskId, error, token }, deps) => {
      const id = applicationId ?? (await requireRecord(deps, 'reviewTask', taskId ?? '')).applicationId;
      await recordWorkflowStepFailure(deps, 'application', { id, step, stepLabel: reviewStepLabels[step], error, token });
      return {};
    },
  ),
};

/** The Lambda handler of {@link tasks}. */
export const handler = workflowTasks(tasks);

/**
 * Review progress of a round (评审进度) as staff follow it: per application its tasks with the
 * experts' names, and per expert how many tasks they hold, have submitted and let run late.
 */
import { countedReviews, isOpenTask, type ReviewTask, type ReviewTaskStatus } from './review-task.js';

/** An application as the progress view names it. */
export interface ProgressApplication {
  readonly id: string;
  readonly applicantName: string;
  readonly title: string;
  readonly status: string;
}

/** An expert as the progress view names them (a domain `Expert` fits). */
export interface ProgressExpert {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
}

/** One review task with its expert's name. */
export interface TaskProgress {
  readonly taskId: string;
  readonly expertId: string;
  readonly expertName: string;
  readonly organization: string;
  readonly status: ReviewTaskStatus;
  readonly dueAt: string;
  readonly remindersSent: number;
  /** The task missed its due time without a submission (see {@link isOverdueTask}). */
  readonly overdue: boolean;
  readonly submittedAt?: string;
  /** The review's total, once submitted. */
  readonly total?: number;
  /** The task that took this one's place. */
  readonly replacedBy?: string;
  /** Why staff replaced the expert by hand. */
  readonly reassignReason?: string;
}

/** One application under review with its tasks, oldest first. */
export interface ApplicationProgress {
  readonly applicationId: string;
  readonly applicant: string;
  readonly title: string;
  readonly status: string;
  /** Submitted reviews that count (one per expert). */
  readonly validReviews: number;
  /** Valid reviews the round requires (`minValidReviews`). */
  readonly required: number;
  readonly tasks: readonly TaskProgress[];
}

/** One expert's tasks in the round, counted. */
export interface ExpertProgress {
  readonly expertId: string;
  readonly name: string;
  readonly organization: string;
  /** Every task the expert was given in the round, whatever became of it. */
  readonly assigned: number;
  /** Tasks still open (invited or accepted). */
  readonly open: number;
  readonly submitted: number;
  /** Tasks that missed their due time without a submission. */
  readonly overdue: number;
}

/** The review progress of a round. */
export interface ReviewProgress {
  readonly applications: readonly ApplicationProgress[];
  readonly experts: readonly ExpertProgress[];
}

/**
 * Whether a task missed its due time without a submission: open at or past its due time at
 * `now`, or expired (also once an alternate replaced it).
 *
 * @example
 * isOverdueTask(task, deps.clock.now());
 */
export function isOverdueTask(task: ReviewTask, now: Date): boolean {
  return (isOpenTask(task) && now.getTime() >= Date.parse(task.dueAt)) || task.expiredAt !== undefined;
}

/** The progress row of one task; an expert missing from the pool is named by their id. */
export function progressTask(task: ReviewTask, expert: ProgressExpert | undefined, now: Date): TaskProgress {
  return {
    taskId: task.id,
    expertId: task.expertId,
    expertName: expert?.name ?? task.expertId,
    organization: expert?.organization ?? '',
    status: task.status,
    dueAt: task.dueAt,
    remindersSent: task.reminders,
    overdue: isOverdueTask(task, now),
    ...(task.status === 'submitted' && task.submittedAt ? { submittedAt: task.submittedAt } : {}),
    ...(task.status === 'submitted' && task.total !== undefined ? { total: task.total } : {}),
    ...(task.replacedBy ? { replacedBy: task.replacedBy } : {}),
    ...(task.reassignment ? { reassignReason: task.reassignment.reason } : {}),
  };
}

function byCreation(a: ReviewTask, b: ReviewTask): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The progress of a round at `now`: every application that has review tasks (in the given
 * order) with its tasks, and every expert holding a task of those applications, with counts.
 *
 * @example
 * const progress = reviewProgress({ applications, tasks, experts, minValidReviews: round.minValidReviews, now });
 */
export function reviewProgress(input: {
  readonly applications: readonly ProgressApplication[];
  readonly tasks: readonly ReviewTask[];
  readonly experts: readonly ProgressExpert[];
  readonly minValidReviews: number;
  readonly now: Date;
}): ReviewProgress {
  const experts = new Map(input.experts.map((expert) => [expert.id, expert]));
  const tasksOf = new Map<string, ReviewTask[]>();
  for (const task of input.tasks) {
    const list = tasksOf.get(task.applicationId);
    if (list) list.push(task);
    else tasksOf.set(task.applicationId, [task]);
  }
  const counts = new Map<string, { assigned: number; open: number; submitted: number; overdue: number }>();
  const applications: ApplicationProgress[] = [];
  for (const application of input.applications) {
    const tasks = (tasksOf.get(application.id) ?? []).sort(byCreation);
    if (tasks.length === 0) continue;
    const rows = tasks.map((task) => progressTask(task, experts.get(task.expertId), input.now));
    for (const row of rows) {
      const count = counts.get(row.expertId) ?? { assigned: 0, open: 0, submitted: 0, overdue: 0 };
      count.assigned += 1;
      if (isOpenTask(row)) count.open += 1;
      if (row.status === 'submitted') count.submitted += 1;
      if (row.overdue) count.overdue += 1;
      counts.set(row.expertId, count);
    }
    applications.push({
      applicationId: application.id,
      applicant: application.applicantName,
      title: application.title,
      status: application.status,
      validReviews: countedReviews(tasks, application.id).length,
      required: input.minValidReviews,
      tasks: rows,
    });
  }
  const expertRows = [...counts].map(([expertId, count]) => ({
    expertId,
    name: experts.get(expertId)?.name ?? expertId,
    organization: experts.get(expertId)?.organization ?? '',
    ...count,
  }));
  expertRows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.expertId < b.expertId ? -1 : 1));
  return { applications, experts: expertRows };
}

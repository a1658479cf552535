import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOverdueTask, reviewProgress } from '#shared/domain/review-progress.js';
import type { ReviewTask, ReviewTaskStatus } from '#shared/domain/review-task.js';
import { at } from './records-fixture.js';

const now = at(60 * 24 * 10);

function task(id: string, applicationId: string, expertId: string, status: ReviewTaskStatus, extra: Partial<ReviewTask> = {}): ReviewTask {
  return {
    id,
    createdAt: at(Number(id.replace(/\D/g, '')) || 0).toISOString(),
    updatedAt: at(1).toISOString(),
    version: 1,
    roundId: 'round-1',
    applicationId,
    expertId,
    linkId: 'L'.repeat(43),
    status,
    dueAt: at(60 * 24 * 14).toISOString(),
    reminders: 0,
    ...extra,
  };
}

const applications = [
  { id: 'app-1', applicantName: '柳州市人民政府', title: '柳州汽车产业市域产教联合体', status: 'in_review' },
  { id: 'app-2', applicantName: '桂林市人民政府', title: '桂林旅游产业市域产教联合体', status: 'in_review' },
  { id: 'app-3', applicantName: '梧州市人民政府', title: '未进入评审的申报', status: 'returned' },
];
const experts = [
  { id: 'x1', name: '王专家', organization: '广西大学' },
  { id: 'x2', name: '李专家', organization: '广西科技大学' },
  { id: 'x3', name: '张专家', organization: '桂林电子科技大学' },
];

describe('the review progress of a round', () => {
  it('names applicants, titles and experts, and counts each expert’s tasks', () => {
    const tasks = [
      task('t1', 'app-1', 'x1', 'submitted', { submittedAt: at(100).toISOString(), total: 86 }),
      task('t2', 'app-1', 'x2', 'reassigned', { replacedBy: 't4', reassignment: { reason: '专家出国', by: '职成处', at: at(50).toISOString() } }),
      task('t3', 'app-2', 'x1', 'accepted', { reminders: 1 }),
      task('t4', 'app-1', 'x3', 'invited'),
    ];
    const progress = reviewProgress({ applications, tasks, experts, minValidReviews: 2, now });
    expect(progress.applications.map((row) => [row.applicationId, row.applicant, row.title, row.validReviews, row.required])).toEqual([
      ['app-1', '柳州市人民政府', '柳州汽车产业市域产教联合体', 1, 2],
      ['app-2', '桂林市人民政府', '桂林旅游产业市域产教联合体', 0, 2],
    ]);
    expect(progress.applications[0]!.tasks).toEqual([
      { taskId: 't1', expertId: 'x1', expertName: '王专家', organization: '广西大学', status: 'submitted', dueAt: tasks[0]!.dueAt, remindersSent: 0, overdue: false, submittedAt: at(100).toISOString(), total: 86 },
      { taskId: 't2', expertId: 'x2', expertName: '李专家', organization: '广西科技大学', status: 'reassigned', dueAt: tasks[1]!.dueAt, remindersSent: 0, overdue: false, replacedBy: 't4', reassignReason: '专家出国' },
      { taskId: 't4', expertId: 'x3', expertName: '张专家', organization: '桂林电子科技大学', status: 'invited', dueAt: tasks[3]!.dueAt, remindersSent: 0, overdue: false },
    ]);
    expect(progress.applications[1]!.tasks[0]).toMatchObject({ taskId: 't3', remindersSent: 1, status: 'accepted' });
    expect(progress.experts).toEqual([
      { expertId: 'x2', name: '李专家', organization: '广西科技大学', assigned: 1, open: 0, submitted: 0, overdue: 0 },
      { expertId: 'x1', name: '王专家', organization: '广西大学', assigned: 2, open: 1, submitted: 1, overdue: 0 },
      { expertId: 'x3', name: '张专家', organization: '桂林电子科技大学', assigned: 1, open: 1, submitted: 0, overdue: 0 },
    ]);
  });

  it('shows a task as overdue when it is open past its due time or expired, and not before its due time', () => {
    const due = at(60 * 24 * 14);
    const open = task('t1', 'app-1', 'x1', 'accepted');
    expect(isOverdueTask(open, new Date(due.getTime() - 1))).toBe(false);
    expect(isOverdueTask(open, due)).toBe(true);
    expect(isOverdueTask(task('t2', 'app-1', 'x1', 'reassigned', { expiredAt: due.toISOString(), replacedBy: 't3' }), now)).toBe(true);
    expect(isOverdueTask(task('t4', 'app-1', 'x1', 'declined'), new Date(due.getTime() + 1))).toBe(false);
    expect(isOverdueTask(task('t5', 'app-1', 'x1', 'submitted'), new Date(due.getTime() + 1))).toBe(false);
    const progress = reviewProgress({ applications, tasks: [open], experts, minValidReviews: 2, now: due });
    expect(progress.experts[0]).toMatchObject({ expertId: 'x1', overdue: 1, open: 1 });
    expect(progress.applications[0]!.tasks[0]!.overdue).toBe(true);
  });

  it('names an expert missing from the pool by their id and leaves out applications without tasks', () => {
    const progress = reviewProgress({ applications, tasks: [task('t1', 'app-2', 'gone', 'invited')], experts, minValidReviews: 1, now });
    expect(progress.applications.map((row) => row.applicationId)).toEqual(['app-2']);
    expect(progress.applications[0]!.tasks[0]!.expertName).toBe('gone');
    expect(progress.experts).toEqual([{ expertId: 'gone', name: 'gone', organization: '', assigned: 1, open: 1, submitted: 0, overdue: 0 }]);
  });

  it('lists every task once and counts per expert exactly the tasks they hold (property)', () => {
    const statuses: ReviewTaskStatus[] = ['invited', 'accepted', 'declined', 'conflict', 'submitted', 'expired', 'reassigned'];
    const generatedTask = fc.record({
      applicationId: fc.constantFrom('app-1', 'app-2', 'app-3'),
      expertId: fc.constantFrom('x1', 'x2', 'x3', 'x4'),
      status: fc.constantFrom(...statuses),
      dueInMinutes: fc.integer({ min: -5000, max: 5000 }),
      expired: fc.boolean(),
    });
    let checked = 0;
    fc.assert(
      fc.property(fc.array(generatedTask, { maxLength: 40 }), (generated) => {
        const tasks = generated.map((item, index) =>
          task(`t${index}`, item.applicationId, item.expertId, item.status, {
            dueAt: new Date(now.getTime() + item.dueInMinutes * 60_000).toISOString(),
            // Only a task that ran out of time (then perhaps replaced) carries expiredAt.
            ...(item.status === 'expired' || (item.status === 'reassigned' && item.expired) ? { expiredAt: now.toISOString() } : {}),
            ...(item.status === 'submitted' ? { submittedAt: now.toISOString() } : {}),
          }),
        );
        const progress = reviewProgress({ applications, tasks, experts, minValidReviews: 2, now });
        const listed = progress.applications.flatMap((row) => row.tasks.map((item) => item.taskId));
        expect([...listed].sort()).toEqual(tasks.map((item) => item.id).sort());
        for (const row of progress.applications) for (const item of row.tasks) expect(tasks.find((t) => t.id === item.taskId)!.applicationId).toBe(row.applicationId);
        expect(progress.experts.reduce((sum, row) => sum + row.assigned, 0)).toBe(tasks.length);
        for (const row of progress.experts) {
          const own = tasks.filter((item) => item.expertId === row.expertId);
          expect(row.assigned).toBe(own.length);
          expect(row.submitted).toBe(own.filter((item) => item.status === 'submitted').length);
          expect(row.overdue).toBe(own.filter((item) => isOverdueTask(item, now)).length);
          expect(row.submitted + row.overdue).toBeLessThanOrEqual(row.assigned);
          expect(row.open).toBeLessThanOrEqual(row.assigned);
          checked += 1;
        }
        for (const row of progress.applications) {
          const reviewers = new Set(row.tasks.filter((item) => item.status === 'submitted').map((item) => item.expertId));
          expect(row.validReviews).toBe(reviewers.size);
        }
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(300);
  });
});

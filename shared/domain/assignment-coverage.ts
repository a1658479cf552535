/**
 * Whether an assignment lets every application be reviewed: an application that cannot get
 * the round's minimum of valid reviews stops the assignment, so that staff add experts (or
 * raise capacities) and retry, instead of a round ranked on too few reviews.
 */
import type { AssignmentShortfall } from './assignment.js';
import { DomainError } from './errors.js';

/**
 * Refuses an assignment that leaves an application with fewer experts than `minValidReviews`.
 *
 * @throws DomainError ASSIGNMENT_SHORTFALL (422) with one detail per such application.
 * @example
 * assertReviewableAssignment(result.shortfalls, round.minValidReviews);
 */
export function assertReviewableAssignment(shortfalls: readonly AssignmentShortfall[], minValidReviews: number): void {
  const uncovered = shortfalls.filter((item) => item.assigned < minValidReviews);
  if (uncovered.length === 0) return;
  const capacity = uncovered.every((item) => item.reason === 'capacity_exhausted');
  const cause = capacity ? '可回避利益冲突的专家评审容量已用完' : '可回避利益冲突的专家人数不足';
  throw new DomainError(
    'ASSIGNMENT_SHORTFALL',
    'reviewers',
    { applications: uncovered.length, minimum: minValidReviews, cause },
    uncovered.map((item) => ({
      path: item.applicationId,
      message: `只能分配 ${item.assigned} 名专家（需要 ${item.required} 名，可回避冲突的专家 ${item.eligibleExperts} 名）`,
    })),
  );
}

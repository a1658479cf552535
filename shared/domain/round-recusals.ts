/**
 * The recusals of a round as staff read them (回避情况, `GET /api/admin/rounds/{id}/recusals`):
 * every (application of the review pool, expert) pair the assignment excludes, with names, the
 * reason in Chinese and the name that matched, by the assignment's own mapping and rules.
 */
import type { ProgramTemplate } from '../programs/schema.js';
import type { Application } from './application.js';
import type { ApplicationStatus } from './application-status.js';
import { recusals, reviewConflictMessages, type ReviewConflict } from './assignment.js';
import { roundAssignmentContext } from './assignment-input.js';
import type { Expert } from './expert.js';
import type { Round } from './round.js';

/** Applications in a round's review pool: accepted at formal review, and everything after. */
const poolStatuses: readonly ApplicationStatus[] = ['accepted', 'in_review', 'scored', 'shortlisted', 'not_shortlisted', 'in_publicity', 'recognized', 'rejected', 'revoked'];

/** One excluded pair as staff see it. */
export interface RecusalEntry {
  readonly applicationId: string;
  readonly applicant: string;
  readonly title: string;
  readonly expertId: string;
  readonly expertName: string;
  readonly reason: ReviewConflict;
  /** The Chinese reason. */
  readonly reasonLabel: string;
  /** The name that caused it (organisation, partner, declared conflict, avoid-list entry or region). */
  readonly matched: string;
}

/**
 * Every excluded pair of the round's review pool (applications from `accepted` on) against the
 * expert pool.
 *
 * @example
 * roundRecusals({ round, program, applications, experts }); // [{ applicant: '广西大学', expertName: '李工', reason: 'affiliated_organization', … }]
 */
export function roundRecusals(scene: {
  readonly round: Pick<Round, 'id' | 'avoidSameRegion' | 'assignmentSeed'>;
  readonly program: Pick<ProgramTemplate, 'form' | 'assignment'>;
  readonly applications: readonly Application[];
  readonly experts: readonly Expert[];
}): RecusalEntry[] {
  const applications = scene.applications.filter((item) => poolStatuses.includes(item.status));
  const applicationsById = new Map(applications.map((item) => [item.id, item]));
  const expertsById = new Map(scene.experts.map((item) => [item.id, item]));
  return recusals(roundAssignmentContext({ ...scene, applications })).map((item) => {
    const application = applicationsById.get(item.applicationId)!;
    return {
      applicationId: item.applicationId,
      applicant: application.applicantName,
      title: application.title,
      expertId: item.expertId,
      expertName: expertsById.get(item.expertId)!.name,
      reason: item.reason,
      reasonLabel: reviewConflictMessages[item.reason],
      matched: item.matched,
    };
  });
}

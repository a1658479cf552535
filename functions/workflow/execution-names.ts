/**
 * Execution names of the workflows. Names are deterministic so that starting the same
 * execution twice (a retried request, a redelivered event) is harmless.
 */

/** The submission workflow of an application's n-th submission. */
export function submissionExecutionName(application: { id: string; submissions: number }): string {
  return `${application.id}-s${application.submissions}`;
}

/** The round workflow of a round. */
export function roundExecutionName(round: { id: string }): string {
  return `${round.id}`;
}

/** The review workflow of one application. */
export function reviewExecutionName(application: { id: string }): string {
  return `${application.id}-review`;
}

/**
 * The duty workflow of a recognised unit's cycle: the first cycle's under the unit's id, each
 * later one (started by 继续认定 or 给予激励) under the day it starts, so a retried start finds it.
 */
export function unitExecutionName(unitId: string, laterCycleStartsAt?: string): string {
  return laterCycleStartsAt === undefined ? `${unitId}-duties` : `${unitId}-duties-${laterCycleStartsAt.slice(0, 10).replaceAll('-', '')}`;
}

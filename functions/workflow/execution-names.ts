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

/** The duty workflow of a recognised unit. */
export function unitExecutionName(unitId: string): string {
  return `${unitId}-duties`;
}

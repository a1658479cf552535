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
 * A duty workflow of a recognised unit: the first cycle's under the unit's id, each later one
 * under its occasion (e.g. `20291120`, the day a continued cycle starts, or `rectify-20300301`),
 * so a retried start finds it.
 */
export function unitExecutionName(unitId: string, occasion?: string): string {
  return occasion === undefined ? `${unitId}-duties` : `${unitId}-duties-${occasion}`;
}

/**
 * The execution of a later leg of a unit's duty workflow (a Standard execution lasts a year at
 * most, a cycle years): the chain's first execution name and the leg's start day (legs are 300
 * days apart), e.g. `unit-app-1-duties-from-20280115`.
 */
export function unitLegExecutionName(chain: string, from: string): string {
  return `${chain}-from-${from.slice(0, 10).replaceAll('-', '')}`;
}

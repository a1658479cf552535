/**
 * The application status machine (申报状态机):
 *
 * ```
 * draft → submitted → screening → returned → submitted …
 *                               → ineligible
 *                               → accepted → in_review → scored → shortlisted → in_publicity → recognized → revoked
 *                                                               → not_shortlisted             → rejected
 * withdrawn: from any pre-decision status (draft … scored)
 * shortlisted → recognized: a round without publicity (公示天数 0), whose approved shortlist is final
 *
 * in an evaluation round (周期评估), an application is a unit's cycle report:
 * scored → evaluated, or (to be revoked) scored → shortlisted → in_publicity → evaluated
 * (shortlisted → evaluated where the round holds no publicity)
 * ```
 *
 * "Pre-decision" means before the shortlist decision: an applicant may withdraw while its
 * application is being drafted, screened, returned for correction, reviewed or scored, but
 * not once it has been put on (or left off) the shortlist, because that list has been
 * approved and is being published. An application on the shortlist that drops out during
 * publicity is decided as `rejected` with the reason recorded.
 * `recognized → revoked` is the exit (撤销认定) after a failed periodic evaluation.
 * `evaluated` (评估完成) ends an evaluation round's application: the unit's conclusion is the round's.
 *
 * The machine holds no text: `assertTransition` in `application.ts` refuses a move it does not
 * allow, with the statuses' Chinese labels (`status-labels.ts`, which reads the statuses from here).
 */

/** Every application status, in process order. */
export const applicationStatuses = [
  'draft',
  'submitted',
  'screening',
  'returned',
  'ineligible',
  'accepted',
  'in_review',
  'scored',
  'shortlisted',
  'not_shortlisted',
  'in_publicity',
  'recognized',
  'rejected',
  'withdrawn',
  'revoked',
  'evaluated',
] as const;

/** A status of an application. */
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Statuses from which the applicant may still withdraw (before the shortlist decision). */
export const withdrawableStatuses: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'screening',
  'returned',
  'accepted',
  'in_review',
  'scored',
];

const next: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  draft: ['submitted'],
  submitted: ['screening'],
  screening: ['returned', 'ineligible', 'accepted'],
  returned: ['submitted'],
  ineligible: [],
  accepted: ['in_review'],
  in_review: ['scored'],
  scored: ['shortlisted', 'not_shortlisted', 'evaluated'],
  // a round without publicity recognises its shortlist at publication (an evaluation round: concludes it)
  shortlisted: ['in_publicity', 'recognized', 'evaluated'],
  not_shortlisted: [],
  in_publicity: ['recognized', 'rejected', 'evaluated'],
  recognized: ['revoked'],
  rejected: [],
  withdrawn: [],
  revoked: [],
  evaluated: [],
};

/** Statuses with no way out: the application's story is over. */
export const terminalStatuses: readonly ApplicationStatus[] = applicationStatuses.filter(
  (status) => nextStatuses(status).length === 0,
);

/**
 * The statuses an application in `from` may move to.
 *
 * @example
 * nextStatuses('screening'); // ['returned', 'ineligible', 'accepted', 'withdrawn']
 */
export function nextStatuses(from: ApplicationStatus): readonly ApplicationStatus[] {
  const forward = next[from];
  return withdrawableStatuses.includes(from) ? [...forward, 'withdrawn'] : forward;
}

/** Narrows a string (e.g. read from storage or a query string) to an {@link ApplicationStatus}. */
export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (applicationStatuses as readonly string[]).includes(value);
}

/** Whether the status machine allows `from → to`. */
export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return nextStatuses(from).includes(to);
}

/** An application's Chinese status as a coloured badge (good, bad, waiting on the applicant, or neutral). */
import type { JSX } from 'preact';
import type { ApplicationStatus } from '#shared/domain/application-status.js';
import { applicationStatusLabels } from '#shared/domain/status-labels.js';

const tone: Partial<Readonly<Record<ApplicationStatus, 'ok' | 'bad' | 'warn'>>> = {
  draft: 'warn',
  returned: 'warn',
  accepted: 'ok',
  shortlisted: 'ok',
  recognized: 'ok',
  ineligible: 'bad',
  not_shortlisted: 'bad',
  rejected: 'bad',
  revoked: 'bad',
};

/** The status label of an application; `testId` marks the element tests read the status from. */
export function StatusBadge(props: { readonly status: ApplicationStatus; readonly testId?: string }): JSX.Element {
  const kind = tone[props.status];
  return (
    <span class={kind ? `badge ${kind}` : 'badge'} data-testid={props.testId}>
      {applicationStatusLabels[props.status]}
    </span>
  );
}

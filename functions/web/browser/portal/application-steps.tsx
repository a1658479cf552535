/** Where an application is on its way (填写申报 → 形式审查 → 专家评审 → 公示 → 认定), as a row of steps. */
import type { JSX } from 'preact';
import type { ApplicationStatus } from '#shared/domain/application-status.js';
import { portalStepsText as t } from '#functions/web/institution-messages.js';

/** The step each status is at; none for a withdrawn application. */
const stepOf: Readonly<Record<ApplicationStatus, number | undefined>> = {
  draft: 0,
  returned: 0,
  submitted: 1,
  screening: 1,
  ineligible: 1,
  accepted: 2,
  in_review: 2,
  scored: 2,
  shortlisted: 3,
  not_shortlisted: 2,
  in_publicity: 3,
  recognized: 4,
  rejected: 4,
  revoked: 4,
  evaluated: 4,
  withdrawn: undefined,
};

/** The steps of an application in `status`: done ones marked, the current one `aria-current="step"`. */
export function ApplicationSteps(props: { readonly status: ApplicationStatus }): JSX.Element | null {
  const current = stepOf[props.status];
  if (current === undefined) return null;
  return (
    <ol class="steps" aria-label={t.label}>
      {t.steps.map((step, index) => (
        <li key={step} class={index < current ? 'done' : undefined} aria-current={index === current ? 'step' : undefined}>
          {step}
        </li>
      ))}
    </ol>
  );
}

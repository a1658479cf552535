/**
 * One application opened in the screening queue: its form with the template's labels, its
 * files with their checks, the automatic eligibility results, and the formal-review decision
 * (通过, 退回修改 / 不予受理 with the 退回理由, one per line).
 */
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { applicationStatusLabel } from '#shared/domain/status-labels.js';
import type { FormField, Material } from '#shared/programs/schema.js';
import { screeningText as t } from '#functions/web/staff-messages.js';
import { DataTable } from '../app/data-table.js';
import { Alert, beijingTime, errorText, Field, fieldErrors, useAction, useApi, useRefusalFocus } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { authorizedApi } from '../session.js';
import { fileSize, formLines, reasonLines } from './form-values.js';
import { awaitsScreening } from './round-next-step.js';

/** One file of an application, as the staff API gives it. */
export interface QueueEvidence {
  readonly id: string;
  readonly materialKey: string;
  readonly fileName: string;
  readonly size: number;
  readonly status: string;
  readonly sha256?: string;
  readonly pages?: number;
  readonly reason?: string;
  readonly flagLabels?: readonly string[];
  readonly materialTitle?: string;
  /** A short-lived download link (verified files). */
  readonly downloadUrl?: string;
}

/** An application of the round, as `GET /api/admin/rounds/{id}/applications` gives it (its files without download links: `GET /api/admin/applications/{id}` has them). */
export interface QueueApplication {
  readonly id: string;
  readonly applicantName: string;
  readonly title: string;
  readonly status: string;
  readonly submittedAt?: string;
  readonly submissions: number;
  readonly form: Readonly<Record<string, unknown>>;
  readonly eligibility?: {
    readonly passed: boolean;
    readonly results: readonly { readonly code: string; readonly text: string; readonly outcome: keyof typeof t.outcome; readonly detail?: string }[];
  };
  readonly screening?: { readonly outcome: keyof typeof t.outcomeLabels; readonly reasons: readonly string[]; readonly by: string; readonly at: string };
  readonly evidence: readonly QueueEvidence[];
}

/** The program template's parts this panel reads. */
export interface ScreeningTemplate {
  readonly form: readonly FormField[];
  readonly materials: readonly Material[];
}

/** The opened application, a region named by its project title (its decision buttons inside). */
export function ApplicationPanel(props: { readonly application: QueueApplication; readonly template: ScreeningTemplate | undefined; readonly onDecided: (message: string) => void }): JSX.Element {
  const { application, template } = props;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const title = application.title || t.untitled;
  // The application's own read gives its files' short-lived download links.
  const [detail] = useApi<{ evidence: QueueEvidence[] }>(`/api/admin/applications/${encodeURIComponent(application.id)}`);
  const evidence = detail.state === 'ok' ? detail.data.evidence : application.evidence;
  return (
    <section class="card application" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <dl class="facts">
        <dt>{t.facts.applicant}</dt>
        <dd>{application.applicantName}</dd>
        <dt>{t.facts.status}</dt>
        <dd>
          <span class="badge">{applicationStatusLabel(application.status)}</span>
        </dd>
        <dt>{t.facts.submittedAt}</dt>
        <dd>{application.submittedAt ? beijingTime(application.submittedAt) : ''}</dd>
        <dt>{t.facts.submissions}</dt>
        <dd>{application.submissions}</dd>
      </dl>
      {application.screening ? <PreviousDecision decision={application.screening} /> : null}
      {awaitsScreening(application.status) ? null : <p class="notice">{fill(t.notDecidable, { status: applicationStatusLabel(application.status) })}</p>}
      <h3>{t.rulesHeading}</h3>
      <Rules eligibility={application.eligibility} />
      <h3>{t.evidenceHeading}</h3>
      <EvidenceTable evidence={evidence} materials={template?.materials ?? []} />
      <h3>{t.formHeading}</h3>
      {template ? (
        <dl class="facts">
          {formLines(template.form, application.form).map((line) => (
            <FormLineView key={line.key} label={line.label} value={line.value} missing={line.missing} />
          ))}
        </dl>
      ) : null}
      {awaitsScreening(application.status) ? <Decision application={application} title={title} onDecided={props.onDecided} /> : null}
    </section>
  );
}

function FormLineView(props: { readonly label: string; readonly value: string; readonly missing: boolean }): JSX.Element {
  return (
    <>
      <dt>{props.label}</dt>
      <dd class={props.missing ? 'hint' : undefined}>{props.value}</dd>
    </>
  );
}

function PreviousDecision(props: { readonly decision: NonNullable<QueueApplication['screening']> }): JSX.Element {
  const { decision } = props;
  return (
    <div class={`notice ${decision.outcome === 'accept' ? 'success' : 'warn'}`}>
      <p>{fill(t.previousDecision, { outcome: t.outcomeLabels[decision.outcome], by: decision.by, at: beijingTime(decision.at) })}</p>
      {decision.reasons.length > 0 ? (
        <ul>
          {decision.reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const outcomeBadge = { pass: 'ok', fail: 'bad', pending: 'warn', not_applicable: '' } as const;

function Rules(props: { readonly eligibility: QueueApplication['eligibility'] }): JSX.Element {
  if (!props.eligibility) return <p class="hint">{t.noRules}</p>;
  return (
    <>
      <p class={`notice ${props.eligibility.passed ? 'success' : 'error'}`}>{props.eligibility.passed ? t.rulesPassed : t.rulesFailed}</p>
      <ul class="rules">
        {props.eligibility.results.map((result) => (
          <li key={result.code}>
            <span class={`badge ${outcomeBadge[result.outcome] ?? ''}`}>{t.outcome[result.outcome] ?? result.outcome}</span> {result.text}
            {result.detail ? <div class="hint">{result.detail}</div> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

const evidenceBadge: Readonly<Record<string, string>> = { verified: 'ok', rejected: 'bad', pending: 'warn' };

function EvidenceTable(props: { readonly evidence: readonly QueueEvidence[]; readonly materials: readonly Material[] }): JSX.Element {
  if (props.evidence.length === 0) return <p class="hint">{t.noEvidence}</p>;
  const titleOf = (item: QueueEvidence) => item.materialTitle ?? props.materials.find((material) => material.key === item.materialKey)?.title ?? item.materialKey;
  return (
    <DataTable headings={[t.evidenceColumns.material, t.evidenceColumns.file, t.evidenceColumns.check]}>
          {props.evidence.map((item) => (
            <tr key={item.id}>
              <td>{titleOf(item)}</td>
              <td>
                {item.downloadUrl ? (
                  <a href={item.downloadUrl} download={item.fileName} aria-label={fill(t.downloadName, { name: item.fileName })}>
                    {item.fileName}
                  </a>
                ) : (
                  item.fileName
                )}
                <div class="hint">
                  {fileSize(item.size)}
                  {item.pages === undefined ? '' : ` · ${fill(t.pages, { n: item.pages })}`}
                </div>
                {item.sha256 ? (
                  <div class="hint">
                    {t.evidenceColumns.sha256} <code class="hash" title={item.sha256}>{item.sha256.slice(0, 12)}</code>
                  </div>
                ) : null}
              </td>
              <td>
                <span class={`badge ${evidenceBadge[item.status] ?? ''}`}>{(t.evidenceStatus as Readonly<Record<string, string>>)[item.status] ?? item.status}</span>
                {item.reason ? <div class="hint">{item.reason}</div> : null}
                {(item.flagLabels ?? []).map((flag) => (
                  <div key={flag} class="hint">
                    <span class="badge warn">{flag}</span>
                  </div>
                ))}
              </td>
            </tr>
          ))}
    </DataTable>
  );
}

type Outcome = keyof typeof t.outcomeLabels;

/** The formal-review decision: 通过, or 退回修改 / 不予受理 with the reasons. */
function Decision(props: { readonly application: QueueApplication; readonly title: string; readonly onDecided: (message: string) => void }): JSX.Element {
  const action = useAction();
  const [reasons, setReasons] = useState('');
  const [missing, setMissing] = useState(false);
  const focus = useRefusalFocus<HTMLDivElement>();
  const errors = fieldErrors(action.error);
  const decide = (outcome: Outcome) => {
    const lines = reasonLines(reasons);
    if (outcome !== 'accept' && lines.length === 0) {
      setMissing(true);
      return focus.refused();
    }
    setMissing(false);
    void action.run(async () => {
      const result = await authorizedApi('POST', `/api/admin/applications/${encodeURIComponent(props.application.id)}/screening`, { outcome, reasons: outcome === 'accept' ? [] : lines });
      if (result.ok) props.onDecided(fill(t.decided[outcome], { title: props.title }));
      return result.ok ? undefined : result.error;
    }).then((ok) => ok || focus.refused());
  };
  const reasonError = missing ? t.reasonsRequired : errors['reasons'];
  return (
    <div ref={focus.ref} class="decision" role="group" aria-label={fill(t.decisionGroup, { title: props.title })}>
      <h3>{t.decisionHeading}</h3>
      <Field label={t.reasons} hint={t.reasonsHint} error={reasonError}>
        {(control) => <textarea {...control} maxLength={5000} value={reasons} onInput={(event) => setReasons(event.currentTarget.value)} />}
      </Field>
      {action.error && !errors['reasons'] ? <Alert message={errorText(action.error)} /> : null}
      <div class="actions">
        <button type="button" class="primary" disabled={action.running} onClick={() => decide('accept')}>
          {t.accept}
        </button>
        <button type="button" disabled={action.running} onClick={() => decide('return')}>
          {t.return}
        </button>
        <button type="button" class="danger" disabled={action.running} onClick={() => decide('ineligible')}>
          {t.ineligible}
        </button>
      </div>
    </div>
  );
}

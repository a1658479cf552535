/**
 * The portal view `application` (`/portal/applications/{id}`): an application of the
 * organisation — its status (and what it means), the staff's reasons when returned, the
 * automatic eligibility results, the form and the materials (editable as a draft or when
 * returned, read-only otherwise), `保存草稿` / `提交申报` / `撤回申报`, and the notice to download
 * once recognised. While the application waits on others the page refreshes its status itself.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { withdrawableStatuses, type ApplicationStatus } from '#shared/domain/application-status.js';
import { applicableMaterials, fileEditableStatuses } from '#shared/domain/evidence.js';
import { portalApplicationText as t, portalHomeText, portalRoundText } from '#functions/web/institution-messages.js';
import type { ViewProps } from '../app/shell.js';
import { Alert, beijingTime, StatusNote, useAction, useApi, WhenLoaded } from '../app/ui.js';
import { DownloadLink } from '../app/download-link.js';
import { fill, type ApiError } from '../page-runtime.js';
import { authorizedApi, downloadFile } from '../session.js';
import { ApplicationForm, FormSummary } from './application-form.js';
import { EligibilityResults } from './eligibility-results.js';
import { errorsByKey, formOf, inputsOf, type InputValues } from './form-values.js';
import { MaterialUpload } from './material-uploads.js';
import { Missing } from './missing.js';
import type { EvidenceItem, PortalApplication, PublishedProgram } from './portal-api.js';
import { ProgramRequirements } from './program-requirements.js';
import { ApplicationSteps } from './application-steps.js';
import { StatusBadge } from './status-badge.js';
import { programPath } from '../app/program-path.js';

/** Statuses in which the application waits on the workflow or staff: the page refreshes itself. */
const followedStatuses: readonly ApplicationStatus[] = ['submitted', 'screening'];
const followIntervalMs = 5000;

/** Refusals whose details name materials (the rest name form fields). */
const materialCodes = new Set(['MATERIALS_INCOMPLETE', 'EVIDENCE_NOT_VERIFIED', 'MATERIAL_UNKNOWN']);

const applicationPath = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

/** A refusal made in the page before anything is sent: the problems beside their fields. */
function formProblems(errors: Readonly<Record<string, string>>, message: string): ApiError | undefined {
  const details = Object.entries(errors).map(([path, detail]) => ({ path, message: detail }));
  return details.length > 0 ? { code: 'FORM_INVALID', message, details } : undefined;
}

function Workspace(props: { readonly application: PortalApplication; readonly program: PublishedProgram; readonly reload: () => void; readonly done: string | undefined; readonly onDone: (message: string | undefined) => void }): JSX.Element {
  const { application, program, reload, onDone: setDone } = props;
  const editable = fileEditableStatuses.includes(application.status);
  const [inputs, setInputs] = useState<InputValues>(() => inputsOf(program.form, application.form));
  const [evidence, setEvidence] = useState<readonly EvidenceItem[]>(application.evidence ?? []);
  const action = useAction();
  useEffect(() => setEvidence(application.evidence ?? []), [application.version]);
  // A refusal with problems beside fields: the first field marked takes the focus (the form is long).
  useEffect(() => {
    if (action.error && action.error.details.length > 0) document.querySelector<HTMLElement>('main [aria-invalid="true"]')?.focus();
  }, [action.error]);

  const error = action.error;
  const aboutMaterials = error !== undefined && materialCodes.has(error.code);
  const fieldErrors = aboutMaterials ? {} : errorsByKey(error);
  const materialErrors = aboutMaterials ? errorsByKey(error) : {};
  const draft = formOf(program.form, inputs, { complete: false });
  const materials = applicableMaterials(program, editable ? draft.form : application.form);
  const current = evidence.filter((item) => item.status !== 'removed');

  const save = async (): Promise<ApiError | undefined> => {
    const form = formOf(program.form, inputs, { complete: false });
    const problem = formProblems(form.errors, t.formIncomplete);
    if (problem) return problem;
    const saved = await authorizedApi('PATCH', applicationPath(application.id), { form: form.form });
    return saved.ok ? undefined : saved.error;
  };
  const run = (work: () => Promise<ApiError | undefined>, message: string) => {
    setDone(undefined);
    void action.run(work).then((ok) => {
      if (!ok) return;
      setDone(message);
      reload();
    });
  };
  const submit = () =>
    run(async () => {
      const problem = formProblems(formOf(program.form, inputs, { complete: true }).errors, t.formIncomplete);
      if (problem) return problem;
      const saved = await save();
      if (saved) return saved;
      const submitted = await authorizedApi('POST', `${applicationPath(application.id)}/submit`, {});
      return submitted.ok ? undefined : submitted.error;
    }, t.submitted);
  const withdraw = () => {
    if (!window.confirm(t.withdrawConfirm)) return;
    run(async () => {
      const withdrawn = await authorizedApi('POST', `${applicationPath(application.id)}/withdraw`, {});
      return withdrawn.ok ? undefined : withdrawn.error;
    }, t.withdrawn);
  };

  return (
    <>
      <section class="card" aria-labelledby="form-heading">
        <h2 id="form-heading">{editable ? t.form : t.formReadOnly}</h2>
        {editable ? (
          <ApplicationForm fields={program.form} inputs={inputs} errors={fieldErrors} onChange={(key, value) => setInputs((before) => ({ ...before, [key]: value }))} onSave={() => run(save, t.saved)} />
        ) : (
          <FormSummary fields={program.form} form={application.form} />
        )}
      </section>
      <section class="card" aria-labelledby="materials-heading">
        <h2 id="materials-heading">{t.materials}</h2>
        {editable ? <p class="hint">{t.materialsIntro}</p> : null}
        {materials.map((material) => (
          <MaterialUpload
            key={material.key}
            evidenceBase={`/api/applications/${encodeURIComponent(application.id)}/evidence`}
            material={material}
            items={current.filter((item) => item.materialKey === material.key)}
            editable={editable}
            error={materialErrors[material.key]}
            onEvidence={setEvidence}
          />
        ))}
      </section>
      <Alert message={error?.message} />
      <StatusNote message={props.done} />
      <div class="actions">
        {editable ? (
          <>
            <button type="button" disabled={action.running} onClick={() => run(save, t.saved)}>
              {t.save}
            </button>
            <button type="button" class="primary" disabled={action.running} onClick={submit}>
              {t.submit}
            </button>
          </>
        ) : null}
        {withdrawableStatuses.includes(application.status) ? (
          <button type="button" class="danger" disabled={action.running} onClick={withdraw}>
            {t.withdraw}
          </button>
        ) : null}
      </div>
    </>
  );
}

/**
 * What the application's status means in its round: the round's cancellation first, then the
 * status in the round's own procedure (publicity or none, the final decision by its name).
 */
function statusNote(application: PortalApplication): string {
  const procedure = application.procedure;
  if (procedure?.cancellation) return fill(t.roundCancelled, { at: beijingTime(procedure.cancellation.cancelledAt), reason: procedure.cancellation.reason });
  const decision = procedure?.approval.decisionTitle;
  if (decision && application.status === 'shortlisted') return fill(procedure.publicity ? t.shortlistedThenPublicity : t.shortlistedNoPublicity, { decision });
  if (decision && application.status === 'in_publicity') return fill(t.inPublicityThenDecision, { decision });
  return t.statusNotes[application.status];
}

function Overview(props: { readonly application: PortalApplication; readonly programName: string | undefined; readonly roundTitle: string | undefined }): JSX.Element {
  const { application } = props;
  const [download, setDownload] = useState<ApiError | undefined>(undefined);
  const reasons = application.status === 'returned' || application.status === 'ineligible' ? (application.screening?.reasons ?? []) : [];
  return (
    <section class="card" aria-label={t.status}>
      <ApplicationSteps status={application.status} />
      <dl class="facts">
        <dt>{t.status}</dt>
        <dd>
          <StatusBadge status={application.status} testId="application-status" />
        </dd>
        {props.programName ? (
          <>
            <dt>{t.program}</dt>
            <dd>{props.programName}</dd>
          </>
        ) : null}
        {props.roundTitle ? (
          <>
            <dt>{t.round}</dt>
            <dd>{props.roundTitle}</dd>
          </>
        ) : null}
        {application.submittedAt ? (
          <>
            <dt>{t.submittedAt}</dt>
            <dd>{beijingTime(application.submittedAt)}</dd>
          </>
        ) : null}
        <dt>{t.updatedAt}</dt>
        <dd>{beijingTime(application.updatedAt)}</dd>
        {application.result ? (
          <>
            <dt>{t.result}</dt>
            <dd>{[fill(t.rank, { rank: application.result.rank }), application.result.score === null ? '' : fill(t.score, { score: application.result.score })].filter(Boolean).join('，')}</dd>
          </>
        ) : null}
      </dl>
      <p>{statusNote(application)}</p>
      {reasons.length > 0 ? (
        <div class="notice warn">
          <h3>{application.status === 'returned' ? t.returnedReasons : t.ineligibleReasons}</h3>
          <ul>
            {reasons.map((reason, index) => (
              <li key={index}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {application.status === 'recognized' ? (
        <div class="actions">
          <button type="button" class="primary" onClick={() => void downloadFile(`/api/public/rounds/${encodeURIComponent(application.roundId)}/notice.pdf`, t.noticeFileName).then(setDownload)}>
            {t.downloadNotice}
          </button>
          <DownloadLink path={`/api/applications/${encodeURIComponent(application.id)}/certificate.pdf`} label={t.downloadCertificate} fileName={t.certificateFileName} />
        </div>
      ) : null}
      <Alert message={download?.message} />
    </section>
  );
}

function ApplicationPage(props: { readonly application: PortalApplication; readonly reload: () => void }): JSX.Element {
  const { application, reload } = props;
  const [program] = useApi<PublishedProgram>(programPath(application.programId, application.programVersion, application.unitId === undefined ? 'recognition' : 'evaluation'));
  const [list] = useApi<{ applications?: PortalApplication[] }>('/api/applications');
  // kept above the workspace, which starts afresh when the status changes (e.g. on 提交申报)
  const [done, setDone] = useState<string | undefined>(undefined);
  const listed = list.state === 'ok' ? (list.data.applications ?? []).find((item) => item.id === application.id) : undefined;
  useEffect(() => {
    if (!followedStatuses.includes(application.status)) return undefined;
    const timer = setInterval(() => {
      if (!document.hidden) reload();
    }, followIntervalMs);
    return () => clearInterval(timer);
  }, [application.status, reload]);
  return (
    <>
      <p>
        <a href="/portal">{t.back}</a>
      </p>
      <h1>{application.title || portalHomeText.untitled}</h1>
      <Overview application={application} programName={listed?.programName ?? (program.state === 'ok' ? program.data.name : undefined)} roundTitle={listed?.roundTitle} />
      {application.eligibility ? <EligibilityResults report={application.eligibility} /> : null}
      <WhenLoaded loaded={program}>
        {(data) => (
          <>
            <Workspace key={`${application.status}:${application.submissions}`} application={application} program={data} reload={reload} done={done} onDone={setDone} />
            <details class="card">
              <summary>{portalRoundText.requirementsSummary}</summary>
              <ProgramRequirements program={data} level={3} />
            </details>
          </>
        )}
      </WhenLoaded>
    </>
  );
}

/** The `application` page of the portal. */
export function View(props: ViewProps): JSX.Element {
  const [loaded, reload] = useApi<{ application?: PortalApplication }>(applicationPath(props.params['id'] ?? ''));
  if (loaded.state === 'error' && (loaded.error.code === 'NOT_FOUND' || loaded.error.code === 'FORBIDDEN')) {
    return <Missing title={t.notFoundTitle} message={t.notFound} />;
  }
  return (
    <WhenLoaded loaded={loaded}>
      {(data) => (data.application ? <ApplicationPage application={data.application} reload={reload} /> : <Missing title={t.notFoundTitle} message={t.notFound} />)}
    </WhenLoaded>
  );
}

/**
 * The round dashboard (`/console/rounds/{id}`): the round's status among its steps, key dates,
 * counts per application status, what it is waiting on and the next action (截止申报, 批准入围名单,
 * 最终审定 with the 文号 and the approving body named beside it, downloads), a failed workflow
 * step with 重试, and 取消批次 with its reason until the results are decided.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { applicationStatusLabels } from '#shared/domain/status-labels.js';
import { roundStatusLabel, roundStatuses, type RoundStatus } from '#shared/domain/round.js';
import { roundDashboardText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { DownloadLink } from '../app/download-link.js';
import { Alert, beijingTime, errorText, Field, fieldErrors, useAction, useApi, WhenLoaded } from '../app/ui.js';
import { fill, type ApiError } from '../page-runtime.js';
import { authorizedApi } from '../session.js';
import { isLateTask, nextStep, tallyReviews, type NextStep, type RoundSummary } from './round-next-step.js';
import { NotRecommendedWarning, type RankingLine } from './ranking-table.js';
import { RoundHeader } from './round-header.js';

/** The round as `GET /api/admin/rounds/{id}` gives it (the fields this page shows). */
interface StaffRound extends RoundSummary {
  readonly id: string;
  readonly status: RoundStatus;
  readonly title: string;
  readonly programId: string;
  readonly year: number;
  readonly intakeOpensAt: string;
  readonly intakeClosedAt?: string;
  readonly failure?: { readonly stepLabel: string; readonly reason: string; readonly at: string };
  readonly statusLabel?: string;
}

/** The final decision's name of a round read without it (older data). */
const unnamedApproval = { body: '', decisionTitle: t.finalApproval };

/** The review progress as `GET /api/admin/rounds/{id}/progress` gives it (the fields this page shows). */
interface Progress {
  readonly applications: readonly {
    readonly applicationId: string;
    readonly applicant: string;
    readonly title: string;
    readonly tasks: readonly { readonly taskId: string; readonly expertName: string; readonly organization: string; readonly status: string; readonly dueAt: string; readonly remindersSent: number; readonly overdue: boolean; readonly replacedBy?: string }[];
  }[];
}

/** Statuses whose round has review tasks; statuses whose round may have objections. */
const reviewed: readonly string[] = ['in_review', 'awaiting_shortlist_approval', 'in_publicity', 'awaiting_final_approval', 'published'];
const publicized: readonly string[] = ['in_publicity', 'awaiting_final_approval', 'published'];
/** How often the page looks again while the workflow works on its own. */
const pollMs = 2000;

/** The `round` page of the console. */
export function View(props: ViewProps): JSX.Element {
  const id = props.params['id'] ?? '';
  const path = `/api/admin/rounds/${encodeURIComponent(id)}`;
  const [round, reloadRound] = useApi<{ round: StaffRound }>(path);
  const status = round.state === 'ok' ? round.data.round.status : undefined;
  const [program] = useApi<{ name: string }>(round.state === 'ok' ? `/api/programs/${encodeURIComponent(round.data.round.programId)}` : undefined);
  const [progress, reloadProgress] = useApi<Progress>(status && reviewed.includes(status) ? `${path}/progress` : undefined);
  const [objections, reloadObjections] = useApi<{ objections: { status: string }[] }>(status && publicized.includes(status) ? `${path}/objections` : undefined);
  const reload = () => {
    reloadRound();
    reloadProgress();
    reloadObjections();
  };
  return (
    <WhenLoaded loaded={round}>
        {({ round: data }) => {
          const tasks = progress.state === 'ok' ? progress.data.applications.flatMap((application) => application.tasks) : [];
          const reviews = progress.state === 'ok' ? tallyReviews(tasks) : undefined;
          const openObjections = objections.state === 'ok' ? objections.data.objections.filter((item) => item.status === 'open').length : undefined;
          const step = nextStep(data, { now: new Date(), reviews, openObjections });
          const reviewDeadline = latest(tasks.map((task) => task.dueAt));
          return (
            <>
              <RoundHeader round={data} heading={t.heading} current="round" />
              <p class="lede">
                {program.state === 'ok' ? `${t.program}：${program.data.name} · ` : ''}
                {data.year}
                {t.year}
              </p>
              {data.failure ? <FailurePanel path={path} failure={data.failure} onDone={reload} /> : null}
              <NextStepPanel path={path} round={data} step={step} onDone={reload} />
              {data.status === 'in_review' && progress.state === 'ok' ? <LateReviews progress={progress.data} /> : null}
              {step.waitingOn === 'system' ? <Poll reload={reload} /> : null}
              <StepIndicator round={data} />
              <div class="grid2">
                <section class="card" aria-labelledby="dates-heading">
                  <h2 id="dates-heading">{t.datesHeading}</h2>
                  <dl class="facts">
                    <dt>{t.intakeWindow}</dt>
                    <dd>{fill(t.range, { from: beijingTime(data.intakeOpensAt), to: beijingTime(data.intakeClosesAt) })}</dd>
                    {data.intakeClosedAt ? (
                      <>
                        <dt>{t.intakeClosedAt}</dt>
                        <dd>{beijingTime(data.intakeClosedAt)}</dd>
                      </>
                    ) : null}
                    <dt>{t.reviewDeadline}</dt>
                    <dd>{reviewDeadline ? beijingTime(reviewDeadline) : t.notYet}</dd>
                    <dt>{t.publicityWindow}</dt>
                    <dd>
                      {data.publicity
                        ? fill(t.range, { from: beijingTime(data.publicity.startsAt), to: beijingTime(data.publicity.endsAt) })
                        : data.publicityWorkingDays === 0
                          ? t.noPublicity
                          : t.notYet}
                    </dd>
                  </dl>
                </section>
                <Counts counts={data.counts} />
              </div>
              {cancellable.includes(data.status) && !data.finalDecision ? <CancelRound path={path} onDone={reload} /> : null}
            </>
          );
        }}
    </WhenLoaded>
  );
}

/** The latest of ISO times, if any. */
function latest(times: readonly string[]): string | undefined {
  return times.reduce<string | undefined>((max, time) => (max === undefined || Date.parse(time) > Date.parse(max) ? time : max), undefined);
}

/** Reloads the round every {@link pollMs} while it is shown (the workflow moves the round on by itself). */
function Poll(props: { readonly reload: () => void }): null {
  const { reload } = props;
  useEffect(() => {
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [reload]);
  return null;
}

/** The round's statuses in order (without publicity where it holds none), the current one marked, in the program's words. */
function StepIndicator(props: { readonly round: StaffRound }): JSX.Element {
  const { round } = props;
  const steps = roundStatuses.filter((status) => status !== 'cancelled' && (status !== 'in_publicity' || round.publicityWorkingDays !== 0));
  const current = steps.indexOf(round.status);
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading" class="visually-hidden">
        {t.statusHeading}
      </h2>
      <ol class="steps round-steps">
        {steps.map((status, index) => (
          <li key={status} class={current >= 0 && index < current ? 'done' : undefined} aria-current={index === current ? 'step' : undefined}>
            {roundStatusLabel(status, round.approval ?? unnamedApproval)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Counts per application status (those with any). */
function Counts(props: { readonly counts: Readonly<Record<string, number>> }): JSX.Element {
  const rows = Object.entries(applicationStatusLabels).filter(([status]) => (props.counts[status] ?? 0) > 0);
  const total = rows.reduce((sum, [status]) => sum + (props.counts[status] ?? 0), 0);
  return (
    <section class="card" aria-labelledby="counts-heading">
      <h2 id="counts-heading">
        {t.countsHeading}
        <span class="counter">{fill(t.countsTotal, { n: total })}</span>
      </h2>
      {rows.length === 0 ? (
        <p>{t.noApplications}</p>
      ) : (
        <ul class="counts">
          {rows.map(([status, label]) => (
            <li key={status}>
              <span>{label}</span>
              <strong>{props.counts[status]}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The reviews still open past their due time, highlighted, with the application and the expert by name. */
function LateReviews(props: { readonly progress: Progress }): JSX.Element | null {
  const late = props.progress.applications.flatMap((application) => application.tasks.filter(isLateTask).map((task) => ({ application, task })));
  if (late.length === 0) return null;
  return (
    <section class="card" aria-labelledby="late-heading">
      <h2 id="late-heading">
        {t.lateHeading}
        <span class="counter">{fill(t.lateCount, { n: late.length })}</span>
      </h2>
      <p class="hint">{t.lateHint}</p>
      <DataTable headings={[t.lateColumns.application, t.lateColumns.expert, t.lateColumns.dueAt, t.lateColumns.reminders]}>
            {late.map(({ application, task }) => (
              <tr key={task.taskId} class="overdue">
                <td>
                  {application.title}
                  <div class="hint">{application.applicant}</div>
                </td>
                <td>
                  {task.expertName}
                  <div class="hint">{task.organization}</div>
                </td>
                <td>
                  <span class="badge bad">{t.overdue}</span> {beijingTime(task.dueAt)}
                  <div class="hint">{(t.taskStatus as Readonly<Record<string, string>>)[task.status] ?? task.status}</div>
                </td>
                <td>{task.remindersSent}</td>
              </tr>
            ))}
      </DataTable>
    </section>
  );
}

/** A failed workflow step, prominently, with 重试. */
function FailurePanel(props: { readonly path: string; readonly failure: NonNullable<StaffRound['failure']>; readonly onDone: () => void }): JSX.Element {
  const action = useAction();
  const retry = () =>
    void action.run(async () => {
      const result = await authorizedApi('POST', `${props.path}/retry`, {});
      if (result.ok) props.onDone();
      return result.ok ? undefined : result.error;
    });
  return (
    <section class="notice error failure" role="alert" aria-labelledby="failure-heading">
      <h2 id="failure-heading">{fill(t.failureHeading, { step: props.failure.stepLabel })}</h2>
      <p>{props.failure.reason}</p>
      <p class="hint">{fill(t.failureAt, { at: beijingTime(props.failure.at) })}</p>
      {action.error ? <p class="field-error">{errorText(action.error)}</p> : null}
      <button type="button" class="primary" disabled={action.running} onClick={retry}>
        {t.retry}
      </button>
    </section>
  );
}

/** What the round waits on, and the controls of the next action. */
function NextStepPanel(props: { readonly path: string; readonly round: StaffRound; readonly step: NextStep; readonly onDone: () => void }): JSX.Element {
  const { step } = props;
  return (
    <section class="card next-step" aria-labelledby="next-heading">
      <h2 id="next-heading">{t.nextHeading}</h2>
      <p class="waiting">
        {t.waitingOnLabel}：<strong>{t.waitingOn[step.waitingOn]}</strong>
      </p>
      <p class="next-text">{step.text}</p>
      <NextAction {...props} />
    </section>
  );
}

/**
 * A button whose action is confirmed first with the browser's own dialog (as every confirmation
 * of the product asks: the review page, the portal's withdrawal, the ranking and objection pages);
 * disabled while it runs, its refusal shown beside it.
 */
function ConfirmedButton(props: { readonly label: string; readonly confirm: string; readonly run: () => Promise<ApiError | undefined> }): JSX.Element {
  const action = useAction();
  return (
    <>
      <button type="button" class="primary" disabled={action.running} onClick={() => window.confirm(props.confirm) && void action.run(props.run)}>
        {props.label}
      </button>
      <Alert message={action.error ? errorText(action.error) : undefined} />
    </>
  );
}

/** The next actions that are links to another page of the round: the path under the round, the label, whether it is the primary action. */
const linkActions = {
  screen: { suffix: '/applications', label: t.goScreening, primary: true },
  reviews: { suffix: '/reviews', label: t.goReviews, primary: false },
  objections: { suffix: '/objections', label: t.goObjections, primary: true },
} as const;

function RoundLink(props: { readonly href: string; readonly label: string; readonly primary: boolean }): JSX.Element {
  return (
    <a class={props.primary ? 'button primary' : 'button'} href={props.href}>
      {props.label}
    </a>
  );
}

/** The proposed shortlist's warning of the ranking page (applications every expert advised against), read from the ranking. */
function ProposedShortlistWarning(props: { readonly path: string; readonly proposed: readonly string[] }): JSX.Element | null {
  const [ranking] = useApi<{ ranking: readonly RankingLine[] }>(`${props.path}/ranking`);
  return ranking.state === 'ok' ? <NotRecommendedWarning lines={ranking.data.ranking} proposed={new Set(props.proposed)} /> : null;
}

function NextAction(props: { readonly path: string; readonly round: StaffRound; readonly step: NextStep; readonly onDone: () => void }): JSX.Element | null {
  const { path, round, onDone } = props;
  const action = props.step.action;
  const page = `/console/rounds/${encodeURIComponent(round.id)}`;
  /** Posts `body` under the round; reloads it when accepted, else resolves to the refusal. */
  const post = async (suffix: string, body: unknown): Promise<ApiError | undefined> => {
    const result = await authorizedApi('POST', path + suffix, body);
    if (result.ok) onDone();
    return result.ok ? undefined : result.error;
  };
  if (action === undefined || action === 'retry') return null;
  if (action === 'final_approval') return <FinalApproval path={path} approval={round.approval} onDone={onDone} />;
  if (action === 'screen' || action === 'reviews' || action === 'objections') {
    const link = linkActions[action];
    return (
      <div class="actions">
        <RoundLink href={page + link.suffix} label={link.label} primary={link.primary} />
      </div>
    );
  }
  return (
    <>
      {action === 'approve_shortlist' ? <ProposedShortlistWarning path={path} proposed={round.proposedShortlist ?? []} /> : null}
      <div class="actions">
        {action === 'close_intake' ? <ConfirmedButton label={t.closeIntake} confirm={t.closeIntakeConfirm} run={() => post('/close-intake', undefined)} /> : null}
        {action === 'approve_shortlist' ? (
          <>
            <ConfirmedButton label={t.approveShortlist} confirm={fill(t.approveShortlistConfirm, { n: round.proposedShortlist?.length ?? 0 })} run={() => post('/shortlist', { approve: true })} />
            <RoundLink href={`${page}/ranking`} label={t.adjustShortlist} primary={false} />
          </>
        ) : null}
        {action === 'downloads' ? (
          <>
            <DownloadLink path={`${path}/notice.pdf`} label={t.downloadNotice} fileName={t.noticeFile} />
            <DownloadLink path={`${path}/certificates.zip`} label={t.downloadCertificates} fileName={t.certificatesFile} />
            <DownloadLink path={`${path}/export.xlsx`} label={t.exportExcel} fileName={t.exportFile} />
          </>
        ) : null}
      </div>
    </>
  );
}

/** 最终审定 with the 文号 and the approving body named beside it; the API's objections to the number are shown beside it. */
function FinalApproval(props: { readonly path: string; readonly approval: StaffRound['approval']; readonly onDone: () => void }): JSX.Element {
  const action = useAction();
  const [number, setNumber] = useState('');
  const errors = fieldErrors(action.error);
  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const result = await authorizedApi('POST', `${props.path}/final-approval`, { approve: true, noticeNumber: number.trim() });
      if (result.ok) props.onDone();
      return result.ok ? undefined : result.error;
    });
  };
  return (
    <form class="final-approval" onSubmit={submit} noValidate>
      <Field label={t.noticeNumber} hint={fill(t.noticeNumberHint, { example: t.noticeNumberExample })} error={errors['noticeNumber']} required>
        {(control) => <input {...control} type="text" maxLength={100} value={number} onInput={(event) => setNumber(event.currentTarget.value)} />}
      </Field>
      {action.error && !errors['noticeNumber'] ? <Alert message={errorText(action.error)} /> : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={action.running} aria-describedby={props.approval ? approvalId : undefined}>
          {t.finalApproval}
        </button>
        {props.approval ? (
          <span class="hint" id={approvalId}>
            {fill(t.approvingBody, { decision: props.approval.decisionTitle, body: props.approval.body })}
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** The id of the approving body's name beside 最终审定 (one final approval form per page). */
const approvalId = 'final-approval-body';

/** Statuses a round can be cancelled in (until its final decision is taken). */
const cancellable: readonly string[] = roundStatuses.filter((status) => status !== 'published' && status !== 'cancelled');

/** 取消批次 with the reason (取消原因), confirmed with the browser's dialog; applicants are told by mail. */
function CancelRound(props: { readonly path: string; readonly onDone: () => void }): JSX.Element {
  const action = useAction();
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const errors = fieldErrors(action.error);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) return setLocalError(t.cancelReasonRequired);
    setLocalError(undefined);
    if (!window.confirm(t.cancelConfirm)) return;
    void action.run(async () => {
      const result = await authorizedApi('POST', `${props.path}/cancel`, { reason: reason.trim() });
      if (result.ok) props.onDone();
      return result.ok ? undefined : result.error;
    });
  };
  return (
    <section class="card" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t.cancelHeading}</h2>
      <p class="hint">{t.cancelHint}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t.cancelReason} error={localError ?? errors['reason']} required>
          {(control) => <textarea {...control} maxLength={500} rows={3} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
        </Field>
        {action.error && !errors['reason'] ? <Alert message={errorText(action.error)} /> : null}
        <div class="actions">
          <button type="submit" class="danger" disabled={action.running}>
            {t.cancelRound}
          </button>
        </div>
      </form>
    </section>
  );
}

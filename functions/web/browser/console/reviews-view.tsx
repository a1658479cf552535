/**
 * Review progress of a round (`/console/rounds/{id}/reviews`): per application its review tasks
 * with the expert, status, due time and reminders (overdue ones highlighted), a 改派 button per
 * open task; per expert how many tasks they were given, submitted and let run late; and on
 * request the round's recusals (查看回避情况).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Expert } from '#shared/domain/expert.js';
import type { ApplicationProgress, ExpertProgress, ReviewProgress, TaskProgress } from '#shared/domain/review-progress.js';
import { isOpenTask } from '#shared/domain/review-task.js';
import type { Round } from '#shared/domain/round.js';
import type { RecusalEntry } from '#shared/domain/round-recusals.js';
import { reviewsText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { beijingTime, StatusNote, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { ReassignForm, type Candidate } from './reassign-form.js';
import { RecusalsPanel } from './recusals-panel.js';
import { RoundHeader } from './round-header.js';
import { isLateTask, tallyReviews } from './round-next-step.js';

/**
 * Pool experts who may take over a task of `application`: not on it already and not recused from
 * it (`recused`: the pairs of `GET …/recusals`, the assignment's own rules); the API still checks
 * their capacity in the round.
 */
function candidatesFor(application: ApplicationProgress, pool: readonly Expert[], recused: ReadonlySet<string>): Candidate[] {
  const onApplication = new Set(application.tasks.map((task) => task.expertId));
  return pool.filter((expert) => !onApplication.has(expert.id) && !recused.has(pairKey(application.applicationId, expert.id)));
}

/** The key of an (application, expert) pair. */
function pairKey(applicationId: string, expertId: string): string {
  return `${applicationId} ${expertId}`;
}

function ApplicationTasks(props: {
  readonly application: ApplicationProgress;
  readonly pool: readonly Expert[];
  readonly recused: ReadonlySet<string>;
  readonly onReassigned: (name: string) => void;
}): JSX.Element {
  const { application } = props;
  const [reassigning, setReassigning] = useState<TaskProgress | undefined>(undefined);
  return (
    <section class="card" aria-labelledby={`app-${application.applicationId}`}>
      <h2 id={`app-${application.applicationId}`}>
        {application.title}
        <span class="hint"> · {application.applicant}</span>
      </h2>
      {application.validReviews === undefined || application.required === undefined ? null : (
        <p class="hint">{fill(t.validReviews, { valid: application.validReviews, required: application.required })}</p>
      )}
      <DataTable headings={Object.values(t.taskColumns)}>
        {application.tasks.map((task) => {
          const nameId = `expert-${task.taskId}`;
          return (
            <tr key={task.taskId} class={isLateTask(task) ? 'overdue' : undefined}>
              <td id={nameId}>
                {task.expertName}
                {task.organization ? <span class="hint">（{task.organization}）</span> : null}
              </td>
              <td>
                {t.taskStatuses[task.status] ?? task.status}
                {isLateTask(task) ? (
                  <>
                    {' '}
                    <span class="badge bad">{t.overdue}</span>
                  </>
                ) : null}
                {task.reassignReason ? <p class="hint">{fill(t.reassignReason, { reason: task.reassignReason })}</p> : null}
              </td>
              <td>{beijingTime(task.dueAt)}</td>
              <td>{fill(t.times, { count: task.remindersSent })}</td>
              <td>
                {isOpenTask(task) ? (
                  <button type="button" aria-describedby={nameId} aria-expanded={reassigning?.taskId === task.taskId} onClick={() => setReassigning(task)}>
                    {t.reassign}
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
      {reassigning ? (
        <ReassignForm
          key={reassigning.taskId}
          task={reassigning}
          candidates={candidatesFor(application, props.pool, props.recused)}
          onDone={(name) => {
            setReassigning(undefined);
            props.onReassigned(name);
          }}
          onCancel={() => setReassigning(undefined)}
        />
      ) : null}
    </section>
  );
}

function ExpertCounts(props: { readonly experts: readonly ExpertProgress[] }): JSX.Element {
  if (props.experts.length === 0) return <p>{t.noExperts}</p>;
  return (
    <DataTable headings={Object.values(t.expertColumns)}>
      {props.experts.map((expert) => (
        <tr key={expert.expertId} class={expert.overdue > 0 ? 'overdue' : undefined}>
          <td>{expert.name}</td>
          <td>{expert.assigned}</td>
          <td>{expert.open}</td>
          <td>{expert.submitted}</td>
          <td>{expert.overdue > 0 ? <span class="badge bad">{expert.overdue}</span> : 0}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The `reviews` page of the console. */
export function View(props: ViewProps): JSX.Element {
  const roundId = props.params['id'] ?? '';
  const base = `/api/admin/rounds/${encodeURIComponent(roundId)}`;
  const [round] = useApi<{ round: Round }>(base);
  const [progress, reload] = useApi<ReviewProgress>(`${base}/progress`);
  const [pool] = useApi<{ experts: readonly Expert[] }>('/api/admin/experts');
  const [reassigned, setReassigned] = useState<string | undefined>(undefined);
  const [recusals] = useApi<{ recusals: readonly RecusalEntry[] }>(`${base}/recusals`);
  const experts = pool.state === 'ok' ? pool.data.experts : [];
  const recused = new Set(recusals.state === 'ok' ? recusals.data.recusals.map((row) => pairKey(row.applicationId, row.expertId)) : []);
  return (
    <>
      <WhenLoaded loaded={round}>{(data) => <RoundHeader round={data.round} heading={t.heading} current="reviews" />}</WhenLoaded>
      <StatusNote message={reassigned ? fill(t.reassigned, { name: reassigned }) : undefined} />
      {/* the 改派 choices leave out recused experts: shown once the recusals are known too (without them if they fail to load; the API refuses them anyway) */}
      <WhenLoaded loaded={recusals.state === 'loading' ? recusals : progress}>
        {(data) => {
          const overdue = tallyReviews(data.applications.flatMap((application) => application.tasks)).overdue;
          return (
            <>
              {overdue > 0 ? <p class="notice warn">{fill(t.overdueCount, { count: overdue })}</p> : null}
              <h2>{t.byApplication}</h2>
              {data.applications.length === 0 ? <p class="card">{t.noApplications}</p> : null}
              {data.applications.map((application) => (
                <ApplicationTasks
                  key={application.applicationId}
                  application={application}
                  pool={experts}
                  recused={recused}
                  onReassigned={(name) => {
                    setReassigned(name);
                    reload();
                  }}
                />
              ))}
              <section class="card" aria-labelledby="by-expert">
                <h2 id="by-expert">{t.byExpert}</h2>
                <ExpertCounts experts={data.experts} />
              </section>
              <RecusalsPanel recusals={recusals} />
            </>
          );
        }}
      </WhenLoaded>
    </>
  );
}

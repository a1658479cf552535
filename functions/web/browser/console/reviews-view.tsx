/**
 * Review progress of a round (`/console/rounds/{id}/reviews`): per application its review tasks
 * with the expert, status, due time and reminders (overdue ones highlighted), a 改派 button per
 * open task; per expert how many tasks they were given, submitted and let run late.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Expert } from '../../../../shared/domain/expert.js';
import { reviewsText as t } from '../../staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { beijingTime, StatusNote, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { ReassignForm, type Candidate } from './reassign-form.js';
import { RoundTabs } from './round-tabs.js';

/** A review task as `GET /api/admin/rounds/{id}/progress` lists it. */
interface TaskEntry {
  readonly taskId: string;
  readonly expertId: string;
  readonly expertName: string;
  readonly status: string;
  readonly dueAt: string;
  readonly remindersSent: number;
  readonly overdue?: boolean;
}

interface ApplicationEntry {
  readonly applicationId: string;
  readonly applicant: string;
  readonly title: string;
  readonly validReviews?: number;
  readonly required?: number;
  readonly tasks: readonly TaskEntry[];
}

interface ExpertEntry {
  readonly expertId: string;
  readonly name: string;
  readonly assigned: number;
  readonly submitted: number;
  readonly overdue: number;
}

interface Progress {
  readonly applications: readonly ApplicationEntry[];
  readonly experts: readonly ExpertEntry[];
}

const openStatuses: ReadonlySet<string> = new Set(['invited', 'accepted']);

/** Whether a task missed its due time: as the API says, else open past its due time. */
function isOverdue(task: TaskEntry, now: number): boolean {
  return task.overdue ?? (openStatuses.has(task.status) && Date.parse(task.dueAt) <= now);
}

/** Pool experts who may take over a task of `application`: not on it already, no declared conflict, not of the applicant. */
function candidatesFor(application: ApplicationEntry, pool: readonly Expert[]): Candidate[] {
  const onApplication = new Set(application.tasks.map((task) => task.expertId));
  return pool.filter(
    (expert) => !onApplication.has(expert.id) && expert.organization !== application.applicant && !expert.conflicts.includes(application.applicant),
  );
}

function ApplicationTasks(props: { readonly application: ApplicationEntry; readonly pool: readonly Expert[]; readonly onReassigned: (name: string) => void }): JSX.Element {
  const { application } = props;
  const [reassigning, setReassigning] = useState<TaskEntry | undefined>(undefined);
  const now = Date.now();
  return (
    <section class="card" aria-labelledby={`app-${application.applicationId}`}>
      <h2 id={`app-${application.applicationId}`}>
        {application.title}
        <span class="hint"> · {application.applicant}</span>
      </h2>
      {application.validReviews === undefined || application.required === undefined ? null : (
        <p class="hint">{fill(t.validReviews, { valid: application.validReviews, required: application.required })}</p>
      )}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              {Object.values(t.taskColumns).map((label) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {application.tasks.map((task) => {
              const overdue = isOverdue(task, now);
              const nameId = `expert-${task.taskId}`;
              return (
                <tr key={task.taskId} class={overdue ? 'overdue' : undefined}>
                  <td id={nameId}>{task.expertName}</td>
                  <td>
                    {t.taskStatuses[task.status] ?? task.status}
                    {overdue ? (
                      <>
                        {' '}
                        <span class="badge bad">{t.overdue}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{beijingTime(task.dueAt)}</td>
                  <td>{fill(t.times, { count: task.remindersSent })}</td>
                  <td>
                    {openStatuses.has(task.status) ? (
                      <button type="button" aria-describedby={nameId} aria-expanded={reassigning?.taskId === task.taskId} onClick={() => setReassigning(task)}>
                        {t.reassign}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {reassigning ? (
        <ReassignForm
          key={reassigning.taskId}
          task={reassigning}
          candidates={candidatesFor(application, props.pool)}
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

function ExpertCounts(props: { readonly experts: readonly ExpertEntry[] }): JSX.Element {
  if (props.experts.length === 0) return <p>{t.noExperts}</p>;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            {Object.values(t.expertColumns).map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.experts.map((expert) => (
            <tr key={expert.expertId} class={expert.overdue > 0 ? 'overdue' : undefined}>
              <td>{expert.name}</td>
              <td>{expert.assigned}</td>
              <td>{expert.submitted}</td>
              <td>{expert.overdue > 0 ? <span class="badge bad">{expert.overdue}</span> : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The `reviews` page of the console. */
export function View(props: ViewProps): JSX.Element {
  const roundId = props.params['id'] ?? '';
  const base = `/api/admin/rounds/${encodeURIComponent(roundId)}`;
  const [round] = useApi<{ round: { title: string } }>(base);
  const [progress, reload] = useApi<Progress>(`${base}/progress`);
  const [pool] = useApi<{ experts: readonly Expert[] }>('/api/admin/experts');
  const [reassigned, setReassigned] = useState<string | undefined>(undefined);
  const experts = pool.state === 'ok' ? pool.data.experts : [];
  return (
    <>
      <h1>
        {t.heading}
        {round.state === 'ok' ? <span class="hint"> · {round.data.round.title}</span> : null}
      </h1>
      <RoundTabs roundId={roundId} current="reviews" />
      <StatusNote message={reassigned ? fill(t.reassigned, { name: reassigned }) : undefined} />
      <WhenLoaded loaded={progress}>
        {(data) => {
          const overdue = data.applications.reduce((sum, application) => sum + application.tasks.filter((task) => isOverdue(task, Date.now())).length, 0);
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
            </>
          );
        }}
      </WhenLoaded>
    </>
  );
}

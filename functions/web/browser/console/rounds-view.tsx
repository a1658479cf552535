/**
 * The rounds list (`/console`): each round with its program, year, status, intake window and
 * its applications counted per status, a failed workflow step flagged; `新建批次` opens the
 * form that creates one, `发起周期评估` the form that opens a cycle evaluation of recognised units.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { roundStatusLabels, type RoundStatus } from '#shared/domain/round.js';
import type { ReviewProgress } from '#shared/domain/review-progress.js';
import { applicationStatusLabel } from '#shared/domain/status-labels.js';
import { roundsText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { Badges, DataTable } from '../app/data-table.js';
import { beijingTime, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { tallyReviews } from './round-next-step.js';
import { RoundForm, type ProgramSummary } from './round-form.js';
import { EvaluationForm } from './evaluation-form.js';
import { evaluationText } from '#functions/web/evaluation-messages.js';

/** A round as `GET /api/admin/rounds` lists it. */
interface RoundEntry {
  readonly id: string;
  readonly programId: string;
  readonly title: string;
  readonly year: number;
  readonly status: RoundStatus;
  /** The status in the program's words (e.g. 待领导小组审定). */
  readonly statusLabel?: string;
  readonly intakeOpensAt: string;
  readonly intakeClosesAt: string;
  readonly createdAt: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly failure?: { readonly stepLabel: string; readonly reason: string };
}

/** The application counts of a round, e.g. 已提交 3, for the statuses that have any. */
function countLabels(counts: RoundEntry['counts']): string[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${applicationStatusLabel(status)} ${count}`);
}

/** A badge counting the round's overdue reviews (asked only of rounds in review); nothing when none are. */
function OverdueReviews(props: { readonly roundId: string }): JSX.Element | null {
  const [progress] = useApi<ReviewProgress>(`/api/admin/rounds/${encodeURIComponent(props.roundId)}/progress`);
  const overdue = progress.state === 'ok' ? tallyReviews(progress.data.applications.flatMap((application) => application.tasks)).overdue : 0;
  if (overdue === 0) return null;
  return (
    <p class="hint">
      <a class="badge warn" href={`/console/rounds/${encodeURIComponent(props.roundId)}/reviews`}>
        {fill(t.overdueReviews, { count: overdue })}
      </a>
    </p>
  );
}

function RoundRow(props: { readonly round: RoundEntry; readonly programName: string }): JSX.Element {
  const { round } = props;
  return (
    <tr class={round.failure ? 'overdue' : undefined}>
      <td>
        <a href={`/console/rounds/${encodeURIComponent(round.id)}`}>{round.title}</a>
        {round.failure ? (
          <p class="hint">
            <span class="badge bad">{fill(t.failedStep, { step: round.failure.stepLabel })}</span> {round.failure.reason}
          </p>
        ) : null}
        {round.status === 'in_review' ? <OverdueReviews roundId={round.id} /> : null}
      </td>
      <td>{props.programName}</td>
      <td>{round.year}</td>
      <td>
        <span class="badge">{round.statusLabel ?? roundStatusLabels[round.status] ?? round.status}</span>
      </td>
      <td>
        <span class="nowrap">{beijingTime(round.intakeOpensAt)}</span> {t.intakeTo} <span class="nowrap">{beijingTime(round.intakeClosesAt)}</span>
      </td>
      <td>
        <Badges items={countLabels(round.counts)} empty={t.noApplications} />
      </td>
    </tr>
  );
}

/** The `rounds` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  const [rounds] = useApi<{ rounds: readonly RoundEntry[] }>('/api/admin/rounds');
  const [programs] = useApi<{ programs: readonly ProgramSummary[] }>('/api/programs');
  const [creating, setCreating] = useState(false);
  const [evaluating, setEvaluating] = useState(false);
  const programList = programs.state === 'ok' ? programs.data.programs : [];
  const programName = (id: string) => programList.find((program) => program.id === id)?.name ?? '';
  return (
    <>
      <div class="toolbar heading">
        <h1>{t.heading}</h1>
        {creating ? null : (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            {t.newRound}
          </button>
        )}
        {evaluating ? null : (
          <button type="button" onClick={() => setEvaluating(true)}>
            {evaluationText.start}
          </button>
        )}
      </div>
      <p class="hint intro">{t.intro}</p>
      {creating ? <RoundForm programs={programList} onCancel={() => setCreating(false)} /> : null}
      {evaluating ? <EvaluationForm programs={programList} onCancel={() => setEvaluating(false)} /> : null}
      <WhenLoaded loaded={rounds}>
        {(data) =>
          data.rounds.length === 0 ? (
            <p class="card">{t.empty}</p>
          ) : (
            <DataTable headings={Object.values(t.columns)}>
              {[...data.rounds]
                .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                .map((round) => (
                  <RoundRow key={round.id} round={round} programName={programName(round.programId)} />
                ))}
            </DataTable>
          )
        }
      </WhenLoaded>
    </>
  );
}

/**
 * The portal view `home` (`/portal`): the rounds open for intake — each with its title linking
 * to what it asks, its intake window and `开始申报` — and the organisation's applications with
 * their status, round and last change.
 */
import type { JSX } from 'preact';
import { applicationStatusLabels } from '#shared/domain/status-labels.js';
import { portalHomeText as t } from '#functions/web/institution-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { beijingTime, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { applicationInRound, type OpenRound, type PortalApplication } from './portal-api.js';
import { StartButton } from './start-button.js';
import { StatusBadge } from './status-badge.js';

function RoundCard(props: { readonly round: OpenRound; readonly applications: readonly PortalApplication[] }): JSX.Element {
  const { round } = props;
  const existing = applicationInRound(props.applications, round.id);
  const titleId = `round-${round.id}`;
  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <a href={`/portal/rounds/${encodeURIComponent(round.id)}`}>{round.title}</a>
      </h3>
      <dl class="facts">
        <dt>{t.program}</dt>
        <dd>{round.programName}</dd>
        <dt>{t.year}</dt>
        <dd>{round.year}</dd>
        <dt>{t.intake}</dt>
        <dd>{fill(t.intakeRange, { opens: beijingTime(round.intakeOpensAt), closes: beijingTime(round.intakeClosesAt) })}</dd>
      </dl>
      {existing ? <p class="hint">{fill(t.existing, { title: existing.title || t.untitled, status: applicationStatusLabels[existing.status] })}</p> : null}
      <div class="actions">
        <StartButton roundId={round.id} describedBy={titleId} />
        <a class="button-link" href={`/portal/rounds/${encodeURIComponent(round.id)}`}>
          {t.viewRequirements}
        </a>
      </div>
    </article>
  );
}

function Applications(props: { readonly applications: readonly PortalApplication[] }): JSX.Element {
  if (props.applications.length === 0) return <p>{t.noApplications}</p>;
  const newestFirst = [...props.applications].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <DataTable headings={[t.columns.title, t.columns.round, t.columns.status, t.columns.updatedAt]}>
      {newestFirst.map((application) => (
        <tr key={application.id}>
          <td>
            <a href={`/portal/applications/${encodeURIComponent(application.id)}`}>{application.title || t.untitled}</a>
          </td>
          <td>{application.roundTitle ?? ''}</td>
          <td>
            <StatusBadge status={application.status} />
          </td>
          <td>{beijingTime(application.updatedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The `home` page of the portal. */
export function View(_props: ViewProps): JSX.Element {
  const [rounds] = useApi<{ rounds?: OpenRound[] }>('/api/rounds');
  const [applications] = useApi<{ applications?: PortalApplication[] }>('/api/applications');
  const mine = applications.state === 'ok' ? (applications.data.applications ?? []) : [];
  return (
    <>
      <h1>{t.heading}</h1>
      <p>{t.intro}</p>
      <section aria-labelledby="open-rounds">
        <h2 id="open-rounds">{t.openRounds}</h2>
        <WhenLoaded loaded={rounds}>
          {(data) => ((data.rounds ?? []).length === 0 ? <p class="card">{t.noOpenRounds}</p> : (data.rounds ?? []).map((round) => <RoundCard key={round.id} round={round} applications={mine} />))}
        </WhenLoaded>
      </section>
      <section class="card" aria-labelledby="my-applications">
        <h2 id="my-applications">{t.myApplications}</h2>
        <WhenLoaded loaded={applications}>{() => <Applications applications={mine} />}</WhenLoaded>
      </section>
    </>
  );
}

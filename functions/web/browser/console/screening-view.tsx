/**
 * The screening queue (`/console/rounds/{id}/applications`): the round's applications, by
 * default those waiting for formal review; the one opened shows its form, files and automatic
 * rule results with the decision (通过, 退回修改 with 退回理由, 不予受理).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApplicationStatus } from '#shared/domain/application-status.js';
import type { RoundStatus } from '#shared/domain/round.js';
import { applicationStatusLabel, applicationStatusLabels } from '#shared/domain/status-labels.js';
import type { FormField, Material } from '#shared/programs/schema.js';
import { screeningText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { beijingTime, Field, StatusNote, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { awaitsScreening } from './round-next-step.js';
import { RoundHeader } from './round-header.js';
import { ApplicationPanel, type QueueApplication } from './screening-application.js';
import { programPath } from '../app/program-path.js';

/** The filter of the list: waiting for formal review, all, or one status. */
type Filter = 'waiting' | 'all' | ApplicationStatus;

/** The `screening` page of the console. */
export function View(props: ViewProps): JSX.Element {
  const id = props.params['id'] ?? '';
  const path = `/api/admin/rounds/${encodeURIComponent(id)}`;
  const [round] = useApi<{ round: { id: string; title: string; status: RoundStatus; programId: string; programVersion?: number; kind?: 'recognition' | 'evaluation' } }>(path);
  const [program] = useApi<{ form: FormField[]; materials: Material[] }>(round.state === 'ok' ? programPath(round.data.round.programId, round.data.round.programVersion ?? 1, round.data.round.kind) : undefined);
  const [applications, reload] = useApi<{ applications: QueueApplication[] }>(`${path}/applications`);
  const [filter, setFilter] = useState<Filter>('waiting');
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  return (
    <>
      <WhenLoaded loaded={round}>{(data) => <RoundHeader round={data.round} heading={t.heading} current="screening" />}</WhenLoaded>
      <StatusNote message={note} />
      <WhenLoaded loaded={applications}>
        {({ applications: all }) => {
          const shown = all.filter((item) => (filter === 'all' ? item.status !== 'draft' : filter === 'waiting' ? awaitsScreening(item.status) : item.status === filter));
          const opened = all.find((item) => item.id === openId);
          return (
            <div class="split">
              <Queue all={all} shown={shown} filter={filter} onFilter={setFilter} openId={openId} onOpen={(next) => (setNote(undefined), setOpenId(next))} />
              {opened ? (
                <ApplicationPanel
                  key={opened.id}
                  application={opened}
                  template={program.state === 'ok' ? program.data : undefined}
                  onDecided={(message) => {
                    setNote(message);
                    reload();
                  }}
                />
              ) : (
                <p class="card">{t.chooseHint}</p>
              )}
            </div>
          );
        }}
      </WhenLoaded>
    </>
  );
}

/** The list with its status filter; a project title opens the application beside the list. */
function Queue(props: {
  readonly all: readonly QueueApplication[];
  readonly shown: readonly QueueApplication[];
  readonly filter: Filter;
  readonly onFilter: (filter: Filter) => void;
  readonly openId: string | undefined;
  readonly onOpen: (id: string) => void;
}): JSX.Element {
  const present = new Set(props.all.map((item) => item.status));
  const statuses = Object.entries(applicationStatusLabels).filter(([status]) => status !== 'draft' && present.has(status));
  return (
    <section class="card queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">
        {t.listHeading}
        <span class="counter">{fill(t.listCount, { n: props.shown.length })}</span>
      </h2>
      <Field label={t.filter}>
        {(control) => (
          <select {...control} value={props.filter} onChange={(event) => props.onFilter(event.currentTarget.value as Filter)}>
            <option value="waiting">{t.filterWaiting}</option>
            <option value="all">{t.filterAll}</option>
            {statuses.map(([status, label]) => (
              <option key={status} value={status}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {props.shown.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <DataTable headings={[t.columns.title, t.columns.status, t.columns.submittedAt]}>
              {props.shown.map((item) => (
                <QueueRow key={item.id} item={item} selected={item.id === props.openId} onOpen={props.onOpen} />
              ))}
        </DataTable>
      )}
    </section>
  );
}

function QueueRow(props: { readonly item: QueueApplication; readonly selected: boolean; readonly onOpen: (id: string) => void }): JSX.Element {
  const { item } = props;
  const row = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (props.selected) row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [props.selected]);
  return (
    <tr ref={row} class={props.selected ? 'selected' : undefined}>
      <td>
        <button type="button" class="open" aria-current={props.selected ? 'true' : undefined} onClick={() => props.onOpen(item.id)}>
          {item.title || t.untitled}
        </button>
        <div class="hint">{item.applicantName}</div>
      </td>
      <td>
        <span class="badge">{applicationStatusLabel(item.status)}</span>
      </td>
      <td>{item.submittedAt ? beijingTime(item.submittedAt) : ''}</td>
    </tr>
  );
}

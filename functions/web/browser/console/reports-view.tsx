/**
 * The annual reports (`/console/reports`, 年度报告): the late duties (逾期未交, with or without a
 * report started, and whether the unit was reminded), or the reports of a status; a submitted
 * report is reviewed here: 通过 with a rating, or 退回 with what to correct.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { reportKindLabels, reportRatingLabels, type ReportKind, type ReportRating } from '#shared/domain/unit-report.js';
import { reportsText as t } from '#functions/web/unit-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { Alert, beijingTime, errorText, StatusNote, useAction, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { authorizedApi } from '../session.js';

type ListStatus = keyof typeof t.statuses;

interface ReportRow {
  readonly id?: string;
  readonly reportId?: string;
  readonly unitId: string;
  readonly organization: string;
  readonly title: string;
  readonly year: number;
  readonly kind: ReportKind;
  readonly dueAt: string;
  readonly status: string;
  readonly reportStatus?: string;
  readonly reminded?: boolean;
  readonly form?: Readonly<Record<string, unknown>>;
}

function statusText(row: ReportRow): string {
  if (row.status !== 'overdue') return t.statuses[row.status as ListStatus] ?? row.status;
  return [t.statuses.overdue, row.reportStatus === 'missing' ? t.missing : '', row.reminded ? t.reminded : ''].filter(Boolean).join('，');
}

function ReviewForm(props: { readonly row: ReportRow; readonly onDone: (message: string) => void; readonly onCancel: () => void }): JSX.Element {
  const { row } = props;
  const [rating, setRating] = useState<ReportRating | ''>('');
  const [note, setNote] = useState('');
  const action = useAction();
  const [detail] = useApi<{ report: { readonly evidence?: readonly { readonly id: string; readonly fileName: string }[] }; fields: readonly { readonly key: string; readonly label: string }[] }>(
    `/api/admin/reports/${encodeURIComponent(row.id!)}`,
  );
  const labelOf = (key: string) => (detail.state === 'ok' ? detail.data.fields.find((field) => field.key === key)?.label : undefined) ?? key;
  const names = { organization: row.organization, year: row.year, kind: reportKindLabels[row.kind] };
  const decide = (outcome: 'accepted' | 'returned') =>
    void action
      .run(async () => {
        const answer = await authorizedApi('POST', `/api/admin/reports/${encodeURIComponent(row.id!)}/review`, { outcome, ...(rating ? { rating } : {}), note });
        return answer.ok ? undefined : answer.error;
      })
      .then((ok) => ok && props.onDone(fill(outcome === 'accepted' ? t.accepted : t.returned, names)));
  return (
    <form class="card" aria-label={fill(t.reviewHeading, names)} onSubmit={(event) => event.preventDefault()}>
      <h2>{fill(t.reviewHeading, names)}</h2>
      <dl class="facts">
        {Object.entries(row.form ?? {}).map(([key, value]) => (
          <div key={key}>
            <dt>{labelOf(key)}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
      {detail.state === 'ok' && (detail.data.report.evidence ?? []).length > 0 ? (
        <p>
          {t.files}
          {(detail.data.report.evidence ?? []).map((item) => item.fileName).join('、')}
        </p>
      ) : null}
      <label for="report-rating">{t.rating}</label>
      <select id="report-rating" value={rating} onChange={(event) => setRating(event.currentTarget.value as ReportRating | '')}>
        <option value="">{t.noRating}</option>
        {Object.entries(reportRatingLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label for="report-note">{t.note}</label>
      <textarea id="report-note" aria-describedby="report-note-hint" value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      <p id="report-note-hint" class="hint">
        {t.noteHint}
      </p>
      <Alert message={action.error ? errorText(action.error) : undefined} />
      <div class="toolbar">
        <button type="button" class="primary" disabled={action.running} onClick={() => decide('accepted')}>
          {t.accept}
        </button>
        <button type="button" disabled={action.running} onClick={() => decide('returned')}>
          {t.return}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/** The `reports` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  const [status, setStatus] = useState<ListStatus>('overdue');
  const [year, setYear] = useState('');
  const [reviewing, setReviewing] = useState<ReportRow | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const query = new URLSearchParams({ status, ...(/^\d{4}$/.test(year) ? { year } : {}) });
  const [reports, reload] = useApi<{ reports: readonly ReportRow[] }>(`/api/admin/reports?${query.toString()}`);
  return (
    <>
      <h1>{t.heading}</h1>
      <p class="hint intro">{t.intro}</p>
      <div class="toolbar">
        <label for="report-status">{t.statusFilter}</label>
        <select id="report-status" value={status} onChange={(event) => setStatus(event.currentTarget.value as ListStatus)}>
          {Object.entries(t.statuses).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label for="report-year">{t.yearFilter}</label>
        <input id="report-year" inputMode="numeric" maxLength={4} value={year} onInput={(event) => setYear(event.currentTarget.value.trim())} />
      </div>
      <StatusNote message={done} kind="success" />
      {reviewing ? (
        <ReviewForm
          key={reviewing.id}
          row={reviewing}
          onCancel={() => setReviewing(undefined)}
          onDone={(message) => {
            setDone(message);
            setReviewing(undefined);
            reload();
          }}
        />
      ) : null}
      <section class="card">
        <WhenLoaded loaded={reports}>
          {(data) =>
            data.reports.length === 0 ? (
              <p>{t.empty}</p>
            ) : (
              <DataTable headings={Object.values(t.columns)}>
                {data.reports.map((row) => (
                  <tr key={`${row.unitId}-${row.year}-${row.kind}`}>
                    <td>{row.organization}</td>
                    <td>{row.title}</td>
                    <td>{row.year}</td>
                    <td>{reportKindLabels[row.kind]}</td>
                    <td>{beijingTime(row.dueAt)}</td>
                    <td>{statusText(row)}</td>
                    <td>
                      {row.status === 'submitted' && row.id ? (
                        <button type="button" class="small" aria-label={`${t.review} ${row.organization} ${row.year}年度${reportKindLabels[row.kind]}`} onClick={() => setReviewing(row)}>
                          {t.review}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )
          }
        </WhenLoaded>
      </section>
    </>
  );
}

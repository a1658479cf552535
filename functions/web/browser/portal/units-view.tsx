/**
 * The organisation's recognised units (`/portal/units`, 认定单位): each unit's cycle and its
 * annual duties (年度工作计划 / 年度工作总结, and a rectifying unit's 整改报告 due at its
 * rectification deadline) with their due dates and status; 填报 opens the report: its form, its
 * files (the same upload as an application's) and 保存 / 提交.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { reportKindLabels, type ReportKind } from '#shared/domain/unit-report.js';
import type { FormField, Material } from '#shared/programs/schema.js';
import { portalUnitsText as t } from '#functions/web/unit-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { Alert, beijingDate, beijingTime, errorText, StatusNote, useAction, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { authorizedApi } from '../session.js';
import { ApplicationForm } from './application-form.js';
import { errorsByKey, formOf, inputsOf, type InputValues } from './form-values.js';
import { MaterialUpload } from './material-uploads.js';
import type { EvidenceItem } from './portal-api.js';

interface PortalUnit {
  readonly id: string;
  readonly organization: string;
  readonly title: string;
  readonly cycleStartsAt: string;
  readonly cycleEndsAt: string;
  readonly statusLabel: string;
}

interface Duty {
  readonly year: number;
  readonly kind: ReportKind;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly status: keyof typeof t.statuses;
  readonly reportId?: string;
}

interface Report {
  readonly id: string;
  readonly status: string;
  readonly form: Readonly<Record<string, unknown>>;
  readonly review?: { readonly note: string };
  readonly evidence?: readonly EvidenceItem[];
}

interface UnitDuties {
  readonly duties: readonly Duty[];
  readonly forms: Readonly<Record<ReportKind, readonly FormField[]>>;
  readonly materials: readonly Material[];
}

const editable = ['missing', 'draft', 'returned'];

/** A duty's name on the page: `2027年度年度工作计划`, or 整改报告 (due at the rectification deadline, not by year). */
function dutyName(duty: Pick<Duty, 'year' | 'kind'>): string {
  return duty.kind === 'rectification' ? t.rectificationReport : fill(t.editorHeading, { year: duty.year, kind: reportKindLabels[duty.kind] });
}

function ReportEditor(props: { readonly unitId: string; readonly duty: Duty; readonly data: UnitDuties; readonly onClose: () => void; readonly onChanged: () => void }): JSX.Element {
  const { unitId, duty, data } = props;
  const fields = data.forms[duty.kind];
  const [reportId, setReportId] = useState(duty.reportId);
  const [report] = useApi<{ report: Report | undefined }>(duty.reportId ? `/api/units/${encodeURIComponent(unitId)}/reports/${encodeURIComponent(duty.reportId)}` : undefined);
  const loaded = report.state === 'ok' ? report.data.report : undefined;
  const [inputs, setInputs] = useState<InputValues | undefined>(undefined);
  const [evidence, setEvidence] = useState<readonly EvidenceItem[] | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const action = useAction();
  const current = inputs ?? inputsOf(fields, loaded?.form ?? {});
  const files = evidence ?? loaded?.evidence ?? [];
  // the duty as the list shows it now (reloaded after each save and submission)
  const open = editable.includes(duty.status);
  const heading = dutyName(duty);
  const base = `/api/units/${encodeURIComponent(unitId)}/reports`;

  /** Saves the form (creating the report the first time); the report's id, or the refusal. */
  const save = async (): Promise<{ id: string } | { error: Parameters<typeof errorText>[0] }> => {
    const { form } = formOf(fields, current, { complete: false });
    const answer = reportId
      ? await authorizedApi<{ report: Report }>('PATCH', `${base}/${encodeURIComponent(reportId)}`, { form })
      : await authorizedApi<{ report: Report }>('POST', base, { year: duty.year, kind: duty.kind, form });
    if (!answer.ok) return { error: answer.error };
    setReportId(answer.data.report.id);
    return { id: answer.data.report.id };
  };
  const run = (then?: (id: string) => Promise<Parameters<typeof errorText>[0] | undefined>, message: string = t.saved) =>
    void action
      .run(async () => {
        const saved = await save();
        if ('error' in saved) return saved.error;
        return then ? then(saved.id) : undefined;
      })
      .then((ok) => {
        if (ok) setDone(message);
        props.onChanged();
      });
  const submit = () =>
    run(async (id) => {
      const answer = await authorizedApi('POST', `${base}/${encodeURIComponent(id)}/submit`, {});
      return answer.ok ? undefined : answer.error;
    }, t.submitted);

  return (
    <section class="card" aria-label={heading}>
      <h3>{heading}</h3>
      {loaded?.review?.note ? <p class="notice warn">{fill(t.reviewNote, { note: loaded.review.note })}</p> : null}
      <WhenLoaded loaded={duty.reportId ? report : { state: 'ok', data: { report: undefined } }}>
        {() => (
          <>
            <fieldset disabled={!open}>
              <ApplicationForm fields={fields} inputs={current} errors={errorsByKey(action.error)} onChange={(key, value) => setInputs({ ...current, [key]: value })} onSave={() => run()} />
            </fieldset>
            {reportId
              ? data.materials.map((material) => (
                  <MaterialUpload
                    key={material.key}
                    evidenceBase={`${base}/${encodeURIComponent(reportId)}/evidence`}
                    material={material}
                    items={files.filter((item) => item.materialKey === material.key)}
                    editable={open}
                    error={errorsByKey(action.error)[material.key]}
                    onEvidence={(update) => setEvidence((previous) => update(previous ?? loaded?.evidence ?? []))}
                  />
                ))
              : null}
          </>
        )}
      </WhenLoaded>
      <Alert message={action.error ? errorText(action.error) : undefined} />
      <StatusNote message={done} kind="success" />
      <div class="actions">
        {open ? (
          <>
            <button type="button" disabled={action.running} onClick={() => run()}>
              {t.save}
            </button>
            <button type="button" class="primary" disabled={action.running} onClick={submit}>
              {t.submit}
            </button>
          </>
        ) : null}
        <button type="button" onClick={props.onClose}>
          {t.close}
        </button>
      </div>
    </section>
  );
}

function UnitCard(props: { readonly unit: PortalUnit }): JSX.Element {
  const { unit } = props;
  const [duties, reload] = useApi<UnitDuties>(`/api/units/${encodeURIComponent(unit.id)}/reports`);
  const [open, setOpen] = useState<Duty | undefined>(undefined);
  return (
    <section class="card" aria-labelledby={`unit-${unit.id}`}>
      <h2 id={`unit-${unit.id}`}>{unit.title}</h2>
      <p>
        {unit.organization} · {unit.statusLabel} · {fill(t.cycle, { starts: beijingDate(unit.cycleStartsAt), ends: beijingDate(unit.cycleEndsAt) })}
      </p>
      <WhenLoaded loaded={duties}>
        {(data) => (
          <>
            {data.duties
              .filter((duty) => duty.kind === 'rectification')
              .map((duty) => (
                <p key="rectification" class="notice warn">
                  {fill(t.rectificationDue, { deadline: beijingTime(duty.dueAt) })}
                </p>
              ))}
            <DataTable headings={Object.values(t.columns)}>
              {data.duties.map((duty) => {
                const name = dutyName(duty);
                return (
                  <tr key={`${duty.year}-${duty.kind}`}>
                    <td>{duty.year}</td>
                    <td>{reportKindLabels[duty.kind]}</td>
                    <td>{beijingTime(duty.dueAt)}</td>
                    <td>{[t.statuses[duty.status], duty.overdue ? t.overdue : ''].filter(Boolean).join('，')}</td>
                    <td>
                      <button type="button" class="small" aria-label={`${editable.includes(duty.status) ? (duty.reportId ? t.edit : t.fill) : t.view} ${name}`} onClick={() => setOpen(duty)}>
                        {editable.includes(duty.status) ? (duty.reportId ? t.edit : t.fill) : t.view}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
            {open ? (
              <ReportEditor
                key={`${open.year}-${open.kind}`}
                unitId={unit.id}
                duty={data.duties.find((duty) => duty.year === open.year && duty.kind === open.kind) ?? open}
                data={data}
                onClose={() => setOpen(undefined)}
                onChanged={reload}
              />
            ) : null}
          </>
        )}
      </WhenLoaded>
    </section>
  );
}

/** The `units` page of the portal. */
export function View(_props: ViewProps): JSX.Element {
  const [units] = useApi<{ units: readonly PortalUnit[] }>('/api/units');
  return (
    <>
      <h1>{t.heading}</h1>
      <p class="hint intro">{t.intro}</p>
      <WhenLoaded loaded={units}>{(data) => (data.units.length === 0 ? <p class="card">{t.empty}</p> : data.units.map((unit) => <UnitCard key={unit.id} unit={unit} />))}</WhenLoaded>
    </>
  );
}

/**
 * Site visits (实地考察) on the ranking page: the 实地考察 cell of a ranking row (the report's
 * recommendation, or when the visit is planned, with its experts) with `安排实地考察` /
 * `调整考察安排` and `填写考察报告`, and the two forms those open under the row: the time (Beijing),
 * the experts picked by name and the place; the findings and the recommendation (推荐 / 有条件推荐 /
 * 不推荐). Refusals (e.g. a recused expert with the reason) are shown beside the field they concern.
 */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { siteVisitRecommendationLabels, type SiteVisit, type SiteVisitRecommendation } from '#shared/domain/site-visit.js';
import type { SiteVisitSetting } from '#shared/programs/procedure.js';
import { siteVisitText as t } from '#functions/web/staff-messages.js';
import { beijingInputToIso, isoToBeijingInput } from '../app/beijing-input.js';
import { FormButtons } from '../app/data-table.js';
import { Alert, Field, FieldNotes, beijingTime, describedControl, fieldErrors, useAction, useRefusalFocus } from '../app/ui.js';
import { authorizedApi } from '../session.js';

/** An expert of the pool to pick from. */
export interface VisitExpert {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
}

/** A visit as `GET /api/admin/rounds/{id}/site-visits` lists it. */
export type VisitLine = SiteVisit & { readonly experts: readonly { readonly expertId: string; readonly name: string }[] };

/** The round's site visits as the ranking table shows them. */
export interface SiteVisits {
  readonly setting: SiteVisitSetting;
  readonly byApplication: ReadonlyMap<string, VisitLine>;
  /** The pool to pick experts from; absent where the visits can no longer change. */
  readonly pool?: readonly VisitExpert[] | undefined;
  /** After a visit was scheduled or reported, with what to tell staff. */
  readonly onChanged: (note: string) => void;
}

/** Which form is open under a row. */
export type VisitForm = 'schedule' | 'report' | undefined;

const badgeOf: Readonly<Record<SiteVisitRecommendation, string>> = { recommend: 'ok', conditional: 'warn', not_recommend: 'bad' };

/** The 实地考察 cell of one ranking row. */
export function SiteVisitCell(props: { readonly visit: VisitLine | undefined; readonly editable: boolean; readonly describedBy: string; readonly onOpen: (form: VisitForm) => void }): JSX.Element {
  const { visit } = props;
  const recommendation = visit?.report?.recommendation;
  return (
    <>
      {recommendation ? (
        <span class={`badge ${badgeOf[recommendation]}`}>{siteVisitRecommendationLabels[recommendation]}</span>
      ) : (
        <span class={visit ? undefined : 'muted'}>{visit ? t.scheduled(beijingTime(visit.scheduledAt)) : t.none}</span>
      )}
      {visit ? <span class="sub">{t.expertsOf(visit.experts.map((expert) => expert.name))}</span> : null}
      {props.editable && !recommendation ? (
        <span class="actions">
          <button type="button" class="small" aria-describedby={props.describedBy} onClick={() => props.onOpen('schedule')}>
            {visit ? t.reschedule : t.schedule}
          </button>
          {visit ? (
            <button type="button" class="small" aria-describedby={props.describedBy} onClick={() => props.onOpen('report')}>
              {t.report}
            </button>
          ) : null}
        </span>
      ) : null}
    </>
  );
}

/** The experts picked by name, with the refusal beside them. */
function ExpertPicks(props: { readonly pool: readonly VisitExpert[]; readonly chosen: ReadonlySet<string>; readonly onToggle: (id: string, on: boolean) => void; readonly error: string | undefined }): JSX.Element {
  const id = useId();
  const control = describedControl(id, t.expertsHint, props.error);
  return (
    <fieldset class="field" aria-describedby={control['aria-describedby']} aria-invalid={control['aria-invalid']}>
      <legend>{t.experts}</legend>
      {props.pool.length === 0 ? <p class="muted">{t.noExperts}</p> : null}
      {props.pool.map((expert) => (
        <label class="choice" key={expert.id}>
          <input type="checkbox" checked={props.chosen.has(expert.id)} onChange={(event) => props.onToggle(expert.id, event.currentTarget.checked)} />
          {expert.name}（{expert.organization}）
        </label>
      ))}
      <FieldNotes id={id} hint={t.expertsHint} error={props.error} />
    </fieldset>
  );
}

/** `安排实地考察` (or `调整考察安排` of a planned visit): time, experts and place. */
export function ScheduleForm(props: {
  readonly applicationId: string;
  readonly title: string;
  readonly visit: VisitLine | undefined;
  readonly pool: readonly VisitExpert[];
  readonly onDone: () => void;
  readonly onCancel: () => void;
}): JSX.Element {
  const [when, setWhen] = useState(props.visit ? isoToBeijingInput(props.visit.scheduledAt) : '');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(props.visit?.expertIds ?? []));
  const [location, setLocation] = useState(props.visit?.location ?? '');
  const [missing, setMissing] = useState<{ when?: boolean; experts?: boolean }>({});
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  const errors = fieldErrors(action.error);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const scheduledAt = beijingInputToIso(when);
    const problems = { when: !scheduledAt, experts: chosen.size === 0 };
    setMissing(problems);
    if (problems.when || problems.experts) return focus.refused();
    const expertIds = props.pool.map((expert) => expert.id).filter((id) => chosen.has(id));
    void action
      .run(async () => {
        const result = await authorizedApi('POST', `/api/admin/applications/${encodeURIComponent(props.applicationId)}/site-visits`, {
          scheduledAt,
          expertIds,
          ...(location.trim() ? { location: location.trim() } : {}),
        });
        if (!result.ok) return result.error;
        props.onDone();
        return undefined;
      })
      .then((ok) => ok || focus.refused());
  };
  const headingId = useId();
  const fieldError = errors['scheduledAt'] ?? errors['expertIds'] ?? errors['location'];
  return (
    <form ref={focus.ref} class="card" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
      <h3 id={headingId}>{t.scheduleHeading(props.title)}</h3>
      <Alert message={action.error && !fieldError ? action.error.message : undefined} />
      <div class="grid2">
        <Field label={t.scheduledAt} hint={t.scheduledAtHint} error={missing.when ? t.scheduledAtRequired : errors['scheduledAt']} required>
          {(control) => <input {...control} type="datetime-local" value={when} onInput={(event) => setWhen(event.currentTarget.value)} />}
        </Field>
        <Field label={t.location} error={errors['location']}>
          {(control) => <input {...control} type="text" maxLength={200} value={location} onInput={(event) => setLocation(event.currentTarget.value)} />}
        </Field>
      </div>
      <ExpertPicks pool={props.pool} chosen={chosen} onToggle={toggle} error={missing.experts ? t.expertsRequired : errors['expertIds'] && action.error?.message} />
      <FormButtons submit={t.confirmSchedule} cancel={t.cancel} running={action.running} onCancel={props.onCancel} />
    </form>
  );
}

/** `填写考察报告`: the findings and the recommendation of a planned visit. */
export function ReportForm(props: { readonly visit: VisitLine; readonly title: string; readonly onDone: () => void; readonly onCancel: () => void }): JSX.Element {
  const [findings, setFindings] = useState('');
  const [recommendation, setRecommendation] = useState<SiteVisitRecommendation | undefined>(undefined);
  const [missing, setMissing] = useState<{ findings?: boolean; recommendation?: boolean }>({});
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  const errors = fieldErrors(action.error);
  const choiceId = useId();
  const headingId = useId();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const problems = { findings: !findings.trim(), recommendation: recommendation === undefined };
    setMissing(problems);
    if (problems.findings || problems.recommendation) return focus.refused();
    void action
      .run(async () => {
        const result = await authorizedApi('POST', `/api/admin/site-visits/${encodeURIComponent(props.visit.id)}/report`, { findings: findings.trim(), recommendation });
        if (!result.ok) return result.error;
        props.onDone();
        return undefined;
      })
      .then((ok) => ok || focus.refused());
  };
  const choiceError = missing.recommendation ? t.recommendationRequired : errors['recommendation'];
  const choice = describedControl(choiceId, undefined, choiceError);
  return (
    <form ref={focus.ref} class="card" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
      <h3 id={headingId}>{t.reportHeading(props.title)}</h3>
      <Alert message={action.error && !errors['findings'] && !errors['recommendation'] ? action.error.message : undefined} />
      <Field label={t.findings} error={missing.findings ? t.findingsRequired : errors['findings']} required>
        {(control) => <textarea {...control} maxLength={5000} value={findings} onInput={(event) => setFindings(event.currentTarget.value)} />}
      </Field>
      <fieldset class="inline" aria-describedby={choice['aria-describedby']} aria-invalid={choice['aria-invalid']}>
        <legend>{t.recommendation}</legend>
        {(Object.keys(siteVisitRecommendationLabels) as SiteVisitRecommendation[]).map((value) => (
          <label class="choice" key={value}>
            <input type="radio" name={`recommendation-${props.visit.id}`} value={value} checked={recommendation === value} onChange={() => setRecommendation(value)} />
            {siteVisitRecommendationLabels[value]}
          </label>
        ))}
        <FieldNotes id={choiceId} error={choiceError} />
      </fieldset>
      <FormButtons submit={t.confirmReport} cancel={t.cancel} running={action.running} onCancel={props.onCancel} />
    </form>
  );
}

/** The form open under a row, if any. */
export function VisitFormRow(props: {
  readonly form: VisitForm;
  readonly line: { readonly applicationId: string; readonly title: string };
  readonly visits: SiteVisits;
  readonly columns: number;
  readonly onClose: () => void;
}): JSX.Element | null {
  const { form, line, visits } = props;
  const visit = visits.byApplication.get(line.applicationId);
  if (!form || !visits.pool) return null;
  const done = (note: string) => () => {
    props.onClose();
    visits.onChanged(note);
  };
  return (
    <tr class="items">
      <td colSpan={props.columns}>
        {form === 'report' && visit ? (
          <ReportForm visit={visit} title={line.title} onDone={done(t.reportedNote)} onCancel={props.onClose} />
        ) : (
          <ScheduleForm applicationId={line.applicationId} title={line.title} visit={visit} pool={visits.pool} onDone={done(t.scheduledNote)} onCancel={props.onClose} />
        )}
      </td>
    </tr>
  );
}

/**
 * The warning over the shortlist of a `required` round while applications proposed or chosen
 * have no report, naming them in ranking order; nothing otherwise.
 */
export function VisitsPendingWarning(props: {
  readonly visits: SiteVisits | undefined;
  readonly lines: readonly { readonly applicationId: string; readonly title: string }[];
  readonly wanted: ReadonlySet<string>;
}): JSX.Element | null {
  const { visits } = props;
  if (visits?.setting !== 'required') return null;
  const pending = props.lines.filter((line) => props.wanted.has(line.applicationId) && !visits.byApplication.get(line.applicationId)?.report);
  if (pending.length === 0) return null;
  return (
    <p class="notice warn" role="note">
      {t.requiredPending(pending.map((line) => `《${line.title}》`))}
    </p>
  );
}

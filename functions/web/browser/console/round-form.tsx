/**
 * The 新建批次 form of the rounds list: the program, title, year, intake window (typed as
 * Beijing time, sent with `+08:00`) and experts per application, and under 高级设置 the other
 * settings `POST /api/admin/rounds` takes (among them 分配方式, 同地区专家回避, 实地考察 and 公示天数,
 * which may be 0 where the program allows no publicity), prefilled from the chosen program's template.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { roundsText as t } from '#functions/web/staff-messages.js';
import { FormButtons } from '../app/data-table.js';
import { Alert, errorText, Field, fieldErrors, useAction, useRefusalFocus } from '../app/ui.js';
import { beijingInputToIso, isoToBeijingInput } from '../app/beijing-input.js';
import type { ApiError } from '../page-runtime.js';
import { authorizedApi } from '../session.js';
import { defaultSiteVisit, publicityMayBeSkipped } from '#shared/programs/procedure.js';

/** A program as `GET /api/programs` lists it. */
export interface ProgramSummary {
  readonly id: string;
  readonly name: string;
}

/** A program picker's options: the placeholder, then each program by its name. */
export function ProgramOptions(props: { readonly programs: readonly ProgramSummary[]; readonly placeholder: string }): JSX.Element {
  return (
    <>
      <option value="">{props.placeholder}</option>
      {props.programs.map((program) => (
        <option key={program.id} value={program.id}>
          {program.name}
        </option>
      ))}
    </>
  );
}

/** The parts of a program template (`GET /api/programs/{id}`) that give a round's defaults. */
interface ProgramDefaults {
  readonly issuer: string;
  readonly noticeIssuer?: { readonly name: string; readonly noticePrefix?: string };
  readonly quota?: number;
  readonly review: { readonly expertsPerApplication: number; readonly minValidReviews: number; readonly reviewDays: number; readonly aggregation: string } & Parameters<typeof defaultSiteVisit>[0]['review'];
  readonly publicity: { readonly workingDays: number } & Parameters<typeof publicityMayBeSkipped>[0]['publicity'];
  readonly steps: Parameters<typeof publicityMayBeSkipped>[0]['steps'];
  readonly scoring: { readonly leafMaxScore: number };
  readonly assignment?: { readonly avoidSameRegion: boolean };
}

/** The whole-number settings of a round, by their API field name. */
const numberFields = ['year', 'expertsPerApplication', 'quota', 'minValidReviews', 'reviewDays', 'publicityWorkingDays', 'leafMaxScore'] as const;
type NumberField = (typeof numberFields)[number];

/** The paths of refusal details the form shows beside a field. */
const formPaths: ReadonlySet<string> = new Set([
  ...numberFields,
  'programId',
  'title',
  'intakeOpensAt',
  'intakeClosesAt',
  'aggregation',
  'issuer.name',
  'issuer.noticePrefix',
  'assignmentMode',
  'avoidSameRegion',
  'siteVisit',
]);

/** The form's values as typed; `avoidSameRegion` is `'true'`, `'false'` or `''` (the program's default, not known yet). */
type Values = Readonly<
  Record<NumberField | 'programId' | 'title' | 'intakeOpensAt' | 'intakeClosesAt' | 'aggregation' | 'issuerName' | 'noticePrefix' | 'assignmentMode' | 'avoidSameRegion' | 'siteVisit', string>
>;

function initialValues(now: Date): Values {
  const opens = new Date(now.getTime());
  const closes = new Date(now.getTime() + 30 * 86_400_000);
  return {
    programId: '',
    title: '',
    year: String(now.getFullYear()),
    intakeOpensAt: isoToBeijingInput(opens),
    intakeClosesAt: isoToBeijingInput(closes).slice(0, 11) + '17:00',
    expertsPerApplication: '',
    quota: '',
    minValidReviews: '',
    reviewDays: '',
    publicityWorkingDays: '',
    aggregation: 'trimmed_mean',
    leafMaxScore: '',
    issuerName: '',
    noticePrefix: '',
    assignmentMode: 'optimal',
    avoidSameRegion: '',
    siteVisit: 'none',
  };
}

function programDefaults(program: ProgramDefaults): Partial<Values> {
  const issuer = program.noticeIssuer ?? { name: program.issuer };
  return {
    expertsPerApplication: String(program.review.expertsPerApplication),
    quota: program.quota === undefined ? '' : String(program.quota),
    minValidReviews: String(Math.min(program.review.minValidReviews, program.review.expertsPerApplication)),
    reviewDays: String(program.review.reviewDays),
    publicityWorkingDays: String(program.publicity.workingDays),
    aggregation: program.review.aggregation,
    leafMaxScore: String(program.scoring.leafMaxScore),
    issuerName: issuer.name,
    noticePrefix: issuer.noticePrefix ?? '',
    avoidSameRegion: String(program.assignment?.avoidSameRegion ?? false),
    siteVisit: defaultSiteVisit(program),
  };
}

/** The request body of the form's values, or the errors by field path that keep it from being sent. */
function requestOf(values: Values): { body: Record<string, unknown> } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = { programId: values.programId, title: values.title.trim() };
  if (!values.programId) errors['programId'] = t.programRequired;
  for (const field of numberFields) {
    const text = values[field].trim();
    if (text === '') continue;
    if (/^\d+$/.test(text)) body[field] = Number(text);
    else errors[field] = t.numberInvalid;
  }
  for (const field of ['intakeOpensAt', 'intakeClosesAt'] as const) {
    const iso = beijingInputToIso(values[field]);
    if (iso) body[field] = iso;
    else errors[field] = t.timeRequired;
  }
  body['aggregation'] = values.aggregation;
  body['assignmentMode'] = values.assignmentMode;
  body['siteVisit'] = values.siteVisit;
  if (values.avoidSameRegion !== '') body['avoidSameRegion'] = values.avoidSameRegion === 'true';
  if (values.issuerName.trim()) {
    body['issuer'] = { name: values.issuerName.trim(), ...(values.noticePrefix.trim() ? { noticePrefix: values.noticePrefix.trim() } : {}) };
  }
  return Object.keys(errors).length > 0 ? { errors } : { body };
}

/** The errors of a refusal by form field (the issuer's paths under their own fields). */
function errorsOf(error: ApiError | undefined): Record<string, string> {
  const errors = { ...fieldErrors(error) };
  if (errors['issuer.name']) errors['issuerName'] = errors['issuer.name'];
  if (errors['issuer.noticePrefix']) errors['noticePrefix'] = errors['issuer.noticePrefix'];
  return errors;
}

/** The form; on success the browser opens the new round's page. */
export function RoundForm(props: { readonly programs: readonly ProgramSummary[]; readonly onCancel: () => void }): JSX.Element {
  const [values, setValues] = useState<Values>(() => initialValues(new Date()));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  // whether the chosen program lets the round hold no publicity (公示天数 0)
  const [publicitySkippable, setPublicitySkippable] = useState(false);
  // the fields the person changed: the program's defaults, which may arrive later, leave them alone
  const edited = useRef(new Set<keyof Values>());
  const put = (field: keyof Values, value: string) => {
    edited.current.add(field);
    setValues((current) => ({ ...current, [field]: value }));
  };
  const set = (field: keyof Values) => (event: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement>) => put(field, event.currentTarget.value);

  useEffect(() => {
    if (!values.programId) return undefined;
    let current = true;
    void authorizedApi<ProgramDefaults>('GET', `/api/programs/${encodeURIComponent(values.programId)}`).then((result) => {
      if (!current || !result.ok) return;
      setPublicitySkippable(publicityMayBeSkipped(result.data));
      const defaults = Object.entries(programDefaults(result.data)).filter(([field]) => !edited.current.has(field as keyof Values));
      setValues((before) => ({ ...before, ...Object.fromEntries(defaults) }));
    });
    return () => {
      current = false;
    };
  }, [values.programId]);

  const errors = { ...errorsOf(action.error), ...localErrors };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const request = requestOf(values);
    if ('errors' in request) {
      setLocalErrors(request.errors);
      focus.refused();
      return;
    }
    setLocalErrors({});
    void action.run(async () => {
      const result = await authorizedApi<{ round: { id: string } }>('POST', '/api/admin/rounds', request.body);
      if (!result.ok) return result.error;
      location.assign(`/console/rounds/${encodeURIComponent(result.data.round.id)}`);
      return undefined;
    }).then((ok) => ok || focus.refused());
  };
  const text = (field: keyof Values, type = 'text') => (control: object) => <input {...control} type={type} value={values[field]} onInput={set(field)} />;
  const whole = (field: keyof Values, min = 1) => (control: object) => (
    <input {...control} type="number" inputMode="numeric" min={min} step={1} value={values[field]} onInput={set(field)} />
  );

  const choice = (field: keyof Values, options: Readonly<Record<string, string>>) => (control: object) => (
    <select {...control} value={values[field]} onChange={set(field)}>
      {Object.entries(options).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );

  return (
    <form ref={focus.ref} class="card" aria-labelledby="round-form-heading" onSubmit={onSubmit} noValidate>
      <h2 id="round-form-heading">{t.formHeading}</h2>
      <Alert message={action.error && (Object.keys(fieldErrors(action.error)).every((path) => formPaths.has(path)) ? action.error.message : errorText(action.error))} />
      <Field label={t.program} error={errors['programId']} required>
        {(control) => (
          <select {...control} value={values.programId} onChange={set('programId')}>
            <ProgramOptions programs={props.programs} placeholder={t.programPlaceholder} />
          </select>
        )}
      </Field>
      <Field label={t.title} hint={t.titleHint} error={errors['title']} required>
        {text('title')}
      </Field>
      <div class="grid2">
        <Field label={t.year} error={errors['year']} required>
          {whole('year', 2000)}
        </Field>
        <Field label={t.expertsPerApplication} error={errors['expertsPerApplication']}>
          {whole('expertsPerApplication')}
        </Field>
        <Field label={t.intakeOpensAt} hint={t.beijingHint} error={errors['intakeOpensAt']} required>
          {text('intakeOpensAt', 'datetime-local')}
        </Field>
        <Field label={t.intakeClosesAt} hint={t.beijingHint} error={errors['intakeClosesAt']} required>
          {text('intakeClosesAt', 'datetime-local')}
        </Field>
      </div>
      <details>
        <summary>{t.advanced}</summary>
        <p class="hint">{t.advancedHint}</p>
        <div class="grid2">
          <Field label={t.quota} hint={t.quotaHint} error={errors['quota']}>
            {whole('quota')}
          </Field>
          <Field label={t.minValidReviews} error={errors['minValidReviews']}>
            {whole('minValidReviews')}
          </Field>
          <Field label={t.reviewDays} error={errors['reviewDays']}>
            {whole('reviewDays')}
          </Field>
          <Field label={t.publicityWorkingDays} hint={publicitySkippable ? t.publicityOptionalHint : t.publicityRequiredHint} error={errors['publicityWorkingDays']}>
            {whole('publicityWorkingDays', publicitySkippable ? 0 : 1)}
          </Field>
          <Field label={t.siteVisit} hint={t.siteVisitHint} error={errors['siteVisit']}>
            {choice('siteVisit', t.siteVisits)}
          </Field>
          <Field label={t.aggregation} error={errors['aggregation']}>
            {choice('aggregation', t.aggregations)}
          </Field>
          <Field label={t.assignmentMode} hint={t.assignmentModeHint} error={errors['assignmentMode']}>
            {choice('assignmentMode', t.assignmentModes)}
          </Field>
          <Field label={t.avoidSameRegion} hint={t.avoidSameRegionHint} error={errors['avoidSameRegion']}>
            {(control) => <input {...control} type="checkbox" checked={values.avoidSameRegion === 'true'} onChange={(event) => put('avoidSameRegion', String(event.currentTarget.checked))} />}
          </Field>
          <Field label={t.leafMaxScore} error={errors['leafMaxScore']}>
            {whole('leafMaxScore')}
          </Field>
          <Field label={t.issuerName} hint={t.issuerNameHint} error={errors['issuerName']}>
            {text('issuerName')}
          </Field>
          <Field label={t.noticePrefix} hint={t.noticePrefixHint} error={errors['noticePrefix']}>
            {text('noticePrefix')}
          </Field>
        </div>
      </details>
      <FormButtons submit={action.running ? t.creating : t.create} cancel={t.cancel} running={action.running} onCancel={props.onCancel} />
    </form>
  );
}

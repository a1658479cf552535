/**
 * Annual duties of a recognised unit (年度计划及总结 / 年度报告): each calendar year of its cycle
 * it owes a plan (`plan`) and a summary (`summary`), each due on the program's date (China's
 * time zone). A report is filled in and given evidence as a draft, submitted, then accepted or
 * returned by staff with a rating; a returned report is edited and submitted again.
 *
 * Cycle years: the calendar years after the year of recognition, as many as the cycle has
 * years (recognised in 2026 with a 3-year cycle: 2027, 2028, 2029).
 *
 * A unit put under rectification (限期整改) by a cycle evaluation also owes a rectification
 * report (`rectification`, 整改报告), due at its rectification deadline, of the deadline's year
 * (China time); staff accepting it end the rectification ({@link endRectification}).
 */
import type { FormField, Material, ProgramTemplate, UnitDuties } from '../programs/schema.js';
import { validateForm, type FormValues } from './application-form.js';
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';
import { assertMaterialsComplete, currentEvidence, requestUpload, type Evidence, type UploadRequest } from './evidence.js';
import { endRectification, type Unit } from './unit.js';

export type ReportKind = 'plan' | 'summary' | 'rectification';
export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export type ReportRating = 'excellent' | 'good' | 'pass' | 'fail';

/** The Chinese names of the report kinds, statuses and ratings, as pages and mails show them. */
export const reportKindLabels: Readonly<Record<ReportKind, string>> = { plan: '年度工作计划', summary: '年度工作总结', rectification: '整改报告' };
export const reportStatusLabels: Readonly<Record<ReportStatus, string>> = { draft: '填报中', submitted: '已提交', accepted: '已通过', returned: '已退回' };
export const reportRatingLabels: Readonly<Record<ReportRating, string>> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

export interface UnitReport extends EntityMeta {
  readonly unitId: string;
  readonly orgId: string;
  readonly programId: string;
  readonly year: number;
  readonly kind: ReportKind;
  readonly form: FormValues;
  readonly status: ReportStatus;
  readonly dueAt: string;
  readonly submittedAt?: string;
  readonly review?: { readonly outcome: 'accepted' | 'returned'; readonly rating?: ReportRating; readonly note: string; readonly by: string; readonly at: string };
}

/** One duty of a unit: the report of a kind owed for a year, and when. */
export interface AnnualDuty {
  readonly year: number;
  readonly kind: ReportKind;
  readonly dueAt: string;
}

type DutyProgram = Pick<ProgramTemplate, 'postRecognition' | 'duties'>;

/** The platform's duty dates where the program names none: the plan by 31 March, the summary by 31 December. */
export const defaultDuties: Pick<UnitDuties, 'planDue' | 'summaryDue'> = { planDue: '03-31', summaryDue: '12-31' };

/** The platform's report forms where the program gives none. */
export const defaultReportForms: Readonly<Record<ReportKind, readonly FormField[]>> = {
  plan: [
    { key: 'plan', type: 'textarea', label: '年度工作计划', required: true, maxLength: 10000 },
    { key: 'goals', type: 'textarea', label: '年度主要目标', required: true, maxLength: 5000 },
    { key: 'measures', type: 'textarea', label: '保障措施', required: false, maxLength: 5000 },
  ],
  summary: [
    { key: 'summary', type: 'textarea', label: '年度工作总结', required: true, maxLength: 10000 },
    { key: 'achievements', type: 'textarea', label: '主要成效', required: true, maxLength: 5000 },
    { key: 'problems', type: 'textarea', label: '存在问题', required: true, maxLength: 5000 },
    { key: 'nextSteps', type: 'textarea', label: '下一步工作打算', required: false, maxLength: 5000 },
  ],
  rectification: [
    { key: 'problems', type: 'textarea', label: '评估指出的问题', required: true, maxLength: 5000 },
    { key: 'measures', type: 'textarea', label: '整改措施', required: true, maxLength: 10000 },
    { key: 'results', type: 'textarea', label: '整改成效', required: true, maxLength: 10000 },
    { key: 'longTerm', type: 'textarea', label: '长效机制', required: false, maxLength: 5000 },
  ],
};

/** The platform's report material where the program gives none: supporting files (佐证材料), optional. */
export const defaultReportMaterials: readonly Material[] = [
  { key: 'evidence', title: '佐证材料', required: false, formats: ['pdf', 'jpg', 'png', 'docx', 'xlsx'], maxBytes: 20 * 1024 * 1024, multiple: true },
];

/** The form of a report kind in a program (a rectification report's is the platform's). */
export function reportFormOf(program: DutyProgram, kind: ReportKind): readonly FormField[] {
  const own = kind === 'plan' ? program.duties?.planForm : kind === 'summary' ? program.duties?.summaryForm : undefined;
  return own ?? defaultReportForms[kind];
}

/** Every report kind's form in a program, as the unit's page fills them in. */
export function reportFormsOf(program: DutyProgram): Readonly<Record<ReportKind, readonly FormField[]>> {
  return { plan: reportFormOf(program, 'plan'), summary: reportFormOf(program, 'summary'), rectification: reportFormOf(program, 'rectification') };
}

/** The materials of a program's reports. */
export function reportMaterialsOf(program: DutyProgram): readonly Material[] {
  return program.duties?.reportMaterials ?? defaultReportMaterials;
}

/** China's offset from UTC (no daylight saving). */
const chinaOffsetMs = 8 * 3600_000;

/** The moment a `MM-DD` day of `year` ends in China (00:00 of the next day, +08:00). */
export function dueDateOf(year: number, monthDay: string): Date {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day + 1) - chinaOffsetMs);
}

/** The calendar year (in China) of a moment. */
function chinaYear(at: string): number {
  return new Date(Date.parse(at) + chinaOffsetMs).getUTCFullYear();
}

/** The unit fields its duties follow: its cycles from recognition to the end of the current one, and a rectification it is under. */
type DutyUnit = Pick<Unit, 'recognizedAt' | 'cycleEndsAt'> & Partial<Pick<Unit, 'status' | 'rectification'>>;

/** The rectification report a `rectifying` unit owes, due at its deadline; undefined for any other unit. */
export function rectificationDuty(unit: DutyUnit): AnnualDuty | undefined {
  if (unit.status !== 'rectifying' || !unit.rectification) return undefined;
  const dueAt = new Date(unit.rectification.deadline).toISOString();
  return { year: chinaYear(dueAt), kind: 'rectification', dueAt };
}

/**
 * Every duty of a unit over its cycles so far (and its rectification report, while rectifying),
 * by due date: a plan and a summary for each calendar year after recognition up to the year its
 * current cycle ends — the program's cycle length after recognition, extended by each later
 * cycle an evaluation (继续认定, 给予激励) starts.
 */
export function annualDuties(unit: DutyUnit, program: DutyProgram): AnnualDuty[] {
  const first = chinaYear(unit.recognizedAt) + 1;
  const last = chinaYear(unit.cycleEndsAt);
  const dates = { plan: program.duties?.planDue ?? defaultDuties.planDue, summary: program.duties?.summaryDue ?? defaultDuties.summaryDue };
  const duties: AnnualDuty[] = [];
  for (let year = first; year <= last; year += 1) {
    for (const kind of ['plan', 'summary'] as const) duties.push({ year, kind, dueAt: dueDateOf(year, dates[kind]).toISOString() });
  }
  const rectification = rectificationDuty(unit);
  if (rectification) duties.push(rectification);
  return duties.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** The key of a duty, `<year>-<kind>` (e.g. `2027-plan`), as reminders record it. */
export function dutyKey(duty: Pick<AnnualDuty, 'year' | 'kind'>): string {
  return `${duty.year}-${duty.kind}`;
}

/** Whether a duty is still owed: no report, or one not yet submitted (a draft, or returned). */
export function isDutyOpen(report: Pick<UnitReport, 'status'> | undefined): boolean {
  return report === undefined || report.status === 'draft' || report.status === 'returned';
}

/** Whether a duty is late at `now`: past its due date and still owed. */
export function isDutyOverdue(duty: AnnualDuty, report: Pick<UnitReport, 'status'> | undefined, now: Date): boolean {
  return now.getTime() >= Date.parse(duty.dueAt) && isDutyOpen(report);
}

/** The statuses in which a report's form and files may change. */
export const reportEditableStatuses: readonly ReportStatus[] = ['draft', 'returned'];

function assertReportEditable(report: UnitReport): void {
  if (!reportEditableStatuses.includes(report.status)) throw new DomainError('INVALID_STATE', 'reportSubmitted');
}

function draftReportForm(program: DutyProgram, kind: ReportKind, form: unknown): FormValues {
  return validateForm({ form: [...reportFormOf(program, kind)] }, form, { partial: true });
}

interface Context {
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * Starts a unit's report of a kind for a year of its cycle as a draft (the form may be incomplete).
 *
 * @throws DomainError INVALID_STATE (409) for a revoked or completed unit, or a rectification report
 *   of a unit not rectifying; REPORT_YEAR_INVALID (422) for a year outside its cycle (for a
 *   rectification report: not its deadline's year); FORM_INVALID (422) for unknown or mistyped fields.
 */
export function createReport(
  unit: Unit,
  input: { readonly year: number; readonly kind: ReportKind; readonly form: unknown },
  program: DutyProgram,
  context: Context & { readonly id: string },
): Change<UnitReport> {
  if (unit.status !== 'active' && unit.status !== 'rectifying') throw new DomainError('INVALID_STATE', 'unitNotReporting');
  const duty = annualDuties(unit, program).find((item) => item.year === input.year && item.kind === input.kind);
  if (!duty && input.kind === 'rectification') {
    const owed = rectificationDuty(unit);
    if (!owed) throw new DomainError('INVALID_STATE', 'unitNotRectifying', [{ path: 'kind', message: '未处于整改期' }]);
    throw new DomainError('REPORT_YEAR_INVALID', 'rectification', { year: owed.year }, [{ path: 'year', message: '不是整改期限所在年度' }]);
  }
  if (!duty) {
    const years = [...new Set(annualDuties(unit, program).map((item) => item.year))].join('、');
    throw new DomainError('REPORT_YEAR_INVALID', 'cycle', { years }, [{ path: 'year', message: '不在建设周期内' }]);
  }
  const report: UnitReport = {
    ...newEntityMeta(context.id, context.now),
    unitId: unit.id,
    orgId: unit.orgId,
    programId: unit.programId,
    year: input.year,
    kind: input.kind,
    form: draftReportForm(program, input.kind, input.form),
    status: 'draft',
    dueAt: duty.dueAt,
  };
  return { entity: report, expectedVersion: 0, events: [audit(context.actor, 'report.created', 'report', undefined, report, context.now, { year: input.year, kind: input.kind })] };
}

/**
 * Replaces a draft or returned report's form.
 *
 * @throws DomainError INVALID_STATE (409) once submitted or accepted; FORM_INVALID (422).
 */
export function editReport(report: UnitReport, form: unknown, program: DutyProgram, context: Context): Change<UnitReport> {
  assertReportEditable(report);
  const next = revise(report, { form: draftReportForm(program, report.kind, form) }, context.now);
  return { entity: next, expectedVersion: report.version, events: [audit(context.actor, 'report.edited', 'report', report, next, context.now)] };
}

/**
 * Registers a pending upload for a material of a draft or returned report (the same rules as
 * an application's files), as a file owned by the report.
 *
 * @throws DomainError as `requestUpload`: INVALID_STATE (409), MATERIAL_UNKNOWN (422), FILE_TYPE_NOT_ALLOWED (422), FILE_TOO_LARGE (413).
 */
export function requestReportUpload(request: UploadRequest, report: UnitReport, program: DutyProgram, context: Context & { readonly id: string }): { change: Change<Evidence>; material: Material } {
  const owner = { id: report.id, roundId: report.unitId, orgId: report.orgId, status: report.status, form: report.form };
  const { change, material } = requestUpload(request, owner, { materials: [...reportMaterialsOf(program)] }, context);
  return { change: { ...change, entity: { ...change.entity, ownerKind: 'report' } }, material };
}

/**
 * Submits a report: the form complete, every required material there and every file checked.
 *
 * @throws DomainError INVALID_STATE (409); FORM_INVALID (422); EVIDENCE_NOT_VERIFIED (422) while a file
 *   is still being checked or was refused; MATERIALS_INCOMPLETE (422).
 */
export function submitReport(report: UnitReport, evidence: readonly Evidence[], program: DutyProgram, context: Context): Change<UnitReport> {
  assertReportEditable(report);
  const form = validateForm({ form: [...reportFormOf(program, report.kind)] }, report.form, { partial: false });
  const current = currentEvidence(evidence);
  const pending = current.filter((item) => item.status === 'pending');
  if (pending.length > 0) {
    throw new DomainError('EVIDENCE_NOT_VERIFIED', 'pending', pending.map((item) => ({ path: item.materialKey, message: '文件检查中', evidenceId: item.id })));
  }
  assertMaterialsComplete(reportMaterialsOf(program), current);
  const next = revise(report, { form, status: 'submitted', submittedAt: context.now.toISOString() }, context.now);
  return { entity: next, expectedVersion: report.version, events: [audit(context.actor, 'report.submitted', 'report', report, next, context.now)] };
}

/** How staff decide a submitted report. */
export interface ReportReview {
  readonly outcome: 'accepted' | 'returned';
  readonly rating?: ReportRating | undefined;
  readonly note: string;
}

/**
 * Staff accept a submitted report (with a rating, where given) or return it for correction.
 *
 * @throws DomainError INVALID_STATE (409) unless it is submitted.
 */
export function reviewReport(report: UnitReport, decision: ReportReview, context: Context & { readonly actorName: string }): Change<UnitReport> {
  if (report.status !== 'submitted') throw new DomainError('INVALID_STATE', 'reportNotSubmitted');
  const review = {
    outcome: decision.outcome,
    ...(decision.rating ? { rating: decision.rating } : {}),
    note: decision.note.trim(),
    by: context.actorName,
    at: context.now.toISOString(),
  };
  const next = revise(report, { status: decision.outcome, review }, context.now);
  return {
    entity: next,
    expectedVersion: report.version,
    events: [audit(context.actor, `report.${decision.outcome}`, 'report', report, next, context.now, decision.rating ? { rating: decision.rating } : undefined)],
  };
}

/** A duty of a unit with its report, if one was started, and whether it is late. */
export interface DutyState extends AnnualDuty {
  readonly report?: UnitReport;
  readonly overdue: boolean;
}

/** Each duty of a unit's cycle with its report (matched by year and kind) and lateness at `now`. */
export function dutyStates(unit: DutyUnit, program: DutyProgram, reports: readonly UnitReport[], now: Date): DutyState[] {
  return annualDuties(unit, program).map((duty) => {
    const report = reports.find((item) => item.year === duty.year && item.kind === duty.kind);
    return { ...duty, ...(report ? { report } : {}), overdue: isDutyOverdue(duty, report, now) };
  });
}

/**
 * Staff decide a submitted report as {@link reviewReport}; accepting a rectification report of a
 * `rectifying` unit also ends its rectification (the unit `active` again), in the same commit.
 *
 * @throws DomainError INVALID_STATE (409) unless the report is submitted.
 */
export function reviewUnitReport(
  report: UnitReport,
  unit: Unit,
  decision: ReportReview,
  context: Context & { readonly actorName: string },
): { readonly report: Change<UnitReport>; readonly unit?: Change<Unit> } {
  const reviewed = reviewReport(report, decision, context);
  const ended = report.kind === 'rectification' && decision.outcome === 'accepted' ? endRectification(unit, report.id, context) : undefined;
  return { report: reviewed, ...(ended ? { unit: ended } : {}) };
}

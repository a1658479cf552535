/**
 * Applications (申报): an organisation's application to a round, from draft to decision.
 * Every verb returns the new state with its audit event; nothing here does I/O.
 */
import type { ProgramTemplate } from '../programs/schema.js';
import { canTransition, type ApplicationStatus } from './application-status.js';
import { checkForm, validateForm, type FormValues } from './application-form.js';
import { audit, type Actor, type Change } from './audit-event.js';
import { evaluateEligibility, type EligibilityReport } from './eligibility.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';
import { applicableMaterials, assertMaterialsComplete, currentEvidence, type Evidence } from './evidence.js';
import { isIntakeOpen, type Round } from './round.js';
import { applicationStatusLabels } from './status-labels.js';
import type { Retryable } from './workflow-failure.js';

export type FormData = Record<string, unknown>;

/** The staff's formal-review (形式审查) decision. */
export interface ScreeningDecision {
  readonly outcome: 'accept' | 'return' | 'ineligible';
  readonly reasons: readonly string[];
  readonly by: string;
  readonly at: string;
}

export interface Application extends Retryable {
  readonly roundId: string;
  readonly programId: string;
  readonly orgId: string;
  readonly applicantName: string;
  readonly title: string;
  readonly form: FormData;
  readonly status: ApplicationStatus;
  /** How many times it has been submitted (names the submission workflow's executions). */
  readonly submissions: number;
  readonly submittedAt?: string;
  readonly eligibility?: EligibilityReport;
  readonly screening?: ScreeningDecision;
  /** Callback token of the formal review the submission workflow waits on. */
  readonly formalReviewToken?: string;
  /** Callback token of the submission workflow waiting for files still being checked. */
  readonly evidenceWaitToken?: string;
  readonly result?: { readonly rank: number; readonly score: number | null };
  /** The recognised unit an evaluation round's application is the cycle report of. */
  readonly unitId?: string;
}

interface Context {
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * The form of a draft: fields may be missing, but what is there must exist in the program and
 * have the right type.
 *
 * @throws DomainError VALIDATION_FAILED (400) with one detail per field.
 */
function draftForm(program: ProgramTemplate, form: FormData): FormValues {
  const check = checkForm(program, form, { partial: true });
  if (!check.ok) throw new DomainError('VALIDATION_FAILED', 'draftForm', check.issues);
  return check.form;
}

function displayFields(form: FormData): { applicantName: string; title: string } {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  return { applicantName: text(form['applicantName']), title: text(form['projectTitle']) };
}

/**
 * Starts a draft application of `orgId` in `round` (in an evaluation round, the cycle report of
 * its unit `unitId`). The form may be incomplete, but what is filled in must have the right types.
 *
 * @throws DomainError INTAKE_CLOSED (409) outside the intake window; VALIDATION_FAILED (400) for unknown or mistyped fields.
 */
export function createApplication(
  input: { form: FormData; unitId?: string | undefined },
  round: Round,
  program: ProgramTemplate,
  context: Context & { id: string; orgId: string },
): Change<Application> {
  if (!isIntakeOpen(round, context.now)) throw new DomainError('INTAKE_CLOSED', 'creation');
  const form = draftForm(program, input.form);
  const application: Application = {
    ...newEntityMeta(context.id, context.now),
    roundId: round.id,
    programId: program.id,
    orgId: context.orgId,
    ...displayFields(form),
    form,
    ...(input.unitId === undefined ? {} : { unitId: input.unitId }),
    status: 'draft',
    submissions: 0,
  };
  return {
    entity: application,
    expectedVersion: 0,
    events: [audit(context.actor, 'application.created', 'application', undefined, application, context.now)],
  };
}

/** Whether the institution may still change the form and evidence. */
export function isEditable(application: Application): boolean {
  return application.status === 'draft' || application.status === 'returned';
}

function assertEditable(application: Application): void {
  if (!isEditable(application)) {
    throw new DomainError('INVALID_STATE', 'applicationSubmitted');
  }
}

/**
 * Replaces the form of a draft or returned application.
 *
 * @throws DomainError INVALID_STATE (409) once submitted; VALIDATION_FAILED (400) for unknown or mistyped fields.
 */
export function editApplication(application: Application, form: FormData, program: ProgramTemplate, context: Context): Change<Application> {
  assertEditable(application);
  const parsed = draftForm(program, form);
  const next = revise(application, { form: parsed, ...displayFields(parsed) }, context.now);
  return { entity: next, expectedVersion: application.version, events: [audit(context.actor, 'application.edited', 'application', application, next, context.now)] };
}

/**
 * Submits an application: the form must be complete, every required material uploaded and
 * no file rejected. Evidence still being checked is allowed; the submission workflow waits for it.
 *
 * @throws DomainError INTAKE_CLOSED (409), INVALID_STATE (409), FORM_INVALID (422),
 *   MATERIALS_INCOMPLETE (422), EVIDENCE_NOT_VERIFIED (422).
 */
export function submitApplication(
  application: Application,
  evidence: readonly Evidence[],
  round: Round,
  program: ProgramTemplate,
  context: Context,
): Change<Application> {
  if (!isIntakeOpen(round, context.now)) throw new DomainError('INTAKE_CLOSED', 'submission');
  assertEditable(application);
  const form = validateForm(program, application.form, { partial: false });
  assertMaterialsComplete(applicableMaterials(program, form), currentEvidence(evidence));
  assertTransition(application.status, 'submitted');
  const next = revise(
    application,
    { form, ...displayFields(form), status: 'submitted', submissions: application.submissions + 1, submittedAt: context.now.toISOString() },
    context.now,
  );
  return { entity: next, expectedVersion: application.version, events: [audit(context.actor, 'application.submitted', 'application', application, next, context.now)] };
}

/**
 * Throws unless the status machine allows `from → to`.
 *
 * @throws DomainError INVALID_STATE (409), e.g. '申报状态不能从「草稿」变为「已认定」'.
 */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      'INVALID_STATE',
      'applicationTransition',
      { from: applicationStatusLabels[from], to: applicationStatusLabels[to] },
      [{ message: `${from} → ${to} is not allowed`, from, to }],
    );
  }
}

/**
 * Moves an application to another status (workflow steps and staff decisions).
 *
 * @throws DomainError INVALID_STATE (409) when the status machine does not allow it.
 */
export function moveApplication(
  application: Application,
  to: ApplicationStatus,
  changes: Partial<Omit<Application, keyof EntityMeta | 'status'>>,
  context: Context & { action: string; detail?: Record<string, unknown> },
): Change<Application> {
  assertTransition(application.status, to);
  const next = revise(application, { ...changes, status: to }, context.now);
  return {
    entity: next,
    expectedVersion: application.version,
    events: [audit(context.actor, context.action, 'application', application, next, context.now, context.detail)],
  };
}

/**
 * Starts the screening of a submitted application whose evidence all passed its checks: the
 * automatic eligibility rules run and their report is kept for formal review.
 *
 * @throws DomainError INVALID_STATE (409) unless submitted; EVIDENCE_PENDING (409) while a file is
 *   still being checked or failed its check (the submission workflow then returns the application).
 */
export function startScreening(
  application: Application,
  evidence: readonly Evidence[],
  program: ProgramTemplate,
  context: Context,
): Change<Application> {
  if (application.status !== 'submitted') throw new DomainError('INVALID_STATE', 'applicationNotSubmitted');
  if (currentEvidence(evidence).some((item) => item.status === 'pending' || item.status === 'rejected')) {
    throw new DomainError('EVIDENCE_PENDING', 'screening');
  }
  const report = evaluateEligibility(program, application.form);
  return moveApplication(application, 'screening', { eligibility: report }, {
    ...context,
    action: 'application.screening_started',
    detail: { eligibilityPassed: report.passed },
  });
}

/** Records the callback token of the submission workflow waiting for its files' checks. */
export function awaitEvidenceChecks(application: Application, token: string, context: Context): Change<Application> {
  const next = revise(application, { evidenceWaitToken: token }, context.now);
  return { entity: next, expectedVersion: application.version, events: [audit(context.actor, 'application.awaiting_evidence_checks', 'application', application, next, context.now)] };
}

/** Records the callback token of the formal review the submission workflow is waiting on. */
export function awaitFormalReview(application: Application, token: string, context: Context): Change<Application> {
  const next = revise(application, { formalReviewToken: token }, context.now);
  return { entity: next, expectedVersion: application.version, events: [audit(context.actor, 'application.awaiting_formal_review', 'application', application, next, context.now)] };
}

const statusOfOutcome = { accept: 'accepted', return: 'returned', ineligible: 'ineligible' } as const;

/**
 * The formal-review decision on an application in screening: accept it into the round, return
 * it for correction, or find it ineligible. Returning or refusing needs reasons the applicant reads.
 *
 * @throws DomainError INVALID_STATE (409) when the application is not in screening;
 *   VALIDATION_FAILED (400) when reasons are missing.
 */
export function decideScreening(
  application: Application,
  decision: { outcome: ScreeningDecision['outcome']; reasons: readonly string[] },
  context: Context & { actorName: string },
): Change<Application> {
  if (application.status !== 'screening') throw new DomainError('INVALID_STATE', 'applicationNotScreening');
  if (decision.outcome !== 'accept' && decision.reasons.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'reasonsRequired', [{ path: 'reasons', message: '必填' }]);
  }
  const status = statusOfOutcome[decision.outcome];
  return moveApplication(
    application,
    status,
    { screening: { outcome: decision.outcome, reasons: [...decision.reasons], by: context.actorName, at: context.now.toISOString() } },
    { actor: context.actor, now: context.now, action: `application.${status}`, detail: { reasons: [...decision.reasons] } },
  );
}

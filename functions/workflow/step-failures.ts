/**
 * The workflow side of failed steps: a state machine's Catch hands a failed step to a
 * `.waitForTaskToken` task that records the failure on the round or application (with the
 * token), tells staff by mail, and waits until staff retry (see `retryFailedStep`). A unit's
 * duty workflow reports the failure to staff and tries the step again itself the next day.
 */
import * as z from 'zod';
import type { Application } from '#shared/domain/application.js';
import { systemActor, type Actor, type Change } from '#shared/domain/audit-event.js';
import type { Round } from '#shared/domain/round.js';
import { failureReason, recordStepFailure, retryFailedStep, unitStepLabels, type StepFailure, type UnitStep } from '#shared/domain/workflow-failure.js';
import { tagged, type RecordKinds } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { logger } from '../logger.js';
import { stepFailedMail } from '../notifications/mail-templates.js';
import { requireRecord } from '../record-lookups.js';

/** What the Catch put in the state (`ResultPath: "$.failure"`), bounded. */
export const caughtError = z.object({ Error: z.string().max(1000), Cause: z.string().max(100_000).optional() }).strict();

/** How the stopped step goes on: staff retry it at `retryPath`, or the workflow tries it again at `retriesAt`. */
type Resumption = { readonly retryPath: string } | { readonly retriesAt: string };

/** Mails every configured staff address; a mail that cannot be sent is logged (the failure stays visible on the record, or in the log). */
async function tellStaff(deps: Dependencies, failure: Pick<StepFailure, 'step' | 'stepLabel' | 'reason' | 'at'>, subject: { title: string; what: string } & Resumption): Promise<void> {
  for (const to of deps.settings.staffEmails) {
    try {
      const { title, what, ...resumption } = subject;
      await deps.mailer.send(stepFailedMail(to, { subjectTitle: title, what, stepLabel: failure.stepLabel, reason: failure.reason, at: failure.at, ...resumption }));
    } catch (error) {
      logger.error('step failure mail not sent', { to, step: failure.step, error: String(error) });
    }
  }
}

function taggedRetryable(kind: 'round' | 'application', change: Change<Round | Application>) {
  return kind === 'round' ? tagged('round', change as Change<Round>) : tagged('application', change as Change<Application>);
}

/** What staff read about the record whose workflow stopped, and where they retry it. */
function subjectOf(kind: 'round' | 'application', record: Round | Application): { title: string; what: string; retryPath: string } {
  if (kind === 'round') {
    const round = record as Round;
    return { title: round.title, what: `批次“${round.title}”（${round.id}）`, retryPath: `/api/admin/rounds/${round.id}/retry` };
  }
  const application = record as Application;
  const title = application.title || application.id;
  return { title, what: `申报“${title}”（${application.applicantName}，${application.id}）`, retryPath: `/api/admin/applications/${application.id}/retry` };
}

/**
 * Records the failed step of a round's or an application's workflow with the token of the
 * workflow's wait, and tells staff.
 */
export async function recordWorkflowStepFailure<K extends 'round' | 'application'>(
  deps: Dependencies,
  kind: K,
  input: { id: string; step: string; stepLabel: string; error: z.output<typeof caughtError>; token: string },
): Promise<void> {
  const record: Round | Application = await requireRecord(deps, kind, input.id);
  const change = recordStepFailure(record, kind, input, { actor: systemActor, now: deps.clock.now() });
  await deps.records.commit([taggedRetryable(kind, change)]);
  logger.warn('workflow step failed', { kind, id: record.id, step: input.step, error: input.error.Error });
  await tellStaff(deps, change.entity.failure!, subjectOf(kind, record));
}

/** How long a failed step of a unit's workflow rests before the workflow tries it again. */
const unitRetryDelayMs = 86_400_000;

/**
 * A step of a unit's duty workflow failed: staff are told why (a unit has no retry route: its
 * steps are idempotent, and the workflow tries the step again the next day); resolves when.
 */
export async function reportUnitStepFailure(deps: Dependencies, input: { unitId: string; step: UnitStep; error: z.output<typeof caughtError> }): Promise<{ retryAt: string }> {
  const unit = await requireRecord(deps, 'unit', input.unitId);
  const now = deps.clock.now();
  const retryAt = new Date(now.getTime() + unitRetryDelayMs).toISOString();
  const stepLabel = unitStepLabels[input.step];
  logger.warn('workflow step failed', { kind: 'unit', id: unit.id, step: input.step, error: input.error.Error });
  await tellStaff(
    deps,
    { step: input.step, stepLabel, reason: failureReason(stepLabel, input.error), at: now.toISOString() },
    { title: unit.title, what: `认定单位“${unit.title}”（${unit.organization}，${unit.id}）`, retriesAt: retryAt },
  );
  return { retryAt };
}

/**
 * Staff retry the failed step of a round's or an application's workflow: the failure is cleared
 * (audited) and every wait for the retry released; resolves the record as now stored.
 *
 * @throws DomainError NOTHING_TO_RETRY (409) when no step has failed.
 */
export async function retryWorkflowStep<K extends 'round' | 'application'>(deps: Dependencies, kind: K, record: RecordKinds[K], actor: Actor): Promise<RecordKinds[K]> {
  const { change, tokens } = retryFailedStep<Round | Application>(record, kind, { actor, now: deps.clock.now() });
  await deps.records.commit([taggedRetryable(kind, change)]);
  for (const token of tokens) await deps.workflows.resumeIfWaiting(token, {});
  return change.entity as RecordKinds[K];
}

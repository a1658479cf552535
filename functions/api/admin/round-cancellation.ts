/**
 * Cancelling a round (取消批次): the round is marked `cancelled` with the staff's reason, its
 * workflow and its applications' submission and review workflows are stopped (open review links
 * then answer 410), and every applicant is told by mail. A repeated cancel changes nothing and
 * mails nobody twice; it stops the workflows again (harmless), so a call interrupted after the
 * write still ends with every workflow stopped.
 */
import type { Application } from '#shared/domain/application.js';
import type { Actor } from '#shared/domain/audit-event.js';
import { cancelRound, type Round } from '#shared/domain/round.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '#functions/composition-root.js';
import { roundCancelledMail } from '#functions/notifications/mail-templates.js';
import { requireRecord, requireRoundProgram } from '#functions/record-lookups.js';
import { reviewExecutionName, roundExecutionName, submissionExecutionName } from '#functions/workflow/execution-names.js';
import { contactOf } from '#functions/workflow/result-mails.js';
import { withOptimisticRetry } from '../optimistic-retry.js';

/** Executions stopped at once (well inside the StopExecution rate). */
const stopsAtOnce = 10;

/** Stops the round's workflow, then each application's current submission workflow and its review workflow. */
async function stopWorkflows(deps: Dependencies, round: Round, applications: readonly Application[], cause: string): Promise<void> {
  await deps.workflows.stop('round', roundExecutionName(round), cause);
  const executions = applications.flatMap((application) => [
    ...(application.submissions > 0 ? [{ workflow: 'submission' as const, name: submissionExecutionName(application) }] : []),
    { workflow: 'review' as const, name: reviewExecutionName(application) },
  ]);
  for (let from = 0; from < executions.length; from += stopsAtOnce) {
    await Promise.all(executions.slice(from, from + stopsAtOnce).map(({ workflow, name }) => deps.workflows.stop(workflow, name, cause)));
  }
}

/** Tells each applicant of the round (withdrawn ones excepted) that it was cancelled and why. */
async function tellApplicants(deps: Dependencies, round: Round, applications: readonly Application[], reason: string): Promise<void> {
  const program = await requireRoundProgram(deps, round);
  for (const application of applications) {
    const to = contactOf(application);
    if (!to || application.status === 'withdrawn') continue;
    await deps.mailer.send(roundCancelledMail(to, { applicantName: application.applicantName, title: application.title, roundTitle: round.title, programName: program.name, reason }));
  }
}

/**
 * Cancels the round `id` with `reason`; resolves the cancelled round.
 *
 * @throws DomainError NOT_FOUND (404); INVALID_STATE (409) once its final decision is taken or it is published.
 */
export async function cancelRoundAndStop(deps: Dependencies, id: string, reason: string, by: { actor: Actor; actorName: string }): Promise<Round> {
  const { round, cancelledNow } = await withOptimisticRetry(async () => {
    const current = await requireRecord(deps, 'round', id);
    if (current.status === 'cancelled') return { round: current, cancelledNow: false };
    const change = cancelRound(current, reason, { ...by, now: deps.clock.now() });
    await deps.records.commit([tagged('round', change)]);
    return { round: change.entity, cancelledNow: true };
  });
  const applications = await deps.records.listApplicationsOfRound(round.id);
  await stopWorkflows(deps, round, applications, round.cancellation?.reason ?? reason);
  if (cancelledNow) await tellApplicants(deps, round, applications, reason);
  return round;
}

/** Staff routes for rounds: open, follow, close intake, decide the shortlist and the final approval, cancel. */
import * as z from 'zod';
import { advanceRound, approveFinal, approveShortlist, createRound, roundStatusLabel, type Round } from '#shared/domain/round.js';
import { approvalOf } from '#shared/programs/procedure.js';
import { applicationStatuses } from '#shared/domain/application-status.js';
import { maxIndicatorWeight } from '#shared/domain/round-scoring.js';
import { DomainError } from '#shared/domain/errors.js';
import { moveApplication } from '#shared/domain/application.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Change } from '#shared/domain/audit-event.js';
import { maxExpertsPerApplication, noticeIssuerSchema } from '#shared/programs/schema.js';
import type { Dependencies } from '#functions/composition-root.js';
import { roundExecutionName } from '#functions/workflow/execution-names.js';
import { retryWorkflowStep } from '#functions/workflow/step-failures.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { withOptimisticRetry } from '../optimistic-retry.js';
import { boundedId, boundedText, emptyBody, finiteNumber, strictRecord } from '../http/bounded-schemas.js';
import { isoTimestamp } from '../http/validation.js';
import { requireRecord, requireRoundProgram } from '#functions/record-lookups.js';
import { requireOfferedProgram } from '#functions/program-catalogue.js';
import { applicationView, evidenceView } from '../application-view.js';
import { currentEvidence } from '#shared/domain/evidence.js';
import { rankingView } from './ranking-view.js';
import { assertShortlistVisits } from './site-visits.js';
import { cancelRoundAndStop } from './round-cancellation.js';

/** The settings of a new round (an evaluation round takes them too). */
export const createBody = z
  .object({
    programId: boundedId,
    title: boundedText(200, { min: 1 }),
    year: z.number().int().min(2000).max(2100),
    intakeOpensAt: isoTimestamp,
    intakeClosesAt: isoTimestamp,
    quota: finiteNumber({ min: 1, max: 100_000, int: true }).optional(),
    expertsPerApplication: z.number().int().min(1).max(maxExpertsPerApplication).optional(),
    minValidReviews: z.number().int().min(1).max(50).optional(),
    reviewDays: z.number().int().min(1).max(365).optional(),
    /** 0: no publicity, where the program allows it (the domain refuses it elsewhere). */
    publicityWorkingDays: z.number().int().min(0).max(60).optional(),
    siteVisit: z.enum(['none', 'when_needed', 'required']).optional(),
    aggregation: z.enum(['mean', 'trimmed_mean', 'median']).optional(),
    leafMaxScore: z.number().int().min(1).max(100).optional(),
    /** Relative weights by indicator code (the domain refuses 0 and unknown codes). */
    indicatorWeights: strictRecord(finiteNumber({ min: 0, max: maxIndicatorWeight }), { maxKeys: 500 }).optional(),
    issuer: noticeIssuerSchema.optional(),
    assignmentMode: z.enum(['optimal', 'draw']).optional(),
    avoidSameRegion: z.boolean().optional(),
  })
  .strict();
const shortlistBody = z
  .object({ approve: z.literal(true), applicationIds: z.array(boundedId).max(10_000).optional(), note: boundedText(2000).optional() })
  .strict();
const cancelBody = z.object({ reason: boundedText(500, { min: 1, trim: true }) }).strict();
const finalBody = z.object({ approve: z.literal(true), noticeNumber: boundedText(100, { min: 1 }) }).strict();

/**
 * The round as staff see it (without workflow tokens), with application counts per status;
 * `failure` names a failed workflow step, `approval` the program's approving body and the name
 * of its decision, `statusLabel` the status in Chinese in the program's words.
 */
export async function presentRound(deps: Dependencies, round: Round) {
  const { callbacks: _callbacks, retryTokens: _retryTokens, ...visible } = round;
  const counts = Object.fromEntries(applicationStatuses.map((status) => [status, 0])) as Record<string, number>;
  for (const application of await deps.records.listApplicationsOfRound(round.id)) counts[application.status] = (counts[application.status] ?? 0) + 1;
  const approval = approvalOf(await requireRoundProgram(deps, round));
  return { ...visible, counts, approval, statusLabel: roundStatusLabel(round.status, approval) };
}

/**
 * Stores a new round with its workflow, as staff see it. The workflow starts first and waits
 * for the record (its first task retries while the round is not found), so a round never
 * exists without its workflow.
 */
export async function startRound(deps: Dependencies, change: Change<Round>) {
  await deps.workflows.start('round', roundExecutionName(change.entity), { roundId: change.entity.id });
  await deps.records.commit([tagged('round', change)]);
  return presentRound(deps, change.entity);
}

/**
 * Resumes the round workflow waiting on a staff decision (exported for the evaluation decisions). The decision is already saved; when
 * the workflow has not reached its wait yet, it finds the decision there and goes on by itself.
 */
export async function resume(deps: Dependencies, token: string | undefined): Promise<void> {
  // A wait that already ended (timed out, or its step failed and waits for a retry) is not an error of the saved decision.
  if (token) await deps.workflows.resumeIfWaiting(token, {});
}

export const roundRoutes = [
  route({ method: 'POST', path: '/api/admin/rounds', auth: 'admin', body: createBody }, async ({ body, principal, deps }) => {
    const { template: program, version } = await requireOfferedProgram(deps, body.programId);
    const change = createRound(body, program, {
      id: deps.ids.entityId('round'),
      province: deps.settings.province,
      actor: actorOf(principal),
      now: deps.clock.now(),
      programVersion: version,
    });
    return { status: 201, body: { round: await startRound(deps, change) } };
  }),

  route({ method: 'GET', path: '/api/admin/rounds', auth: 'admin' }, async ({ deps }) => {
    const rounds = await deps.records.listRounds();
    return { body: { rounds: await Promise.all(rounds.map((round) => presentRound(deps, round))) } };
  }),

  route({ method: 'GET', path: '/api/admin/rounds/{id}', auth: 'admin' }, async ({ params, deps }) => ({
    body: { round: await presentRound(deps, await requireRecord(deps, 'round', params['id']!)) },
  })),

  route({ method: 'POST', path: '/api/admin/rounds/{id}/close-intake', auth: 'admin' }, async ({ params, principal, deps }) => {
    // The workflow may write the round (e.g. attach its callback) meanwhile: decide again on fresh data.
    const { round, change } = await withOptimisticRetry(async () => {
      const round = await requireRecord(deps, 'round', params['id']!);
      if (round.status !== 'open') throw new DomainError('INVALID_STATE', 'roundIntakeClosed');
      const now = deps.clock.now();
      const change = advanceRound(round, 'screening', { intakeClosedAt: now.toISOString() }, { actor: actorOf(principal), now, action: 'round.intake_closed' });
      await deps.records.commit([tagged('round', change)]);
      return { round, change };
    });
    await resume(deps, round.callbacks.intakeClose);
    return { status: 202, body: { round: await presentRound(deps, change.entity) } };
  }),

  route({ method: 'POST', path: '/api/admin/rounds/{id}/retry', auth: 'admin', body: emptyBody }, async ({ params, principal, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    return { status: 202, body: { round: await presentRound(deps, await retryWorkflowStep(deps, 'round', round, actorOf(principal))) } };
  }),

  route({ method: 'POST', path: '/api/admin/rounds/{id}/cancel', auth: 'admin', body: cancelBody }, async ({ params, body, principal, deps }) => {
    const round = await cancelRoundAndStop(deps, params['id']!, body.reason, { actor: actorOf(principal), actorName: principal.name });
    return { body: { round: await presentRound(deps, round) } };
  }),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/applications', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    const applications = await deps.records.listApplicationsOfRound(round.id);
    // Staff screen each application with its current files (and what their check flagged).
    const withEvidence = await Promise.all(
      applications.map(async (application) => ({
        ...applicationView(application),
        evidence: currentEvidence(await deps.records.listEvidenceOfApplication(application.id)).map(evidenceView),
      })),
    );
    return { body: { applications: withEvidence } };
  }),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/assignments', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    const tasks = await deps.records.listReviewTasksOfRound(round.id);
    return {
      body: {
        assignments: tasks.map((item) => ({
          taskId: item.id,
          applicationId: item.applicationId,
          expertId: item.expertId,
          status: item.status,
          dueAt: item.dueAt,
          reminders: item.reminders,
          ...(item.total === undefined || item.status !== 'submitted' ? {} : { total: item.total }),
        })),
      },
    };
  }),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/ranking', auth: 'admin' }, async ({ params, deps }) => {
    return { body: await rankingView(deps, await requireRecord(deps, 'round', params['id']!)) };
  }),

  route({ method: 'POST', path: '/api/admin/rounds/{id}/shortlist', auth: 'admin', body: shortlistBody }, async ({ params, body, principal, deps }) => {
    const { round, change } = await withOptimisticRetry(async () => {
      const round = await requireRecord(deps, 'round', params['id']!);
      const context = { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now() };
      const change = approveShortlist(round, body, context);
      const applications = await deps.records.listApplicationsOfRound(round.id);
      await assertShortlistVisits(deps, round, change.entity.shortlist!.applicationIds, applications);
      const chosen = new Set(change.entity.shortlist!.applicationIds);
      // Each application's outcome first (a retry after a failure finds the rest still 'scored').
      for (const application of applications.filter((item) => item.status === 'scored')) {
        const listed = chosen.has(application.id);
        const action = listed ? 'application.shortlisted' : 'application.not_shortlisted';
        await deps.records.commit([tagged('application', moveApplication(application, listed ? 'shortlisted' : 'not_shortlisted', {}, { ...context, action }))]);
      }
      await deps.records.commit([tagged('round', change)]);
      return { round, change };
    });
    await resume(deps, round.callbacks.shortlist);
    return { body: { round: await presentRound(deps, change.entity) } };
  }),

  route({ method: 'POST', path: '/api/admin/rounds/{id}/final-approval', auth: 'admin', body: finalBody }, async ({ params, body, principal, deps }) => {
    const { round, change } = await withOptimisticRetry(async () => {
      const round = await requireRecord(deps, 'round', params['id']!);
      const change = approveFinal(round, body.noticeNumber, { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now() });
      await deps.records.commit([tagged('round', change)]);
      return { round, change };
    });
    await resume(deps, round.callbacks.finalApproval);
    return { body: { round: await presentRound(deps, change.entity) } };
  }),
];

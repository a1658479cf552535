/** Staff routes for applications: the formal-review (形式审查) decision. */
import { z } from 'zod';
import { decideScreening, startScreening } from '../../../shared/domain/application.js';
import { andThen } from '../../../shared/domain/audit-event.js';
import { tagged } from '../../../shared/ports/record-store.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { emptyBody } from '../http/bounded-schemas.js';
import { requireProgram, requireRecord } from '../../record-lookups.js';
import { continueRound } from '../../workflow/round-continuation.js';
import { retryWorkflowStep } from '../../workflow/step-failures.js';
import { withOptimisticRetry } from '../optimistic-retry.js';
import { applicationView } from '../application-view.js';

const screeningBody = z
  .object({ outcome: z.enum(['accept', 'return', 'ineligible']), reasons: z.array(z.string().min(1).max(500)).max(50).default([]) })
  .strict();

export const applicationRoutes = [
  route({ method: 'POST', path: '/api/admin/applications/{id}/screening', auth: 'admin', body: screeningBody }, async ({ params, body, principal, deps }) => {
    // The workflow may be storing its callback token on the application at the same moment.
    const { application, change } = await withOptimisticRetry(async () => {
      const current = await requireRecord(deps, 'application', params['id']!);
      const context = { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now() };
      // Submitted, and the workflow has not started its screening yet: start it here; the workflow
      // then finds the decision taken and only tells the applicant.
      const decided =
        current.status === 'submitted'
          ? andThen(startScreening(current, await deps.records.listEvidenceOfApplication(current.id), requireProgram(current.programId), context), (next) => decideScreening(next, body, context))
          : decideScreening(current, body, context);
      await deps.records.commit([tagged('application', decided)]);
      return { application: current, change: decided };
    });
    if (application.formalReviewToken) await deps.workflows.succeedTask(application.formalReviewToken, { outcome: body.outcome });
    await continueRound(deps, application.roundId, 'screening');
    return { body: { application: applicationView(change.entity) } };
  }),

  route({ method: 'POST', path: '/api/admin/applications/{id}/retry', auth: 'admin', body: emptyBody }, async ({ params, principal, deps }) => {
    const application = await requireRecord(deps, 'application', params['id']!);
    return { status: 202, body: { application: applicationView(await retryWorkflowStep(deps, 'application', application, actorOf(principal))) } };
  }),
];

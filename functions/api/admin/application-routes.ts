/** Staff routes for applications: the whole application as staff screen it, and the formal-review (形式审查) decision. */
import * as z from 'zod';
import { decideScreening, startScreening } from '#shared/domain/application.js';
import { andThen } from '#shared/domain/audit-event.js';
import { tagged } from '#shared/ports/record-store.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { emptyBody } from '../http/bounded-schemas.js';
import { requireRoundProgram, requireApplicationProgram, requireRecord } from '#functions/record-lookups.js';
import { continueRound } from '#functions/workflow/round-continuation.js';
import { retryWorkflowStep } from '#functions/workflow/step-failures.js';
import { withOptimisticRetry } from '../optimistic-retry.js';
import { applicationView, evidenceView } from '../application-view.js';
import { currentEvidence } from '#shared/domain/evidence.js';
import { evidenceDownloadUrl } from '../evidence-downloads.js';

const screeningBody = z
  .object({ outcome: z.enum(['accept', 'return', 'ineligible']), reasons: z.array(z.string().min(1).max(500)).max(50).default([]) })
  .strict();

export const applicationRoutes = [
  route({ method: 'GET', path: '/api/admin/applications/{id}', auth: 'admin' }, async ({ params, deps }) => {
    const application = await requireRecord(deps, 'application', params['id']!);
    const [round, evidence] = await Promise.all([requireRecord(deps, 'round', application.roundId), deps.records.listEvidenceOfApplication(application.id)]);
    const program = await requireRoundProgram(deps, round);
    const materialTitles = new Map(program.materials.map((material) => [material.key, material.title]));
    const files = await Promise.all(
      currentEvidence(evidence).map(async (item) => {
        const downloadUrl = await evidenceDownloadUrl(deps, item);
        return { ...evidenceView(item), materialTitle: materialTitles.get(item.materialKey) ?? item.materialKey, ...(downloadUrl ? { downloadUrl } : {}) };
      }),
    );
    return { body: { application: applicationView(application), evidence: files, program: { id: program.id, name: program.name }, round: { id: round.id, title: round.title } } };
  }),

  route({ method: 'POST', path: '/api/admin/applications/{id}/screening', auth: 'admin', body: screeningBody }, async ({ params, body, principal, deps }) => {
    // The workflow may be storing its callback token on the application at the same moment.
    const { application, change } = await withOptimisticRetry(async () => {
      const current = await requireRecord(deps, 'application', params['id']!);
      const context = { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now() };
      // Submitted, and the workflow has not started its screening yet: start it here; the workflow
      // then finds the decision taken and only tells the applicant.
      const decided =
        current.status === 'submitted'
          ? andThen(startScreening(current, await deps.records.listEvidenceOfApplication(current.id), await requireApplicationProgram(deps, current), context), (next) => decideScreening(next, body, context))
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

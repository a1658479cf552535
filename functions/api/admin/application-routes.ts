/** Staff routes for applications: the formal-review (形式审查) decision. */
import { z } from 'zod';
import { decideScreening } from '../../../shared/domain/application.js';
import { tagged } from '../../../shared/ports/record-store.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { requireRecord } from '../../record-lookups.js';
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
      const decided = decideScreening(current, body, { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now() });
      await deps.records.commit([tagged('application', decided)]);
      return { application: current, change: decided };
    });
    if (application.formalReviewToken) await deps.workflows.succeedTask(application.formalReviewToken, { outcome: body.outcome });
    return { body: { application: applicationView(change.entity) } };
  }),
];

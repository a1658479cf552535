/** Staff routes for applications: the formal-review (形式审查) decision. */
import { z } from 'zod';
import { moveApplication } from '../../../shared/domain/application.js';
import { DomainError } from '../../../shared/domain/errors.js';
import { tagged } from '../../../shared/ports/record-store.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { requireRecord } from '../lookups.js';
import { withOptimisticRetry } from '../optimistic-retry.js';

const screeningBody = z
  .object({ outcome: z.enum(['accept', 'return', 'ineligible']), reasons: z.array(z.string().min(1).max(500)).max(50).default([]) })
  .strict();

const statusOfOutcome = { accept: 'accepted', return: 'returned', ineligible: 'ineligible' } as const;

export const applicationRoutes = [
  route({ method: 'POST', path: '/api/admin/applications/{id}/screening', auth: 'admin', body: screeningBody }, async ({ params, body, principal, deps }) => {
    if (body.outcome !== 'accept' && body.reasons.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 400, '退回或认定不符合条件时必须写明原因', [{ path: 'reasons', message: '必填' }]);
    }
    // The workflow may be storing its callback token on the application at the same moment.
    const { application, change } = await withOptimisticRetry(async () => {
      const current = await requireRecord(deps, 'application', params['id']!);
      if (current.status !== 'screening') throw new DomainError('INVALID_STATE', 409, '该申报当前不在形式审查环节');
      const now = deps.clock.now();
      const decided = moveApplication(
        current,
        statusOfOutcome[body.outcome],
        { screening: { outcome: body.outcome, reasons: body.reasons, by: principal.name, at: now.toISOString() } },
        { actor: actorOf(principal), now, action: `application.${statusOfOutcome[body.outcome]}`, detail: { reasons: body.reasons } },
      );
      await deps.records.commit([tagged('application', decided)]);
      return { application: current, change: decided };
    });
    if (application.formalReviewToken) await deps.workflows.succeedTask(application.formalReviewToken, { outcome: body.outcome });
    const { formalReviewToken: _token, ...visible } = change.entity;
    return { body: { application: visible } };
  }),
];

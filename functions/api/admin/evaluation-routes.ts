/** Staff routes of cycle evaluations (周期评估): open an evaluation round of recognised units, conclude it per unit. */
import * as z from 'zod';
import { moveApplication } from '#shared/domain/application.js';
import { createEvaluationRound, decideEvaluation, defaultEvaluatedStatuses, type EvaluatedUnit } from '#shared/domain/evaluation-round.js';
import { DomainError } from '#shared/domain/errors.js';
import { evaluationOutcomes } from '#shared/domain/round.js';
import { tagged } from '#shared/ports/record-store.js';
import { evaluationView, hasEvaluation } from '#shared/programs/evaluation-view.js';
import type { Dependencies } from '#functions/composition-root.js';
import { requireOfferedProgram } from '#functions/program-catalogue.js';
import { requireRecord } from '#functions/record-lookups.js';
import { boundedId, boundedText } from '../http/bounded-schemas.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { isoTimestamp } from '../http/validation.js';
import { withOptimisticRetry } from '../optimistic-retry.js';
import { createBody, presentRound, resume, startRound } from './round-routes.js';

/** Units one evaluation round may list (well above a program's recognised units). */
const maxUnitsPerEvaluation = 1000;

const evaluationBody = createBody
  .extend({
    /** Absent: the program's active and rectifying units. */
    unitIds: z.array(boundedId).min(1).max(maxUnitsPerEvaluation).optional(),
    /** Absent: the current year. */
    year: z.number().int().min(2000).max(2100).optional(),
    /** Absent: now. */
    intakeOpensAt: isoTimestamp.optional(),
  })
  .strict();

const decisionsBody = z
  .object({
    decisions: z
      .array(
        z
          .object({
            unitId: boundedId,
            outcome: z.enum(evaluationOutcomes),
            note: boundedText(2000).optional(),
            rectifyBy: isoTimestamp.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(maxUnitsPerEvaluation),
  })
  .strict();

/** The units an evaluation names, each found or `undefined`; none named: the program's units under way. */
async function unitsToEvaluate(deps: Dependencies, programId: string, unitIds: readonly string[] | undefined) {
  if (unitIds === undefined) {
    const units = (await deps.records.listUnits(programId)).filter((unit) => defaultEvaluatedStatuses.includes(unit.status));
    return units.map((unit) => ({ id: unit.id, unit }));
  }
  return Promise.all(unitIds.map(async (id) => ({ id, unit: (await deps.records.get('unit', id)) as EvaluatedUnit | undefined })));
}

export const evaluationRoutes = [
  route({ method: 'POST', path: '/api/admin/evaluations', auth: 'admin', body: evaluationBody }, async ({ body, principal, deps }) => {
    const { template: program, version } = await requireOfferedProgram(deps, body.programId);
    if (!hasEvaluation(program)) {
      throw new DomainError('EVALUATION_NOT_DEFINED', 'program', { name: program.name }, [{ path: 'programId', message: '该认定项目没有周期评估指标' }]);
    }
    const now = deps.clock.now();
    const { unitIds, ...settings } = body;
    const input = { ...settings, year: body.year ?? now.getUTCFullYear(), intakeOpensAt: body.intakeOpensAt ?? now.toISOString() };
    const units = await unitsToEvaluate(deps, program.id, unitIds);
    const change = createEvaluationRound(input, evaluationView(program), units, {
      id: deps.ids.entityId('round'),
      province: deps.settings.province,
      actor: actorOf(principal),
      now,
      programVersion: version,
    });
    return { status: 201, body: { round: await startRound(deps, change) } };
  }),

  route({ method: 'POST', path: '/api/admin/rounds/{id}/evaluation-decisions', auth: 'admin', body: decisionsBody }, async ({ params, body, principal, deps }) => {
    const { round, decided } = await withOptimisticRetry(async () => {
      const round = await requireRecord(deps, 'round', params['id']!);
      const applications = await deps.records.listApplicationsOfRound(round.id);
      const units = (await Promise.all((round.unitIds ?? []).map((id) => deps.records.get('unit', id)))).filter((unit) => unit !== undefined);
      const context = { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now(), units, applications };
      const change = decideEvaluation(round, body.decisions, context);
      if (!change) return { round, decided: round };
      const revoking = new Set(change.entity.shortlist!.applicationIds);
      // Each application's outcome first (a retry after a failure finds the rest still 'scored').
      for (const application of applications.filter((item) => item.status === 'scored')) {
        const listed = revoking.has(application.id);
        const action = listed ? 'application.revocation_proposed' : 'application.evaluated';
        await deps.records.commit([tagged('application', moveApplication(application, listed ? 'shortlisted' : 'evaluated', {}, { ...context, action }))]);
      }
      await deps.records.commit([tagged('round', change)]);
      return { round, decided: change.entity };
    });
    await resume(deps, round.callbacks.shortlist);
    return { body: { round: await presentRound(deps, decided) } };
  }),
];

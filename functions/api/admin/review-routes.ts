/** Staff routes for expert review: the round's review progress, its recusals and reassigning an expert by hand. */
import * as z from 'zod';
import { progressTask, reviewProgress } from '#shared/domain/review-progress.js';
import type { ReviewTask } from '#shared/domain/review-task.js';
import { roundRecusals } from '#shared/domain/round-recusals.js';
import type { Dependencies } from '#functions/composition-root.js';
import { requireRoundProgram, requireRecord } from '#functions/record-lookups.js';
import { boundedId, boundedText } from '../http/bounded-schemas.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { reassignByStaff } from './manual-reassignment.js';

const reassignBody = z.object({ expertId: boundedId.optional(), reason: boundedText(500, { min: 1, trim: true }) }).strict();

/** A task as staff see it (no link id, no workflow token), with its expert's name. */
async function presentTask(deps: Dependencies, task: ReviewTask) {
  return progressTask(task, await deps.records.get('expert', task.expertId), deps.clock.now());
}

export const reviewRoutes = [
  route({ method: 'GET', path: '/api/admin/rounds/{id}/progress', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    const [applications, tasks, experts] = await Promise.all([
      deps.records.listApplicationsOfRound(round.id),
      deps.records.listReviewTasksOfRound(round.id),
      deps.records.listExperts(),
    ]);
    return { body: reviewProgress({ applications, tasks, experts, minValidReviews: round.minValidReviews, now: deps.clock.now() }) };
  }),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/recusals', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    const [applications, experts] = await Promise.all([deps.records.listApplicationsOfRound(round.id), deps.records.listExperts()]);
    return { body: { recusals: roundRecusals({ round, program: await requireRoundProgram(deps, round), applications, experts }) } };
  }),

  route({ method: 'POST', path: '/api/admin/review-tasks/{taskId}/reassign', auth: 'admin', body: reassignBody }, async ({ params, body, principal, deps }) => {
    const outcome = await reassignByStaff(deps, params['taskId']!, body, { actor: actorOf(principal), actorName: principal.name });
    return {
      body: { task: await presentTask(deps, outcome.task), replacement: await presentTask(deps, outcome.replacement), repeated: outcome.repeated },
    };
  }),
];

/**
 * Expert review links (no account): the link id in the invitation e-mail identifies one
 * task. GET never changes anything (mail scanners prefetch links); POST acts, then resumes
 * the review workflow.
 */
import * as z from 'zod';
import type { Application } from '#shared/domain/application.js';
import type { Actor, Change } from '#shared/domain/audit-event.js';
import { DomainError } from '#shared/domain/errors.js';
import { assertConflictDeclared, assertLinkValid, assertMaterialsOpen, declareConflict, declineTask, saveScores, type ReviewTask } from '#shared/domain/review-task.js';
import { programOfRound } from '#shared/domain/round-scoring.js';
import { totalOfScores } from '#shared/domain/scoring.js';
import { currentEvidence } from '#shared/domain/evidence.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { resumeReviewSlot } from '../workflow/review-callbacks.js';
import { boundedText, finiteNumber, strictRecord } from './http/bounded-schemas.js';
import { httpApi, route, type Route } from './http/http-api.js';
import { requireApplicationProgram, requireRecord, requireRoundProgram } from '../record-lookups.js';
import { withOptimisticRetry } from './optimistic-retry.js';
import { evidenceDownloadUrl } from './evidence-downloads.js';

const conflictBody = z.object({ hasConflict: z.boolean(), note: boundedText(2000).optional() }).strict();
const scoresBody = z
  .object({
    /** Indicator code → score; each leaf's own range (0–leafMaxScore ≤ 100) is the domain's to check. */
    scores: strictRecord(finiteNumber({ min: 0, max: 100 }), { maxKeys: 500 }),
    comment: boundedText(5000),
    recommendation: z.enum(['recommend', 'not_recommend']),
    final: z.boolean(),
  })
  .strict();
const declineBody = z.object({ reason: boundedText(2000, { min: 1, trim: true }) }).strict();

/** What a link reaches: its task and the application under review. */
interface LinkTarget {
  readonly task: ReviewTask;
  readonly application: Application;
}

async function linkTarget(deps: Dependencies, linkId: string): Promise<LinkTarget> {
  const task = /^[A-Za-z0-9_-]{20,100}$/.test(linkId) ? await deps.records.findReviewTaskByLink(linkId) : undefined;
  if (!task) throw new DomainError('LINK_INVALID', 'link');
  assertLinkValid(task);
  const application = await deps.records.get('application', task.applicationId);
  if (!application) throw new DomainError('LINK_INVALID', 'link');
  if (application.status === 'withdrawn') throw new DomainError('LINK_EXPIRED', 'withdrawn');
  if ((await deps.records.get('round', task.roundId))?.status === 'cancelled') throw new DomainError('LINK_EXPIRED', 'roundCancelled');
  return { task, application };
}

/**
 * Loads the link's task, applies the expert's action and saves it; when the workflow touched
 * the task at the same moment (a reminder going out), the action is applied again to the fresh task.
 */
async function actOnTask(deps: Dependencies, linkId: string, act: (target: LinkTarget, now: Date) => Promise<Change<ReviewTask>>): Promise<ReviewTask> {
  return withOptimisticRetry(async () => {
    const change = await act(await linkTarget(deps, linkId), deps.clock.now());
    await deps.records.commit([tagged('reviewTask', change)]);
    return change.entity;
  });
}

/** The program as the task's round scores it (round weights and item points). */
async function scoredProgram(deps: Dependencies, task: ReviewTask) {
  const round = await requireRecord(deps, 'round', task.roundId);
  return programOfRound(await requireRoundProgram(deps, round), round);
}

function expertActor(task: ReviewTask): Actor {
  return { kind: 'expert', id: task.expertId };
}

function presentTask(task: ReviewTask, extra: Record<string, unknown>) {
  return {
    task: {
      status: task.status,
      dueAt: task.dueAt,
      ...extra,
      ...(task.scores ? { draft: { scores: task.scores, comment: task.comment, recommendation: task.recommendation } } : {}),
    },
  };
}

/** The routes this function serves, each as the route catalogue (`infra/definitions/catalog.ts`) lists it. */
export const routes: readonly Route[] = [
  route({ method: 'GET', path: '/api/review/{linkId}', auth: 'public' }, async ({ params, deps }) => {
    const { task, application } = await linkTarget(deps, params['linkId']!);
    const program = await requireApplicationProgram(deps, application);
    return { body: presentTask(task, { program: program.name, applicationTitle: application.title, applicant: application.applicantName }) };
  }),

  route({ method: 'POST', path: '/api/review/{linkId}/conflict', auth: 'public', body: conflictBody }, async ({ params, body, deps }) => {
    const task = await actOnTask(deps, params['linkId']!, async ({ task: current }, now) => declareConflict(current, body, { actor: expertActor(current), now }));
    if (body.hasConflict) await resumeReviewSlot(deps, task, 'declined');
    return { body: presentTask(task, {}) };
  }),

  route({ method: 'GET', path: '/api/review/{linkId}/application', auth: 'public' }, async ({ params, deps }) => {
    const { task, application } = await linkTarget(deps, params['linkId']!);
    assertMaterialsOpen(task, deps.clock.now());
    const program = await scoredProgram(deps, task);
    const evidence = currentEvidence(await deps.records.listEvidenceOfApplication(application.id)).filter((item) => item.status === 'verified');
    return {
      body: {
        application: { id: application.id, title: application.title, applicant: application.applicantName, form: application.form },
        indicators: program.indicators,
        scoring: program.scoring,
        evidence: await Promise.all(
          evidence.map(async (item) => ({
            id: item.id,
            materialKey: item.materialKey,
            fileName: item.fileName,
            pages: item.pdfPages,
            sha256: item.sha256,
            downloadUrl: await evidenceDownloadUrl(deps, item),
          })),
        ),
      },
    };
  }),

  route({ method: 'POST', path: '/api/review/{linkId}/scores', auth: 'public', body: scoresBody }, async ({ params, body, deps }) => {
    const task = await actOnTask(deps, params['linkId']!, async ({ task: current, application }, now) => {
      assertConflictDeclared(current);
      const program = await scoredProgram(deps, current);
      const total = totalOfScores(program.indicators, body.scores, program.scoring, { form: application.form, final: body.final });
      return saveScores(current, { ...body, ...(total === undefined ? {} : { total }) }, { actor: expertActor(current), now });
    });
    if (body.final) await resumeReviewSlot(deps, task, 'submitted');
    return { body: presentTask(task, task.total === undefined ? {} : { total: task.total }) };
  }),

  route({ method: 'POST', path: '/api/review/{linkId}/decline', auth: 'public', body: declineBody }, async ({ params, body, deps }) => {
    const task = await actOnTask(deps, params['linkId']!, async ({ task: current }, now) => declineTask(current, body.reason, { actor: expertActor(current), now }));
    await resumeReviewSlot(deps, task, 'declined');
    return { body: presentTask(task, {}) };
  }),
];

/** The Lambda handler of {@link routes}. */
export const handler = httpApi(routes);

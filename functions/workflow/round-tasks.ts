/**
 * Tasks of the round workflow (statemachines/round.asl.json): intake close, screening
 * progress, expert assignment, ranking, the human decisions, publicity and publishing.
 */
import * as z from 'zod';
import { systemActor } from '#shared/domain/audit-event.js';
import { moveApplication, type Application } from '#shared/domain/application.js';
import { assignExperts } from '#shared/domain/assignment.js';
import { roundAssignmentContext } from '#shared/domain/assignment-input.js';
import { assertReviewableAssignment } from '#shared/domain/assignment-coverage.js';
import { DomainError } from '#shared/domain/errors.js';
import { countedReviews, createReviewTask } from '#shared/domain/review-task.js';
import { advanceRound, needsPublicity, rememberRoundCallback, type Round } from '#shared/domain/round.js';
import { rankApplications } from '#shared/domain/scoring.js';
import { publicityPeriod } from '#shared/domain/working-days.js';
import { roundStepLabels, type RoundStep } from '#shared/domain/workflow-failure.js';
import { tagged, type TaggedChange } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { currentReviewTasks } from './current-review-tasks.js';
import { reviewExecutionName } from './execution-names.js';
import { mailOutcomes } from './result-mails.js';
import { freshCopies, requireRecord, requireRoundProgram } from '../record-lookups.js';
import { openObjections, pendingScreening, roundWaits, type RoundWait } from './round-continuation.js';
import { caughtError, recordWorkflowStepFailure } from './step-failures.js';
import { startEachOnce } from './start-once.js';
import { startUnitDuties, unitOfRecognition } from './unit-creation.js';
import { publishEvaluation } from './evaluation-publication.js';
import { isEvaluationRound } from '#shared/domain/evaluation-round.js';
import { task, workflowTasks } from './task-dispatch.js';

const byRound = z.object({ roundId: z.string() });
const roundSteps = Object.keys(roundStepLabels) as [RoundStep, ...RoundStep[]];
const roundWaitNames = Object.keys(roundWaits) as [RoundWait, ...RoundWait[]];

function context(deps: Dependencies, action: string, detail?: Record<string, unknown>) {
  return { actor: systemActor, now: deps.clock.now(), action, ...(detail ? { detail } : {}) };
}

/** Commits one change per application, in transactions of bounded size. */
async function commitEach(deps: Dependencies, changes: readonly TaggedChange[][]): Promise<void> {
  for (const group of changes) await deps.records.commit(group);
}

const reviewStatuses: readonly Application['status'][] = ['in_review', 'scored'];

/** Starts the review workflow of each application (deterministic names: see startEachOnce). */
function startReviews(deps: Dependencies, roundId: string, applications: readonly Application[]): Promise<void> {
  return startEachOnce(deps, 'review', applications, (application) => ({ name: reviewExecutionName(application), input: { roundId, applicationId: application.id } }));
}

/**
 * The round's applications as they are now. The index lists them but may still show a status
 * changed a moment ago (the last screening decision or review that moved the round on), and a
 * step deciding on a stale status would leave an application out or fail on its version.
 */
async function currentApplications(deps: Dependencies, roundId: string): Promise<Application[]> {
  return freshCopies(deps, 'application', await deps.records.listApplicationsOfRound(roundId));
}

/**
 * Tells the applicants not shortlisted, once the shortlist is approved. Called before the round
 * moves on: a failed attempt mails again on retry rather than leave anyone untold.
 */
async function mailNotShortlisted(deps: Dependencies, round: Round, applications: readonly Application[]): Promise<void> {
  await mailOutcomes(deps, round, applications.filter((item) => item.status === 'not_shortlisted'));
}

/** The tasks of the round workflow by the name its definition (`statemachines/round.asl.json`) passes as `task`. */
export const tasks = {
  prepare: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    return { secondsUntilClose: Math.max(1, Math.ceil((Date.parse(round.intakeClosesAt) - deps.clock.now().getTime()) / 1000)) };
  }),

  awaitIntakeClose: task(byRound.extend({ token: z.string() }), async ({ roundId, token }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    // Closed already, or its deadline passed while the step waited for a retry: close at once.
    if (round.status !== 'open' || Date.parse(round.intakeClosesAt) <= deps.clock.now().getTime()) {
      await deps.workflows.succeedTask(token, {});
      return {};
    }
    await deps.records.commit([tagged('round', rememberRoundCallback(round, 'intakeClose', token, { actor: systemActor, now: deps.clock.now() }))]);
    return {};
  }),

  closeIntake: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    if (round.status !== 'open') return {};
    const now = deps.clock.now();
    await deps.records.commit([tagged('round', advanceRound(round, 'screening', { intakeClosedAt: now.toISOString() }, context(deps, 'round.intake_closed')))]);
    return {};
  }),

  screeningProgress: task(byRound, async ({ roundId }, deps) => ({ pending: await pendingScreening(deps, roundId) })),

  /**
   * Stores the token the last screening decision (the last completed review, the last objection
   * resolution) completes,
   * then counts again: released at once when nothing is left (see round-continuation.ts).
   */
  awaitEvent: task(byRound.extend({ event: z.enum(roundWaitNames), token: z.string() }), async ({ roundId, event, token }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    await deps.records.commit([tagged('round', rememberRoundCallback(round, event, token, { actor: systemActor, now: deps.clock.now() }))]);
    if (!(await roundWaits[event].anyLeft(deps, roundId))) await deps.workflows.resumeIfWaiting(token, {});
    return {};
  }),

  /**
   * Assigns experts to every accepted application at once, puts them in review and starts one
   * review workflow each (the round then waits in AwaitReviews for the last to complete). The round
   * first moves to `assigning` with its seed (drawn now in draw mode, the round id otherwise),
   * audited with the mode and the counts, so that the draw can be reproduced from the audit and
   * a retry after an interruption keeps the seed.
   */
  assign: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    const applications = await currentApplications(deps, roundId);
    // Already in review: those of an earlier, interrupted attempt (or all, when the round moved on).
    let inReview = applications.filter((item) => reviewStatuses.includes(item.status));
    if (round.status === 'screening' || round.status === 'assigning') {
      const accepted = applications.filter((item) => item.status === 'accepted');
      const experts = await deps.records.listExperts();
      // a retry after an interruption: the tasks committed before hold their experts' places
      const heldTasks = round.status === 'assigning' ? await deps.records.listReviewTasksOfRound(roundId).then((listed) => currentReviewTasks(deps, listed)) : [];
      const mode = round.assignmentMode ?? 'optimal';
      const seed = round.assignmentSeed ?? (mode === 'draw' ? deps.ids.secretId() : round.id);
      const scene = roundAssignmentContext({ round: { ...round, assignmentSeed: seed }, program: await requireRoundProgram(deps, round), applications: accepted, experts, heldTasks });
      const result = assignExperts({ ...scene, expertsPerApplication: round.expertsPerApplication, mode });
      assertReviewableAssignment(result.shortfalls, round.minValidReviews);
      let assigning = round;
      if (round.status === 'screening') {
        const pairs = Object.values(result.assignments).reduce((sum, ids) => sum + ids.length, 0);
        const detail = { mode, seed, applications: accepted.length, experts: experts.length, pairs, shortfalls: result.shortfalls.length };
        const started = advanceRound(round, 'assigning', { assignmentSeed: seed }, context(deps, 'round.assignment_started', detail));
        await deps.records.commit([tagged('round', started)]);
        assigning = started.entity;
      }
      const now = deps.clock.now();
      const dueAt = new Date(now.getTime() + round.reviewDays * 86_400_000);
      const groups = accepted.map((application) => [
        tagged('application', moveApplication(application, 'in_review', {}, context(deps, 'application.review_started'))),
        ...(result.assignments[application.id] ?? []).map((expertId) =>
            tagged(
              'reviewTask',
              createReviewTask(
                { roundId, applicationId: application.id, expertId, dueAt },
                { id: deps.ids.entityId('task'), linkId: deps.ids.secretId(), actor: systemActor, now },
              ),
            ),
          ),
      ]);
      await commitEach(deps, groups);
      await deps.records.commit([tagged('round', advanceRound(assigning, 'in_review', {}, context(deps, 'round.review_started', { shortfalls: result.shortfalls.length })))]);
      inReview = [...inReview, ...accepted];
    }
    const reviewing = inReview.filter((item) => item.status !== 'scored');
    await startReviews(deps, roundId, reviewing);
    // small whatever the round's size: the round waits for the reviews, not on a list of them
    return { inReview: reviewing.length };
  }),

  /** Aggregates the submitted reviews into a ranking and the proposed shortlist. */
  rank: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    if (round.status !== 'in_review') return {};
    const [applications, tasks] = await Promise.all([currentApplications(deps, roundId), deps.records.listReviewTasksOfRound(roundId).then((listed) => currentReviewTasks(deps, listed))]);
    // An application whose review ended abnormally is still in review: it is ranked on the
    // reviews submitted so far and closed like the others.
    const unfinished = applications.filter((item) => item.status === 'in_review');
    await commitEach(
      deps,
      unfinished.map((application) => [tagged('application', moveApplication(application, 'scored', {}, context(deps, 'application.review_closed_by_ranking')))]),
    );
    const scored = applications.filter((item) => item.status === 'scored' || item.status === 'in_review');
    const { ranking, proposedShortlist } = rankApplications(
      scored.map((application) => ({
        applicationId: application.id,
        reviewTotals: countedReviews(tasks, application.id).map((item) => item.total ?? 0),
      })),
      { minValidReviews: round.minValidReviews, aggregation: round.aggregation, quota: round.quota },
    );
    await deps.records.commit([
      tagged('round', advanceRound(round, 'awaiting_shortlist_approval', { ranking, proposedShortlist, rankedAt: deps.clock.now().toISOString() }, context(deps, 'round.ranked'))),
    ]);
    return {};
  }),

  /** Stores the callback token of a staff decision; releases at once if it was already taken. */
  awaitDecision: task(byRound.extend({ decision: z.enum(['shortlist', 'finalApproval']), token: z.string() }), async ({ roundId, decision, token }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    const decided = decision === 'shortlist' ? round.shortlist : round.finalDecision;
    if (decided) {
      await deps.workflows.succeedTask(token, {});
      return {};
    }
    await deps.records.commit([tagged('round', rememberRoundCallback(round, decision, token, { actor: systemActor, now: deps.clock.now() }))]);
    return {};
  }),

  /**
   * After the shortlist approval: whether the round holds publicity. A round without one
   * (0 working days) has its shortlist final: the applicants not shortlisted are told, and the
   * round waits for the final decision at once.
   */
  confirmShortlist: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    if (needsPublicity(round)) return { publicity: true };
    if (round.status === 'awaiting_shortlist_approval' && round.shortlist) {
      await mailNotShortlisted(deps, round, await currentApplications(deps, roundId));
      await deps.records.commit([tagged('round', advanceRound(round, 'awaiting_final_approval', {}, context(deps, 'round.shortlist_final')))]);
    }
    return { publicity: false };
  }),

  /** Puts the approved shortlist on public notice for the round's working days. */
  openPublicity: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    if (round.status === 'awaiting_shortlist_approval' && round.shortlist) {
      const now = deps.clock.now();
      const period = publicityPeriod(now, round.publicityWorkingDays, { calendar: deps.calendar, beyondData: 'estimate' });
      const publicity = { startsAt: now.toISOString(), endsAt: period.end.toISOString() };
      const listed = new Set(round.shortlist.applicationIds);
      const all = await currentApplications(deps, roundId);
      const applications = all.filter((item) => listed.has(item.id) && item.status === 'shortlisted');
      await commitEach(
        deps,
        applications.map((application) => [tagged('application', moveApplication(application, 'in_publicity', {}, context(deps, 'application.publicity_opened')))]),
      );
      await mailNotShortlisted(deps, round, all);
      await deps.records.commit([
        tagged('round', advanceRound(round, 'in_publicity', { publicity }, context(deps, 'round.publicity_opened', { estimatedCalendar: period.estimated }))),
      ]);
      return { endsAt: publicity.endsAt };
    }
    if (!round.publicity) throw new DomainError('INVALID_STATE', 'publicityBeforeShortlist');
    return { endsAt: round.publicity.endsAt };
  }),

  /** After the publicity period: wait while objections are open, then hand over to final approval. */
  closePublicity: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    const open = await openObjections(deps, roundId);
    if (open === 0 && round.status === 'in_publicity') {
      await deps.records.commit([tagged('round', advanceRound(round, 'awaiting_final_approval', {}, context(deps, 'round.publicity_closed')))]);
    }
    return { openObjections: open };
  }),

  /** A step failed: record it on the round, tell staff, and wait for their retry (the token). */
  awaitRetry: task(byRound.extend({ step: z.enum(roundSteps), error: caughtError, token: z.string() }), async ({ roundId, step, error, token }, deps) => {
    await recordWorkflowStepFailure(deps, 'round', { id: roundId, step, stepLabel: roundStepLabels[step], error, token });
    return {};
  }),

  /** Records the outcome per application and tells every applicant (an evaluation round: per unit, see evaluation-publication.ts). */
  publish: task(byRound, async ({ roundId }, deps) => {
    const round = await requireRecord(deps, 'round', roundId);
    if (round.status !== 'awaiting_final_approval' || !round.finalDecision) return {};
    if (isEvaluationRound(round)) {
      await publishEvaluation(deps, { ...round, finalDecision: round.finalDecision }, await requireRoundProgram(deps, round), await currentApplications(deps, roundId));
      return {};
    }
    const [applications, objections] = await Promise.all([currentApplications(deps, roundId), deps.records.listObjectionsOfRound(roundId)]);
    const upheld = new Set(objections.filter((item) => item.status === 'upheld').map((item) => item.applicationId));
    const program = await requireRoundProgram(deps, round);
    // on notice, or (a round without publicity) shortlisted: the approved shortlist is final
    const final: readonly Application['status'][] = needsPublicity(round) ? ['in_publicity'] : ['shortlisted'];
    const decided = applications
      .filter((item) => final.includes(item.status))
      .map((application) =>
        moveApplication(application, upheld.has(application.id) ? 'rejected' : 'recognized', {}, context(deps, upheld.has(application.id) ? 'application.rejected' : 'application.recognized')),
      );
    // a recognised application becomes its unit in the same write (a retry finds it decided, the unit made)
    await commitEach(deps, decided.map((change) => [tagged('application', change), ...unitOfRecognition(deps, round, program, change.entity)]));
    // with those an interrupted earlier attempt decided, mailed before the round moves on (a retry mails again rather than leave anyone untold)
    const earlier = applications.filter((item) => item.status === 'recognized' || item.status === 'rejected');
    await startUnitDuties(deps, [...earlier, ...decided.map((change) => change.entity)]);
    await mailOutcomes(deps, round, [...earlier, ...decided.map((change) => change.entity)]);
    const published = advanceRound(round, 'published', { publishedAt: deps.clock.now().toISOString() }, context(deps, 'round.published', { noticeNumber: round.finalDecision.noticeNumber }));
    await deps.records.commit([tagged('round', published)]);
    return {};
  }),
};

/** The Lambda handler of {@link tasks}. */
export const handler = workflowTasks(tasks);

/**
 * Tasks of the submission workflow (statemachines/submission.asl.json): wait for the
 * evidence checks, screen the automatic eligibility rules, hand over to staff for formal
 * review, and tell the applicant the outcome.
 */
import * as z from 'zod';
import { andThen, systemActor } from '#shared/domain/audit-event.js';
import { awaitEvidenceChecks, awaitFormalReview, decideScreening, moveApplication, startScreening, type Application } from '#shared/domain/application.js';
import { currentEvidence } from '#shared/domain/evidence.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { screeningResultMail, submissionReceivedMail } from '../notifications/mail-templates.js';
import { requireApplicationProgram, requireRecord } from '../record-lookups.js';
import { submissionStepLabels, type SubmissionStep } from '#shared/domain/workflow-failure.js';
import { continueRound } from './round-continuation.js';
import { contactOf, mailOutcomes } from './result-mails.js';
import { evidenceChecked } from './submission-continuation.js';
import { caughtError, recordWorkflowStepFailure } from './step-failures.js';
import { task, workflowTasks } from './task-dispatch.js';

/** How long the workflow waits for uploads still being checked before returning the application. */
const evidenceGraceSeconds = 30 * 60;

const byApplication = z.object({ applicationId: z.string() });
const submissionSteps = Object.keys(submissionStepLabels) as [SubmissionStep, ...SubmissionStep[]];

async function returnForCorrection(deps: Dependencies, application: Application, reasons: string[]): Promise<void> {
  const now = deps.clock.now();
  const change = andThen(
    moveApplication(application, 'screening', {}, { actor: systemActor, now, action: 'application.screening_started' }),
    (next) => decideScreening(next, { outcome: 'return', reasons }, { actor: systemActor, actorName: 'system', now }),
  );
  await deps.records.commit([tagged('application', change)]);
  await continueRound(deps, application.roundId, 'screening');
  const to = contactOf(application);
  if (to) await deps.mailer.send(screeningResultMail(to, { ...application, outcome: 'return', reasons }));
}

/** The tasks of the submission workflow by the name its definition (`statemachines/submission.asl.json`) passes as `task`. */
export const tasks = {
  /** `verified` when every current file passed its checks, `pending` while some are being checked, `failed` otherwise (the application is returned). */
  checkEvidence: task(byApplication, async ({ applicationId }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    if (application.status !== 'submitted') return { state: application.status === 'withdrawn' ? 'failed' : 'verified' };
    const evidence = currentEvidence(await deps.records.listEvidenceOfApplication(applicationId));
    const rejected = evidence.filter((item) => item.status === 'rejected');
    const pending = evidence.filter((item) => item.status === 'pending');
    const waitedSeconds = (deps.clock.now().getTime() - Date.parse(application.submittedAt ?? application.updatedAt)) / 1000;
    if (rejected.length > 0 || (pending.length > 0 && waitedSeconds > evidenceGraceSeconds)) {
      const reasons = [
        ...rejected.map((item) => `材料“${item.fileName}”未通过文件检查：${item.reason ?? ''}`),
        ...pending.map((item) => `材料“${item.fileName}”未上传成功，请重新上传`),
      ];
      await returnForCorrection(deps, application, reasons);
      return { state: 'failed' };
    }
    if (pending.length > 0) return { state: 'pending' };
    const to = contactOf(application);
    if (to) await deps.mailer.send(submissionReceivedMail(to, { ...application, programName: (await requireApplicationProgram(deps, application)).name }));
    return { state: 'verified' };
  }),

  /** Stores the token the last file check completes (see submission-continuation.ts); released at once when none is left. */
  awaitEvidence: task(byApplication.extend({ token: z.string() }), async ({ applicationId, token }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    if (application.status === 'submitted') {
      await deps.records.commit([tagged('application', awaitEvidenceChecks(application, token, { actor: systemActor, now: deps.clock.now() }))]);
    }
    if (application.status !== 'submitted' || (await evidenceChecked(deps, application))) await deps.workflows.resumeIfWaiting(token, {});
    return {};
  }),

  /** Runs the automatic eligibility rules; returns `formal_review` or `done` (decided automatically). */
  screen: task(byApplication, async ({ applicationId }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    if (application.status !== 'submitted') return { next: application.status === 'screening' ? 'formal_review' : 'done' };
    const program = await requireApplicationProgram(deps, application);
    const now = deps.clock.now();
    let change = startScreening(application, await deps.records.listEvidenceOfApplication(applicationId), program, { actor: systemActor, now });
    const report = change.entity.eligibility!;
    const needsStaff = program.review.formalReview || report.results.some((result) => result.outcome === 'pending');
    if (!needsStaff) {
      const reasons = report.results.filter((result) => result.outcome === 'fail').map((result) => result.text);
      const decision = { outcome: report.passed ? ('accept' as const) : ('ineligible' as const), reasons };
      change = andThen(change, (next) => decideScreening(next, decision, { actor: systemActor, actorName: 'system', now }));
    }
    await deps.records.commit([tagged('application', change)]);
    if (!needsStaff) await continueRound(deps, application.roundId, 'screening');
    return { next: needsStaff ? 'formal_review' : 'done' };
  }),

  /** Stores the callback token that staff's screening decision completes. */
  awaitFormalReview: task(byApplication.extend({ token: z.string() }), async ({ applicationId, token }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    if (application.status !== 'screening') {
      // Decided (or withdrawn) meanwhile: release the workflow at once.
      await deps.workflows.succeedTask(token, { outcome: application.screening?.outcome ?? application.status });
      return {};
    }
    await deps.records.commit([tagged('application', awaitFormalReview(application, token, { actor: systemActor, now: deps.clock.now() }))]);
    return {};
  }),

  /** A week without a decision: keep waiting while the application is still in formal review. */
  formalReviewOverdue: task(byApplication, async ({ applicationId }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    return { stillWaiting: application.status === 'screening' };
  }),

  /** A step failed: record it on the application, tell staff, and wait for their retry (the token). */
  awaitRetry: task(byApplication.extend({ step: z.enum(submissionSteps), error: caughtError, token: z.string() }), async ({ applicationId, step, error, token }, deps) => {
    await recordWorkflowStepFailure(deps, 'application', { id: applicationId, step, stepLabel: submissionStepLabels[step], error, token });
    return {};
  }),

  /** E-mails the applicant the formal-review outcome (ineligibility as the round's result). */
  notifyScreening: task(byApplication, async ({ applicationId }, deps) => {
    const application = await requireRecord(deps, 'application', applicationId);
    const to = contactOf(application);
    const screening = application.screening;
    if (!to || !screening) return {};
    if (screening.outcome === 'ineligible') {
      await mailOutcomes(deps, await requireRecord(deps, 'round', application.roundId), [application]);
      return {};
    }
    const failedRules = (application.eligibility?.results ?? []).filter((result) => result.outcome === 'fail').map((result) => result.text);
    await deps.mailer.send(
      screeningResultMail(to, { ...application, outcome: screening.outcome, reasons: screening.reasons, failedRules: screening.outcome === 'accept' ? [] : failedRules }),
    );
    return {};
  }),
};

/** The Lambda handler of {@link tasks}. */
export const handler = workflowTasks(tasks);

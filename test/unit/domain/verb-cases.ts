/**
 * One or more calls of every domain verb with the audit each must leave: the table the audit
 * trail tests (domain and record store) run over. `test/unit/domain/audit-trail.test.ts` checks
 * it names every verb the domain exports.
 */
import * as application from '#shared/domain/application.js';
import * as auditEvent from '#shared/domain/audit-event.js';
import { systemActor, type Actor, type Change, type EntityType } from '#shared/domain/audit-event.js';
import type { EntityMeta } from '#shared/domain/entity.js';
import { revise } from '#shared/domain/entity.js';
import * as evidence from '#shared/domain/evidence.js';
import * as expert from '#shared/domain/expert.js';
import * as objection from '#shared/domain/objection.js';
import * as programDefinition from '#shared/domain/program-definition.js';
import * as organization from '#shared/domain/organization.js';
import * as reviewTask from '#shared/domain/review-task.js';
import * as round from '#shared/domain/round.js';
import * as unit from '#shared/domain/unit.js';
import * as siteVisit from '#shared/domain/site-visit.js';
import * as unitReport from '#shared/domain/unit-report.js';
import * as evaluationRound from '#shared/domain/evaluation-round.js';
import * as unitEvaluation from '#shared/domain/unit-evaluation.js';
import * as workflowFailure from '#shared/domain/workflow-failure.js';
import { completeForm, makeProgram } from './program-fixture.js';
import { at, draftApplication, openRound, school, staff } from './records-fixture.js';

/** One call of a verb and the audit it must leave. */
export interface AuditCase {
  readonly name: string;
  /** The stored entity the verb starts from; absent for a creation. */
  readonly before?: EntityMeta;
  readonly act: () => Change<EntityMeta>;
  readonly actor: Actor;
  readonly now: Date;
  readonly entityType: EntityType;
  /** The actions of its events, in order (one version step each). */
  readonly actions: readonly string[];
  /** The detail of the last event, when the verb records one. */
  readonly detail?: Record<string, unknown>;
}

const program = makeProgram();
const publicActor: Actor = { kind: 'public', id: '13900000000' };
const expertActor: Actor = { kind: 'expert', id: 'expert-1' };
const now = at(30);
const storedProgram = programDefinition.createProgram({ ...program, id: 'staff-program' }, {}, { actor: staff, now: at(1) }).entity;

const open = openRound(program);
const draft = draftApplication(open, program);
const pending = evidence.requestUpload(
  { materialKey: 'report', fileName: '申报书.pdf', contentType: 'application/pdf', size: 100 },
  draft,
  program,
  { id: 'ev-1', actor: school, now: at(1) },
).change.entity;
const findings = { sha256: 'a'.repeat(64), bytes: 100, detectedFormat: 'pdf' as const, pdfPages: 1 };
const verified = evidence.recordInspection(pending, findings, draft, { actor: systemActor, now: at(2) })!.entity;
const submitted = application.submitApplication(draft, [verified], open, program, { actor: school, now: at(3) }).entity;
const screening = application.moveApplication(submitted, 'screening', {}, { actor: systemActor, now: at(4), action: 'application.screening_started' }).entity;
const ranked = revise(
  open,
  { status: 'awaiting_shortlist_approval', ranking: [{ applicationId: draft.id, rank: 1, score: 90, validReviews: 3, spread: 2 }], proposedShortlist: [draft.id] },
  at(5),
);
const onNotice = revise(
  open,
  {
    status: 'in_publicity',
    shortlist: { applicationIds: [draft.id], approvedBy: '职成处', approvedAt: at(5).toISOString() },
    publicity: { startsAt: at(6).toISOString(), endsAt: at(60 * 24 * 7).toISOString() },
  },
  at(6),
);
const awaitingFinal = revise(onNotice, { status: 'awaiting_final_approval' }, at(7));
const raised = objection.raiseObjection(
  { applicationId: draft.id, name: '张三', phone: '13900000000', content: '合作年限与事实不符。' },
  onNotice,
  { id: 'obj-1', actor: publicActor, now: at(8), sequence: 1 },
).entity;
const invited = reviewTask.createReviewTask(
  { roundId: open.id, applicationId: draft.id, expertId: 'expert-1', dueAt: at(60 * 24) },
  { id: 'task-1', linkId: 'L'.repeat(43), actor: systemActor, now: at(9) },
).entity;
const accepted = reviewTask.declareConflict(invited, { hasConflict: false }, { actor: expertActor, now: at(10) }).entity;
const scores = { scores: { '1.1': 8 }, total: 80, comment: '基础扎实', recommendation: 'recommend' as const };
const declined = reviewTask.declineTask(invited, '出差', { actor: expertActor, now: at(10) }).entity;
const staffDecision = { actor: staff, actorName: '职成处', now };
const registered = organization.saveOrganizationProfile(undefined, { name: '柳州市人民政府', kind: 'city_government' }, { id: 'org-1', actor: school, now: at(1) })!.entity;

const visitRound = revise(ranked, { siteVisit: 'required' }, at(5));
const visitExpert = expert.createExpert({ name: '赵六', email: 'zhao@experts.test', organization: '某研究院', expertise: ['智能制造'] }, { id: 'expert-9', actor: staff, now: at(1) }).entity;
const visitScene = { round: visitRound, application: draft, program, experts: [visitExpert] };
const visitPlan = { scheduledAt: at(60 * 24).toISOString(), expertIds: [visitExpert.id], location: '柳州市柳东新区' };
const scheduledVisit = siteVisit.scheduleSiteVisit(visitPlan, visitScene, { id: 'visit-1', actor: staff, now: at(12) }).entity;

const failedRound = workflowFailure.recordStepFailure(open, 'round', { step: 'Assign', stepLabel: '分配评审专家', error: { Error: 'RangeError' }, token: 'tok' }, { actor: systemActor, now: at(11) }).entity;

/** Every domain verb, as `file#name`, with at least one case. */
const recognizedApplication = revise(submitted, { status: 'recognized' as const }, at(20));
const recognizedUnit = unit.recognizeUnit(recognizedApplication, open, program, { actor: systemActor, now: at(21) }).entity;
const cycleEnded = new Date(Date.parse(recognizedUnit.cycleEndsAt) + 1000);

const planForm = { plan: '推进现场工程师培养。', goals: '新增订单班 2 个。' };
const draftPlan = unitReport.createReport(recognizedUnit, { year: 2027, kind: 'plan', form: planForm }, program, { id: 'report-1', actor: school, now: at(22) }).entity;
const submittedPlan = unitReport.submitReport(draftPlan, [], program, { actor: school, now: at(23) }).entity;
const evaluation = evaluationRound.createEvaluationRound(
  { programId: program.id, title: '周期评估', year: 2029, intakeOpensAt: now.toISOString(), intakeClosesAt: at(60 * 24).toISOString() },
  program,
  [{ id: recognizedUnit.id, unit: recognizedUnit }],
  { id: 'round-ev', province: 'gx', actor: staff, now },
).entity;
const evaluationRanked = revise(evaluation, { status: 'awaiting_shortlist_approval' as const }, at(31));
const rectified = unitEvaluation.rectifyUnit(recognizedUnit, { roundId: 'round-ev-0', note: '整改', deadline: at(60 * 24 * 90).toISOString() }, { actor: systemActor, now })!.entity;
const conclusion = { roundId: evaluation.id, note: '评估意见' };
const rectificationForm = { problems: '企业导师参与不足。', measures: '聘任企业导师 12 名。', results: '导师授课占比达 30%。' };
const rectificationYear = unitReport.rectificationDuty(rectified)!.year;
const draftRectification = unitReport.createReport(rectified, { year: rectificationYear, kind: 'rectification', form: rectificationForm }, program, { id: 'report-rect', actor: school, now }).entity;
const submittedRectification = unitReport.submitReport(draftRectification, [], program, { actor: school, now }).entity;

export const verbCases: Record<string, readonly AuditCase[]> = {
  'evaluation-round.ts#createEvaluationRound': [
    {
      name: 'a cycle evaluation of one unit',
      act: () => evaluationRound.createEvaluationRound(
        { programId: program.id, title: '周期评估', year: 2029, intakeOpensAt: now.toISOString(), intakeClosesAt: at(60 * 24).toISOString() },
        program,
        [{ id: recognizedUnit.id, unit: recognizedUnit }],
        { id: 'round-ev-2', province: 'gx', actor: staff, now },
      ),
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.created'],
      detail: { kind: 'evaluation', units: 1 },
    },
  ],
  'evaluation-round.ts#decideEvaluation': [
    {
      name: 'staff conclude the evaluation: the unit to be revoked is the shortlist',
      before: evaluationRanked,
      act: () =>
        evaluationRound.decideEvaluation(evaluationRanked, [{ unitId: recognizedUnit.id, outcome: 'revoke', note: '未履行建设任务' }], {
          ...staffDecision,
          units: [recognizedUnit],
          applications: [{ id: 'app-ev', status: 'scored', unitId: recognizedUnit.id }],
        })!,
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.evaluation_decided'],
      detail: { continue: 0, incentive: 0, rectify: 0, revoke: 1 },
    },
  ],
  'unit-evaluation.ts#continueUnit': [
    {
      name: 'a unit under rectification continues into its next cycle',
      before: rectified,
      act: () => unitEvaluation.continueUnit(rectified, { ...conclusion, cycleYears: 3 }, { actor: systemActor, now })!,
      actor: systemActor,
      now,
      entityType: 'unit',
      actions: ['unit.evaluation_continued'],
      detail: { roundId: evaluation.id, outcome: 'continue', cycleEndsAt: unit.addYears(now, 3).toISOString() },
    },
  ],
  'unit-evaluation.ts#rewardUnit': [
    {
      name: 'a unit is given an incentive and continues',
      before: recognizedUnit,
      act: () => unitEvaluation.rewardUnit(recognizedUnit, { ...conclusion, cycleYears: 3 }, { actor: systemActor, now })!,
      actor: systemActor,
      now,
      entityType: 'unit',
      actions: ['unit.evaluation_incentive'],
      detail: { roundId: evaluation.id, outcome: 'incentive', cycleEndsAt: unit.addYears(now, 3).toISOString() },
    },
  ],
  'unit-evaluation.ts#rectifyUnit': [
    {
      name: 'a unit is put under rectification with a deadline',
      before: recognizedUnit,
      act: () => unitEvaluation.rectifyUnit(recognizedUnit, { ...conclusion, deadline: at(60 * 24 * 90).toISOString() }, { actor: systemActor, now })!,
      actor: systemActor,
      now,
      entityType: 'unit',
      actions: ['unit.rectification_ordered'],
      detail: { roundId: evaluation.id, outcome: 'rectify', deadline: at(60 * 24 * 90).toISOString() },
    },
  ],
  'unit-evaluation.ts#revokeUnit': [
    {
      name: 'a unit is revoked with the notice number',
      before: recognizedUnit,
      act: () => unitEvaluation.revokeUnit(recognizedUnit, { ...conclusion, noticeNumber: '工信人函〔2029〕5号' }, { actor: systemActor, now })!,
      actor: systemActor,
      now,
      entityType: 'unit',
      actions: ['unit.revoked'],
      detail: { roundId: evaluation.id, outcome: 'revoke', noticeNumber: '工信人函〔2029〕5号' },
    },
  ],
  'application.ts#createApplication': [
    {
      name: 'a new draft',
      act: () => application.createApplication({ form: completeForm }, open, program, { id: 'app-2', orgId: 'org-1', actor: school, now }),
      actor: school,
      now,
      entityType: 'application',
      actions: ['application.created'],
    },
  ],
  'application.ts#editApplication': [
    {
      name: 'a draft edited (PATCH)',
      before: draft,
      act: () => application.editApplication(draft, { ...completeForm, projectTitle: '新的项目名称' }, program, { actor: school, now }),
      actor: school,
      now,
      entityType: 'application',
      actions: ['application.edited'],
    },
  ],
  'application.ts#startScreening': [
    {
      name: 'screening started on verified evidence, with the eligibility report',
      before: submitted,
      act: () => application.startScreening(submitted, [verified], program, { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'application',
      actions: ['application.screening_started'],
      detail: { eligibilityPassed: true },
    },
  ],
  'application.ts#submitApplication': [
    {
      name: 'a complete draft submitted',
      before: draft,
      act: () => application.submitApplication(draft, [verified], open, program, { actor: school, now }),
      actor: school,
      now,
      entityType: 'application',
      actions: ['application.submitted'],
    },
  ],
  'application.ts#moveApplication': [
    {
      name: 'a workflow step with its own action and detail',
      before: submitted,
      act: () => application.moveApplication(submitted, 'screening', {}, { actor: systemActor, now, action: 'application.screening_started', detail: { step: 'screen' } }),
      actor: systemActor,
      now,
      entityType: 'application',
      actions: ['application.screening_started'],
      detail: { step: 'screen' },
    },
  ],
  'application.ts#awaitEvidenceChecks': [
    {
      name: 'the workflow waits for files still being checked',
      before: submitted,
      act: () => application.awaitEvidenceChecks(submitted, 'token-1', { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'application',
      actions: ['application.awaiting_evidence_checks'],
    },
  ],
  'application.ts#awaitFormalReview': [
    {
      name: 'the formal review token remembered',
      before: screening,
      act: () => application.awaitFormalReview(screening, 'token-1', { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'application',
      actions: ['application.awaiting_formal_review'],
    },
  ],
  'application.ts#decideScreening': (['accept', 'return', 'ineligible'] as const).map((outcome) => ({
    name: `formal review: ${outcome}`,
    before: screening,
    act: () => application.decideScreening(screening, { outcome, reasons: ['缺少合作协议'] }, staffDecision),
    actor: staff,
    now,
    entityType: 'application' as const,
    actions: [`application.${{ accept: 'accepted', return: 'returned', ineligible: 'ineligible' }[outcome]}`],
    detail: { reasons: ['缺少合作协议'] },
  })),
  'audit-event.ts#andThen': [
    {
      name: 'two steps in one write keep both events',
      before: submitted,
      act: () =>
        auditEvent.andThen(application.moveApplication(submitted, 'screening', {}, { actor: systemActor, now, action: 'application.screening_started' }), (next) =>
          application.moveApplication(next, 'returned', {}, { actor: systemActor, now, action: 'application.returned' }),
        ),
      actor: systemActor,
      now,
      entityType: 'application',
      actions: ['application.screening_started', 'application.returned'],
    },
  ],
  'evidence.ts#requestUpload': [
    {
      name: 'an upload slot',
      act: () =>
        evidence.requestUpload({ materialKey: 'report', fileName: '申报书.pdf', contentType: 'application/pdf', size: 100 }, draft, program, { id: 'ev-2', actor: school, now })
          .change,
      actor: school,
      now,
      entityType: 'evidence',
      actions: ['evidence.upload_requested'],
    },
  ],
  'evidence.ts#removeEvidence': [
    {
      name: 'a file taken back from a draft',
      before: verified,
      act: () => evidence.removeEvidence(verified, draft, { actor: school, now }),
      actor: school,
      now,
      entityType: 'evidence',
      actions: ['evidence.removed'],
    },
  ],
  'evidence.ts#recordInspection': [
    {
      name: 'a clean file',
      before: pending,
      act: () => evidence.recordInspection(pending, findings, draft, { actor: systemActor, now })!,
      actor: systemActor,
      now,
      entityType: 'evidence',
      actions: ['evidence.verified'],
    },
    {
      name: 'a refused file',
      before: pending,
      act: () => evidence.recordInspection(pending, { ...findings, problem: { code: 'PDF_ENCRYPTED', message: '文件已加密' } }, draft, { actor: systemActor, now })!,
      actor: systemActor,
      now,
      entityType: 'evidence',
      actions: ['evidence.rejected'],
      detail: { code: 'PDF_ENCRYPTED' },
    },
  ],
  'expert.ts#createExpert': [
    {
      name: 'an expert added to the pool',
      act: () => expert.createExpert({ name: '李四', email: 'Li@Experts.test', organization: '某大学', expertise: ['智能制造'] }, { id: 'expert-2', actor: staff, now }),
      actor: staff,
      now,
      entityType: 'expert',
      actions: ['expert.created'],
    },
  ],
  'objection.ts#raiseObjection': [
    {
      name: 'an objection during publicity',
      act: () =>
        objection.raiseObjection({ applicationId: draft.id, name: '王五', phone: '13800000000', content: '材料不实。' }, onNotice, { id: 'obj-2', actor: publicActor, now, sequence: 2 }),
      actor: publicActor,
      now,
      entityType: 'objection',
      actions: ['objection.raised'],
    },
  ],
  'objection.ts#resolveObjection': (['upheld', 'dismissed'] as const).map((outcome) => ({
    name: `an objection ${outcome}`,
    before: raised,
    act: () => objection.resolveObjection(raised, { outcome, note: '经核实' }, staffDecision),
    actor: staff,
    now,
    entityType: 'objection' as const,
    actions: [`objection.${outcome}`],
  })),
  // Each objection of a batch is its own change with its own event; a batch of one shows it.
  'objection.ts#resolveObjections': [
    {
      name: 'a batch dismissed with one note',
      before: raised,
      act: () => objection.resolveObjections(onNotice.id, [raised], { outcome: 'dismissed', note: '经核实，异议不成立' }, staffDecision).changes[0]!,
      actor: staff,
      now,
      entityType: 'objection',
      actions: ['objection.dismissed'],
    },
  ],
  'organization.ts#saveOrganizationProfile': [
    {
      name: 'a profile filled in for the first time',
      act: () => organization.saveOrganizationProfile(undefined, { name: '柳州市人民政府', kind: 'city_government', creditCode: '114502000075655124' }, { id: 'org-2', actor: school, now })!,
      actor: school,
      now,
      entityType: 'organization',
      actions: ['organization.created'],
    },
    {
      name: 'a kind corrected by staff',
      before: registered,
      act: () => organization.saveOrganizationProfile(registered, { name: '柳州市人民政府', kind: 'other' }, { id: registered.id, actor: staff, now })!,
      actor: staff,
      now,
      entityType: 'organization',
      actions: ['organization.updated'],
      detail: { fields: ['kind'] },
    },
  ],
  'review-task.ts#createReviewTask': [
    {
      name: 'a task for one expert',
      act: () =>
        reviewTask.createReviewTask(
          { roundId: open.id, applicationId: draft.id, expertId: 'expert-2', dueAt: at(60 * 24) },
          { id: 'task-2', linkId: 'M'.repeat(43), actor: systemActor, now },
        ),
      actor: systemActor,
      now,
      entityType: 'review_task',
      actions: ['review_task.created'],
    },
  ],
  'review-task.ts#attachCallback': [false, true].map((reminder) => ({
    name: reminder ? 'a reminder' : 'the invitation',
    before: invited,
    act: () => reviewTask.attachCallback(invited, 'token-1', { actor: systemActor, now, reminder }),
    actor: systemActor,
    now,
    entityType: 'review_task' as const,
    actions: [reminder ? 'review_task.reminded' : 'review_task.invited'],
  })),
  'review-task.ts#declareConflict': [false, true].map((hasConflict) => ({
    name: hasConflict ? 'a declared conflict' : 'no conflict',
    before: invited,
    act: () => reviewTask.declareConflict(invited, { hasConflict }, { actor: expertActor, now }),
    actor: expertActor,
    now,
    entityType: 'review_task' as const,
    actions: [hasConflict ? 'review_task.conflict_declared' : 'review_task.accepted'],
  })),
  'review-task.ts#saveScores': [false, true].map((final) => ({
    name: final ? 'a final submission' : 'a draft',
    before: accepted,
    act: () => reviewTask.saveScores(accepted, { ...scores, final }, { actor: expertActor, now }),
    actor: expertActor,
    now,
    entityType: 'review_task' as const,
    actions: [final ? 'review_task.submitted' : 'review_task.draft_saved'],
  })),
  'review-task.ts#declineTask': [
    {
      name: 'a decline',
      before: invited,
      act: () => reviewTask.declineTask(invited, '出差', { actor: expertActor, now }),
      actor: expertActor,
      now,
      entityType: 'review_task',
      actions: ['review_task.declined'],
    },
  ],
  'review-task.ts#expireTask': [
    {
      name: 'the due time passed',
      before: accepted,
      act: () => reviewTask.expireTask(accepted, { actor: systemActor, now: at(60 * 24) })!,
      actor: systemActor,
      now: at(60 * 24),
      entityType: 'review_task',
      actions: ['review_task.expired'],
    },
  ],
  'review-task.ts#markReassigned': [
    {
      name: 'a declined task replaced',
      before: declined,
      act: () => reviewTask.markReassigned(declined, 'task-2', { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'review_task',
      actions: ['review_task.reassigned'],
    },
  ],
  'review-task.ts#reassignTask': [
    {
      name: 'staff replace the expert of an open task',
      before: accepted,
      act: () => reviewTask.reassignTask(accepted, { taskId: 'task-2', expertId: 'expert-2' }, '专家出国，无法按期评审', { actor: staff, actorName: '职成处', now }),
      actor: staff,
      now,
      entityType: 'review_task',
      actions: ['review_task.reassigned'],
      detail: { reason: '专家出国，无法按期评审', fromExpertId: accepted.expertId, toExpertId: 'expert-2', replacementTaskId: 'task-2', by: '职成处' },
    },
  ],
  'round.ts#createRound': [
    {
      name: 'a new round',
      act: () =>
        round.createRound(
          { programId: program.id, title: '2026 年第二批', year: 2026, intakeOpensAt: now.toISOString(), intakeClosesAt: at(60 * 24).toISOString() },
          program,
          { id: 'round-2', province: 'gx', actor: staff, now },
        ),
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.created'],
    },
  ],
  'round.ts#advanceRound': [
    {
      name: 'intake closed, with its detail',
      before: open,
      act: () => round.advanceRound(open, 'screening', { intakeClosedAt: now.toISOString() }, { actor: systemActor, now, action: 'round.intake_closed', detail: { applications: 1 } }),
      actor: systemActor,
      now,
      entityType: 'round',
      actions: ['round.intake_closed'],
      detail: { applications: 1 },
    },
  ],
  'round.ts#rememberRoundCallback': [
    {
      name: 'the shortlist wait',
      before: ranked,
      act: () => round.rememberRoundCallback(ranked, 'shortlist', 'token-1', { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'round',
      actions: ['round.awaiting.shortlist'],
    },
    {
      name: 'the wait for the last review',
      before: ranked,
      act: () => round.rememberRoundCallback(ranked, 'reviews', 'token-2', { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'round',
      actions: ['round.awaiting.reviews'],
    },
  ],
  'round.ts#approveShortlist': [
    {
      name: 'the proposed shortlist approved',
      before: ranked,
      act: () => round.approveShortlist(ranked, {}, staffDecision),
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.shortlist_approved'],
      detail: { count: 1, adjusted: false },
    },
    {
      name: 'an adjusted shortlist approved with its reason',
      before: ranked,
      act: () => round.approveShortlist(ranked, { applicationIds: [], note: '经研究本批次暂不认定' }, staffDecision),
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.shortlist_approved'],
      detail: { count: 0, adjusted: true, note: '经研究本批次暂不认定' },
    },
  ],
  'round.ts#approveFinal': [
    {
      name: 'the final approval',
      before: awaitingFinal,
      act: () => round.approveFinal(awaitingFinal, '桂教〔2026〕1号', staffDecision),
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.final_approved'],
      detail: { noticeNumber: '桂教〔2026〕1号' },
    },
  ],
  'round.ts#cancelRound': [
    {
      name: 'a round cancelled with its reason',
      before: ranked,
      act: () => round.cancelRound(ranked, '政策调整，本批次停止', staffDecision),
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.cancelled'],
      detail: { reason: '政策调整，本批次停止' },
    },
  ],
  'unit-report.ts#createReport': [
    {
      name: 'a plan started for a year of the cycle',
      act: () => unitReport.createReport(recognizedUnit, { year: 2027, kind: 'plan', form: { plan: '计划' } }, program, { id: 'report-2', actor: school, now }),
      actor: school,
      now,
      entityType: 'report',
      actions: ['report.created'],
      detail: { year: 2027, kind: 'plan' },
    },
  ],
  'unit-report.ts#editReport': [
    {
      name: 'a draft edited',
      before: draftPlan,
      act: () => unitReport.editReport(draftPlan, { ...planForm, measures: '校企双导师。' }, program, { actor: school, now }),
      actor: school,
      now,
      entityType: 'report',
      actions: ['report.edited'],
    },
  ],
  'unit-report.ts#requestReportUpload': [
    {
      name: 'an upload slot of a report',
      act: () => unitReport.requestReportUpload({ materialKey: 'evidence', fileName: '佐证.pdf', contentType: 'application/pdf', size: 100 }, draftPlan, program, { id: 'ev-9', actor: school, now }).change,
      actor: school,
      now,
      entityType: 'evidence',
      actions: ['evidence.upload_requested'],
    },
  ],
  'unit-report.ts#submitReport': [
    {
      name: 'a complete plan submitted',
      before: draftPlan,
      act: () => unitReport.submitReport(draftPlan, [], program, { actor: school, now }),
      actor: school,
      now,
      entityType: 'report',
      actions: ['report.submitted'],
    },
  ],
  'unit-report.ts#reviewReport': [
    {
      name: 'a plan accepted with its rating',
      before: submittedPlan,
      act: () => unitReport.reviewReport(submittedPlan, { outcome: 'accepted', rating: 'good', note: '计划可行。' }, { actor: staff, actorName: '职成处', now }),
      actor: staff,
      now,
      entityType: 'report',
      actions: ['report.accepted'],
      detail: { rating: 'good' },
    },
    {
      name: 'a plan returned',
      before: submittedPlan,
      act: () => unitReport.reviewReport(submittedPlan, { outcome: 'returned', note: '目标不够具体。' }, { actor: staff, actorName: '职成处', now }),
      actor: staff,
      now,
      entityType: 'report',
      actions: ['report.returned'],
    },
  ],
  'unit-report.ts#reviewUnitReport': [
    {
      name: 'a rectification report accepted (its unit back to active in the same commit)',
      before: submittedRectification,
      act: () => unitReport.reviewUnitReport(submittedRectification, rectified, { outcome: 'accepted', rating: 'pass', note: '整改到位。' }, { actor: staff, actorName: '职成处', now }).report,
      actor: staff,
      now,
      entityType: 'report',
      actions: ['report.accepted'],
      detail: { rating: 'pass' },
    },
  ],
  'unit.ts#recognizeUnit': [
    {
      name: 'a recognised application becomes a unit',
      act: () => unit.recognizeUnit(recognizedApplication, open, program, { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'unit',
      actions: ['unit.recognized'],
      detail: { applicationId: draft.id, roundId: open.id },
    },
  ],
  'unit.ts#recordDutyReminder': [
    {
      name: 'a late duty reminded',
      before: recognizedUnit,
      act: () => unit.recordDutyReminder(recognizedUnit, '2027-plan', { actor: systemActor, now })!,
      actor: systemActor,
      now,
      entityType: 'unit',
      actions: ['unit.duty_reminded'],
      detail: { duty: '2027-plan' },
    },
  ],
  'unit.ts#completeUnitCycle': [
    {
      name: 'the cycle ended',
      before: recognizedUnit,
      act: () => unit.completeUnitCycle(recognizedUnit, { actor: systemActor, now: cycleEnded })!,
      actor: systemActor,
      now: cycleEnded,
      entityType: 'unit',
      actions: ['unit.cycle_completed'],
    },
  ],
  'unit.ts#endRectification': [
    {
      name: 'a rectification ended by its accepted report',
      before: rectified,
      act: () => unit.endRectification(rectified, 'report-rect', { actor: staff, now })!,
      actor: staff,
      now,
      entityType: 'unit',
      actions: ['unit.rectification_ended'],
      detail: { reportId: 'report-rect', roundId: 'round-ev-0', deadline: at(60 * 24 * 90).toISOString() },
    },
  ],
  'site-visit.ts#scheduleSiteVisit': [
    {
      name: 'a visit scheduled with its experts',
      act: () => siteVisit.scheduleSiteVisit(visitPlan, visitScene, { id: 'visit-2', actor: staff, now }),
      actor: staff,
      now,
      entityType: 'site_visit',
      actions: ['site_visit.scheduled'],
      detail: { scheduledAt: visitPlan.scheduledAt, expertIds: [visitExpert.id] },
    },
  ],
  'site-visit.ts#rescheduleSiteVisit': [
    {
      name: 'a visit moved to another day',
      before: scheduledVisit,
      act: () => siteVisit.rescheduleSiteVisit(scheduledVisit, { ...visitPlan, scheduledAt: at(60 * 48).toISOString() }, visitScene, { actor: staff, now }),
      actor: staff,
      now,
      entityType: 'site_visit',
      actions: ['site_visit.rescheduled'],
      detail: { scheduledAt: at(60 * 48).toISOString(), expertIds: [visitExpert.id] },
    },
  ],
  'site-visit.ts#reportSiteVisit': [
    {
      name: 'the visit team\'s report filed',
      before: scheduledVisit,
      act: () => siteVisit.reportSiteVisit(scheduledVisit, { findings: '实训基地运行良好。', recommendation: 'conditional' }, visitRound, staffDecision)!,
      actor: staff,
      now,
      entityType: 'site_visit',
      actions: ['site_visit.reported'],
      detail: { recommendation: 'conditional' },
    },
  ],
  'workflow-failure.ts#recordStepFailure': [
    {
      name: 'a round workflow step failed',
      before: open,
      act: () => workflowFailure.recordStepFailure(open, 'round', { step: 'Assign', stepLabel: '分配评审专家', error: { Error: 'ASSIGNMENT_SHORTFALL', Cause: '专家不足' }, token: 'tok' }, { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'round',
      actions: ['round.step_failed'],
      detail: { step: 'Assign', error: 'ASSIGNMENT_SHORTFALL' },
    },
    {
      name: 'an application workflow step failed',
      before: submitted,
      act: () => workflowFailure.recordStepFailure(submitted, 'application', { step: 'Screen', stepLabel: '资格条件初审', error: { Error: 'RangeError' }, token: 'tok' }, { actor: systemActor, now }),
      actor: systemActor,
      now,
      entityType: 'application',
      actions: ['application.step_failed'],
      detail: { step: 'Screen', error: 'RangeError' },
    },
  ],
  'program-definition.ts#createProgram': [
    {
      name: 'a staff-defined program, version 1',
      act: () => programDefinition.createProgram({ ...program, id: 'staff-program' }, {}, { actor: staff, now }),
      actor: staff,
      now,
      entityType: 'program',
      actions: ['program.created'],
      detail: { programVersion: 1 },
    },
  ],
  'program-definition.ts#reviseProgram': [
    {
      name: 'a built-in template revised: version 2',
      act: () => programDefinition.reviseProgram(program.id, program, { builtIn: program }, { actor: staff, now }),
      actor: staff,
      now,
      entityType: 'program',
      actions: ['program.versioned'],
      detail: { programVersion: 2 },
    },
    {
      name: 'a stored program revised: its next version',
      before: storedProgram,
      act: () => programDefinition.reviseProgram(storedProgram.id, storedProgram.template, { stored: storedProgram }, { actor: staff, now }),
      actor: staff,
      now,
      entityType: 'program',
      actions: ['program.versioned'],
      detail: { programVersion: 2 },
    },
  ],
  'program-definition.ts#recordProgramVersion': [
    {
      name: 'the immutable record of the latest version',
      act: () => programDefinition.recordProgramVersion(storedProgram, { actor: staff, now }),
      actor: staff,
      now,
      entityType: 'program_version',
      actions: ['program_version.recorded'],
    },
  ],
  'workflow-failure.ts#retryFailedStep': [
    {
      name: 'staff retry the failed step',
      before: failedRound,
      act: () => workflowFailure.retryFailedStep(failedRound, 'round', { actor: staff, now }).change,
      actor: staff,
      now,
      entityType: 'round',
      actions: ['round.step_retried'],
      detail: { step: 'Assign' },
    },
  ],
};

/** The domain modules by file name, to look the verbs up. */
export const verbModules: Record<string, Record<string, unknown>> = {
  'application.ts': application,
  'audit-event.ts': auditEvent,
  'evidence.ts': evidence,
  'expert.ts': expert,
  'objection.ts': objection,
  'program-definition.ts': programDefinition,
  'organization.ts': organization,
  'review-task.ts': reviewTask,
  'round.ts': round,
  'unit.ts': unit,
  'site-visit.ts': siteVisit,
  'unit-report.ts': unitReport,
  'evaluation-round.ts': evaluationRound,
  'unit-evaluation.ts': unitEvaluation,
  'workflow-failure.ts': workflowFailure,
};

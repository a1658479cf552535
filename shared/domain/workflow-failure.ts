/**
 * Failed workflow steps: when a step of a round's (or an application's) workflow fails, the
 * record shows which step failed and why, in Chinese, until staff retry it. The workflow waits
 * on a callback token for that retry.
 */
import { audit, type Actor, type Change, type EntityType } from './audit-event.js';
import { revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';

/** Steps of the round workflow (state names of statemachines/round.asl.json) and their Chinese names. */
export const roundStepLabels = {
  Prepare: '准备批次',
  AwaitIntakeClose: '等待申报截止',
  CloseIntake: '截止申报',
  ScreeningProgress: '统计形式审查进度',
  AwaitScreening: '等待形式审查完成',
  Assign: '分配评审专家',
  AwaitReviews: '等待专家评审完成',
  Rank: '汇总评分与排名',
  AwaitShortlistApproval: '审定拟入围名单',
  ConfirmShortlist: '确认入围名单',
  OpenPublicity: '开始公示',
  ClosePublicity: '结束公示',
  AwaitObjections: '等待异议处理',
  AwaitFinalApproval: '最终审定',
  Publish: '发布认定结果',
} as const;

/** Steps of the submission workflow (statemachines/submission.asl.json) and their Chinese names. */
export const submissionStepLabels = {
  CheckEvidence: '核验申报材料',
  AwaitEvidence: '等待材料核验完成',
  Screen: '资格条件初审',
  FormalReview: '等待形式审查',
  RemindFormalReview: '形式审查逾期检查',
  NotifyOutcome: '通知审查结果',
} as const;

/** Steps of the review workflow of one application (statemachines/review.asl.json) and their Chinese names. */
export const reviewStepLabels = {
  ListTasks: '列出评审任务',
  Invite: '邀请专家评审',
  Overdue: '评审逾期处理',
  Reassign: '改派评审专家',
  Complete: '完成评审汇总',
} as const;

/** Steps of the unit workflow (statemachines/unit.asl.json) and their Chinese names. */
export const unitStepLabels = {
  Schedule: '安排年度报告提醒',
  RemindIfOpen: '提醒未交年度报告',
  StartNextLeg: '续排后续提醒',
  EndCycle: '结束认定周期',
} as const;

export type RoundStep = keyof typeof roundStepLabels;
export type UnitStep = keyof typeof unitStepLabels;
export type SubmissionStep = keyof typeof submissionStepLabels;
export type ReviewStep = keyof typeof reviewStepLabels;

/** A step that failed, as staff see it. */
export interface StepFailure {
  /** The workflow step (state name). */
  readonly step: string;
  /** Its Chinese name. */
  readonly stepLabel: string;
  /** Why it failed, in Chinese, with what to do. */
  readonly reason: string;
  /** The technical error name (a domain code such as `ASSIGNMENT_SHORTFALL`, or e.g. `RangeError`). */
  readonly error: string;
  readonly at: string;
}

/** A record whose workflow can stop at a failed step and be retried. */
export interface Retryable extends EntityMeta {
  readonly failure?: StepFailure;
  /**
   * Callback tokens of the waits for the retry (never shown): one per failed step, as several
   * steps of one application's review can fail side by side.
   */
  readonly retryTokens?: readonly string[];
}

/** What Step Functions catches: the error name and its cause (for Lambda errors a JSON `{"errorMessage","errorType"}`). */
export interface CaughtError {
  readonly Error: string;
  readonly Cause?: string | undefined;
}

/** Waits kept per record: a week without a retry adds one (the old one timed out). */
const maxWaitingTokens = 50;

/** Domain error codes are UPPER_SNAKE; their messages are already Chinese and meant for people. */
const domainCode = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{3,}$/;

function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // not JSON: the cause is the message itself
  }
  return cause;
}

/**
 * The Chinese reason staff read for a caught error: a domain refusal's own message, otherwise a
 * system-error sentence naming the technical error.
 *
 * @example
 * failureReason('分配评审专家', { Error: 'RangeError', Cause: '{"errorMessage":"Maximum call stack size exceeded"}' })
 * // '系统在“分配评审专家”步骤出错（RangeError：Maximum call stack size exceeded）。请联系技术支持排除原因后重试。'
 */
export function failureReason(stepLabel: string, error: CaughtError): string {
  const message = causeMessage(error.Cause).slice(0, 500);
  if (domainCode.test(error.Error) && message) return `“${stepLabel}”步骤未能完成：${message}`;
  if (error.Error === 'States.Timeout') return `“${stepLabel}”步骤超时未完成。请稍后重试；如反复超时，请联系技术支持。`;
  return `系统在“${stepLabel}”步骤出错（${error.Error}${message ? `：${message}` : ''}）。请联系技术支持排除原因后重试。`;
}

/**
 * Records that a workflow step of `entity` failed, with the token of the workflow now waiting
 * for staff to retry it.
 */
export function recordStepFailure<T extends Retryable>(
  entity: T,
  entityType: EntityType,
  failed: { step: string; stepLabel: string; error: CaughtError; token: string },
  context: { actor: Actor; now: Date },
): Change<T> {
  const failure: StepFailure = {
    step: failed.step,
    stepLabel: failed.stepLabel,
    reason: failureReason(failed.stepLabel, failed.error),
    error: failed.error.Error.slice(0, 200),
    at: context.now.toISOString(),
  };
  const retryTokens = [...(entity.retryTokens ?? []), failed.token].slice(-maxWaitingTokens);
  const next = revise<Retryable>(entity, { failure, retryTokens }, context.now) as T;
  return {
    entity: next,
    expectedVersion: entity.version,
    events: [audit(context.actor, `${entityType}.step_failed`, entityType, entity, next, context.now, { step: failure.step, error: failure.error })],
  };
}

/**
 * Staff retry the failed step(s): the failure is cleared and the workflow's tokens handed back
 * to release its waits.
 *
 * @throws DomainError NOTHING_TO_RETRY (409) when no step has failed.
 */
export function retryFailedStep<T extends Retryable>(entity: T, entityType: EntityType, context: { actor: Actor; now: Date }): { change: Change<T>; tokens: readonly string[] } {
  const { failure, retryTokens } = entity;
  if (!failure || !retryTokens?.length) throw new DomainError('NOTHING_TO_RETRY', 'workflow');
  const { failure: _failure, retryTokens: _tokens, ...rest } = entity;
  const next = revise(rest as T, {}, context.now);
  return {
    change: { entity: next, expectedVersion: entity.version, events: [audit(context.actor, `${entityType}.step_retried`, entityType, entity, next, context.now, { step: failure.step })] },
    tokens: retryTokens,
  };
}

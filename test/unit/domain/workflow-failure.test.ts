import { describe, expect, it } from 'vitest';
import { systemActor } from '#shared/domain/audit-event.js';
import { DomainError } from '#shared/domain/errors.js';
import { failureReason, recordStepFailure, retryFailedStep } from '#shared/domain/workflow-failure.js';
import { errorOf } from '#test/support/error-of.js';
import { at, openRound, staff } from './records-fixture.js';

const lambdaCause = (errorType: string, errorMessage: string) => JSON.stringify({ errorMessage, errorType, trace: [] });

describe('failureReason', () => {
  it("quotes a domain refusal's Chinese message", () => {
    expect(failureReason('分配评审专家', { Error: 'ASSIGNMENT_SHORTFALL', Cause: lambdaCause('ASSIGNMENT_SHORTFALL', '专家人数不足') })).toBe('“分配评审专家”步骤未能完成：专家人数不足');
  });

  it('names a system error in a Chinese sentence with the technical detail', () => {
    const reason = failureReason('分配评审专家', { Error: 'RangeError', Cause: lambdaCause('RangeError', 'Maximum call stack size exceeded') });
    expect(reason).toBe('系统在“分配评审专家”步骤出错（RangeError：Maximum call stack size exceeded）。请联系技术支持排除原因后重试。');
  });

  it('explains a timeout, and copes with a cause that is not JSON or missing', () => {
    expect(failureReason('汇总评分与排名', { Error: 'States.Timeout' })).toContain('超时');
    expect(failureReason('汇总评分与排名', { Error: 'States.TaskFailed', Cause: 'boom' })).toContain('States.TaskFailed：boom');
  });
});

describe('recording and retrying a failed step', () => {
  const failed = () =>
    recordStepFailure(openRound(), 'round', { step: 'Assign', stepLabel: '分配评审专家', error: { Error: 'RangeError', Cause: 'x' }, token: 'tok-1' }, { actor: systemActor, now: at(1) });

  it('stores the failure and the token with one audit event, conditional on the version', () => {
    const change = failed();
    expect(change.entity.failure).toMatchObject({ step: 'Assign', stepLabel: '分配评审专家', error: 'RangeError', at: at(1).toISOString() });
    expect(change.entity.retryTokens).toEqual(['tok-1']);
    expect(change.expectedVersion).toBe(1);
    expect(change.events).toEqual([expect.objectContaining({ action: 'round.step_failed', fromVersion: 1, toVersion: 2, detail: { step: 'Assign', error: 'RangeError' } })]);
  });

  it('clears both on retry and hands back the token, audited', () => {
    const { change, tokens } = retryFailedStep(failed().entity, 'round', { actor: staff, now: at(2) });
    expect(tokens).toEqual(['tok-1']);
    expect(change.entity).not.toHaveProperty('failure');
    expect(change.entity).not.toHaveProperty('retryTokens');
    expect(change.expectedVersion).toBe(2);
    expect(change.events).toEqual([expect.objectContaining({ action: 'round.step_retried', actor: 'admin:staff-1', detail: { step: 'Assign' } })]);
  });

  it('refuses a retry when nothing failed', () => {
    const error = errorOf(() => retryFailedStep(openRound(), 'round', { actor: staff, now: at(2) }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'NOTHING_TO_RETRY', status: 409 });
  });
});

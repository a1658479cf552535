import { describe, expect, it } from 'vitest';
import { assertReviewableAssignment } from '#shared/domain/assignment-coverage.js';
import { assignExperts } from '#shared/domain/assignment.js';
import { errorOf } from '#test/support/error-of.js';

const experts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, organization: `单位${i}`, expertise: [], conflicts: [], capacity: 10 }));
const applications = [{ id: 'a1', organization: '申报单位' }];

describe('assertReviewableAssignment', () => {
  it('accepts a shortfall that still leaves the minimum of valid reviews', () => {
    const result = assignExperts({ applications, experts: experts(2), expertsPerApplication: 3, seed: 's' });
    expect(result.shortfalls).toHaveLength(1);
    expect(() => assertReviewableAssignment(result.shortfalls, 2)).not.toThrow();
  });

  it('refuses one below it, in Chinese, naming each application', () => {
    const result = assignExperts({ applications, experts: experts(1), expertsPerApplication: 3, seed: 's' });
    const error = errorOf(() => assertReviewableAssignment(result.shortfalls, 2));
    expect(error).toMatchObject({ code: 'ASSIGNMENT_SHORTFALL', status: 422, details: [{ path: 'a1', message: expect.stringContaining('只能分配 1 名专家') }] });
    expect((error as Error).message).toBe('1 份申报分配不到最少 2 名评审专家（可回避利益冲突的专家人数不足）。请添加专家或提高专家的评审容量后重试。');
  });
});

import { describe, expect, it } from 'vitest';
import { INELIGIBLE, assignmentProblem, checkAssignment, recusalDisagreements } from '#bench/_assignment-problem.js';
import { generateAssignmentInstance } from '#test/support/assignment-instances.js';
import { assignExperts, type AssignmentInput, type AssignmentResult } from '#shared/domain/assignment.js';

const input: AssignmentInput = {
  applications: [
    { id: 'a1', organization: '甲大学', tags: ['机械', '汽车', '机械'] },
    { id: 'a2', organization: '乙公司', tags: ['汽车'] },
  ],
  experts: [
    { id: 'e1', organization: '乙公司', expertise: ['机械'], conflicts: [], capacity: 1 },
    { id: 'e2', organization: '丙学院', expertise: ['汽车', '机械'], conflicts: ['乙公司'], capacity: 2 },
    { id: 'e3', organization: '丁学院', expertise: [' 汽车 '], conflicts: [], capacity: 2 },
  ],
  expertsPerApplication: 1,
  seed: 1,
};

const valid: AssignmentResult = {
  assignments: { a1: ['e2'], a2: ['e3'] },
  loads: { e1: 0, e2: 1, e3: 1 },
  maxLoad: 1,
  shortfalls: [],
  mode: 'optimal',
  seed: '1',
  expertiseMatches: 3,
};

describe('the benchmark view of an assignment', () => {
  it('counts distinct tag matches per eligible pair and marks recused pairs', () => {
    const problem = assignmentProblem(input);
    expect(Array.from(problem.weight)).toEqual([1, 2, 1, INELIGIBLE, INELIGIBLE, 1]);
    expect(problem.eligiblePairs).toBe(4);
    expect(problem.blocked).toEqual({ same_organization: 1, declared_conflict: 1 });
  });

  it('finds no violation in a valid result and sums its expertise matches', () => {
    const check = checkAssignment(input, assignmentProblem(input), valid);
    expect(check).toEqual({ violations: {}, violationCount: 0, pairs: 2, expertiseMatches: 3, maxLoad: 1 });
  });

  it('agrees with what assignExperts reports about its own result', () => {
    const result = assignExperts(input);
    expect(checkAssignment(input, assignmentProblem(input), result).violationCount).toBe(0);
  });

  it('finds recusals() and reviewConflict in agreement on a realistic instance, and notices a disagreement', () => {
    const instance = generateAssignmentInstance({ applications: 60, experts: 200, expertsPerApplication: 3, capacity: 5, seed: 'recusal' });
    const problem = assignmentProblem(instance);
    expect(Object.keys(problem.blocked).length).toBeGreaterThanOrEqual(4);
    expect(recusalDisagreements(instance, problem)).toBe(0);
    const tampered = { ...problem, weight: Uint8Array.from(problem.weight, (weight, pair) => (pair === problem.weight.indexOf(INELIGIBLE) ? 0 : weight)) };
    expect(recusalDisagreements(instance, tampered)).toBe(1);
  });

  it('names every broken hard constraint', () => {
    const broken: AssignmentResult = { ...valid, assignments: { a1: ['e2', 'e2'], a2: ['e1', 'e9'], a7: [] }, loads: { e1: 1, e2: 1, e3: 0 } };
    const check = checkAssignment(input, assignmentProblem(input), broken);
    expect(check.violations).toEqual({
      unknown_application: 1,
      more_than_k_experts: 2,
      expert_twice_on_application: 1,
      recusal_same_organization: 1,
      unknown_expert: 1,
      load_misreported: 1,
      max_load_misreported: 1,
    });
    const overloaded = { ...valid, assignments: { a1: ['e1'], a2: [] }, loads: { e1: 1, e2: 0, e3: 0 } } as AssignmentResult;
    const capacity = { ...input, experts: input.experts.map((expert) => ({ ...expert, capacity: 0 })) };
    expect(checkAssignment(capacity, assignmentProblem(capacity), overloaded).violations).toEqual({ shortfall_misreported: 1, over_capacity: 1 });
  });
});

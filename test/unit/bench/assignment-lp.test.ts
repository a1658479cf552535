import { beforeAll, describe, expect, it } from 'vitest';
import type { Highs } from 'highs';
import { solveAssignmentLp } from '#bench/_assignment-lp.js';
import { assignmentProblem } from '#bench/_assignment-problem.js';
import { loadHighs } from '#bench/_highs.js';
import type { AssignmentInput } from '#shared/domain/assignment.js';
import { generateAssignmentInstance } from '#test/support/assignment-instances.js';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const expert = (id: string, organization: string, expertise: string[], capacity = 1) => ({ id, organization, expertise, conflicts: [], capacity });

describe('the assignment LP (HiGHS)', () => {
  it('finds the coverage, the smallest maximum load and the best expertise of a small case', () => {
    // a1 needs 2 of e1..e3, a2 needs 2; e1 is from a2's organisation; capacities 2 allow load 2,
    // but 4 pairs over 3 experts need load 2 anyway; a1 wants 机械, a2 wants 汽车.
    const input: AssignmentInput = {
      applications: [
        { id: 'a1', organization: '甲大学', tags: ['机械'] },
        { id: 'a2', organization: '乙公司', tags: ['汽车'] },
      ],
      experts: [expert('e1', '乙公司', ['机械'], 2), expert('e2', '丙学院', ['汽车', '机械'], 2), expert('e3', '丁学院', [], 2)],
      expertsPerApplication: 2,
      seed: 1,
    };
    const lp = solveAssignmentLp(highs, assignmentProblem(input));
    expect(lp.coverage.optimum).toBeCloseTo(4);
    expect(lp.maxLoad).toBe(2);
    expect(lp.belowMaxLoad?.bound).toBeLessThan(4);
    // a1: e1 (机械) + e2 (机械), a2: e2 (汽车) + e3 → 3 matches
    expect(lp.expertise.optimum).toBeCloseTo(3);
    expect(lp.expertise.bound).toBeCloseTo(3);
  });

  it('certifies by column generation the same optima as the LP over every pair', () => {
    const input = generateAssignmentInstance({ applications: 40, experts: 120, expertsPerApplication: 4, capacity: 3, seed: 'lp' });
    const problem = assignmentProblem(input);
    const direct = solveAssignmentLp(highs, problem, { method: 'direct' });
    // a tiny first master forces several pricing rounds
    const generated = solveAssignmentLp(highs, problem, { method: 'column-generation', initialPerApplication: 1, addPerApplication: 2 });
    expect(direct.columns).toBe(problem.eligiblePairs);
    expect(generated.columns).toBeLessThan(problem.eligiblePairs);
    expect(generated.coverage.rounds + generated.expertise.rounds).toBeGreaterThan(2);
    expect(generated.coverage.optimum).toBeCloseTo(direct.coverage.optimum, 6);
    expect(generated.maxLoad).toBe(direct.maxLoad);
    expect(generated.expertise.optimum).toBeCloseTo(direct.expertise.optimum, 6);
    for (const lp of [direct, generated]) expect(lp.expertise.bound).toBeCloseTo(lp.expertise.optimum, 4);
  });

  it('stops at fewer pairs when recusal and capacity leave too few experts', () => {
    const input: AssignmentInput = {
      applications: [
        { id: 'a1', organization: '甲大学' },
        { id: 'a2', organization: '甲大学' },
      ],
      experts: [expert('e1', '甲大学', []), expert('e2', '乙学院', [], 1), expert('e3', '丙学院', [], 0)],
      expertsPerApplication: 2,
      seed: 1,
    };
    const lp = solveAssignmentLp(highs, assignmentProblem(input));
    expect(lp.coverage.optimum).toBeCloseTo(1);
    expect(lp.coverage.bound).toBeLessThan(1.5);
    expect(lp.maxLoad).toBe(1);
    expect(lp.belowMaxLoad).toBeNull();
  });
});

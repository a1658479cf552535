import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignExperts, recusals, type AssignmentInput, type AssignmentResult } from '#shared/domain/assignment.js';
import { solveAssignment, type Solution } from '#shared/domain/assignment-solver.js';
import { bruteForceBest, checkConstraints, instance, objectiveOf, provincialRound } from './assignment-fixtures.js';

/** The solver's answer on `input` as a result {@link objectiveOf} reads. */
function resultOf(input: AssignmentInput, solution: Solution): AssignmentResult {
  const assignments: Record<string, string[]> = {};
  const loads: Record<string, number> = Object.fromEntries(input.experts.map((e) => [e.id, 0]));
  input.applications.forEach((application, i) => {
    assignments[application.id] = solution.chosen[i]!.map((j) => input.experts[j]!.id);
    for (const id of assignments[application.id]!) loads[id]! += 1;
  });
  const maxLoad = Object.values(loads).reduce((max, load) => Math.max(max, load), 0);
  const k = input.expertsPerApplication;
  const shortfalls = input.applications.flatMap((application, i) => {
    const assigned = solution.chosen[i]!.length;
    const eligibleExperts = solution.eligibleExperts[i]!;
    const reason = eligibleExperts < k ? ('not_enough_eligible_experts' as const) : ('capacity_exhausted' as const);
    return assigned < k ? [{ applicationId: application.id, required: k, assigned, missing: k - assigned, eligibleExperts, reason }] : [];
  });
  return { assignments, loads, maxLoad, shortfalls, mode: 'optimal', seed: String(input.seed), expertiseMatches: solution.expertiseMatches };
}

function solve(input: AssignmentInput, options: { firstCandidates?: number; strategy?: 'auto' | 'dense'; mode?: 'optimal' | 'draw' } = {}) {
  const solution = solveAssignment({
    applications: input.applications,
    experts: input.experts,
    expertsPerApplication: input.expertsPerApplication,
    mode: options.mode ?? 'optimal',
    avoidSameRegion: input.avoidSameRegion === true,
    seed: String(input.seed),
    firstCandidates: options.firstCandidates,
    strategy: options.strategy,
  });
  return { solution, result: resultOf(input, solution) };
}

describe('assignment solver (pruned candidates, certified)', () => {
  it('reaches the brute-force optimum when pruning must add columns (one first candidate per application)', () => {
    let columns = 0;
    fc.assert(
      fc.property(instance({ maxApps: 4, maxExperts: 5, maxK: 2, conflictsMax: 1, capacity: fc.integer({ min: 1, max: 4 }) }), (input) => {
        const { solution, result } = solve(input, { firstCandidates: 1 });
        if (solution.optimality.method === 'pruned' && solution.optimality.rounds > 1) columns += 1;
        checkConstraints(input, result);
        expect(objectiveOf(input, result)).toEqual(bruteForceBest(input));
      }),
      { numRuns: 300 },
    );
    // the certificate rejected the first candidates, and columns were added, in many runs
    expect(columns).toBeGreaterThan(10);
  });

  it('matches the dense graph on medium rounds, whatever the first candidates', () => {
    const medium = instance({ maxApps: 14, maxExperts: 16, maxK: 3, conflictsMax: 1, capacity: fc.integer({ min: 1, max: 6 }) });
    let columns = 0;
    fc.assert(
      fc.property(medium, fc.integer({ min: 1, max: 6 }), (input, firstCandidates) => {
        const dense = solve(input, { strategy: 'dense' });
        expect(dense.solution.optimality.method).toBe('dense');
        const pruned = solve(input, { firstCandidates });
        if (pruned.solution.optimality.method === 'pruned' && pruned.solution.optimality.rounds > 1) columns += 1;
        expect(objectiveOf(input, pruned.result)).toEqual(objectiveOf(input, dense.result));
      }),
      { numRuns: 150 },
    );
    expect(columns).toBeGreaterThan(10);
  });

  it('proves a round short of capacity on candidates too: same objective as the dense graph', () => {
    for (const [applications, experts] of [
      [300, 120],
      [200, 90],
    ] as const) {
      const input = provincialRound(applications, experts, `short-${experts}`);
      const pruned = solve(input);
      expect(pruned.solution.optimality.method).toBe('pruned');
      expect(pruned.solution.optimality.candidatePairs).toBeLessThan(pruned.solution.optimality.eligiblePairs / 2);
      expect(pruned.result.shortfalls.length).toBeGreaterThan(0);
      // tier 3: the shortfall is spread (a fourth expert for every application before a fifth for any)
      for (const shortfall of pruned.result.shortfalls) expect(shortfall.missing).toBe(1);
      checkConstraints(input, pruned.result);
      expect(objectiveOf(input, pruned.result)).toEqual(objectiveOf(input, solve(input, { strategy: 'dense' }).result));
    }
  }, 60_000);

  it('spreads a national shortfall evenly: 1000 applications × 5 from 400 experts of capacity 10 get 4 each', () => {
    const input = provincialRound(1000, 400, 'national-short');
    const result = assignExperts(input);
    expect(result.optimality?.method).toBe('pruned');
    expect(result.maxLoad).toBe(10);
    for (const ids of Object.values(result.assignments)) expect(ids).toHaveLength(4);
    expect(result.shortfalls).toHaveLength(1000);
    expect(result.shortfalls[0]).toMatchObject({ missing: 1, reason: 'capacity_exhausted' });
  }, 60_000);

  it('assigns 1000 applications × 5 from 3000 experts in seconds, certified optimal, every constraint kept', () => {
    const input = provincialRound(1000, 3000, 'gx-2026-national');
    const started = performance.now();
    const result = assignExperts(input);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(5_000); // ≤ 1 s on an idle core (bench/assignment.ts); tests share a loaded machine
    expect(result.shortfalls).toEqual([]);
    expect(result.maxLoad).toBe(2); // 5000 reviews over 3000 experts
    expect(result.optimality).toMatchObject({ method: 'pruned', eligiblePairs: 3_000_000 - recusals(input).length });
    expect(result.optimality!.candidatePairs).toBeLessThan(100_000);
    const refused = new Set(recusals(input).map((item) => `${item.applicationId}|${item.expertId}`));
    expect(refused.size).toBeGreaterThan(10_000); // a realistic share of recusals
    const loads = new Map<string, number>();
    for (const [applicationId, ids] of Object.entries(result.assignments)) {
      expect(new Set(ids).size).toBe(5);
      for (const id of ids) {
        expect(refused.has(`${applicationId}|${id}`)).toBe(false);
        loads.set(id, (loads.get(id) ?? 0) + 1);
      }
    }
    for (const load of loads.values()) expect(load).toBeLessThanOrEqual(2);
  }, 60_000);
});

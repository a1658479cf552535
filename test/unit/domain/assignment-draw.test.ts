import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignExperts, recusals, type AssignmentInput } from '#shared/domain/assignment.js';
import { checkConstraints, instance, provincialRound } from './assignment-fixtures.js';

const pairCount = (result: { assignments: Record<string, string[]> }) => Object.values(result.assignments).reduce((sum, ids) => sum + ids.length, 0);
const sortedAssignments = (result: { assignments: Record<string, string[]> }) =>
  Object.fromEntries(Object.entries(result.assignments).map(([id, ids]) => [id, [...ids].sort()]));

describe('draw mode (随机抽取)', () => {
  it('keeps every hard constraint and covers as many pairs, at the same maximum load, as the optimal mode', () => {
    fc.assert(
      fc.property(instance({ maxApps: 8, maxExperts: 10, maxK: 3 }), (input) => {
        const draw = assignExperts({ ...input, mode: 'draw' });
        checkConstraints(input, draw);
        const optimal = assignExperts(input);
        expect(pairCount(draw)).toBe(pairCount(optimal));
        expect(draw.maxLoad).toBe(optimal.maxLoad);
        expect(draw.shortfalls.map((item) => item.missing).sort()).toEqual(optimal.shortfalls.map((item) => item.missing).sort());
        expect(draw).toMatchObject({ mode: 'draw', seed: String(input.seed) });
      }),
      { numRuns: 200 },
    );
  });

  it('is reproducible from the seed and independent of the input order', () => {
    fc.assert(
      fc.property(instance({ maxApps: 8, maxExperts: 10, maxK: 3 }), (input) => {
        const draw = { ...input, mode: 'draw' as const };
        const first = assignExperts(draw);
        expect(assignExperts(draw)).toEqual(first);
        const reversed = assignExperts({ ...draw, applications: [...input.applications].reverse(), experts: [...input.experts].reverse() });
        expect(sortedAssignments(reversed)).toEqual(sortedAssignments(first));
      }),
      { numRuns: 150 },
    );
  });

  it('draws differently for different seeds, ignoring expertise, from the whole eligible pool', () => {
    const base = provincialRound(60, 200, 'draw-pool');
    const input: AssignmentInput = { ...base, expertsPerApplication: 3, mode: 'draw' };
    const draws = Array.from({ length: 8 }, (_, seed) => assignExperts({ ...input, seed }));
    const distinct = new Set(draws.map((draw) => JSON.stringify(sortedAssignments(draw))));
    expect(distinct.size).toBe(8);
    // pairs of two draws overlap little: 180 pairs out of ~12 000 eligible
    const pairsOf = (draw: (typeof draws)[number]) => new Set(Object.entries(draw.assignments).flatMap(([a, ids]) => ids.map((e) => `${a}|${e}`)));
    const [one, two] = [pairsOf(draws[0]!), pairsOf(draws[1]!)];
    expect([...one].filter((pair) => two.has(pair)).length).toBeLessThan(30);
    // the optimal mode chases expertise; the draw does not
    const optimal = assignExperts({ ...input, mode: 'optimal', seed: 0 });
    for (const draw of draws) expect(draw.expertiseMatches).toBeLessThan(optimal.expertiseMatches);
    // over the draws most experts were drawn at least once: the pool is the whole eligible set
    const drawn = new Set(draws.flatMap((draw) => Object.values(draw.assignments).flat()));
    expect(drawn.size).toBeGreaterThan(150);
    const refused = new Set(recusals(input).map((item) => `${item.applicationId}|${item.expertId}`));
    for (const draw of draws) for (const pair of pairsOf(draw)) expect(refused.has(pair)).toBe(false);
  });

  it('draws a national round quickly and completely', () => {
    const input = { ...provincialRound(1000, 3000, 'gx-2026-draw'), mode: 'draw' as const, avoidSameRegion: true };
    const started = performance.now();
    const result = assignExperts(input);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.shortfalls).toEqual([]);
    expect(result.maxLoad).toBe(2);
    expect(result.optimality?.method).toBe('pruned');
  }, 60_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '#shared/domain/errors.js';
import { isStorableNumber } from '#shared/domain/storable-number.js';
import { errorOf } from '#test/support/error-of.js';
import {
  aggregate,
  applicableIndicators,
  indicatorLeaves,
  leafWeights,
  rankApplications,
  roundScore,
  scoreReview,
  validateScores,
} from '#shared/domain/scoring.js';
import type { Aggregation, IndicatorNode } from '#shared/programs/schema.js';
import { makeProgram } from './program-fixture.js';

const program = makeProgram();
const scale = { leafMaxScore: 10, total: 100 };
const methods: Aggregation[] = ['mean', 'trimmed_mean', 'median'];
const close = (a: number, b: number, eps = 1e-9) => Math.abs(a - b) <= eps * Math.max(1, Math.abs(a), Math.abs(b));


/** Random indicator trees with unique codes and optional weights. */
type Shape = { weight?: number | undefined; children?: Shape[] | undefined };
const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.record(
    {
      weight: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      children: fc.option(fc.array(tie('node'), { minLength: 1, maxLength: 4 }), { nil: undefined, depthSize: 'small' }),
    },
    { requiredKeys: [] },
  ),
})).node;
function toTree(shapes: Shape[], prefix = ''): IndicatorNode[] {
  return shapes.map((s, i) => {
    const code = `${prefix}${i + 1}`;
    return {
      code,
      title: `指标${code}`,
      ...(s.weight === undefined ? {} : { weight: s.weight }),
      ...(s.children === undefined ? {} : { children: toTree(s.children, `${code}.`) }),
    };
  });
}
const tree = fc.array(shape, { minLength: 1, maxLength: 5 }).map((shapes) => toTree(shapes));
const scaleArb = fc.record({ leafMaxScore: fc.constantFrom(5, 10, 100), total: fc.constantFrom(100, 60, 150) });

describe('leaf weights', () => {
  it('weights sibling groups equally by default (two groups of 2 and 3 leaves)', () => {
    const weights = leafWeights(program.indicators, 100);
    expect(weights['1.1']).toBe(25);
    expect(weights['1.2']).toBe(25);
    expect(weights['2.1']).toBeCloseTo(100 / 6, 12);
  });

  it('uses given weights as relative shares and the mean weight for siblings without one', () => {
    const weights = leafWeights(
      [
        { code: 'a', title: 'A', weight: 30 },
        { code: 'b', title: 'B', weight: 10 },
        { code: 'c', title: 'C' },
      ],
      100,
    );
    expect(weights['a']).toBeCloseTo(50, 12);
    expect(weights['b']).toBeCloseTo(100 / 6, 12);
    expect(weights['c']).toBeCloseTo(100 / 3, 12);
  });

  it('leaves out indicators whose condition the form does not satisfy and renormalises', () => {
    const indicators: IndicatorNode[] = [
      { code: '1', title: '共性', children: [{ code: '1.1', title: 'x' }] },
      { code: '2', title: '就业型', when: { field: 'baseType', equals: 'employment' }, children: [{ code: '2.1', title: 'y' }] },
      { code: '3', title: '教学型', when: { field: 'baseType', equals: 'teaching' }, children: [{ code: '3.1', title: 'z' }] },
    ];
    expect(leafWeights(indicators, 100, { form: { baseType: 'teaching' } })).toEqual({ '1.1': 50, '3.1': 50 });
    expect(indicatorLeaves(applicableIndicators(indicators, {})).map((l) => l.code)).toEqual(['1.1']);
    expect(scoreReview(indicators, { '1.1': 10, '3.1': 5 }, scale, { form: { baseType: 'teaching' } })).toBe(75);
    expect(validateScores(indicators, { '1.1': 10, '2.1': 5 }, scale, { form: { baseType: 'teaching' } })).toEqual([
      { path: '2.1', message: '指标「2.1」不适用于本申报', reason: 'unknown' },
      { path: '3.1', message: '请为「3.1 z」打分', reason: 'missing' },
    ]);
  });

  it('refuses duplicate leaf codes and an empty tree', () => {
    expect(errorOf(() => leafWeights([{ code: 'a', title: 'A' }, { code: 'a', title: 'B' }]))).toMatchObject({ code: 'INDICATORS_INVALID' });
    expect(errorOf(() => leafWeights([]))).toMatchObject({ code: 'INDICATORS_INVALID' });
  });

  it('sums to the total for any tree', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(100, 60, 150), (indicators, total) => {
        const weights = Object.values(leafWeights(indicators, total));
        expect(weights.length).toBe(indicatorLeaves(indicators).length);
        expect(close(weights.reduce((a, b) => a + b, 0), total)).toBe(true);
        for (const w of weights) expect(w).toBeGreaterThan(0);
      }),
    );
  });
});

describe('one expert\'s total', () => {
  const full = { '1.1': 10, '1.2': 10, '2.1': 10, '2.2': 10, '2.3': 10 };

  it('gives full marks the total and computes a weighted sum', () => {
    expect(scoreReview(program.indicators, full, program.scoring)).toBe(100);
    expect(scoreReview(program.indicators, { ...full, '1.1': 8, '2.1': 5 }, program.scoring)).toBe(roundScore(100 - 5 - 100 / 12));
  });

  it('refuses missing, unknown, out-of-range and non-numeric scores with SCORES_INVALID details', () => {
    const error = errorOf(() =>
      scoreReview(program.indicators, { '1.1': 11, '1.2': -1, '2.1': Number.NaN, '2.2': '5', x: 3 }, program.scoring),
    );
    expect(isDomainError(error)).toBe(true);
    if (!isDomainError(error)) return;
    expect(error).toMatchObject({ code: 'SCORES_INVALID', status: 422, message: '评分不完整或有误' });
    expect(error.details).toEqual([
      { path: 'x', message: '「x」不是本项目的评审指标', reason: 'unknown' },
      { path: '1.1', message: '「1.1 协议」的分数应在 0–10 分之间', reason: 'out_of_range' },
      { path: '1.2', message: '「1.2 机制」的分数应在 0–10 分之间', reason: 'out_of_range' },
      { path: '2.1', message: '「2.1 就业」的分数应为数字', reason: 'invalid' },
      { path: '2.2', message: '「2.2 课程」的分数应为数字', reason: 'invalid' },
      { path: '2.3', message: '请为「2.3 师资」打分', reason: 'missing' },
    ]);
  });

  it('refuses scores the store cannot keep', () => {
    expect(validateScores(program.indicators, { '1.1': 5e-324 }, program.scoring, { partial: true })).toEqual([
      expect.objectContaining({ path: '1.1', reason: 'invalid' }),
    ]);
  });

  it('lets a draft leave leaves unscored', () => {
    expect(validateScores(program.indicators, { '1.1': 7 }, program.scoring, { partial: true })).toEqual([]);
    expect(validateScores(program.indicators, { '1.1': 70 }, program.scoring, { partial: true })).toHaveLength(1);
  });

  it('stays within [0, total], gives the total for full marks and 0 for none', () => {
    fc.assert(
      fc.property(tree, scaleArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true }).filter(isStorableNumber)), (indicators, s, fractions) => {
        const leaves = indicatorLeaves(indicators);
        const scores = Object.fromEntries(leaves.map((leaf) => [leaf.code, fractions.next().value * s.leafMaxScore]));
        const total = scoreReview(indicators, scores, s);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(s.total);
        expect(scoreReview(indicators, Object.fromEntries(leaves.map((l) => [l.code, s.leafMaxScore])), s)).toBe(s.total);
        expect(scoreReview(indicators, Object.fromEntries(leaves.map((l) => [l.code, 0])), s)).toBe(0);
      }),
    );
  });

  it('rounds half away from zero to two decimals', () => {
    expect(roundScore(83.335)).toBe(83.34);
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(83.334999)).toBe(83.33);
    expect(roundScore(-0.001)).toBe(0);
    expect(Object.is(roundScore(-0.001), 0)).toBe(true);
  });
});

describe('aggregation', () => {
  it('computes mean, median and trimmed mean', () => {
    expect(aggregate([70, 80, 82, 84, 99], 'mean')).toBe(83);
    expect(aggregate([70, 80, 82, 84, 99], 'trimmed_mean')).toBe(82);
    expect(aggregate([70, 80, 82, 84, 99], 'median')).toBe(82);
    expect(aggregate([70, 80, 90, 100], 'median')).toBe(85);
  });

  it('uses the plain mean for trimmed mean below five values', () => {
    expect(aggregate([60, 90, 99, 100], 'trimmed_mean')).toBe(aggregate([60, 90, 99, 100], 'mean'));
  });

  it('refuses an empty list', () => {
    expect(errorOf(() => aggregate([], 'mean'))).toMatchObject({ code: 'NO_SCORES' });
    expect(errorOf(() => aggregate([1, Number.POSITIVE_INFINITY], 'mean'))).toMatchObject({ code: 'NO_SCORES' });
  });

  const totals = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 9 });

  it('lies within [min, max]', () => {
    fc.assert(
      fc.property(totals, fc.constantFrom(...methods), (values, method) => {
        const result = aggregate(values, method);
        expect(result).toBeGreaterThanOrEqual(Math.min(...values));
        expect(result).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });

  it('does not depend on the order of the values', () => {
    fc.assert(
      fc.property(totals, fc.constantFrom(...methods), (values, method) => {
        expect(close(aggregate([...values].reverse(), method), aggregate(values, method))).toBe(true);
      }),
    );
  });

  it('keeps median and trimmed mean within the honest range when one value is an outlier', () => {
    const honest = fc.array(fc.double({ min: 60, max: 90, noNaN: true }), { minLength: 5, maxLength: 9 });
    fc.assert(
      fc.property(honest, fc.nat(), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom<Aggregation>('median', 'trimmed_mean'), (values, at, outlier, method) => {
        const spoiled = [...values];
        spoiled[at % spoiled.length] = outlier;
        const result = aggregate(spoiled, method);
        expect(result).toBeGreaterThanOrEqual(Math.min(...values));
        expect(result).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });
});

describe('ranking', () => {
  it('ranks with competition ranking and lists applications without enough reviews last', () => {
    const result = rankApplications(
      [
        { applicationId: 'd', reviewTotals: [80, 80, 80] },
        { applicationId: 'a', reviewTotals: [90, 92, 94] },
        { applicationId: 'c', reviewTotals: [85, 85, 85] },
        { applicationId: 'b', reviewTotals: [84, 85, 86] },
        { applicationId: 'e', reviewTotals: [99, 99] },
        { applicationId: 'f', reviewTotals: [] },
      ],
      { minValidReviews: 3, aggregation: 'mean', quota: 2 },
    );
    expect(result.ranking).toEqual([
      { applicationId: 'a', rank: 1, score: 92, validReviews: 3, spread: 4 },
      { applicationId: 'b', rank: 2, score: 85, validReviews: 3, spread: 2 },
      { applicationId: 'c', rank: 2, score: 85, validReviews: 3, spread: 0 },
      { applicationId: 'd', rank: 4, score: 80, validReviews: 3, spread: 0 },
      { applicationId: 'e', rank: 5, score: null, validReviews: 2, spread: 0 },
      { applicationId: 'f', rank: 5, score: null, validReviews: 0, spread: null },
    ]);
    // b and c tie at the cut of 2: both are proposed and flagged
    expect(result.proposedShortlist).toEqual(['a', 'b', 'c']);
    expect(result.tiedAtCut).toEqual(['b', 'c']);
  });

  it('proposes exactly the quota when no tie straddles the cut', () => {
    const inputs = [90, 85, 85, 80].map((t, i) => ({ applicationId: `app${i}`, reviewTotals: [t] }));
    expect(rankApplications(inputs, { minValidReviews: 1, aggregation: 'mean', quota: 3 })).toMatchObject({
      proposedShortlist: ['app0', 'app1', 'app2'],
      tiedAtCut: [],
    });
    expect(rankApplications(inputs, { minValidReviews: 1, aggregation: 'mean' }).proposedShortlist).toHaveLength(4);
  });

  it('decides ties on the published (rounded) score', () => {
    const result = rankApplications(
      [
        { applicationId: 'x', reviewTotals: [80.004] },
        { applicationId: 'y', reviewTotals: [79.996] },
      ],
      { minValidReviews: 1, aggregation: 'mean' },
    );
    expect(result.ranking.map((r) => [r.rank, r.score])).toEqual([[1, 80], [1, 80]]);
  });

  it('refuses duplicate application ids', () => {
    expect(
      errorOf(() => rankApplications([{ applicationId: 'a', reviewTotals: [1] }, { applicationId: 'a', reviewTotals: [2] }], { minValidReviews: 1, aggregation: 'mean' })),
    ).toMatchObject({ code: 'RANKING_INVALID' });
  });

  const inputs = fc.uniqueArray(
    fc.record({
      applicationId: fc.string({ minLength: 1, maxLength: 6 }),
      reviewTotals: fc.oneof(
        fc.array(fc.integer({ min: 0, max: 20 }).map((n) => n * 5), { maxLength: 6 }),
        // Four reviews of two values: few distinct scores, so ties (also at the cut) are common.
        fc.array(fc.constantFrom(70, 80), { minLength: 4, maxLength: 4 }),
      ),
    }),
    { selector: (input) => input.applicationId, maxLength: 20 },
  );
  const rankingOptions = fc.record({
    minValidReviews: fc.integer({ min: 1, max: 4 }),
    aggregation: fc.constantFrom(...methods),
    quota: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  });

  it('is a permutation of the inputs with monotone competition ranks', () => {
    const exercised = { unscored: 0, tiesAtCut: 0, strictlyBetter: 0 };
    fc.assert(
      fc.property(inputs, rankingOptions, (list, options) => {
        const { ranking, proposedShortlist, tiedAtCut } = rankApplications(list, options);
        expect(ranking.map((r) => r.applicationId).sort()).toEqual(list.map((i) => i.applicationId).sort());
        const scored = ranking.filter((r) => r.score !== null);
        // scored first, scores non-increasing, rank = 1 + number of strictly better scores
        expect(ranking.slice(0, scored.length).every((r) => r.score !== null)).toBe(true);
        for (const line of scored) {
          expect(line.rank).toBe(1 + scored.filter((other) => other.score! > line.score!).length);
        }
        for (let i = 1; i < ranking.length; i++) expect(ranking[i]!.rank).toBeGreaterThanOrEqual(ranking[i - 1]!.rank);
        for (const line of ranking) {
          expect(line.score === null).toBe(line.validReviews < options.minValidReviews);
          if (line.score === null) {
            exercised.unscored += 1;
            expect(line.rank).toBe(scored.length + 1);
          }
        }
        // shortlist: scored, within the quota unless a tie at the cut is flagged
        const quota = options.quota ?? scored.length;
        expect(proposedShortlist.every((id) => scored.some((r) => r.applicationId === id))).toBe(true);
        if (tiedAtCut.length === 0) expect(proposedShortlist.length).toBe(Math.min(quota, scored.length));
        else {
          exercised.tiesAtCut += 1;
          expect(proposedShortlist.length).toBeGreaterThan(quota);
          for (const id of tiedAtCut) expect(proposedShortlist).toContain(id);
        }
        // everyone strictly better than someone on the list is on it
        const listed = scored.filter((r) => proposedShortlist.includes(r.applicationId));
        const lowest = Math.min(...listed.map((r) => r.score!));
        for (const line of scored) {
          if (line.score! <= lowest) continue;
          exercised.strictlyBetter += 1;
          expect(proposedShortlist).toContain(line.applicationId);
        }
      }),
      { numRuns: 200 },
    );
    // Each conditional check above ran on some generated ranking.
    expect(Object.entries(exercised).filter(([, count]) => count === 0)).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLevelScores, isWideSpread, wideSpreadShare } from '#shared/domain/ranking-breakdown.js';
import { indicatorLeaves, scoreReview } from '#shared/domain/scoring.js';
import type { IndicatorNode } from '#shared/programs/schema.js';

const tree: IndicatorNode[] = [
  { code: '1', title: '基本情况', children: [{ code: '1.1', title: '园区' }, { code: '1.2', title: '政策' }] },
  { code: '2', title: '运行机制', weight: 3, children: [{ code: '2.1', title: '理事会' }] },
  { code: '3', title: '特色', weight: 1 },
];
const scale = { leafMaxScore: 10, total: 100 };

describe('isWideSpread', () => {
  it('flags a spread of a fifth of the full score or more, never a missing one', () => {
    expect(wideSpreadShare).toBe(0.2);
    expect(isWideSpread(20, 100)).toBe(true);
    expect(isWideSpread(19.99, 100)).toBe(false);
    expect(isWideSpread(10, 50)).toBe(true);
    expect(isWideSpread(0, 100)).toBe(false);
    expect(isWideSpread(null, 100)).toBe(false);
  });
});

describe('firstLevelScores', () => {
  it('sums the items of each first-level indicator as points of its share, in the tree order', () => {
    // weights: group 1 counts as the mean given weight (2) → 2:3:1 of 100 points
    const groups = firstLevelScores(tree, scale, { '1.1': 8, '1.2': 6, '2.1': 9, '3': 5 });
    expect(groups.map((group) => [group.code, group.title, group.points, group.maxPoints])).toEqual([
      ['1', '基本情况', 23.33, 33.33],
      ['2', '运行机制', 45, 50],
      ['3', '特色', 8.33, 16.67],
    ]);
    expect(groups[0]!.items).toEqual([
      { code: '1.1', title: '园区', score: 8, maxScore: 10 },
      { code: '1.2', title: '政策', score: 6, maxScore: 10 },
    ]);
  });

  it('leaves a group without any scored item at null and counts the items that were scored', () => {
    const groups = firstLevelScores(tree, scale, { '1.1': 10 });
    expect(groups.map((group) => group.points)).toEqual([16.67, null, null]);
    expect(groups[0]!.items[1]!.score).toBeNull();
  });

  it('adds up to the review total when every item is scored (property)', () => {
    const codes = indicatorLeaves(tree).map((leaf) => leaf.code);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: codes.length, maxLength: codes.length }), (values) => {
        const scores = Object.fromEntries(codes.map((code, index) => [code, values[index]!]));
        const sum = firstLevelScores(tree, scale, scores).reduce((total, group) => total + (group.points ?? 0), 0);
        // each group is rounded to 2 decimals: at most 0.005 off per group
        expect(Math.abs(sum - scoreReview(tree, scores, scale))).toBeLessThanOrEqual(0.015 + 1e-9);
      }),
    );
  });
});

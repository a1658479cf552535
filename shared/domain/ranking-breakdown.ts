/**
 * How staff read one ranking line (排名解读): the experts' mean scores per scored item summed up
 * to the first-level indicators (一级指标) as points of the full score, and whether the experts'
 * totals diverge widely (分歧较大).
 *
 * Rules:
 * - A scored item's points are its mean score / `leafMaxScore` × the points the item is worth
 *   ({@link leafWeights} of the tree as the round scores it). A first-level indicator's points
 *   are the sum over its scored items, out of its own share of the full score; null when none
 *   of its items was scored (e.g. an indicator that does not apply to the application).
 * - The spread (max − min of the counted review totals) is wide when it is at least
 *   {@link wideSpreadShare} of the full score (20 of 100 points): the provincial practice of
 *   looking again at an application whose experts disagree that much.
 */
import type { IndicatorNode } from '../programs/schema.js';
import { indicatorLeaves, leafWeights, roundScore, type ScoreScale } from './scoring.js';

/** Share of the full score from which the experts' spread counts as wide (分歧较大). */
export const wideSpreadShare = 0.2;

/**
 * Whether a spread of review totals is wide on a full score of `total`.
 *
 * @example
 * isWideSpread(25, 100); // true
 * isWideSpread(null, 100); // false (no reviews)
 */
export function isWideSpread(spread: number | null, total: number): boolean {
  return spread !== null && spread >= total * wideSpreadShare;
}

/** One scored item of a line: its mean score (null when not scored) out of `maxScore`. */
export interface ItemScore {
  readonly code: string;
  readonly title: string;
  readonly score: number | null;
  readonly maxScore: number;
}

/** One first-level indicator of a line: its points out of `maxPoints`, and its scored items. */
export interface IndicatorGroupScore {
  readonly code: string;
  readonly title: string;
  readonly points: number | null;
  readonly maxPoints: number;
  readonly items: readonly ItemScore[];
}

/**
 * The first-level indicators of `tree` with the points of one line's mean item scores
 * (`itemScores`: scored item code → mean score), in the tree's order.
 *
 * @example
 * // two groups worth 50 points each, items out of 10
 * firstLevelScores(tree, { leafMaxScore: 10, total: 100 }, { '1.1': 8, '1.2': 6, '2.1': 9 });
 * // [{ code: '1', points: 35, maxPoints: 50, items: […] }, { code: '2', points: 45, maxPoints: 50, items: […] }]
 * @throws DomainError INDICATORS_INVALID (422) for an empty tree or duplicate item codes.
 */
export function firstLevelScores(tree: readonly IndicatorNode[], scale: ScoreScale, itemScores: Readonly<Record<string, number>>): IndicatorGroupScore[] {
  const weights = leafWeights(tree, scale.total);
  return tree.map((node) => {
    const items = indicatorLeaves([node]).map((leaf) => ({
      code: leaf.code,
      title: leaf.title,
      score: Object.hasOwn(itemScores, leaf.code) ? itemScores[leaf.code]! : null,
      maxScore: scale.leafMaxScore,
    }));
    let points: number | null = null;
    let maxPoints = 0;
    for (const item of items) {
      const worth = weights[item.code] ?? 0;
      maxPoints += worth;
      if (item.score !== null) points = (points ?? 0) + (item.score / scale.leafMaxScore) * worth;
    }
    return { code: node.code, title: node.title, points: points === null ? null : roundScore(points), maxPoints: roundScore(maxPoints), items };
  });
}

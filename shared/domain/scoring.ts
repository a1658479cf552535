/**
 * Scoring and ranking (评分与排名): points per indicator, one expert's total, the
 * aggregation of several experts' totals and the ranking of a round with its proposed
 * shortlist (拟入围名单).
 *
 * Rules:
 * - Each leaf of the indicator tree is scored 0..`leafMaxScore` (default 10) and is worth a
 *   share of `total` (default 100). A node's share of its parent is its `weight` divided by
 *   the sum of its siblings' weights; siblings without a weight count as the mean of the
 *   given sibling weights (as 1 when none is given, i.e. equal shares).
 * - Nodes with a `when` condition that the application's form does not satisfy are left out
 *   and their siblings' shares renormalised (pass the form as `options.form`).
 * - Review totals and ranking scores are rounded to {@link SCORE_DECIMALS} decimals (half away
 *   from zero); ties are decided on the rounded scores, as published.
 * - Trimmed mean: with 5 or more values, one highest and one lowest value are dropped and the
 *   rest averaged; with fewer than 5 it is the plain mean.
 * - Ranking is competition ranking (1, 2, 2, 4). Applications with fewer than
 *   `minValidReviews` totals have `score: null` and are listed after all scored ones, sharing
 *   the rank after the last scored rank.
 * - The proposed shortlist is the applications ranked within `quota`; when applications tied
 *   on the score at the cut straddle it, all of them are included (the list may then exceed
 *   the quota) and are named in `tiedAtCut` so that the leadership group decides. Without a
 *   quota every scored application is proposed.
 */
import type { Aggregation, IndicatorNode } from '../programs/schema.js';
import { DomainError, type ErrorDetail } from './errors.js';
import { conditionHolds, type Condition } from './form-condition.js';
import { isStorableNumber } from './storable-number.js';

/** Decimals of published scores. */
export const SCORE_DECIMALS = 2;

/** How leaves are scored and what the whole tree is worth (a program's `scoring`). */
export interface ScoreScale {
  readonly leafMaxScore: number;
  readonly total: number;
}

/** Options of the indicator functions. */
export interface IndicatorOptions {
  /** The application's form, to leave out indicators whose `when` it does not satisfy. */
  readonly form?: Readonly<Record<string, unknown>>;
}

/**
 * Rounds a score to {@link SCORE_DECIMALS} decimals, half away from zero.
 *
 * @example
 * roundScore(83.335); // 83.34
 */
export function roundScore(value: number): number {
  const factor = 10 ** SCORE_DECIMALS;
  const scaled = Math.abs(value) * factor;
  // the small nudge absorbs binary representation error (83.335 is 83.33499999…)
  return (Math.sign(value) * Math.round(scaled + scaled * Number.EPSILON * 4)) / factor || 0;
}

/** An indicator node as far as its conditions go (a template's `IndicatorNode`, or one read from the API). */
interface ConditionedNode<N> {
  readonly when?: Condition | undefined;
  readonly children?: readonly N[] | undefined;
}

/**
 * The indicator tree without the nodes whose `when` condition `form` does not satisfy (a
 * group left without children is dropped too).
 */
export function applicableIndicators<N extends ConditionedNode<N> = IndicatorNode>(tree: readonly N[], form: Readonly<Record<string, unknown>>): N[] {
  const result: N[] = [];
  for (const node of tree) {
    if (!conditionHolds(node.when, form)) continue;
    if (node.children === undefined) {
      result.push(node);
      continue;
    }
    const children = applicableIndicators(node.children, form);
    if (children.length > 0) result.push({ ...node, children });
  }
  return result;
}

/** The scored leaves of an indicator tree, in document order. */
export function indicatorLeaves(tree: readonly IndicatorNode[]): IndicatorNode[] {
  return tree.flatMap((node) => (node.children === undefined ? [node] : indicatorLeaves(node.children)));
}

function shares(siblings: readonly IndicatorNode[]): number[] {
  const given = siblings.map((node) => node.weight).filter((weight): weight is number => weight !== undefined);
  const fallback = given.length === 0 ? 1 : given.reduce((sum, weight) => sum + weight, 0) / given.length;
  const weights = siblings.map((node) => node.weight ?? fallback);
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return weights.map((weight) => weight / sum);
}

/**
 * The points each leaf is worth: leaf code → share of `total`. The values sum to `total`
 * (up to floating-point rounding).
 *
 * @example
 * // two groups, one with 2 leaves and one with 3: 25, 25, 16.67, 16.67, 16.67
 * leafWeights(program.indicators, 100);
 * @throws DomainError INDICATORS_INVALID (422) for an empty tree or duplicate leaf codes.
 */
export function leafWeights(tree: readonly IndicatorNode[], total = 100, options: IndicatorOptions = {}): Record<string, number> {
  const nodes = options.form === undefined ? tree : applicableIndicators(tree, options.form);
  if (nodes.length === 0) throw new DomainError('INDICATORS_INVALID', 'empty');
  const weights: Record<string, number> = {};
  const visit = (siblings: readonly IndicatorNode[], available: number) => {
    const fractions = shares(siblings);
    siblings.forEach((node, index) => {
      const points = available * (fractions[index] ?? 0);
      if (node.children !== undefined) return visit(node.children, points);
      if (Object.hasOwn(weights, node.code)) {
        throw new DomainError('INDICATORS_INVALID', 'duplicateCode', { code: node.code });
      }
      weights[node.code] = points;
    });
  };
  visit(nodes, total);
  return weights;
}

/** Options of {@link validateScores}. */
export interface ScoreValidationOptions extends IndicatorOptions {
  /** A draft: leaves may be left unscored (values given are still checked). */
  readonly partial?: boolean;
}

/**
 * Checks one expert's scores against the indicator tree: every applicable leaf scored (unless
 * `partial`), each a finite number within 0..`leafMaxScore`, no other codes. Returns one
 * detail per problem (`path` is the indicator code), empty when the scores are valid.
 */
export function validateScores(
  tree: readonly IndicatorNode[],
  scores: Readonly<Record<string, unknown>>,
  scale: ScoreScale,
  options: ScoreValidationOptions = {},
): ErrorDetail[] {
  const applicable = indicatorLeaves(options.form === undefined ? tree : applicableIndicators(tree, options.form));
  const byCode = new Map(applicable.map((leaf) => [leaf.code, leaf]));
  const allCodes = new Set(indicatorLeaves(tree).map((leaf) => leaf.code));
  const details: ErrorDetail[] = [];
  for (const code of Object.keys(scores)) {
    if (byCode.has(code)) continue;
    details.push({
      path: code,
      message: allCodes.has(code) ? `指标「${code}」不适用于本申报` : `「${code}」不是本项目的评审指标`,
      reason: 'unknown',
    });
  }
  for (const leaf of applicable) {
    const name = `「${leaf.code} ${leaf.title}」`;
    const value = scores[leaf.code];
    if (value === undefined) {
      if (!options.partial) details.push({ path: leaf.code, message: `请为${name}打分`, reason: 'missing' });
    } else if (typeof value !== 'number' || !isStorableNumber(value)) {
      details.push({ path: leaf.code, message: `${name}的分数应为数字`, reason: 'invalid' });
    } else if (value < 0 || value > scale.leafMaxScore) {
      details.push({
        path: leaf.code,
        message: `${name}的分数应在 0–${scale.leafMaxScore} 分之间`,
        reason: 'out_of_range',
      });
    }
  }
  return details;
}

/**
 * One expert's total: each leaf's score / `leafMaxScore` × the leaf's points, summed and
 * rounded to {@link SCORE_DECIMALS} decimals, within 0..`total`.
 *
 * @example
 * scoreReview(program.indicators, { '1.1': 8, '1.2': 9.5 }, program.scoring); // 87.5
 * @throws DomainError SCORES_INVALID (422) '评分不完整或有误' with a detail per indicator code.
 */
export function scoreReview(
  tree: readonly IndicatorNode[],
  scores: Readonly<Record<string, unknown>>,
  scale: ScoreScale,
  options: IndicatorOptions = {},
): number {
  const details = validateScores(tree, scores, scale, options);
  if (details.length > 0) throw new DomainError('SCORES_INVALID', 'scores', details);
  const weights = leafWeights(tree, scale.total, options);
  let sum = 0;
  for (const [code, points] of Object.entries(weights)) sum += ((scores[code] as number) / scale.leafMaxScore) * points;
  return Math.min(scale.total, Math.max(0, roundScore(sum)));
}

/**
 * Aggregates several experts' totals into one figure: `mean`, `median` (mean of the two
 * middle values for an even count) or `trimmed_mean` (drops one highest and one lowest value
 * when there are 5 or more, else the plain mean). The result lies within [min, max].
 *
 * @example
 * aggregate([70, 80, 82, 84, 99], 'trimmed_mean'); // 82
 * @throws DomainError NO_SCORES (422) for an empty list or a non-finite value.
 */
export function aggregate(values: readonly number[], method: Aggregation): number {
  if (values.length === 0 || !values.every(Number.isFinite)) {
    throw new DomainError('NO_SCORES', 'valid');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mean = (list: readonly number[]) => list.reduce((sum, value) => sum + value, 0) / list.length;
  let result: number;
  switch (method) {
    case 'mean':
      result = mean(sorted);
      break;
    case 'trimmed_mean':
      result = mean(sorted.length >= 5 ? sorted.slice(1, -1) : sorted);
      break;
    case 'median': {
      const middle = Math.floor(sorted.length / 2);
      result = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
      break;
    }
  }
  return Math.min(sorted[sorted.length - 1]!, Math.max(sorted[0]!, result));
}

/** max − min of a non-empty list (a loop, not a spread: the list may be long). */
function rangeOf(values: readonly number[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return max - min;
}

/** One application's valid review totals. */
export interface RankingInput {
  readonly applicationId: string;
  readonly reviewTotals: readonly number[];
}

/** How a round ranks its applications (from the program's or round's review settings). */
export interface RankingOptions {
  readonly minValidReviews: number;
  readonly aggregation: Aggregation;
  /** Places on the shortlist; without it every scored application is proposed. */
  readonly quota?: number | undefined;
}

/** One line of the ranking. */
export interface RankedApplication {
  readonly applicationId: string;
  /** Competition rank (1, 2, 2, 4); unscored applications share the rank after the last scored one. */
  readonly rank: number;
  /** The aggregated score rounded to {@link SCORE_DECIMALS} decimals, or null with too few reviews. */
  readonly score: number | null;
  readonly validReviews: number;
  /** max − min of the review totals (rounded), null without reviews. */
  readonly spread: number | null;
}

/** The ranking of a round and the shortlist it proposes. */
export interface Ranking {
  /** Best first; equal scores in application id order; unscored last. */
  readonly ranking: readonly RankedApplication[];
  /** Application ids proposed for the shortlist, in ranking order. */
  readonly proposedShortlist: readonly string[];
  /** Applications tied on the score at the quota's cut, all included; empty when no tie straddles it. */
  readonly tiedAtCut: readonly string[];
}

/**
 * Ranks a round's applications by their aggregated review totals and proposes a shortlist.
 *
 * @example
 * rankApplications(
 *   [{ applicationId: 'a', reviewTotals: [80, 90, 85] }, { applicationId: 'b', reviewTotals: [70] }],
 *   { minValidReviews: 3, aggregation: 'mean', quota: 1 },
 * );
 * // ranking: a (rank 1, score 85), b (rank 2, score null); proposedShortlist: ['a']
 * @throws DomainError RANKING_INVALID (422) for duplicate application ids or non-finite totals.
 */
export function rankApplications(inputs: readonly RankingInput[], options: RankingOptions): Ranking {
  const ids = new Set<string>();
  for (const input of inputs) {
    if (ids.has(input.applicationId)) {
      throw new DomainError('RANKING_INVALID', 'duplicate', { id: input.applicationId });
    }
    ids.add(input.applicationId);
    if (!input.reviewTotals.every(Number.isFinite)) {
      throw new DomainError('RANKING_INVALID', 'scores', { id: input.applicationId });
    }
  }
  const lines = inputs.map((input) => {
    const totals = input.reviewTotals;
    const validReviews = totals.length;
    const score = validReviews >= Math.max(1, options.minValidReviews) ? roundScore(aggregate(totals, options.aggregation)) : null;
    const spread = validReviews === 0 ? null : roundScore(rangeOf(totals));
    return { applicationId: input.applicationId, score, validReviews, spread };
  });
  const byId = (a: { applicationId: string }, b: { applicationId: string }) =>
    a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  const scored = lines
    .filter((line): line is (typeof lines)[number] & { score: number } => line.score !== null)
    .sort((a, b) => b.score - a.score || byId(a, b));
  const unscored = lines.filter((line) => line.score === null).sort(byId);

  const ranking: RankedApplication[] = [];
  scored.forEach((line, index) => {
    const previous = ranking[index - 1];
    const rank = previous !== undefined && previous.score === line.score ? previous.rank : index + 1;
    ranking.push({ ...line, rank });
  });
  for (const line of unscored) ranking.push({ ...line, rank: scored.length + 1 });

  const quota = options.quota ?? scored.length;
  const proposed = ranking.filter((line) => line.score !== null && line.rank <= quota);
  return { ranking, proposedShortlist: proposed.map((line) => line.applicationId), tiedAtCut: tiedAtCut(ranking, options.quota) };
}

/**
 * The applications tied on the score at the quota's cut when that tie straddles the cut (the
 * last place within the quota and the first beyond it have the same score); empty without a
 * quota or when the cut splits no tie. `ranking` is best first, as {@link rankApplications} orders it.
 *
 * @example
 * tiedAtCut([{ applicationId: 'a', score: 90 }, { applicationId: 'b', score: 80 }, { applicationId: 'c', score: 80 }], 2); // ['b', 'c']
 */
export function tiedAtCut(ranking: readonly { readonly applicationId: string; readonly score: number | null }[], quota: number | undefined): string[] {
  if (quota === undefined) return [];
  const scored = ranking.filter((line) => line.score !== null);
  const boundary = scored[quota - 1];
  const beyond = scored[quota];
  if (boundary === undefined || beyond === undefined || boundary.score !== beyond.score) return [];
  return scored.filter((line) => line.score === boundary.score).map((line) => line.applicationId);
}

/**
 * Checks an expert's scores and totals them: a draft may leave items unscored (its total is
 * then `undefined`), a final submission must score every applicable item.
 *
 * @throws DomainError SCORES_INVALID (422) with one detail per indicator code.
 */
export function totalOfScores(
  tree: readonly IndicatorNode[],
  scores: Readonly<Record<string, unknown>>,
  scale: ScoreScale,
  options: IndicatorOptions & { final: boolean },
): number | undefined {
  const problems = validateScores(tree, scores, scale, { ...options, partial: !options.final });
  if (problems.length > 0) throw new DomainError('SCORES_INVALID', 'scores', problems);
  const complete = options.final || validateScores(tree, scores, scale, options).length === 0;
  return complete ? scoreReview(tree, scores, scale, options) : undefined;
}

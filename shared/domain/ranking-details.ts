/**
 * What staff read beside a round's ranking (排名详情): per-indicator scores, recommendation
 * counts, the score normalised per expert, whether the quota's cut splits a tie there, and
 * whether every expert advised against the application. Computed from the stored ranking and
 * the reviews it counted, so rounds ranked before these details existed read the same way.
 *
 * Rules:
 * - `indicatorScores`: for each leaf indicator code, the mean over the application's counted
 *   reviews that scored it, rounded as scores are ({@link roundScore}; so within 0..`leafMaxScore`).
 * - `recommendations`: how many counted reviews recommend and advise against it. A review
 *   without a recommendation counts in neither (none exist: the score form requires one).
 * - `normalizedScore` (per-expert z-score): each expert's totals are standardised over that
 *   expert's counted reviews in the round, z = (total − the expert's mean) / the expert's
 *   population standard deviation; an expert with a single review or with every total equal
 *   (standard deviation 0) gives z = 0 on each review, i.e. says nothing about relative merit.
 *   The application's figure is the mean of its reviews' z, rounded; null when its `score` is
 *   null (too few reviews to be ranked).
 * - `tiedAtCut`: the application is among those tied on the score at the quota's cut when the
 *   cut splits that tie (see {@link tiedAtCut}); false without a quota.
 * - `allNotRecommended`: it has counted reviews and every one of them advises against it.
 */
import { countedReviews, type Recommendation, type ReviewTask } from './review-task.js';
import type { RankingEntry, Round } from './round.js';
import { roundScore, tiedAtCut } from './scoring.js';

/** One counted review, as the details need it. */
export interface CountedReview {
  readonly applicationId: string;
  readonly expertId: string;
  readonly total: number;
  /** Leaf indicator code → score. */
  readonly scores: Readonly<Record<string, number>>;
  readonly recommendation?: Recommendation | undefined;
}

/** Recommendation counts of one application. */
export interface RecommendationCounts {
  readonly recommend: number;
  readonly not_recommend: number;
}

/** The details of one ranking line. */
export interface RankingDetails {
  readonly indicatorScores: Readonly<Record<string, number>>;
  readonly recommendations: RecommendationCounts;
  readonly normalizedScore: number | null;
  readonly tiedAtCut: boolean;
  readonly allNotRecommended: boolean;
}

/** Below this a standard deviation counts as zero (all of an expert's totals equal). */
const zeroSpread = 1e-9;

/**
 * Each review's z-score within its expert's reviews (same order as `reviews`), unrounded: the
 * z-scores of one expert sum to 0. An expert with one review or no spread gives 0.
 *
 * @example
 * expertZScores([{ expertId: 'e', total: 70 }, { expertId: 'e', total: 90 }, { expertId: 'f', total: 80 }]); // [-1, 1, 0]
 */
export function expertZScores(reviews: readonly Pick<CountedReview, 'expertId' | 'total'>[]): number[] {
  const totals = new Map<string, number[]>();
  for (const review of reviews) {
    const list = totals.get(review.expertId);
    if (list) list.push(review.total);
    else totals.set(review.expertId, [review.total]);
  }
  const scale = new Map<string, { mean: number; deviation: number }>();
  for (const [expertId, list] of totals) {
    const mean = list.reduce((sum, value) => sum + value, 0) / list.length;
    const variance = list.reduce((sum, value) => sum + (value - mean) ** 2, 0) / list.length;
    scale.set(expertId, { mean, deviation: Math.sqrt(variance) });
  }
  return reviews.map((review) => {
    const { mean, deviation } = scale.get(review.expertId)!;
    return deviation < zeroSpread ? 0 : (review.total - mean) / deviation;
  });
}

function meanScores(reviews: readonly CountedReview[]): Record<string, number> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const review of reviews) {
    for (const [code, value] of Object.entries(review.scores)) {
      const entry = sums.get(code) ?? { sum: 0, count: 0 };
      sums.set(code, { sum: entry.sum + value, count: entry.count + 1 });
    }
  }
  return Object.fromEntries([...sums].map(([code, { sum, count }]) => [code, roundScore(sum / count)]));
}

function countRecommendations(reviews: readonly CountedReview[]): RecommendationCounts {
  const counts = { recommend: 0, not_recommend: 0 };
  for (const review of reviews) if (review.recommendation) counts[review.recommendation] += 1;
  return counts;
}

/**
 * The ranking lines with their details, in the ranking's order. `reviews` are the counted
 * reviews of the round's ranked applications (the z-scores standardise over all of them, per
 * expert); `quota` is the round's.
 *
 * @example
 * describeRanking(round.ranking, reviews, { quota: round.quota })[0]; // { …entry, indicatorScores, recommendations, normalizedScore, tiedAtCut, allNotRecommended }
 */
export function describeRanking<E extends RankingEntry>(
  ranking: readonly E[],
  reviews: readonly CountedReview[],
  options: { readonly quota?: number | undefined },
): (E & RankingDetails)[] {
  const z = expertZScores(reviews);
  const byApplication = new Map<string, { reviews: CountedReview[]; z: number[] }>();
  reviews.forEach((review, index) => {
    const group = byApplication.get(review.applicationId) ?? { reviews: [], z: [] };
    group.reviews.push(review);
    group.z.push(z[index]!);
    byApplication.set(review.applicationId, group);
  });
  const tied = new Set(tiedAtCut(ranking, options.quota));
  return ranking.map((entry) => {
    const group = byApplication.get(entry.applicationId) ?? { reviews: [], z: [] };
    const recommendations = countRecommendations(group.reviews);
    const meanZ = group.z.length === 0 ? null : group.z.reduce((sum, value) => sum + value, 0) / group.z.length;
    return {
      ...entry,
      indicatorScores: meanScores(group.reviews),
      recommendations,
      normalizedScore: entry.score === null || meanZ === null ? null : roundScore(meanZ),
      tiedAtCut: tied.has(entry.applicationId),
      allNotRecommended: group.reviews.length > 0 && recommendations.not_recommend === group.reviews.length,
    };
  });
}

/**
 * The reviews a round's stored ranking counted: each ranked application's counted reviews
 * (see {@link countedReviews}), submitted by the time of the ranking when the round recorded it
 * (`rankedAt`; rounds ranked before it was recorded count every submitted review).
 */
export function reviewsOfRanking(round: Pick<Round, 'ranking' | 'rankedAt'>, tasks: readonly ReviewTask[]): CountedReview[] {
  const byApplication = new Map<string, ReviewTask[]>();
  for (const task of tasks) {
    const list = byApplication.get(task.applicationId);
    if (list) list.push(task);
    else byApplication.set(task.applicationId, [task]);
  }
  const rankedAt = round.rankedAt;
  return (round.ranking ?? []).flatMap((entry) =>
    countedReviews(byApplication.get(entry.applicationId) ?? [], entry.applicationId)
      .filter((task) => rankedAt === undefined || (task.submittedAt ?? '') <= rankedAt)
      .map((task) => ({ applicationId: task.applicationId, expertId: task.expertId, total: task.total ?? 0, scores: task.scores ?? {}, recommendation: task.recommendation })),
  );
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRanking, expertZScores, reviewsOfRanking, type CountedReview } from '#shared/domain/ranking-details.js';
import type { ReviewTask } from '#shared/domain/review-task.js';
import { rankApplications } from '#shared/domain/scoring.js';

const leafMax = 10;
const codes = ['1.1', '1.2', '2.1'];

function review(applicationId: string, expertId: string, total: number, recommendation: 'recommend' | 'not_recommend' = 'recommend', scores: Record<string, number> = {}): CountedReview {
  return { applicationId, expertId, total, scores, recommendation };
}

/** Reviews of up to 6 applications by up to 4 experts, one review per (application, expert). */
const roundReviews = fc
  .uniqueArray(
    fc.record({
      applicationId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      expertId: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
      total: fc.integer({ min: 0, max: 10_000 }).map((value) => value / 100),
      scores: fc.record(Object.fromEntries(codes.map((code) => [code, fc.integer({ min: 0, max: leafMax * 10 }).map((value) => value / 10)]))),
      recommendation: fc.constantFrom('recommend' as const, 'not_recommend' as const),
    }),
    { selector: (item) => `${item.applicationId}/${item.expertId}`, maxLength: 24 },
  );

function rankingOf(reviews: readonly CountedReview[], quota?: number) {
  const ids = [...new Set(reviews.map((item) => item.applicationId))];
  return rankApplications(
    ids.map((applicationId) => ({ applicationId, reviewTotals: reviews.filter((item) => item.applicationId === applicationId).map((item) => item.total) })),
    { minValidReviews: 1, aggregation: 'mean', quota },
  );
}

describe('per-expert z-scores', () => {
  it('standardise each expert over their own reviews', () => {
    expect(expertZScores([review('a', 'e', 70), review('b', 'e', 90), review('a', 'f', 80)])).toEqual([-1, 1, 0]);
  });

  it('are 0 for an expert with one review or with every total equal', () => {
    expect(expertZScores([review('a', 'solo', 95), review('a', 'flat', 80), review('b', 'flat', 80)])).toEqual([0, 0, 0]);
  });

  it('of one expert sum to 0 and have unit spread unless all equal', () => {
    fc.assert(
      fc.property(roundReviews, (reviews) => {
        const z = expertZScores(reviews);
        for (const expertId of new Set(reviews.map((item) => item.expertId))) {
          const own = z.filter((_, index) => reviews[index]!.expertId === expertId);
          expect(Math.abs(own.reduce((sum, value) => sum + value, 0))).toBeLessThan(1e-9 * Math.max(1, own.length));
          const squares = own.reduce((sum, value) => sum + value * value, 0) / own.length;
          expect(squares === 0 || Math.abs(squares - 1) < 1e-9).toBe(true);
        }
      }),
    );
  });
});

describe('the details of a ranking', () => {
  it('give per-indicator means, recommendation counts and the normalised score per line', () => {
    const reviews = [
      review('a', 'e1', 90, 'recommend', { '1.1': 9, '1.2': 8 }),
      review('a', 'e2', 80, 'not_recommend', { '1.1': 8, '1.2': 7.5 }),
      review('b', 'e1', 70, 'not_recommend', { '1.1': 6, '1.2': 6 }),
      review('b', 'e2', 60, 'not_recommend', { '1.1': 5, '1.2': 4 }),
    ];
    const [a, b] = describeRanking(rankingOf(reviews).ranking, reviews, {});
    expect(a).toMatchObject({ applicationId: 'a', score: 85, indicatorScores: { '1.1': 8.5, '1.2': 7.75 }, recommendations: { recommend: 1, not_recommend: 1 }, normalizedScore: 1, allNotRecommended: false, tiedAtCut: false });
    expect(b).toMatchObject({ applicationId: 'b', score: 65, recommendations: { recommend: 0, not_recommend: 2 }, normalizedScore: -1, allNotRecommended: true });
  });

  it('flag the lines tied on the score at the quota\'s cut', () => {
    const reviews = [review('a', 'e1', 90), review('b', 'e1', 80), review('c', 'e1', 80), review('d', 'e1', 70)];
    const lines = describeRanking(rankingOf(reviews, 2).ranking, reviews, { quota: 2 });
    expect(lines.map((line) => [line.applicationId, line.tiedAtCut])).toEqual([['a', false], ['b', true], ['c', true], ['d', false]]);
    expect(describeRanking(rankingOf(reviews).ranking, reviews, {}).some((line) => line.tiedAtCut)).toBe(false);
  });

  it('leave the normalised score null for an application ranked without a score', () => {
    const reviews = [review('a', 'e1', 90), review('a', 'e2', 80), review('b', 'e1', 70)];
    const ranking = rankApplications(
      [{ applicationId: 'a', reviewTotals: [90, 80] }, { applicationId: 'b', reviewTotals: [70] }, { applicationId: 'c', reviewTotals: [] }],
      { minValidReviews: 2, aggregation: 'mean' },
    ).ranking;
    const lines = describeRanking(ranking, reviews, {});
    expect(lines.map((line) => line.normalizedScore)).toEqual([0.5, null, null]);
    expect(lines[2]).toMatchObject({ applicationId: 'c', indicatorScores: {}, recommendations: { recommend: 0, not_recommend: 0 }, allNotRecommended: false });
  });

  it('hold for any round: counts add up to the valid reviews, indicator means stay within the item\'s points, ties match the ranking\'s', () => {
    fc.assert(
      fc.property(roundReviews, fc.integer({ min: 1, max: 6 }), (reviews, quota) => {
        const ranked = rankingOf(reviews, quota);
        const lines = describeRanking(ranked.ranking, reviews, { quota });
        expect(lines.map((line) => line.applicationId)).toEqual(ranked.ranking.map((line) => line.applicationId));
        for (const line of lines) {
          expect(line.recommendations.recommend + line.recommendations.not_recommend).toBe(line.validReviews);
          for (const value of Object.values(line.indicatorScores)) expect(value >= 0 && value <= leafMax).toBe(true);
          expect(line.allNotRecommended).toBe(line.validReviews > 0 && line.recommendations.recommend === 0);
        }
        expect(lines.filter((line) => line.tiedAtCut).map((line) => line.applicationId)).toEqual(ranked.tiedAtCut);
      }),
    );
  });
});

describe('the reviews a stored ranking counted', () => {
  const task = (id: string, applicationId: string, expertId: string, status: ReviewTask['status'], submittedAt?: string): ReviewTask => ({
    id,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: submittedAt ?? '2026-11-01T00:00:00.000Z',
    version: 3,
    roundId: 'r',
    applicationId,
    expertId,
    linkId: `link-${id}`,
    status,
    dueAt: '2026-11-20T00:00:00.000Z',
    reminders: 0,
    ...(submittedAt ? { submittedAt, total: 80, scores: { '1.1': 8 }, recommendation: 'recommend' as const } : {}),
  });
  const ranking = [{ applicationId: 'a', rank: 1, score: 80, validReviews: 2, spread: 0 }];
  const tasks = [
    task('t1', 'a', 'e1', 'submitted', '2026-11-10T00:00:00.000Z'),
    task('t2', 'a', 'e2', 'submitted', '2026-11-11T00:00:00.000Z'),
    task('t3', 'a', 'e3', 'submitted', '2026-11-15T00:00:00.000Z'),
    task('t4', 'a', 'e4', 'declined'),
    task('t5', 'b', 'e1', 'submitted', '2026-11-10T00:00:00.000Z'),
  ];

  it('are the ranked applications\' submitted reviews up to the time of the ranking', () => {
    const reviews = reviewsOfRanking({ ranking, rankedAt: '2026-11-12T00:00:00.000Z' }, tasks);
    expect(reviews.map((item) => item.expertId)).toEqual(['e1', 'e2']);
    expect(reviews[0]).toEqual({ applicationId: 'a', expertId: 'e1', total: 80, scores: { '1.1': 8 }, recommendation: 'recommend' });
  });

  it('are every submitted review for a round ranked before the time was recorded', () => {
    expect(reviewsOfRanking({ ranking }, tasks).map((item) => item.expertId)).toEqual(['e1', 'e2', 'e3']);
    expect(reviewsOfRanking({}, tasks)).toEqual([]);
  });
});

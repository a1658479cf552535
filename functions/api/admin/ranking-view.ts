/**
 * The ranking as staff read it: the stored ranking lines with the applicant and project title
 * and the details of {@link describeRanking}, computed on read from the reviews the ranking
 * counted (nothing more is stored on the round, which keeps its item small; rounds ranked before
 * the details existed read the same way).
 */
import { describeRanking, type CountedReview } from '../../../shared/domain/ranking-details.js';
import { countedReviews, type ReviewTask } from '../../../shared/domain/review-task.js';
import type { Round } from '../../../shared/domain/round.js';
import { DomainError } from '../../../shared/domain/errors.js';
import type { Dependencies } from '../../composition-root.js';

/**
 * The reviews the ranking counted: each ranked application's counted reviews, submitted by the
 * time of the ranking when the round recorded it.
 */
function reviewsOfRanking(round: Round, tasks: readonly ReviewTask[]): CountedReview[] {
  const byApplication = new Map<string, ReviewTask[]>();
  for (const task of tasks) {
    const list = byApplication.get(task.applicationId);
    if (list) list.push(task);
    else byApplication.set(task.applicationId, [task]);
  }
  return (round.ranking ?? []).flatMap((entry) =>
    countedReviews(byApplication.get(entry.applicationId) ?? [], entry.applicationId)
      .filter((task) => round.rankedAt === undefined || (task.submittedAt ?? '') <= round.rankedAt)
      .map((task) => ({ applicationId: task.applicationId, expertId: task.expertId, total: task.total ?? 0, scores: task.scores ?? {}, recommendation: task.recommendation })),
  );
}

/**
 * The round's ranking with names and details, and its proposed shortlist.
 *
 * @throws DomainError RANKING_NOT_READY (409) before the round is ranked.
 */
export async function rankingView(deps: Dependencies, round: Round) {
  if (!round.ranking) throw new DomainError('RANKING_NOT_READY', 409, '专家评审尚未完成，暂无排名');
  const [applications, tasks] = await Promise.all([deps.records.listApplicationsOfRound(round.id), deps.records.listReviewTasksOfRound(round.id)]);
  const names = new Map(applications.map((application) => [application.id, application]));
  const ranking = describeRanking(round.ranking, reviewsOfRanking(round, tasks), { quota: round.quota }).map((entry) => ({
    ...entry,
    applicant: names.get(entry.applicationId)?.applicantName ?? '',
    title: names.get(entry.applicationId)?.title ?? '',
  }));
  return { ranking, proposedShortlist: round.proposedShortlist ?? [] };
}

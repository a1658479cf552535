/**
 * The ranking as staff read it: the stored ranking lines with the applicant and project title,
 * the site visit's recommendation (`siteVisit`, once its report is filed) and the details of
 * {@link describeRanking}, computed on read from the reviews the ranking counted (nothing more
 * is stored on the round, which keeps its item small; rounds ranked before the details existed
 * read the same way).
 */
import { describeRanking, reviewsOfRanking } from '#shared/domain/ranking-details.js';
import type { Round } from '#shared/domain/round.js';
import { DomainError } from '#shared/domain/errors.js';
import type { Dependencies } from '#functions/composition-root.js';

/**
 * The round's ranking with names and details, and its proposed shortlist.
 *
 * @throws DomainError RANKING_NOT_READY (409) before the round is ranked.
 */
export async function rankingView(deps: Dependencies, round: Round) {
  if (!round.ranking) throw new DomainError('RANKING_NOT_READY', 'round');
  const [applications, tasks, visits] = await Promise.all([
    deps.records.listApplicationsOfRound(round.id),
    deps.records.listReviewTasksOfRound(round.id),
    deps.records.listSiteVisitsOfRound(round.id),
  ]);
  const names = new Map(applications.map((application) => [application.id, application]));
  const visitReports = new Map(visits.flatMap((visit) => (visit.report ? [[visit.applicationId, visit.report.recommendation] as const] : [])));
  const ranking = describeRanking(round.ranking, reviewsOfRanking(round, tasks), { quota: round.quota }).map((entry) => ({
    ...entry,
    applicant: names.get(entry.applicationId)?.applicantName ?? '',
    title: names.get(entry.applicationId)?.title ?? '',
    ...(visitReports.has(entry.applicationId) ? { siteVisit: visitReports.get(entry.applicationId) } : {}),
    // an evaluation round's application is the cycle report of a unit
    ...(names.get(entry.applicationId)?.unitId ? { unitId: names.get(entry.applicationId)!.unitId } : {}),
  }));
  return { ranking, proposedShortlist: round.proposedShortlist ?? [] };
}

/**
 * Site visits (实地考察) as staff handle them: scheduling (or rescheduling) a visit with the
 * experts told by mail, filing its report, the round's visits with names, and the wait of a
 * `required` round's shortlist decision for every report.
 */
import type { Actor } from '#shared/domain/audit-event.js';
import type { Application } from '#shared/domain/application.js';
import type { Expert } from '#shared/domain/expert.js';
import type { Round } from '#shared/domain/round.js';
import {
  applicationsAwaitingVisit,
  assertSiteVisitsReported,
  hasPlan,
  reportSiteVisit,
  rescheduleSiteVisit,
  scheduleSiteVisit,
  siteVisitSettingOf,
  type SiteVisit,
  type SiteVisitFindings,
  type SiteVisitPlan,
} from '#shared/domain/site-visit.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '#functions/composition-root.js';
import { siteVisitMail } from '#functions/notifications/mail-templates.js';
import { freshCopies, requireRecord, requireRoundProgram } from '#functions/record-lookups.js';
import { withOptimisticRetry } from '../optimistic-retry.js';

type Staff = { actor: Actor; actorName: string };

/** A visit as staff see it: its application's names and its experts' names. */
export function siteVisitView(visit: SiteVisit, application: Pick<Application, 'applicantName' | 'title'> | undefined, experts: ReadonlyMap<string, Expert>) {
  return {
    ...visit,
    applicant: application?.applicantName ?? '',
    title: application?.title ?? '',
    experts: visit.expertIds.map((expertId) => ({ expertId, name: experts.get(expertId)?.name ?? '', organization: experts.get(expertId)?.organization ?? '' })),
  };
}

/** The experts of `ids` found in the pool, by id. */
async function expertsOf(deps: Dependencies, ids: readonly string[]): Promise<Map<string, Expert>> {
  const found = await Promise.all([...new Set(ids)].map((id) => deps.records.get('expert', id)));
  return new Map(found.filter((expert): expert is Expert => expert !== undefined).map((expert) => [expert.id, expert]));
}

/** The application's visit as it is now (the index may lag behind the record). */
async function currentVisit(deps: Dependencies, application: Application): Promise<SiteVisit | undefined> {
  return (await freshCopies(deps, 'siteVisit', await deps.records.listSiteVisitsOfApplication(application.roundId, application.id)))[0];
}

/**
 * Schedules the application's visit, or reschedules it when it has one without a report; a
 * repeat of its current plan changes nothing and mails nobody. The visit's experts are mailed
 * the time and place after the change is stored.
 *
 * @throws DomainError as `scheduleSiteVisit` and `rescheduleSiteVisit`; NOT_FOUND (404).
 */
export async function planSiteVisit(deps: Dependencies, applicationId: string, plan: SiteVisitPlan, staff: Staff) {
  const outcome = await withOptimisticRetry(async () => {
    const application = await requireRecord(deps, 'application', applicationId);
    const round = await requireRecord(deps, 'round', application.roundId);
    const [program, experts, existing] = await Promise.all([requireRoundProgram(deps, round), expertsOf(deps, plan.expertIds), currentVisit(deps, application)]);
    const scene = { round, application, program, experts: [...experts.values()] };
    const now = deps.clock.now();
    if (existing && hasPlan(existing, plan)) return { application, round, program, experts, visit: existing, created: false, changed: false };
    const change = existing
      ? rescheduleSiteVisit(existing, plan, scene, { actor: staff.actor, now })
      : scheduleSiteVisit(plan, scene, { id: deps.ids.entityId('visit'), actor: staff.actor, now });
    await deps.records.commit([tagged('siteVisit', change)]);
    return { application, round, program, experts, visit: change.entity, created: !existing, changed: true };
  });
  const { application, round, program, experts, visit } = outcome;
  if (outcome.changed) {
    for (const expert of visit.expertIds.map((id) => experts.get(id)!)) {
      await deps.mailer.send(
        siteVisitMail(expert.email, {
          expertName: expert.name,
          programName: program.name,
          roundTitle: round.title,
          title: application.title,
          applicantName: application.applicantName,
          scheduledAt: visit.scheduledAt,
          location: visit.location,
          rescheduled: !outcome.created,
        }),
      );
    }
  }
  return { visit: siteVisitView(visit, application, experts), created: outcome.created };
}

/**
 * Files a visit's report; the same report again answers as it is.
 *
 * @throws DomainError as `reportSiteVisit`; NOT_FOUND (404).
 */
export async function fileSiteVisitReport(deps: Dependencies, visitId: string, findings: SiteVisitFindings, staff: Staff) {
  const visit = await withOptimisticRetry(async () => {
    const visit = await requireRecord(deps, 'siteVisit', visitId);
    const change = reportSiteVisit(visit, findings, await requireRecord(deps, 'round', visit.roundId), { ...staff, now: deps.clock.now() });
    if (!change) return visit;
    await deps.records.commit([tagged('siteVisit', change)]);
    return change.entity;
  });
  const [application, experts] = await Promise.all([deps.records.get('application', visit.applicationId), expertsOf(deps, visit.expertIds)]);
  return siteVisitView(visit, application, experts);
}

/** The round's visits with names, its setting and the proposed applications a `required` round still waits on. */
export async function roundSiteVisits(deps: Dependencies, round: Round) {
  const [program, visits, applications] = await Promise.all([requireRoundProgram(deps, round), deps.records.listSiteVisitsOfRound(round.id), deps.records.listApplicationsOfRound(round.id)]);
  const names = new Map(applications.map((application) => [application.id, application]));
  const experts = await expertsOf(deps, visits.flatMap((visit) => visit.expertIds));
  const setting = siteVisitSettingOf(round, program);
  return {
    siteVisit: setting,
    siteVisits: visits.map((visit) => siteVisitView(visit, names.get(visit.applicationId), experts)),
    awaitingReport: applicationsAwaitingVisit(setting, round.proposedShortlist ?? [], visits),
  };
}

/**
 * Checks that the shortlist `chosen` may be approved: in a `required` round every application
 * proposed or chosen has a reported visit (read fresh: a report just filed counts).
 *
 * @throws DomainError SITE_VISITS_PENDING (409) naming the applications still without one.
 */
export async function assertShortlistVisits(deps: Dependencies, round: Round, chosen: readonly string[], applications: readonly Application[]): Promise<void> {
  const setting = siteVisitSettingOf(round, await requireRoundProgram(deps, round));
  if (setting !== 'required') return;
  const visits = await freshCopies(deps, 'siteVisit', await deps.records.listSiteVisitsOfRound(round.id));
  const titles = new Map(applications.map((application) => [application.id, application.title || application.applicantName]));
  assertSiteVisitsReported({ setting, proposed: round.proposedShortlist ?? [], chosen, visits }, (id) => titles.get(id) ?? id);
}

/**
 * Site visits (实地考察): after review and before the shortlist decision, staff send a team of
 * experts to an application's site; the team's report (findings and a recommendation) is shown
 * beside the scores. A round's setting says whether visits are used at all (`none`), only where
 * staff see a need (`when_needed`) or for every application on the shortlist (`required`: the
 * shortlist decision waits for their reports). The visiting experts follow the review's 回避
 * rules (`assignment-input.ts`, `assignment.ts`). One visit per application: it may be
 * rescheduled (time, experts, place) until its report is filed.
 */
import { defaultSiteVisit, type SiteVisitSetting } from '../programs/procedure.js';
import type { ProgramTemplate } from '../programs/schema.js';
import type { Application } from './application.js';
import { reviewConflict, reviewConflictMessages } from './assignment.js';
import { assignmentApplication, assignmentExpert } from './assignment-input.js';
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError, type ErrorDetail } from './errors.js';
import type { Expert } from './expert.js';
import { avoidsSameRegion, type Round } from './round.js';

/** The visit team's recommendation. */
export type SiteVisitRecommendation = 'recommend' | 'conditional' | 'not_recommend';

/** The Chinese label of each recommendation, as pages, exports and mails show it. */
export const siteVisitRecommendationLabels: Readonly<Record<SiteVisitRecommendation, string>> = {
  recommend: '推荐',
  conditional: '有条件推荐',
  not_recommend: '不推荐',
};

/** The report the visit team files. */
export interface SiteVisitReport {
  readonly findings: string;
  readonly recommendation: SiteVisitRecommendation;
  readonly reportedAt: string;
  /** The staff member who filed it. */
  readonly reportedBy: string;
}

export interface SiteVisit extends EntityMeta {
  readonly roundId: string;
  readonly applicationId: string;
  readonly scheduledAt: string;
  readonly expertIds: readonly string[];
  readonly location?: string;
  readonly status: 'scheduled' | 'reported';
  readonly report?: SiteVisitReport;
}

/** What staff give to schedule (or reschedule) a visit. */
export interface SiteVisitPlan {
  readonly scheduledAt: string;
  readonly expertIds: readonly string[];
  readonly location?: string | undefined;
}

/** What the visit needs to know: the round, the application, its program and the experts named (those found). */
export interface SiteVisitScene {
  readonly round: Round;
  readonly application: Pick<Application, 'id' | 'roundId' | 'applicantName' | 'form'>;
  readonly program: Pick<ProgramTemplate, 'form' | 'assignment' | 'review'>;
  readonly experts: readonly Expert[];
}

/**
 * A round's site-visit setting: its own, else its program's (`never` → none, `always` → required).
 *
 * @example
 * siteVisitSettingOf({}, miitDemoBase); // 'when_needed' (必要时进行实地考察)
 */
export function siteVisitSettingOf(round: Pick<Round, 'siteVisit'>, program: Pick<ProgramTemplate, 'review'>): SiteVisitSetting {
  return round.siteVisit ?? defaultSiteVisit(program);
}

/**
 * Checks that the round is at the moment visits belong to (ranked, shortlist not decided) and uses them.
 *
 * @throws DomainError SITE_VISIT_NOT_USED (409) when the round's setting is `none`; INVALID_STATE (409) outside that moment.
 */
function assertVisitWindow(round: Round, program: Pick<ProgramTemplate, 'review'>): void {
  if (siteVisitSettingOf(round, program) === 'none') throw new DomainError('SITE_VISIT_NOT_USED', 'round');
  if (round.status !== 'awaiting_shortlist_approval' || round.shortlist) {
    throw new DomainError('INVALID_STATE', 'siteVisitTiming');
  }
}

/**
 * The plan checked against the scene: a valid time, experts each once, all in the pool and none
 * recused from the application by the review's rules; the place trimmed.
 *
 * @throws DomainError as {@link scheduleSiteVisit}.
 */
function checkedPlan(plan: SiteVisitPlan, scene: SiteVisitScene): { scheduledAt: string; expertIds: string[]; location?: string } {
  const { round, application, program } = scene;
  assertVisitWindow(round, program);
  if (application.roundId !== round.id || !(round.ranking ?? []).some((entry) => entry.applicationId === application.id)) {
    throw new DomainError('INVALID_STATE', 'siteVisitNotRanked');
  }
  const time = Date.parse(plan.scheduledAt);
  if (!Number.isFinite(time)) throw new DomainError('SITE_VISIT_INVALID', 'time', [{ path: 'scheduledAt', message: '考察时间无效' }]);
  const expertIds = [...new Set(plan.expertIds)];
  if (expertIds.length === 0) throw new DomainError('SITE_VISIT_INVALID', 'experts', [{ path: 'expertIds', message: '请选择考察专家' }]);
  const found = new Map(scene.experts.map((expert) => [expert.id, expert]));
  const missing = expertIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new DomainError('EXPERT_NOT_FOUND', 'pool', missing.map((id) => ({ path: 'expertIds', expertId: id, message: `专家不存在：${id}` })));
  }
  const subject = assignmentApplication(application, program);
  const avoidSameRegion = avoidsSameRegion(round, program);
  const refusals: ErrorDetail[] = expertIds.flatMap((id) => {
    const expert = found.get(id)!;
    const reason = reviewConflict(assignmentExpert(expert), subject, { avoidSameRegion });
    return reason ? [{ path: 'expertIds', expertId: id, reason, message: `${expert.name}：${reviewConflictMessages[reason]}` }] : [];
  });
  if (refusals.length > 0) {
    throw new DomainError('EXPERT_NOT_ELIGIBLE', 'siteVisit', { reasons: refusals.map((item) => item.message).join('；') }, refusals);
  }
  const location = plan.location?.trim();
  return { scheduledAt: new Date(time).toISOString(), expertIds, ...(location ? { location } : {}) };
}

/** Whether a visit already has exactly this plan (a repeated request). */
export function hasPlan(visit: SiteVisit, plan: SiteVisitPlan): boolean {
  const location = plan.location?.trim() || undefined;
  const ids = [...new Set(plan.expertIds)];
  return (
    Date.parse(visit.scheduledAt) === Date.parse(plan.scheduledAt) &&
    visit.location === location &&
    ids.length === visit.expertIds.length &&
    ids.every((id) => visit.expertIds.includes(id))
  );
}

/**
 * Schedules a visit of an application on the round's ranking.
 *
 * @throws DomainError SITE_VISIT_NOT_USED (409) when the round does not use visits; INVALID_STATE (409)
 *   outside the moment between ranking and shortlist decision, or for an application not ranked in the round;
 *   SITE_VISIT_INVALID (422) for a bad time or no expert; EXPERT_NOT_FOUND (422) for an expert not in the pool;
 *   EXPERT_NOT_ELIGIBLE (422) for a recused expert, with the reason in Chinese.
 */
export function scheduleSiteVisit(plan: SiteVisitPlan, scene: SiteVisitScene, context: { id: string; actor: Actor; now: Date }): Change<SiteVisit> {
  const checked = checkedPlan(plan, scene);
  const visit: SiteVisit = { ...newEntityMeta(context.id, context.now), roundId: scene.round.id, applicationId: scene.application.id, ...checked, status: 'scheduled' };
  const detail = { scheduledAt: visit.scheduledAt, expertIds: visit.expertIds };
  return { entity: visit, expectedVersion: 0, events: [audit(context.actor, 'site_visit.scheduled', 'site_visit', undefined, visit, context.now, detail)] };
}

/**
 * Changes a scheduled visit's time, experts or place.
 *
 * @throws DomainError INVALID_STATE (409) once its report is filed; otherwise as {@link scheduleSiteVisit}.
 */
export function rescheduleSiteVisit(visit: SiteVisit, plan: SiteVisitPlan, scene: SiteVisitScene, context: { actor: Actor; now: Date }): Change<SiteVisit> {
  if (visit.status !== 'scheduled') throw new DomainError('INVALID_STATE', 'siteVisitReported');
  const checked = checkedPlan(plan, scene);
  // The place is replaced as a whole: a plan without one leaves the visit without one.
  const { location: _previous, ...unplaced } = visit;
  const next = revise<SiteVisit>(unplaced, checked, context.now);
  const detail = { scheduledAt: next.scheduledAt, expertIds: next.expertIds };
  return { entity: next, expectedVersion: visit.version, events: [audit(context.actor, 'site_visit.rescheduled', 'site_visit', visit, next, context.now, detail)] };
}

/** What the visit team reports. */
export interface SiteVisitFindings {
  readonly findings: string;
  readonly recommendation: SiteVisitRecommendation;
}

/**
 * Files the visit's report; null when the same report is filed already (a repeated request).
 *
 * @throws DomainError INVALID_STATE (409) when another report is filed already, or after the shortlist decision.
 */
export function reportSiteVisit(
  visit: SiteVisit,
  input: SiteVisitFindings,
  round: Round,
  context: { actor: Actor; actorName: string; now: Date },
): Change<SiteVisit> | null {
  const findings = input.findings.trim();
  if (visit.report) {
    if (visit.report.findings === findings && visit.report.recommendation === input.recommendation) return null;
    throw new DomainError('INVALID_STATE', 'siteVisitReportedOtherwise');
  }
  if (round.id !== visit.roundId || round.status !== 'awaiting_shortlist_approval' || round.shortlist) {
    throw new DomainError('INVALID_STATE', 'siteVisitShortlisted');
  }
  const report: SiteVisitReport = { findings, recommendation: input.recommendation, reportedAt: context.now.toISOString(), reportedBy: context.actorName };
  const next = revise(visit, { status: 'reported', report }, context.now);
  return {
    entity: next,
    expectedVersion: visit.version,
    events: [audit(context.actor, 'site_visit.reported', 'site_visit', visit, next, context.now, { recommendation: input.recommendation })],
  };
}

/**
 * The applications of `applicationIds` a `required` round still waits on: those without a
 * reported visit (none for other settings).
 */
export function applicationsAwaitingVisit(setting: SiteVisitSetting, applicationIds: readonly string[], visits: readonly SiteVisit[]): string[] {
  if (setting !== 'required') return [];
  const reported = new Set(visits.filter((visit) => visit.status === 'reported').map((visit) => visit.applicationId));
  return [...new Set(applicationIds)].filter((id) => !reported.has(id));
}

/**
 * Checks that a `required` round may decide its shortlist: every application proposed for it or
 * chosen for it has a reported visit.
 *
 * @throws DomainError SITE_VISITS_PENDING (409) naming the applications still without a report.
 */
export function assertSiteVisitsReported(
  scene: { setting: SiteVisitSetting; proposed: readonly string[]; chosen: readonly string[]; visits: readonly SiteVisit[] },
  titleOf: (applicationId: string) => string,
): void {
  const waiting = applicationsAwaitingVisit(scene.setting, [...scene.proposed, ...scene.chosen], scene.visits);
  if (waiting.length === 0) return;
  const names = waiting.map((id) => `“${titleOf(id)}”`).join('、');
  throw new DomainError('SITE_VISITS_PENDING', 'shortlist', { names }, waiting.map((id) => ({ path: 'applicationIds', applicationId: id, message: `“${titleOf(id)}”` })));
}

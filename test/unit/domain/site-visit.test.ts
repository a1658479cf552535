import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revise } from '#shared/domain/entity.js';
import { createExpert, type Expert } from '#shared/domain/expert.js';
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
  type SiteVisitScene,
} from '#shared/domain/site-visit.js';
import type { DomainError } from '#shared/domain/errors.js';
import { errorOf } from '#test/support/error-of.js';
import { makeProgram } from './program-fixture.js';
import { at, draftApplication, openRound, staff } from './records-fixture.js';

const program = makeProgram();
const application = draftApplication(openRound(program), program);
const ranked: Round = revise(
  openRound(program),
  { status: 'awaiting_shortlist_approval', siteVisit: 'when_needed', ranking: [{ applicationId: application.id, rank: 1, score: 88, validReviews: 3, spread: 1 }], proposedShortlist: [application.id] },
  at(5),
);

function expert(id: string, organization: string, extra: Partial<Parameters<typeof createExpert>[0]> = {}): Expert {
  return createExpert({ name: `专家${id}`, email: `${id}@experts.test`, organization, expertise: [], ...extra }, { id, actor: staff, now: at(1) }).entity;
}

const free = expert('e1', '某研究院');
const scene = (round: Round = ranked, experts: readonly Expert[] = [free]): SiteVisitScene => ({ round, application, program, experts });
const plan = { scheduledAt: '2026-03-10T09:00:00+08:00', expertIds: ['e1'], location: ' 实训基地 ' };
const context = { id: 'visit-1', actor: staff, now: at(10) };
const staffContext = { actor: staff, actorName: '职成处', now: at(20) };

describe('the site-visit setting', () => {
  it('is the round\'s own, else the program\'s (never → none, always → required)', () => {
    expect(siteVisitSettingOf({ siteVisit: 'required' }, program)).toBe('required');
    const review = (siteVisit: 'never' | 'when_needed' | 'always') => ({ review: { ...program.review, siteVisit } });
    expect([siteVisitSettingOf({}, review('never')), siteVisitSettingOf({}, review('when_needed')), siteVisitSettingOf({}, review('always'))]).toEqual(['none', 'when_needed', 'required']);
  });
});

describe('scheduling a visit', () => {
  it('records the time in UTC, the experts once each and the trimmed place', () => {
    const visit = scheduleSiteVisit({ ...plan, expertIds: ['e1', 'e1'] }, scene(), context).entity;
    expect(visit).toMatchObject({ status: 'scheduled', roundId: ranked.id, applicationId: application.id, scheduledAt: '2026-03-10T01:00:00.000Z', expertIds: ['e1'], location: '实训基地' });
    expect(hasPlan(visit, plan)).toBe(true);
    expect(hasPlan(visit, { ...plan, location: '另一地点' })).toBe(false);
  });

  it('is refused when the round does not use visits, before ranking and after the shortlist decision', () => {
    expect(errorOf(() => scheduleSiteVisit(plan, scene(revise(ranked, { siteVisit: 'none' }, at(6))), context))).toMatchObject({ code: 'SITE_VISIT_NOT_USED', status: 409 });
    expect(errorOf(() => scheduleSiteVisit(plan, scene(revise(ranked, { status: 'in_review' }, at(6))), context))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
    const decided = revise(ranked, { shortlist: { applicationIds: [application.id], approvedBy: '职成处', approvedAt: at(6).toISOString() } }, at(6));
    expect(errorOf(() => scheduleSiteVisit(plan, scene(decided), context))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });

  it('is refused for an application not on the round\'s ranking', () => {
    const unranked = revise(ranked, { ranking: [] }, at(6));
    expect(errorOf(() => scheduleSiteVisit(plan, scene(unranked), context))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });

  it('refuses experts not in the pool, and no expert at all', () => {
    expect(errorOf(() => scheduleSiteVisit({ ...plan, expertIds: ['e1', 'ghost'] }, scene(), context))).toMatchObject({
      code: 'EXPERT_NOT_FOUND',
      status: 422,
      details: [{ path: 'expertIds', expertId: 'ghost' }],
    });
    expect(errorOf(() => scheduleSiteVisit({ ...plan, expertIds: [] }, scene(), context))).toMatchObject({ code: 'SITE_VISIT_INVALID', status: 422 });
  });

  it('refuses an expert the review would recuse, with the reason in Chinese', () => {
    const colleague = expert('e2', application.applicantName);
    const declared = expert('e3', '某研究院', { conflicts: [application.applicantName] });
    const error = errorOf(() => scheduleSiteVisit({ ...plan, expertIds: ['e1', 'e2', 'e3'] }, scene(ranked, [free, colleague, declared]), context)) as DomainError;
    expect(error).toMatchObject({ code: 'EXPERT_NOT_ELIGIBLE', status: 422 });
    expect(error.details.map((detail) => [detail['expertId'], detail['reason']])).toEqual([
      ['e2', 'same_organization'],
      ['e3', 'declared_conflict'],
    ]);
    expect(error.message).toContain('专家e2：该专家与申报单位同属一个单位，须回避');
  });
});

describe('rescheduling and reporting', () => {
  const visit = scheduleSiteVisit(plan, scene(), context).entity;

  it('replaces the plan as a whole before the report', () => {
    const other = expert('e4', '另一研究院');
    const moved = rescheduleSiteVisit(visit, { scheduledAt: '2026-03-11T09:00:00+08:00', expertIds: ['e4'] }, scene(ranked, [other]), staffContext).entity;
    expect(moved).toMatchObject({ scheduledAt: '2026-03-11T01:00:00.000Z', expertIds: ['e4'], version: 2 });
    expect(moved).not.toHaveProperty('location');
  });

  it('files the report once: the same report again changes nothing, another is refused, and nothing after the report is rescheduled', () => {
    const reported = reportSiteVisit(visit, { findings: ' 条件具备。 ', recommendation: 'recommend' }, ranked, staffContext)!.entity;
    expect(reported).toMatchObject({ status: 'reported', report: { findings: '条件具备。', recommendation: 'recommend', reportedBy: '职成处', reportedAt: at(20).toISOString() } });
    expect(reportSiteVisit(reported, { findings: '条件具备。', recommendation: 'recommend' }, ranked, staffContext)).toBeNull();
    expect(errorOf(() => reportSiteVisit(reported, { findings: '条件具备。', recommendation: 'not_recommend' }, ranked, staffContext))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
    expect(errorOf(() => rescheduleSiteVisit(reported, plan, scene(), staffContext))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });

  it('refuses a report after the shortlist decision', () => {
    const decided = revise(ranked, { status: 'in_publicity', shortlist: { applicationIds: [], approvedBy: '职成处', approvedAt: at(6).toISOString() } }, at(6));
    expect(errorOf(() => reportSiteVisit(visit, { findings: '条件具备。', recommendation: 'recommend' }, decided, staffContext))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });
});

describe('the shortlist decision of a round with required visits', () => {
  const visitOf = (applicationId: string, reported: boolean): SiteVisit => ({
    id: `v-${applicationId}`,
    createdAt: at(1).toISOString(),
    updatedAt: at(1).toISOString(),
    version: 1,
    roundId: ranked.id,
    applicationId,
    scheduledAt: at(100).toISOString(),
    expertIds: ['e1'],
    status: reported ? 'reported' : 'scheduled',
  });

  it('waits exactly for the applications without a reported visit, and only when required', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 }), fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.boolean()), { maxLength: 5 }), (ids, visitSpecs) => {
        const visits = visitSpecs.map(([id, reported]) => visitOf(id, reported));
        const waiting = applicationsAwaitingVisit('required', ids, visits);
        const reportedIds = new Set(visits.filter((visit) => visit.status === 'reported').map((visit) => visit.applicationId));
        expect(waiting).toEqual(ids.filter((id) => !reportedIds.has(id)));
        expect(applicationsAwaitingVisit('when_needed', ids, visits)).toEqual([]);
        expect(applicationsAwaitingVisit('none', ids, visits)).toEqual([]);
      }),
    );
  });

  it('is refused with SITE_VISITS_PENDING naming the proposed or chosen applications still without a report', () => {
    const titles: Record<string, string> = { a: '甲基地', b: '乙基地', c: '丙基地' };
    const error = errorOf(() =>
      assertSiteVisitsReported({ setting: 'required', proposed: ['a', 'b'], chosen: ['a', 'c'], visits: [visitOf('a', true), visitOf('b', false)] }, (id) => titles[id]!),
    ) as DomainError;
    expect(error).toMatchObject({ code: 'SITE_VISITS_PENDING', status: 409 });
    expect(error.message).toBe('本批次须进行实地考察，以下申报尚无考察报告，暂不能审定入围名单：“乙基地”、“丙基地”');
    expect(() => assertSiteVisitsReported({ setting: 'required', proposed: ['a'], chosen: ['a'], visits: [visitOf('a', true)] }, (id) => id)).not.toThrow();
    expect(() => assertSiteVisitsReported({ setting: 'when_needed', proposed: ['a'], chosen: ['a'], visits: [] }, (id) => id)).not.toThrow();
  });
});

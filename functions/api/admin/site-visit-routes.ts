/** Staff routes for site visits (实地考察): schedule one for a ranked application, file its report, list a round's. */
import * as z from 'zod';
import { requireRecord } from '#functions/record-lookups.js';
import { boundedId, boundedText } from '../http/bounded-schemas.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { isoTimestamp } from '../http/validation.js';
import { fileSiteVisitReport, planSiteVisit, roundSiteVisits } from './site-visits.js';

/** Most experts on one visit team. */
const maxVisitExperts = 20;

const planBody = z
  .object({
    scheduledAt: isoTimestamp,
    expertIds: z.array(boundedId).min(1).max(maxVisitExperts),
    location: boundedText(200, { trim: true }).optional(),
  })
  .strict();
const reportBody = z
  .object({ findings: boundedText(5000, { min: 1, trim: true }), recommendation: z.enum(['recommend', 'conditional', 'not_recommend']) })
  .strict();

export const siteVisitRoutes = [
  route({ method: 'POST', path: '/api/admin/applications/{id}/site-visits', auth: 'admin', body: planBody }, async ({ params, body, principal, deps }) => {
    const { visit, created } = await planSiteVisit(deps, params['id']!, body, { actor: actorOf(principal), actorName: principal.name });
    return { status: created ? 201 : 200, body: { siteVisit: visit } };
  }),

  route({ method: 'POST', path: '/api/admin/site-visits/{id}/report', auth: 'admin', body: reportBody }, async ({ params, body, principal, deps }) => ({
    body: { siteVisit: await fileSiteVisitReport(deps, params['id']!, body, { actor: actorOf(principal), actorName: principal.name }) },
  })),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/site-visits', auth: 'admin' }, async ({ params, deps }) => ({
    body: await roundSiteVisits(deps, await requireRecord(deps, 'round', params['id']!)),
  })),
];

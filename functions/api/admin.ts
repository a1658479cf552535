/** Staff API (`role=admin`): rounds, formal review, experts, review progress and reassignment, decisions, objections, site visits, audit, recognised units and their annual reports, programs, cycle evaluations, organisations. */
import { applicationRoutes } from './admin/application-routes.js';
import { documentRoutes } from './admin/document-routes.js';
import { evaluationRoutes } from './admin/evaluation-routes.js';
import { expertRoutes } from './admin/expert-routes.js';
import { objectionRoutes } from './admin/objection-routes.js';
import { programRoutes } from './admin/program-routes.js';
import { reviewRoutes } from './admin/review-routes.js';
import { reportRoutes } from './admin/report-routes.js';
import { roundRoutes } from './admin/round-routes.js';
import { siteVisitRoutes } from './admin/site-visit-routes.js';
import { unitRoutes } from './admin/unit-routes.js';
import { httpApi, type Route } from './http/http-api.js';
import { organizationRoutes } from './organization-profile.js';

/** The routes this function serves, each as the route catalogue (`infra/definitions/catalog.ts`) lists it. */
export const routes: readonly Route[] = [...roundRoutes, ...reviewRoutes, ...applicationRoutes, ...expertRoutes, ...objectionRoutes, ...documentRoutes, ...siteVisitRoutes, ...unitRoutes, ...reportRoutes, ...programRoutes, ...evaluationRoutes, ...organizationRoutes];

/** The Lambda handler of {@link routes}. */
export const handler = httpApi(routes);

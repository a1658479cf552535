/**
 * The staff console (`/console…`): one script for every console page; the page catalogue
 * (`../page-catalog.ts`) names the view of each path.
 */
import type { ComponentType } from 'preact';
import type { StaffView } from '../page-catalog.js';
import { programsText } from '../program-messages.js';
import { staffFrameText as t } from '../staff-messages.js';
import { reportsText, unitsText } from '../unit-messages.js';
import { mountApp, type ViewProps } from './app/shell.js';
import { View as AuditView } from './console/audit-view.js';
import { View as ExpertsView } from './console/experts-view.js';
import { View as ObjectionsView } from './console/objections-view.js';
import { View as ProgramView } from './console/program-view.js';
import { View as ProgramsView } from './console/programs-view.js';
import { View as RankingView } from './console/ranking-view.js';
import { View as ReviewsView } from './console/reviews-view.js';
import { View as RoundView } from './console/round-view.js';
import { View as RoundsView } from './console/rounds-view.js';
import { View as ReportsView } from './console/reports-view.js';
import { View as ScreeningView } from './console/screening-view.js';
import { View as UnitsView } from './console/units-view.js';

const views: Readonly<Record<StaffView, ComponentType<ViewProps>>> = {
  rounds: RoundsView,
  round: RoundView,
  screening: ScreeningView,
  reviews: ReviewsView,
  ranking: RankingView,
  objections: ObjectionsView,
  experts: ExpertsView,
  audit: AuditView,
  programs: ProgramsView,
  program: ProgramView,
  units: UnitsView,
  reports: ReportsView,
};

mountApp({
  role: 'admin',
  audienceLabel: t.audience,
  nav: [
    { href: '/console', label: t.nav.rounds },
    { href: '/console/experts', label: t.nav.experts },
    { href: '/console/audit', label: t.nav.audit },
    { href: '/console/programs', label: programsText.nav },
    { href: '/console/units', label: unitsText.nav },
    { href: '/console/reports', label: reportsText.nav },
  ],
  views,
});

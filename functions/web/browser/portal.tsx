/**
 * The institution portal (`/portal…`): one script for every portal page; the page catalogue
 * (`../page-catalog.ts`) names the view of each path.
 */
import type { ComponentType } from 'preact';
import { institutionFrameText as t } from '../institution-messages.js';
import type { InstitutionView } from '../page-catalog.js';
import { portalUnitsText } from '../unit-messages.js';
import { mountApp, type ViewProps } from './app/shell.js';
import { View as ApplicationView } from './portal/application-view.js';
import { View as HomeView } from './portal/home-view.js';
import { View as ProfileView } from './portal/profile-view.js';
import { View as RoundView } from './portal/round-view.js';
import { View as UnitsView } from './portal/units-view.js';

const views: Readonly<Record<InstitutionView, ComponentType<ViewProps>>> = { home: HomeView, round: RoundView, application: ApplicationView, profile: ProfileView, units: UnitsView };

mountApp({
  role: 'institution',
  audienceLabel: t.audience,
  nav: [
    { href: '/portal', label: t.nav.home },
    { href: '/portal/profile', label: t.nav.profile },
    { href: '/portal/units', label: portalUnitsText.nav },
  ],
  views,
});

/** Institution routes for its own recognised units (认定单位). */
import { route } from '../http/http-api.js';
import { unitView } from './unit-view.js';

export const institutionUnitRoutes = [
  route({ method: 'GET', path: '/api/units', auth: 'institution' }, async ({ principal, deps }) => ({
    body: { units: (await deps.records.listUnitsOfOrg(principal.orgId!)).map(unitView) },
  })),
];

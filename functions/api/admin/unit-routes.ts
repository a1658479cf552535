/** Staff routes for recognised units (认定单位): the list by program and status. */
import * as z from 'zod';
import { unitStatusLabels, type UnitStatus } from '#shared/domain/unit.js';
import { route } from '../http/http-api.js';
import { boundedId } from '../http/bounded-schemas.js';
import { parseInput } from '../http/validation.js';
import { unitViews } from '../units/unit-view.js';

const unitStatuses = Object.keys(unitStatusLabels) as [UnitStatus, ...UnitStatus[]];
const unitsQuery = z.object({ programId: boundedId.optional(), status: z.enum(unitStatuses).optional() }).strict();

export const unitRoutes = [
  route({ method: 'GET', path: '/api/admin/units', auth: 'admin' }, async ({ query, deps }) => {
    const { programId, status } = parseInput(unitsQuery, query);
    const units = await deps.records.listUnits(programId);
    return { body: { units: await unitViews(deps, units.filter((unit) => status === undefined || unit.status === status)) } };
  }),
];

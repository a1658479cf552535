/** Public catalogue of recognition programs: `GET /api/programs` (those the deployment offers), `GET /api/programs/{id}` (the latest version). */
import { programSummary } from '../../shared/programs/registry.js';
import { offeredPrograms } from '../program-catalogue.js';
import { httpApi, route } from './http/http-api.js';
import { requireProgram } from '../record-lookups.js';
import { programView } from './program-view.js';

export const handler = httpApi([
  route({ method: 'GET', path: '/api/programs', auth: 'public' }, async ({ deps }) => ({
    body: { programs: (await offeredPrograms(deps)).map((entry) => ({ ...programSummary(entry.template), version: entry.version })) },
  })),
  route({ method: 'GET', path: '/api/programs/{id}', auth: 'public' }, async ({ params, deps }) => ({
    body: programView(await requireProgram(deps, params['id'] ?? '')),
  })),
]);

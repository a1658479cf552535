/** Public catalogue of recognition programs: `GET /api/programs`, `GET /api/programs/{id}`. */
import { listPrograms, programSummary } from '../../shared/programs/registry.js';
import { httpApi, route } from './http/http-api.js';
import { requireProgram } from './lookups.js';

export const handler = httpApi([
  route({ method: 'GET', path: '/api/programs', auth: 'public' }, async () => ({
    body: { programs: listPrograms().map(programSummary) },
  })),
  route({ method: 'GET', path: '/api/programs/{id}', auth: 'public' }, async ({ params }) => ({
    body: { program: requireProgram(params['id'] ?? '') , ...requireProgram(params['id'] ?? '') },
  })),
]);

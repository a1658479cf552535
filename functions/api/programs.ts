/**
 * Public catalogue of recognition programs: `GET /api/programs` (those the deployment offers),
 * `GET /api/programs/{id}` (the latest version, or with `?version=` the one a round was created with;
 * `?view=evaluation` the template an evaluation round runs on).
 */
import * as z from 'zod';
import { evaluationView, hasEvaluation } from '#shared/programs/evaluation-view.js';
import { programSummary } from '#shared/programs/registry.js';
import { offeredPrograms } from '../program-catalogue.js';
import { httpApi, route, type Route } from './http/http-api.js';
import { findProgramVersion, requireProgram } from '../record-lookups.js';
import { DomainError } from '#shared/domain/errors.js';
import { parseInput } from './http/validation.js';
import { programView } from './program-view.js';

/** `?version=N`: a published version of the program (1 is the first). */
const versionQuery = z
  .object({ version: z.string().regex(/^[1-9][0-9]{0,5}$/, '版本号应为正整数').transform(Number).optional(), view: z.enum(['evaluation']).optional() })
  .strict();

/** The routes this function serves, each as the route catalogue (`infra/definitions/catalog.ts`) lists it. */
export const routes: readonly Route[] = [
  route({ method: 'GET', path: '/api/programs', auth: 'public' }, async ({ deps }) => ({
    body: { programs: (await offeredPrograms(deps)).map((entry) => ({ ...programSummary(entry.template), version: entry.version })) },
  })),
  route({ method: 'GET', path: '/api/programs/{id}', auth: 'public' }, async ({ params, query, deps }) => {
    const id = params['id'] ?? '';
    const { version, view } = parseInput(versionQuery, query);
    const program = version === undefined ? await requireProgram(deps, id) : await findProgramVersion(deps, id, version);
    // (without a version, requireProgram has refused a missing program)
    if (!program) throw new DomainError('PROGRAM_NOT_FOUND', 'version', { id, version: version! });
    if (view === undefined) return { body: programView(program) };
    if (!hasEvaluation(program)) throw new DomainError('PROGRAM_NOT_FOUND', 'evaluation', { name: program.name });
    return { body: programView(evaluationView(program)) };
  }),
];

/** The Lambda handler of {@link routes}. */
export const handler = httpApi(routes);

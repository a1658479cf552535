/** Public catalogue of recognition programs: `GET /api/programs`, `GET /api/programs/{id}`. */
import { publishedIndicatorPoints } from '../../shared/domain/indicator-points.js';
import { programSummary } from '../../shared/programs/registry.js';
import { offeredPrograms } from '../program-catalogue.js';
import type { IndicatorNode, ProgramTemplate } from '../../shared/programs/schema.js';
import { httpApi, route } from './http/http-api.js';
import { requireProgram } from '../record-lookups.js';

type PresentedIndicator = Omit<IndicatorNode, 'children'> & { maxScore: number; children?: PresentedIndicator[] };

/** The indicator tree with each node's points out of the program's total, as applications are scored on it. */
function withMaxScores(program: ProgramTemplate): PresentedIndicator[] {
  const points = publishedIndicatorPoints(program);
  const present = (node: IndicatorNode): PresentedIndicator => {
    const { children, ...rest } = node;
    return { ...rest, maxScore: points[node.code] ?? 0, ...(children ? { children: children.map(present) } : {}) };
  };
  return program.indicators.map(present);
}

export const handler = httpApi([
  route({ method: 'GET', path: '/api/programs', auth: 'public' }, async ({ deps }) => ({
    body: { programs: (await offeredPrograms(deps)).map((entry) => ({ ...programSummary(entry.template), version: entry.version })) },
  })),
  route({ method: 'GET', path: '/api/programs/{id}', auth: 'public' }, async ({ params, deps }) => {
    const program = await requireProgram(deps, params['id'] ?? '');
    return { body: { ...program, indicators: withMaxScores(program) } };
  }),
]);

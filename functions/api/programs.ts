/** Public catalogue of recognition programs: `GET /api/programs`, `GET /api/programs/{id}`. */
import { leafWeights } from '../../shared/domain/scoring.js';
import { listPrograms, programSummary } from '../../shared/programs/registry.js';
import type { IndicatorNode, ProgramTemplate } from '../../shared/programs/schema.js';
import { httpApi, route } from './http/http-api.js';
import { requireProgram } from '../record-lookups.js';

type PresentedIndicator = Omit<IndicatorNode, 'children'> & { maxScore: number; children?: PresentedIndicator[] };

/** The indicator tree with each node's points out of the program's total (default weights: siblings equal). */
function withMaxScores(program: ProgramTemplate): PresentedIndicator[] {
  const weights = leafWeights(program.indicators, program.scoring.total);
  const present = (node: IndicatorNode): PresentedIndicator => {
    const children = node.children?.map(present);
    const maxScore = children ? Math.round(children.reduce((sum, child) => sum + child.maxScore, 0) * 100) / 100 : Math.round((weights[node.code] ?? 0) * 100) / 100;
    const { children: _children, ...rest } = node;
    return { ...rest, maxScore, ...(children ? { children } : {}) };
  };
  return program.indicators.map(present);
}

export const handler = httpApi([
  route({ method: 'GET', path: '/api/programs', auth: 'public' }, async () => ({
    body: { programs: listPrograms().map(programSummary) },
  })),
  route({ method: 'GET', path: '/api/programs/{id}', auth: 'public' }, async ({ params }) => {
    const program = requireProgram(params['id'] ?? '');
    return { body: { ...program, indicators: withMaxScores(program) } };
  }),
]);

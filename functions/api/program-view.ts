/** A program as `GET /api/programs/{id}` publishes it: the template with each indicator's points. */
import { publishedIndicatorPoints } from '#shared/domain/indicator-points.js';
import type { IndicatorNode, ProgramTemplate } from '#shared/programs/schema.js';

type PresentedIndicator = Omit<IndicatorNode, 'children'> & { maxScore: number; children?: PresentedIndicator[] };

/** The template with each indicator node's points out of the program's total, as applications are scored on it. */
export function programView(program: ProgramTemplate): Omit<ProgramTemplate, 'indicators'> & { indicators: PresentedIndicator[] } {
  const points = publishedIndicatorPoints(program);
  const present = (node: IndicatorNode): PresentedIndicator => {
    const { children, ...rest } = node;
    return { ...rest, maxScore: points[node.code] ?? 0, ...(children ? { children: children.map(present) } : {}) };
  };
  return { ...program, indicators: program.indicators.map(present) };
}

/**
 * A round's own scoring settings on top of its program's: the indicator weights, the points
 * of each scored item and the aggregation may be set per round (the template's are the
 * defaults). Everything that scores in a round uses {@link programOfRound}.
 */
import type { Aggregation, IndicatorNode, ProgramTemplate } from '../programs/schema.js';
import { DomainError, type ErrorDetail } from './errors.js';
import { isStorableNumber } from './storable-number.js';

/** What a round may change about scoring. */
export interface RoundScoring {
  readonly aggregation: Aggregation;
  /** Absent on rounds created before it could be set: the template's then. */
  readonly leafMaxScore?: number | undefined;
  /** Relative weights by indicator code, replacing the template's where given. */
  readonly indicatorWeights?: Readonly<Record<string, number>>;
}

function codesOf(nodes: readonly IndicatorNode[]): string[] {
  return nodes.flatMap((node) => [node.code, ...codesOf(node.children ?? [])]);
}

/** The largest relative weight a round may give an indicator. */
export const maxIndicatorWeight = 1000;

/**
 * Checks weights given for a round against the program's indicator codes.
 *
 * @returns one detail per unknown code or weight not in (0, {@link maxIndicatorWeight}] (empty when all is well).
 */
export function checkIndicatorWeights(program: ProgramTemplate, weights: Readonly<Record<string, number>>): ErrorDetail[] {
  const known = new Set(codesOf(program.indicators));
  return Object.entries(weights).flatMap(([code, weight]) => [
    ...(known.has(code) ? [] : [{ path: `indicatorWeights.${code}`, message: `“${code}”不是本项目的指标代码` }]),
    ...(weight > 0 && weight <= maxIndicatorWeight && isStorableNumber(weight) ? [] : [{ path: `indicatorWeights.${code}`, message: `权重必须为不超过 ${maxIndicatorWeight} 的正数` }]),
  ]);
}

/**
 * Applies round weights. In a group of siblings where the round sets any weight, the others
 * keep the template's weight or weigh 1 (so `{ "1": 2 }` means "group 1 counts double").
 */
function reweigh(nodes: readonly IndicatorNode[], weights: Readonly<Record<string, number>>): IndicatorNode[] {
  const touched = nodes.some((node) => weights[node.code] !== undefined);
  return nodes.map((node) => {
    const weight = weights[node.code] ?? node.weight ?? (touched ? 1 : undefined);
    return { ...node, ...(weight === undefined ? {} : { weight }), ...(node.children ? { children: reweigh(node.children, weights) } : {}) };
  });
}

/**
 * The program as a round scores it: the round's weights, item points and aggregation in place
 * of the template's.
 *
 * @throws DomainError ROUND_INVALID (422) when the round names an indicator the program lacks.
 */
export function programOfRound(program: ProgramTemplate, scoring: RoundScoring): ProgramTemplate {
  const weights = scoring.indicatorWeights ?? {};
  const problems = checkIndicatorWeights(program, weights);
  if (problems.length > 0) throw new DomainError('ROUND_INVALID', 'weights', problems);
  return {
    ...program,
    indicators: reweigh(program.indicators, weights),
    scoring: { ...program.scoring, leafMaxScore: scoring.leafMaxScore ?? program.scoring.leafMaxScore },
    review: { ...program.review, aggregation: scoring.aggregation },
  };
}

/**
 * The points each indicator is worth as applications are scored (指标分值). Indicators with a
 * `when` condition apply only to some forms (e.g. the indicators of one kind of base), and
 * leaving them out renormalises their siblings, so a node's points depend on which
 * conditional groups apply. The points published for a program are those scoring uses: they
 * are computed for every combination of the values the tree's conditions test
 * ({@link indicatorCases}), not for the tree with every conditional group in it, which no
 * application is ever scored on.
 */
import type { FormField, IndicatorNode, ProgramTemplate } from '../programs/schema.js';
import { applicableIndicators, leafWeights, roundScore } from './scoring.js';

/** At most this many combinations of condition values are considered (the product is small for real templates). */
const maxCases = 256;

function conditionedNodes(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((node) => [...(node.when ? [node] : []), ...conditionedNodes(node.children ?? [])]);
}

/**
 * The values one condition field can take for the tree's conditions: each value tested, plus
 * "none of them" (absent) unless every valid form holds one of them (a required select or
 * boolean whose every option is tested). A multiselect may hold several: every subset.
 */
function fieldValues(field: FormField | undefined, tested: readonly (string | number | boolean)[]): unknown[] {
  if (field?.type === 'multiselect') {
    return tested.reduce<unknown[][]>((subsets, value) => subsets.flatMap((subset) => [subset, [...subset, value]]), [[]]).map((subset) => (subset.length > 0 ? subset : undefined));
  }
  const options: readonly unknown[] | undefined = field?.type === 'select' ? field.options.map((option) => option.value) : field?.type === 'boolean' ? [true, false] : undefined;
  const covered = field?.required === true && options !== undefined && options.every((option) => tested.includes(option as string | boolean));
  return covered ? [...tested] : [...tested, undefined];
}

/**
 * Forms that between them reach every combination of the values the indicator conditions of
 * `program` test: only the condition fields are set. A tree without conditions has one case,
 * the empty form.
 *
 * @example
 * indicatorCases(shCollabBase); // [{ baseKind: 'employment' }, { baseKind: 'teaching' }, { baseKind: 'practice' }]
 */
export function indicatorCases(program: Pick<ProgramTemplate, 'indicators' | 'form'>): Record<string, unknown>[] {
  const tested = new Map<string, (string | number | boolean)[]>();
  for (const node of conditionedNodes(program.indicators)) {
    const values = tested.get(node.when!.field) ?? [];
    if (!values.includes(node.when!.equals)) values.push(node.when!.equals);
    tested.set(node.when!.field, values);
  }
  let cases: Record<string, unknown>[] = [{}];
  for (const [key, values] of tested) {
    const field = program.form.find((candidate) => candidate.key === key);
    cases = cases.flatMap((form) => fieldValues(field, values).map((value) => (value === undefined ? form : { ...form, [key]: value }))).slice(0, maxCases);
  }
  return cases;
}

/**
 * The points of every node (groups: the sum of their leaves) for an application with `form`,
 * out of `total`; nodes that do not apply to it are absent. Rounded as scores are published.
 */
export function indicatorPoints(tree: readonly IndicatorNode[], total: number, form: Readonly<Record<string, unknown>>): Record<string, number> {
  const applicable = applicableIndicators(tree, form);
  if (applicable.length === 0) return {};
  const leaves = leafWeights(applicable, total);
  const points: Record<string, number> = {};
  const visit = (node: IndicatorNode): number => {
    const value = node.children ? node.children.reduce((sum, child) => sum + visit(child), 0) : (leaves[node.code] ?? 0);
    points[node.code] = roundScore(value);
    return value;
  };
  applicable.forEach(visit);
  return points;
}

/**
 * The points published for each indicator code of `program`: what the node is worth when an
 * application it applies to is scored. Where that differs between cases (a conditional
 * sibling weighted differently from another), the highest is published.
 */
export function publishedIndicatorPoints(program: Pick<ProgramTemplate, 'indicators' | 'form' | 'scoring'>): Record<string, number> {
  const published: Record<string, number> = {};
  for (const form of indicatorCases(program)) {
    for (const [code, points] of Object.entries(indicatorPoints(program.indicators, program.scoring.total, form))) {
      published[code] = Math.max(published[code] ?? 0, points);
    }
  }
  return published;
}

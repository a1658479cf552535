/**
 * The points `GET /api/programs/{id}` publishes (`programView`) for each indicator are the points an
 * application is scored with: for every program, every combination of the values its
 * indicator conditions test, and every indicator, full marks on that indicator's leaves (and
 * none elsewhere) make a review total equal to the published `maxScore`.
 */
import { describe, expect, it } from 'vitest';
import { programView } from '#functions/api/program-view.js';
import { indicatorCases } from '#shared/domain/indicator-points.js';
import { applicableIndicators, indicatorLeaves, scoreReview } from '#shared/domain/scoring.js';
import { findProgram, listPrograms } from '#shared/programs/registry.js';
import type { IndicatorNode } from '#shared/programs/schema.js';

interface PublishedIndicator {
  readonly code: string;
  readonly maxScore: number;
  readonly children?: readonly PublishedIndicator[];
}

/** The indicator tree as the public programs API answers it (its view of the template; the handler reads the latest version from the store). */
async function publishedIndicators(programId: string): Promise<PublishedIndicator[]> {
  return programView(findProgram(programId)!).indicators;
}

function flatten(nodes: readonly PublishedIndicator[]): PublishedIndicator[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

function subtree(nodes: readonly IndicatorNode[], code: string): IndicatorNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const found = subtree(node.children ?? [], code);
    if (found) return found;
  }
  return undefined;
}

describe.each(listPrograms().map((program) => [program.id, program] as const))('published indicator points of %s', (id, program) => {
  it('equal, for every indicator and every case of its conditions, what a review is scored with', async () => {
    const published = flatten(await publishedIndicators(id));
    expect(published.length).toBeGreaterThan(0);
    let checked = 0;
    for (const form of indicatorCases(program)) {
      const applicable = applicableIndicators(program.indicators, form);
      const leaves = indicatorLeaves(applicable);
      for (const node of published) {
        const scored = subtree(applicable, node.code);
        if (!scored) continue;
        const full = new Set(indicatorLeaves([scored]).map((leaf) => leaf.code));
        const scores = Object.fromEntries(leaves.map((leaf) => [leaf.code, full.has(leaf.code) ? program.scoring.leafMaxScore : 0]));
        expect({ form, code: node.code, points: scoreReview(program.indicators, scores, program.scoring, { form }) }).toEqual({ form, code: node.code, points: node.maxScore });
        checked += 1;
      }
    }
    // every published indicator was compared at least once
    expect(checked).toBeGreaterThanOrEqual(published.length);
  });
});

describe('sh-collab-base points', () => {
  it('are scored for the base and the chosen kind only: 25 for each base indicator', async () => {
    const program = findProgram('sh-collab-base')!;
    expect(indicatorCases(program)).toEqual([{ baseKind: 'employment' }, { baseKind: 'teaching' }, { baseKind: 'practice' }]);
    const points = Object.fromEntries(flatten(await publishedIndicators('sh-collab-base')).map((node) => [node.code, node.maxScore]));
    expect(points).toMatchObject({ base: 50, 'base-1': 25, 'base-2': 25, employment: 50, 'employment-1': 16.67, teaching: 50, 'teaching-1': 25, practice: 50 });
  });
});

import { describe, expect, it } from 'vitest';
import { listPrograms } from '#shared/programs/registry.js';
import { indicatorNodes, type IndicatorNode, type ProgramTemplate } from '#shared/programs/schema.js';
import { normalise, normalisedSeed, readSeed, seedDir } from './seed-text.js';

/**
 * How a template's indicator codes relate to the seed: `all` — every code is printed in the
 * seed next to its title; `top` — only the first level is numbered there (序号), the codes
 * below are ours; `none` — the seed numbers none of them.
 */
const codesInSeed: Record<string, 'all' | 'top' | 'none'> = {
  'miit-demo-base': 'all',
  'sh-collab-base': 'none',
  'sh-benchmark-school': 'none',
  'sh-industry-enterprise': 'none',
  'gx-city-consortium': 'all',
  'gx-industry-community': 'all',
  'cn-asean-tech-innovation': 'all',
  'cn-asean-craftsman': 'top',
};

/** Templates whose seed names no procedure; their steps are the platform's and a note must say so. */
const stepsNotInSeed = new Set(['sh-collab-base', 'sh-benchmark-school', 'sh-industry-enterprise']);

/** The ways a seed prints a code in front of its title: `1.1标题`, `1.基本情况`, `三、主要任务`, `(一)标题`. */
function seedLabels(node: IndicatorNode, parent: IndicatorNode | undefined): string[] {
  const local = parent !== undefined && node.code.startsWith(parent.code) ? node.code.slice(parent.code.length) : node.code;
  return [...new Set([node.code, local])].flatMap((code) => [`${code}${node.title}`, `${code}.${node.title}`, `${code}、${node.title}`]);
}

function withParents(nodes: readonly IndicatorNode[], parent?: IndicatorNode): { node: IndicatorNode; parent: IndicatorNode | undefined }[] {
  return nodes.flatMap((node) => [{ node, parent }, ...withParents(node.children ?? [], node)]);
}

describe('the seeds', () => {
  it('are present next to the project (the fidelity tests fail rather than skip without them)', () => {
    expect(() => readSeed('004_98d6de44c45d05a6.txt'), seedDir).not.toThrow();
  });

  it('are compared after normalising whitespace and punctuation width', () => {
    expect(normalise('（一） 具有较好的\n协同基础，')).toBe('(一)具有较好的协同基础,');
  });
});

describe.each(listPrograms().map((program) => [program.id, program] as const))('template %s against its seed', (id, program: ProgramTemplate) => {
  const seed = normalisedSeed(program.seed);
  const contains = (quote: string): boolean => seed.includes(normalise(quote));

  it('has a declared relation between its indicator codes and the seed', () => {
    expect(codesInSeed[id]).toBeDefined();
  });

  it('quotes its policy reference from the seed', () => {
    expect(contains(program.policyRef), program.policyRef).toBe(true);
  });

  it('quotes every indicator title from the seed', () => {
    const missing = indicatorNodes(program.indicators)
      .filter((node) => !contains(node.title))
      .map((node) => `${node.code} ${node.title}`);
    expect(missing).toEqual([]);
  });

  it('prints each numbered indicator code next to its title as the seed does', () => {
    const style = codesInSeed[id];
    const checked = withParents(program.indicators).filter(({ parent }) => style === 'all' || (style === 'top' && parent === undefined));
    const missing = checked
      .filter(({ node, parent }) => !seedLabels(node, parent).some((label) => contains(label)))
      .map(({ node }) => `${node.code} ${node.title}`);
    expect(missing).toEqual([]);
  });

  it('quotes every observation point from the seed', () => {
    const missing = indicatorNodes(program.indicators)
      .flatMap((node) => node.observationPoints ?? [])
      .filter((point) => !contains(point));
    expect(missing).toEqual([]);
  });

  it('quotes every eligibility rule from the seed', () => {
    const missing = program.eligibility.filter((rule) => !contains(rule.text)).map((rule) => `${rule.code} ${rule.text}`);
    expect(missing).toEqual([]);
  });

  it('names its steps as the seed does (or says in its notes that the seed gives none)', () => {
    if (stepsNotInSeed.has(id)) {
      expect(program.notes.some((note) => note.includes('种子未规定申报、评审、认定流程'))).toBe(true);
      return;
    }
    const missing = program.steps.filter((step) => !contains(step.title)).map((step) => step.title);
    expect(missing).toEqual([]);
  });

  it('quotes its post-recognition duties from the seed', () => {
    const missing = program.postRecognition.filter((duty) => !contains(duty.title)).map((duty) => duty.title);
    expect(missing).toEqual([]);
  });

  it('quotes its guidance from the guidance seed', () => {
    const missing = program.guidance.flatMap((guidance) => {
      const text = normalisedSeed(guidance.seed ?? program.seed);
      const quotes = [guidance.title, ...guidance.items.flatMap((item) => [item.title, item.text])];
      return quotes.filter((quote) => !text.includes(normalise(quote)));
    });
    expect(missing).toEqual([]);
  });
});

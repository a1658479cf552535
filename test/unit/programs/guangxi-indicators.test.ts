import { describe, expect, it } from 'vitest';
import { findProgram } from '#shared/programs/registry.js';
import type { IndicatorNode, ProgramTemplate } from '#shared/programs/schema.js';
import { readSeed } from './seed-text.js';

const GX_SEED = '004_98d6de44c45d05a6.txt';

interface Row {
  code: string;
  title: string;
  children: { code: string; title: string }[];
}

/**
 * Reads an indicator annex (基本指标 / 观测点) of seed 004 independently of the templates:
 * group lines `1.基本情况`, observation points `1.1…`, up to the next guideline.
 */
function annexFromSeed(heading: string): Row[] {
  const lines = readSeed(GX_SEED).split('\n').map((line) => line.trim());
  const start = lines.findIndex((line, index) => line === heading && lines.slice(index + 1).find((next) => next !== '') === '基本指标');
  if (start < 0) throw new Error(`annex ${heading} not found in seed`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.endsWith('建设指导意见'));
  const rows: Row[] = [];
  for (const line of end < 0 ? rest : rest.slice(0, end)) {
    const point = /^(\d+\.\d+)(.+)$/.exec(line);
    const group = /^(\d+)\.(\D.*)$/.exec(line);
    if (point) {
      const parent = rows.find((row) => row.code === point[1]!.split('.')[0]);
      if (!parent) throw new Error(`observation point ${point[1]} outside a group`);
      parent.children.push({ code: point[1]!, title: point[2]! });
    } else if (group && !rows.some((row) => row.code === group[1])) {
      rows.push({ code: group[1]!, title: group[2]!, children: [] });
    }
  }
  return rows;
}

function rowsOf(nodes: readonly IndicatorNode[]): Row[] {
  return nodes.map((node) => ({
    code: node.code,
    title: node.title,
    children: (node.children ?? []).map((child) => ({ code: child.code, title: child.title })),
  }));
}

function program(id: string): ProgramTemplate {
  const found = findProgram(id);
  if (!found) throw new Error(`program ${id} is not registered`);
  return found;
}

const annexes = [
  ['gx-city-consortium', '广西壮族自治区市域产教联合体建设指标', [4, 4, 5, 6, 5, 4]],
  ['gx-industry-community', '广西壮族自治区行业产教融合共同体建设指标', [4, 4, 4, 5, 5, 4]],
  ['cn-asean-tech-innovation', '中国—东盟技术创新学院建设指标', [4, 3, 4, 6, 4, 3]],
] as const;

describe.each(annexes)('%s', (id, heading, perGroup) => {
  const seedRows = annexFromSeed(heading);

  it('has the seed annex groups 1–6 with their observation points, complete and in order', () => {
    expect(seedRows.map((row) => row.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(seedRows.map((row) => row.children.length)).toEqual([...perGroup]);
    expect(rowsOf(program(id).indicators)).toEqual(seedRows);
  });

  it('scores the observation points as leaves on the default scale', () => {
    for (const group of program(id).indicators) {
      for (const leaf of group.children ?? []) expect(leaf.children).toBeUndefined();
      expect(group.weight).toBeUndefined();
    }
  });

  it('runs 申报 → 组织认定 → 审定 → 总结推广 for about 10 units in Guangxi', () => {
    const template = program(id);
    expect(template.steps.map((step) => step.kind)).toEqual(['application', 'expert_review', 'approval', 'promotion']);
    expect(template.steps.slice(1).map((step) => step.title)).toEqual(['组织认定', '审定', '总结推广']);
    expect(template.steps[1]!.description).toContain('提出拟入围名单');
    expect(template.quota).toBe(10);
    expect(template.province).toBe('gx');
    expect(template.policyRef).toBe('桂政办发〔2023〕70号');
  });
});

describe('gx-city-consortium', () => {
  it('is applied for by the city government', () => {
    expect(program('gx-city-consortium').applicantKinds.map((kind) => kind.code)).toEqual(['city_government']);
  });

  it('carries the MOE standard: the four cooperations and the five golds, quoted from seed 003', () => {
    const guidance = program('gx-city-consortium').guidance;
    expect(guidance.every((entry) => entry.seed === '003_49a729c96fe2ac96.txt')).toBe(true);
    const titles = guidance.flatMap((entry) => entry.items.map((item) => item.title));
    expect(titles).toEqual(expect.arrayContaining(['合作辦學', '合作育人', '合作就業', '合作發展']));
    const text = guidance.flatMap((entry) => entry.items.map((item) => item.text)).join('');
    for (const gold of ['金專業', '金課程', '金教材', '金師', '金基地']) expect(text).toContain(`“${gold}”`);
  });
});

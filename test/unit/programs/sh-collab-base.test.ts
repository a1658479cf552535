import { describe, expect, it } from 'vitest';
import { findProgram } from '#shared/programs/registry.js';
import type { IndicatorNode } from '#shared/programs/schema.js';
import { normalise, normalisedSeed } from './seed-text.js';

const program = findProgram('sh-collab-base');
if (!program) throw new Error('sh-collab-base is not registered');
const seed = normalisedSeed(program.seed);

const kinds = [
  ['employment', '就业型基地'],
  ['teaching', '教学型基地'],
  ['practice', '践习型基地'],
] as const;

describe('sh-collab-base', () => {
  it('asks for the kind of base as a required select of the three kinds in the seed', () => {
    const field = program.form.find((candidate) => candidate.key === 'baseKind');
    expect(field).toMatchObject({ type: 'select', required: true });
    if (field?.type !== 'select') throw new Error('baseKind is not a select');
    expect(field.options.map((option) => [option.value, option.label])).toEqual(kinds.map(([value, label]) => [value, label]));
    for (const [, label] of kinds) expect(seed).toContain(label);
  });

  it('quotes each kind’s definition from item 10 of the seed', () => {
    const item10 = seed.slice(seed.indexOf('10.建设产教融合协同育人基地'), seed.indexOf('11.打造产教融合协同育人联盟'));
    const definitions: Record<string, string> = {
      employment: '由企业提供准员工待遇并签订就业意向协议,学生毕业后优先求职基地企业的就业型基地',
      teaching: '承担教学方案中实践类校外教学任务,鼓励符合条件的企业专家联合校内教师承担课程教学的教学型基地',
      practice: '接收学生开展行业见习、专业实习、顶岗实践等活动的践习型基地',
    };
    for (const [kind] of kinds) {
      expect(item10).toContain(normalise(definitions[kind]!));
      const group = program.indicators.find((node) => node.when?.equals === kind);
      for (const leaf of group?.children ?? []) expect(definitions[kind]).toContain(leaf.title);
      for (const rule of program.eligibility.filter((candidate) => candidate.when?.equals === kind)) {
        expect(definitions[kind]).toContain(rule.text);
      }
    }
  });

  it('makes kind-specific materials, rules and indicators depend on the chosen kind', () => {
    for (const [kind] of kinds) {
      expect(program.materials.some((material) => material.required && material.when?.equals === kind)).toBe(true);
      expect(program.eligibility.some((rule) => rule.when?.equals === kind)).toBe(true);
      expect(program.indicators.filter((node) => node.when?.equals === kind)).toHaveLength(1);
    }
    const conditions = [
      ...program.form.map((field) => field.when),
      ...program.materials.map((material) => material.when),
      ...program.eligibility.map((rule) => rule.when),
      ...program.indicators.map((node: IndicatorNode) => node.when),
    ].filter((when) => when !== undefined);
    expect(conditions.every((when) => when.field === 'baseKind')).toBe(true);
  });

  it('scores the common group and exactly one kind group for any application', () => {
    for (const [kind] of kinds) {
      const applicable = program.indicators.filter((node) => node.when === undefined || node.when.equals === kind);
      expect(applicable.map((node) => node.code)).toEqual(['base', kind]);
    }
  });

  it('says in its notes what the seed does not give', () => {
    expect(program.notes.some((note) => note.includes('种子未规定申报、评审、认定流程') && note.includes('申报条件与评分指标表'))).toBe(true);
    expect(program.quota).toBeUndefined();
  });
});

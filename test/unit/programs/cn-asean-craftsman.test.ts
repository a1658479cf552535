import { describe, expect, it } from 'vitest';
import { findProgram } from '#shared/programs/registry.js';
import { normalise, normalisedSeed, readSeed } from './seed-text.js';

const program = findProgram('cn-asean-craftsman');
if (!program) throw new Error('cn-asean-craftsman is not registered');
const standard = program.indicators;

describe('cn-asean-craftsman', () => {
  it('has the 8 一级 and 28 二级 indicators the standard announces', () => {
    expect(normalisedSeed(program.seed)).toContain('共8项一级指标、28项二级指标和观测点若干项');
    expect(standard).toHaveLength(8);
    expect(standard.flatMap((first) => first.children ?? [])).toHaveLength(28);
    expect(standard.map((first) => first.children?.length)).toEqual([2, 5, 4, 3, 4, 2, 5, 3]);
  });

  it('numbers the 一级 indicators by the seed 序号 1–8 and the 二级 in table order', () => {
    expect(standard.map((first) => first.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    for (const first of standard) {
      expect((first.children ?? []).map((second) => second.code)).toEqual(
        (first.children ?? []).map((_, index) => `${first.code}.${index + 1}`),
      );
    }
  });

  it('reproduces each row of the 认定标准 table: 序号, 一级, then every 二级 with its 观测点, in the seed order', () => {
    const seed = normalisedSeed(program.seed);
    for (const first of standard) {
      const row = [first.code, first.title, ...(first.children ?? []).flatMap((second) => [second.title, ...(second.observationPoints ?? [])])].join('');
      expect(seed, `row ${first.code} ${first.title}`).toContain(normalise(row));
    }
  });

  it('gives each 二级 indicator exactly one 观测点 and scores the 二级 indicators as leaves', () => {
    for (const second of standard.flatMap((first) => first.children ?? [])) {
      expect(second.observationPoints).toHaveLength(1);
      expect(second.children).toBeUndefined();
    }
  });

  it('covers the eight areas the standard lists as 认定内容', () => {
    const announced = /认定内容包括(.+?),共8项一级指标/.exec(readSeed(program.seed).replace(/\s+/g, ''))?.[1];
    expect(announced?.split(/、|和(?=办学成效)/)).toEqual(standard.map((first) => first.title));
  });

  it('is applied for by a Guangxi university and evaluated every year after recognition', () => {
    expect(program.applicantKinds).toEqual([{ code: 'gx_university', label: '广西高等学校', organizationKinds: ['undergraduate_university', 'vocational_college'] }]);
    expect(program.postRecognition).toEqual([expect.objectContaining({ kind: 'periodic_evaluation', cycleYears: 1 })]);
  });

  it('checks the partner institution’s qualification on the form', () => {
    const rule = program.eligibility.find((candidate) => candidate.code === 'partner');
    expect(rule).toMatchObject({ kind: 'auto', check: { type: 'one_of', field: 'partnerQualification' } });
    const leaf = standard.flatMap((first) => first.children ?? []).find((second) => second.title === '对象资质');
    expect(leaf?.observationPoints).toEqual([rule?.text]);
  });
});

import { describe, expect, it } from 'vitest';
import { indicatorCases, indicatorPoints } from '#shared/domain/indicator-points.js';
import { makeProgram } from './program-fixture.js';

describe('indicator cases', () => {
  it('is the empty form for a tree without conditions', () => {
    expect(indicatorCases(makeProgram())).toEqual([{}]);
  });

  it('adds "none of them" for an optional or not fully covered field, and every subset for a multiselect', () => {
    const program = makeProgram({
      indicators: [
        { code: '1', title: '基础', children: [{ code: '1.1', title: '协议' }] },
        { code: '2', title: '就业', when: { field: 'baseType', equals: 'employment' }, children: [{ code: '2.1', title: '就业' }] },
        { code: '3', title: '智能', when: { field: 'fields', equals: 'ai' }, children: [{ code: '3.1', title: '实训室' }] },
      ],
    });
    expect(indicatorCases(program)).toEqual([
      { baseType: 'employment' },
      { baseType: 'employment', fields: ['ai'] },
      {},
      { fields: ['ai'] },
    ]);
  });
});

describe('indicator points', () => {
  it('gives groups the sum of their leaves and leaves out what does not apply', () => {
    const tree = makeProgram({
      indicators: [
        { code: '1', title: '基础', children: [{ code: '1.1', title: '协议' }, { code: '1.2', title: '机制' }, { code: '1.3', title: '师资' }] },
        { code: '2', title: '就业', when: { field: 'baseType', equals: 'employment' }, children: [{ code: '2.1', title: '就业' }] },
      ],
    }).indicators;
    expect(indicatorPoints(tree, 100, { baseType: 'employment' })).toEqual({ '1': 50, '1.1': 16.67, '1.2': 16.67, '1.3': 16.67, '2': 50, '2.1': 50 });
    expect(indicatorPoints(tree, 100, {})).toEqual({ '1': 100, '1.1': 33.33, '1.2': 33.33, '1.3': 33.33 });
  });
});

import { describe, expect, it } from 'vitest';
import { conditionHolds } from '#shared/domain/form-condition.js';

describe('form conditions', () => {
  it('holds without a condition', () => {
    expect(conditionHolds(undefined, {})).toBe(true);
  });

  it('compares scalar values strictly', () => {
    expect(conditionHolds({ field: 'kind', equals: 'a' }, { kind: 'a' })).toBe(true);
    expect(conditionHolds({ field: 'kind', equals: 'a' }, { kind: 'b' })).toBe(false);
    expect(conditionHolds({ field: 'n', equals: 1 }, { n: '1' })).toBe(false);
    expect(conditionHolds({ field: 'flag', equals: true }, {})).toBe(false);
  });

  it('looks inside a multiselect list', () => {
    expect(conditionHolds({ field: 'tags', equals: 'ai' }, { tags: ['auto', 'ai'] })).toBe(true);
    expect(conditionHolds({ field: 'tags', equals: 'ai' }, { tags: [] })).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesExpertSearch } from '#shared/domain/expert.js';

const expert = { name: '李明', organization: '广西大学', expertise: ['汽车', 'Vocational Education'] };

describe('searching the expert pool', () => {
  it('finds an expert by name, organisation or expertise, case-insensitively', () => {
    expect(matchesExpertSearch(expert, '李明')).toBe(true);
    expect(matchesExpertSearch(expert, '广西')).toBe(true);
    expect(matchesExpertSearch(expert, 'vocational')).toBe(true);
    expect(matchesExpertSearch(expert, '电子')).toBe(false);
  });

  it('needs every term to match somewhere', () => {
    expect(matchesExpertSearch(expert, '广西大学  汽车')).toBe(true);
    expect(matchesExpertSearch(expert, '广西大学 电子')).toBe(false);
  });

  it('matches everyone for an empty query, and narrows as terms are added', () => {
    fc.assert(
      fc.property(fc.record({ name: fc.string(), organization: fc.string(), expertise: fc.array(fc.string(), { maxLength: 3 }) }), fc.string(), fc.string(), (someone, first, second) => {
        expect(matchesExpertSearch(someone, ' ')).toBe(true);
        if (matchesExpertSearch(someone, `${first} ${second}`)) expect(matchesExpertSearch(someone, first)).toBe(true);
      }),
    );
  });
});

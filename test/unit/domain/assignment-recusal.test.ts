import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alternateRefusalMessages,
  assignExperts,
  recusals,
  reviewConflict,
  reviewConflictMessages,
  type AssignmentApplication,
  type ReviewConflict,
} from '#shared/domain/assignment.js';
import { expert } from './assignment-fixtures.js';


describe('recusal (回避)', () => {
  const application: AssignmentApplication = {
    id: 'a1',
    organization: '广西大学机械工程学院',
    region: '南宁',
    relatedOrganizations: ['柳州五菱汽车工业有限公司'],
    avoid: ['张三', '桂林电子科技大学'],
  };

  it('refuses the parent and sub-units of the applicant, but not a short common prefix', () => {
    expect(reviewConflict(expert('e', '广西大学'), application)).toBe('affiliated_organization');
    expect(reviewConflict(expert('e', '广西大学机械工程学院车辆系'), application)).toBe('affiliated_organization');
    expect(reviewConflict(expert('e', ' 广西大学机械工程学院 '), application)).toBe('same_organization');
    // 广西 has fewer than 4 characters: not a parent
    expect(reviewConflict(expert('e', '广西'), application)).toBeNull();
    expect(reviewConflict(expert('e', '广西民族大学'), application)).toBeNull();
  });

  it('refuses partners named in the form, declared conflicts with a parent, and the avoid list', () => {
    expect(reviewConflict(expert('e', '柳州五菱汽车工业有限公司'), application)).toBe('related_organization');
    expect(reviewConflict(expert('e', '柳州五菱汽车工业有限公司技术中心'), application)).toBe('related_organization');
    expect(reviewConflict(expert('e', '南宁学院', { conflicts: ['广西大学'] }), application)).toBe('declared_conflict');
    expect(reviewConflict(expert('e', '南宁学院', { name: '张 三' }), application)).toBe('applicant_avoid');
    expect(reviewConflict(expert('e', '桂林电子科技大学信息学院'), application)).toBe('applicant_avoid');
    expect(reviewConflict(expert('e', '南宁学院', { name: '李四', region: '南宁' }), application, { avoidSameRegion: true })).toBe('same_region');
    expect(reviewConflict(expert('e', '南宁学院', { name: '李四' }), application)).toBeNull();
  });

  it('has a Chinese reason for every conflict, also among the alternate refusals', () => {
    const reasons: ReviewConflict[] = [
      'same_organization',
      'affiliated_organization',
      'related_organization',
      'declared_conflict',
      'applicant_avoid',
      'same_region',
    ];
    for (const reason of reasons) {
      expect(reviewConflictMessages[reason]).toMatch(/回避/u);
      expect(alternateRefusalMessages[reason]).toBe(reviewConflictMessages[reason]);
    }
  });

  it('lists each excluded pair with its reason and the name that matched', () => {
    const experts = [
      expert('e1', '广西大学'),
      expert('e2', '南宁学院', { name: '张三' }),
      expert('e3', '南宁学院', { conflicts: ['广西大学机械工程学院'] }),
      expert('e4', '柳州五菱汽车工业有限公司'),
      expert('e5', '百色学院', { region: '南宁' }),
      expert('e6', '百色学院'),
    ];
    expect(recusals({ applications: [application], experts, seed: 1, avoidSameRegion: true })).toEqual([
      { applicationId: 'a1', expertId: 'e1', reason: 'affiliated_organization', matched: '广西大学' },
      { applicationId: 'a1', expertId: 'e2', reason: 'applicant_avoid', matched: '张三' },
      { applicationId: 'a1', expertId: 'e3', reason: 'declared_conflict', matched: '广西大学机械工程学院' },
      { applicationId: 'a1', expertId: 'e4', reason: 'related_organization', matched: '柳州五菱汽车工业有限公司' },
      { applicationId: 'a1', expertId: 'e5', reason: 'same_region', matched: '南宁' },
    ]);
  });

  it('lists exactly the pairs reviewConflict refuses, with its reason', () => {
    const names = ['广西大学', '广西大学机械学院', '广西大学机械学院车辆系', '广西民族大学', '南宁学院', '柳州', 'ＡＢＣＤ公司', 'abcd公司分部'];
    const people = ['张三', '李四', '王五'];
    const regions = ['南宁', '柳州', ' 南宁 '];
    const applicationArb = fc.record({
      organization: fc.constantFrom(...names),
      region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
      relatedOrganizations: fc.option(fc.subarray(names, { maxLength: 2 }), { nil: undefined }),
      avoid: fc.option(fc.subarray([...names, ...people], { maxLength: 3 }), { nil: undefined }),
    });
    const expertArb = fc.record({
      name: fc.option(fc.constantFrom(...people), { nil: undefined }),
      organization: fc.constantFrom(...names),
      region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
      conflicts: fc.subarray(names, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(applicationArb, { maxLength: 5 }), fc.array(expertArb, { maxLength: 8 }), fc.boolean(), (apps, pool, avoidSameRegion) => {
        const applications = apps.map((item, i) => ({ ...item, id: `a${i}` }));
        const experts = pool.map((item, j) => ({ ...item, id: `e${j}`, expertise: [], capacity: 1 }));
        const expected = applications.flatMap((a) =>
          experts.flatMap((e) => {
            const reason = reviewConflict(e, a, { avoidSameRegion });
            return reason === null ? [] : [{ applicationId: a.id, expertId: e.id, reason }];
          }),
        );
        const listed = recusals({ applications, experts, seed: 0, avoidSameRegion });
        expect(listed.map(({ applicationId, expertId, reason }) => ({ applicationId, expertId, reason }))).toEqual(expected);
        // and the assignment never uses a listed pair, in either mode
        for (const mode of ['optimal', 'draw'] as const) {
          const result = assignExperts({ applications, experts, seed: 0, avoidSameRegion, expertsPerApplication: 2, mode });
          for (const { applicationId, expertId } of listed) expect(result.assignments[applicationId]).not.toContain(expertId);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('result fields', () => {
  const applications = [
    { id: 'a1', organization: 'X', tags: ['ai', 'auto'] },
    { id: 'a2', organization: 'Y', tags: ['auto'] },
  ];
  const experts = [expert('e1', 'P', { expertise: ['auto', 'ai'] }), expert('e2', 'Q', { expertise: ['ai'] }), expert('e3', 'R')];

  it('reports the mode, the seed and the expertise matches of the chosen pairs', () => {
    const result = assignExperts({ applications, experts, expertsPerApplication: 1, seed: 42 });
    expect(result).toMatchObject({ mode: 'optimal', seed: '42' });
    // the smallest maximum load (1) comes first: a1 ← e1 (2 matches), a2 ← e2 or e3 (no match)
    expect(result.assignments['a1']).toEqual(['e1']);
    expect(result.expertiseMatches).toBe(2);
    expect(assignExperts({ applications, experts, expertsPerApplication: 1, seed: 42, mode: 'draw' })).toMatchObject({ mode: 'draw', seed: '42' });
  });
});

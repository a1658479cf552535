import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignExperts,
  alternateRefusal,
  chooseAlternate,
  normalizeOrganization,
  reviewConflict,
  type AssignmentExpert,
} from '#shared/domain/assignment.js';
import { bruteForceBest, checkConstraints, expert, instance, objectiveOf, orgs, regions, tags } from './assignment-fixtures.js';

describe('expert assignment', () => {
  it('never assigns an expert to their own organisation, a declared conflict or (if asked) their region', () => {
    const application = { id: 'a1', organization: '广西大学（东校区）', region: '南宁' };
    expect(reviewConflict(expert('e', ' 广西大学(东校区) '), application)).toBe('same_organization');
    expect(reviewConflict(expert('e', '柳州职院', { conflicts: ['广西大学（东校区）'] }), application)).toBe('declared_conflict');
    expect(reviewConflict(expert('e', '柳州职院', { region: '南宁' }), application, { avoidSameRegion: true })).toBe('same_region');
    expect(reviewConflict(expert('e', '柳州职院', { region: '南宁' }), application)).toBeNull();
    expect(reviewConflict(expert('e', '柳州职院'), application, { avoidSameRegion: true })).toBeNull();
    expect(normalizeOrganization('ＡＢＣ 大学')).toBe('abc大学');
  });

  it('assigns exactly k experts per application and balances the load', () => {
    const applications = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, organization: `申报单位${i}` }));
    const experts = Array.from({ length: 4 }, (_, j) => expert(`e${j}`, `专家单位${j}`, { capacity: 10 }));
    const result = assignExperts({ applications, experts, expertsPerApplication: 2, seed: 'round-1' });
    expect(result.shortfalls).toEqual([]);
    for (const ids of Object.values(result.assignments)) expect(ids).toHaveLength(2);
    expect(result.maxLoad).toBe(3); // 12 reviews over 4 experts
    expect(Object.values(result.loads)).toEqual([3, 3, 3, 3]);
  });

  it('prefers experts whose expertise matches the application tags', () => {
    const applications = [
      { id: 'a1', organization: 'X', tags: ['ai'] },
      { id: 'a2', organization: 'Y', tags: ['auto'] },
    ];
    const experts = [
      expert('e1', 'P', { expertise: ['auto'], capacity: 1 }),
      expert('e2', 'Q', { expertise: ['ai'], capacity: 1 }),
    ];
    for (const seed of [1, 2, 3, 'x']) {
      expect(assignExperts({ applications, experts, expertsPerApplication: 1, seed }).assignments).toEqual({ a1: ['e2'], a2: ['e1'] });
    }
  });

  it('reports shortfalls with their reason instead of failing', () => {
    const applications = [
      { id: 'a1', organization: '甲' },
      { id: 'a2', organization: '乙' },
    ];
    const experts = [expert('e1', '甲', { capacity: 5 }), expert('e2', '丙', { capacity: 1 }), expert('e3', '丁', { capacity: 1 })];
    const result = assignExperts({ applications, experts, expertsPerApplication: 2, seed: 7 });
    // a1 can only have e2 and e3 (e1 is from 甲); a2 can have all three
    expect(result.assignments['a1']!.sort()).toEqual(['e2', 'e3']);
    expect(result.assignments['a2']).toEqual(['e1']);
    expect(result.shortfalls).toEqual([
      { applicationId: 'a2', required: 2, assigned: 1, missing: 1, eligibleExperts: 3, reason: 'capacity_exhausted' },
    ]);
    const none = assignExperts({ applications, experts: [expert('e1', '甲')], expertsPerApplication: 1, seed: 7 });
    expect(none.shortfalls[0]).toMatchObject({ applicationId: 'a1', eligibleExperts: 0, reason: 'not_enough_eligible_experts' });
  });

  it('spreads a shortfall over applications rather than leaving one without experts', () => {
    const applications = [
      { id: 'a1', organization: 'X' },
      { id: 'a2', organization: 'Y' },
    ];
    const experts = [expert('e1', 'P', { capacity: 2 }), expert('e2', 'Q', { capacity: 1 })];
    const result = assignExperts({ applications, experts, expertsPerApplication: 2, seed: 0 });
    expect(Object.values(result.assignments).map((ids) => ids.length).sort()).toEqual([1, 2]);
    expect(result.shortfalls).toHaveLength(1);
  });

  it('refuses duplicate ids and a non-positive number of experts per application', () => {
    const applications = [{ id: 'a', organization: 'X' }];
    expect(() => assignExperts({ applications, experts: [], expertsPerApplication: 0, seed: 0 })).toThrow(/正整数/);
    expect(() => assignExperts({ applications: [...applications, ...applications], experts: [], expertsPerApplication: 1, seed: 0 })).toThrow(/重复/);
  });

  it('handles a provincial round quickly (300 applications, 150 experts, 5 each)', () => {
    const applications = Array.from({ length: 300 }, (_, i) => ({ id: `a${i}`, organization: `单位${i % 120}`, region: regions[i % 3], tags: [tags[i % 3]!] }));
    const experts = Array.from({ length: 150 }, (_, j) => ({
      id: `e${j}`,
      organization: `单位${(j * 7) % 200}`,
      region: regions[j % 3],
      expertise: [tags[j % 3]!],
      conflicts: [`单位${(j * 13) % 120}`],
      capacity: 12,
    }));
    const started = performance.now();
    const input = { applications, experts, expertsPerApplication: 5, seed: 'gx-2026', avoidSameRegion: true };
    const result = assignExperts(input);
    expect(performance.now() - started).toBeLessThan(20_000);
    checkConstraints(input, result);
    expect(result.shortfalls).toEqual([]);
    expect(result.maxLoad).toBe(10); // 1500 reviews over 150 experts
  });

  it('assigns a round of 150 applications from a pool of 1000 experts (150k pairs, no call-stack limit)', () => {
    const applications = Array.from({ length: 150 }, (_, i) => ({ id: `a${i}`, organization: `单位${i % 60}`, region: regions[i % 3], tags: [tags[i % 3]!] }));
    const experts = Array.from({ length: 1000 }, (_, j) => ({
      id: `e${j}`,
      organization: `单位${(j * 7) % 400}`,
      region: regions[j % 3],
      expertise: [tags[j % 3]!],
      conflicts: [`单位${(j * 13) % 60}`, `单位${(j * 17) % 60}`],
      capacity: 1 + (j % 2),
    }));
    const input = { applications, experts, expertsPerApplication: 5, seed: 'gx-2026-large', avoidSameRegion: true };
    const started = performance.now();
    const result = assignExperts(input);
    expect(performance.now() - started).toBeLessThan(20_000);
    checkConstraints(input, result);
    expect(result.shortfalls).toEqual([]);
    for (const ids of Object.values(result.assignments)) expect(ids).toHaveLength(5);
    expect(result.maxLoad).toBe(1); // 750 reviews fit on 1000 experts one each
  }, 60_000);

  describe('properties', () => {
    it('always respects the hard constraints', () => {
      fc.assert(
        fc.property(instance({ maxApps: 8, maxExperts: 8, maxK: 4 }), (input) => {
          checkConstraints(input, assignExperts(input));
        }),
      );
    });

    it('gives every application exactly k experts when capacity is ample and conflicts sparse', () => {
      fc.assert(
        fc.property(
          instance({ maxApps: 10, maxExperts: 0, maxK: 3 }).chain((base) =>
            fc.record({
              input: fc.constant(base),
              experts: fc.tuple(
                ...Array.from({ length: base.expertsPerApplication + 3 }, (_, j) =>
                  fc.record({
                    id: fc.constant(`exp${j}`),
                    organization: fc.constant(`专家单位${j}`),
                    region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
                    expertise: fc.subarray(tags),
                    conflicts: fc.subarray([orgs[j % orgs.length]!]),
                    capacity: fc.constant(Math.max(1, base.applications.length)),
                  }),
                ),
              ),
            }),
          ),
          ({ input, experts }) => {
            // sparse conflicts: experts come from other organisations and expert j may only conflict
            // with orgs[j % 5], so at most 2 of the k + 3 experts are excluded for any application
            const full = { ...input, experts, avoidSameRegion: false };
            const result = assignExperts(full);
            expect(result.shortfalls).toEqual([]);
            for (const ids of Object.values(result.assignments)) expect(ids).toHaveLength(input.expertsPerApplication);
          },
        ),
      );
    });

    it('is deterministic for a seed and independent of the input order', () => {
      fc.assert(
        fc.property(instance({ maxApps: 8, maxExperts: 8, maxK: 3 }), (input) => {
          const first = assignExperts(input);
          expect(assignExperts(input)).toEqual(first);
          const reversed = assignExperts({ ...input, applications: [...input.applications].reverse(), experts: [...input.experts].reverse() });
          for (const application of input.applications) {
            expect(reversed.assignments[application.id]!.sort()).toEqual([...first.assignments[application.id]!].sort());
          }
        }),
      );
    });

    it('reaches the optimum of a brute-force search on small rounds', () => {
      fc.assert(
        fc.property(instance({ maxApps: 4, maxExperts: 4, maxK: 2 }), (input) => {
          expect(objectiveOf(input, assignExperts(input))).toEqual(bruteForceBest(input));
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('alternate expert', () => {
  const applications = [
    { id: 'a1', organization: '甲', tags: ['ai'] },
    { id: 'a2', organization: '乙' },
  ];
  const experts = [
    expert('e1', '丙', { capacity: 1 }),
    expert('e2', '丁', { capacity: 2 }),
    expert('e3', '甲', { capacity: 2 }),
    expert('e4', '戊', { capacity: 2, expertise: ['ai'] }),
    expert('e5', '己', { capacity: 2 }),
  ];
  const context = { applications, experts, seed: 'r1' };

  it('picks the least loaded eligible expert with capacity, preferring expertise', () => {
    const assignment = { a1: ['e1'], a2: ['e2', 'e5'] };
    // e1 is being replaced (excluded), e3 is from 甲, e2 and e5 have load 1, e4 has load 0
    expect(chooseAlternate(context, assignment, 'a1', ['e1'])).toBe('e4');
    // without e4, e2 and e5 tie on load 1: a seeded draw, stable across calls
    const pick = chooseAlternate(context, assignment, 'a1', ['e1', 'e4']);
    expect(['e2', 'e5']).toContain(pick);
    expect(chooseAlternate(context, assignment, 'a1', ['e1', 'e4'])).toBe(pick);
  });

  it('returns null when nobody qualifies', () => {
    expect(chooseAlternate(context, { a1: ['e1'], a2: ['e2', 'e4', 'e5'] }, 'a1', ['e1', 'e2', 'e4', 'e5'])).toBeNull();
    expect(chooseAlternate(context, { a1: [], a2: ['e1', 'e2', 'e2', 'e4', 'e4', 'e5', 'e5'] }, 'a1', [])).toBeNull();
  });

  it('refuses an application outside the round', () => {
    expect(() => chooseAlternate(context, {}, 'zz', [])).toThrow(/不在本批次/);
    expect(() => alternateRefusal(context, {}, 'zz', [], experts[0]!)).toThrow(/不在本批次/);
  });

  it('says why a chosen expert may not step in, and accepts exactly the one chooseAlternate would pick', () => {
    const assignment = { a1: ['e1'], a2: ['e1', 'e2', 'e5'] };
    const refusal = (id: string, excluded: string[] = ['e1']) => alternateRefusal(context, assignment, 'a1', excluded, experts.find((item) => item.id === id)!);
    expect(refusal('e1')).toBe('already_on_application');
    expect(refusal('e1', [])).toBe('already_on_application');
    expect(refusal('e3')).toBe('same_organization');
    expect(alternateRefusal(context, assignment, 'a1', [], expert('e6', '庚', { conflicts: [' 甲 '] }))).toBe('declared_conflict');
    expect(refusal('e4')).toBeNull();
    expect(refusal('e4', ['e1', 'e4'])).toBe('already_on_application');
    expect(alternateRefusal(context, { a1: ['e1'], a2: ['e4', 'e4'] }, 'a1', ['e1'], experts[3]!)).toBe('capacity_exhausted');
    expect(chooseAlternate(context, assignment, 'a1', ['e1'])).toBe('e4');
  });

  it('returns an expert who keeps the constraints, and null only when nobody does', () => {
    const outcomes = { chosen: 0, none: 0 };
    const withApplications = instance({ maxApps: 6, maxExperts: 8, maxK: 3 }).filter((input) => input.applications.length > 0);
    fc.assert(
      fc.property(withApplications, fc.nat(), fc.nat(), (input, pickApp, pickExcluded) => {
        const result = assignExperts(input);
        const application = input.applications[pickApp % input.applications.length]!;
        const current = result.assignments[application.id]!;
        const excluded = current.length > 0 ? [current[pickExcluded % current.length]!] : [];
        const qualifies = (candidate: AssignmentExpert) =>
          !current.includes(candidate.id) &&
          !excluded.includes(candidate.id) &&
          reviewConflict(candidate, application, { avoidSameRegion: input.avoidSameRegion }) === null &&
          (result.loads[candidate.id] ?? 0) < Math.floor(candidate.capacity);
        const alternate = chooseAlternate(input, result.assignments, application.id, excluded);
        for (const candidate of input.experts) {
          expect(alternateRefusal(input, result.assignments, application.id, excluded, candidate) === null, candidate.id).toBe(qualifies(candidate));
        }
        if (alternate === null) {
          outcomes.none += 1;
          expect(input.experts.filter(qualifies).map((candidate) => candidate.id)).toEqual([]);
        } else {
          outcomes.chosen += 1;
          expect(qualifies(input.experts.find((candidate) => candidate.id === alternate)!)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    // Both answers were exercised.
    expect(outcomes.chosen).toBeGreaterThan(0);
    expect(outcomes.none).toBeGreaterThan(0);
  });
});

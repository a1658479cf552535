import fc from 'fast-check';
import { expect } from 'vitest';
import {
  reviewConflict,
  type AssignmentApplication,
  type AssignmentExpert,
  type AssignmentInput,
  type AssignmentResult,
} from '#shared/domain/assignment.js';

/** An expert of capacity 5 without expertise or conflicts unless `extra` says otherwise. */
export const expert = (id: string, organization: string, extra: Partial<AssignmentExpert> = {}): AssignmentExpert => ({
  id,
  organization,
  expertise: [],
  conflicts: [],
  capacity: 5,
  ...extra,
});

export const orgs = ['甲大学', '乙学院', '丙公司', '丁研究院', '戊集团'];
export const regions = ['南宁', '柳州', '桂林'];
export const tags = ['ai', 'auto', 'chem'];

const applicationArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    organization: fc.constantFrom(...orgs),
    region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
    tags: fc.subarray(tags),
  });
const expertArb = (id: string, conflictsMax = 2, capacity = fc.integer({ min: 0, max: 4 })) =>
  fc.record({
    id: fc.constant(id),
    organization: fc.constantFrom(...orgs, '己公司', '庚大学'),
    region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
    expertise: fc.subarray(tags),
    conflicts: fc.subarray(orgs, { maxLength: conflictsMax }),
    capacity,
  });

export function instance(options: { maxApps: number; maxExperts: number; maxK: number; conflictsMax?: number; capacity?: fc.Arbitrary<number> }) {
  return fc
    .record({
      n: fc.integer({ min: 0, max: options.maxApps }),
      m: fc.integer({ min: 0, max: options.maxExperts }),
      k: fc.integer({ min: 1, max: options.maxK }),
      avoidSameRegion: fc.boolean(),
      seed: fc.oneof(fc.integer(), fc.string()),
    })
    .chain(({ n, m, k, avoidSameRegion, seed }) =>
      fc.record({
        applications: fc.tuple(...Array.from({ length: n }, (_, i) => applicationArb(`app${i}`))),
        experts: fc.tuple(...Array.from({ length: m }, (_, j) => expertArb(`exp${j}`, options.conflictsMax, options.capacity))),
        expertsPerApplication: fc.constant(k),
        avoidSameRegion: fc.constant(avoidSameRegion),
        seed: fc.constant(seed),
      }),
    ) as fc.Arbitrary<AssignmentInput>;
}

/** Every hard constraint of an assignment, and its bookkeeping. */
export function checkConstraints(input: AssignmentInput, result: AssignmentResult) {
  const experts = new Map(input.experts.map((e) => [e.id, e]));
  const loads = new Map<string, number>();
  expect(Object.keys(result.assignments).sort()).toEqual(input.applications.map((a) => a.id).sort());
  for (const application of input.applications) {
    const ids = result.assignments[application.id]!;
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(input.expertsPerApplication);
    for (const id of ids) {
      const expert = experts.get(id)!;
      expect(expert).toBeDefined();
      expect(reviewConflict(expert, application, { avoidSameRegion: input.avoidSameRegion })).toBeNull();
      loads.set(id, (loads.get(id) ?? 0) + 1);
    }
    const shortfall = result.shortfalls.find((s) => s.applicationId === application.id);
    if (ids.length < input.expertsPerApplication) {
      expect(shortfall).toMatchObject({ assigned: ids.length, missing: input.expertsPerApplication - ids.length });
    } else expect(shortfall).toBeUndefined();
  }
  for (const expert of input.experts) {
    expect(loads.get(expert.id) ?? 0).toBeLessThanOrEqual(Math.max(0, Math.floor(expert.capacity)));
    expect(result.loads[expert.id]).toBe(loads.get(expert.id) ?? 0);
  }
  expect(result.maxLoad).toBe([...loads.values()].reduce((max, load) => Math.max(max, load), 0));
}

/**
 * Brute force over every assignment: the best lexicographic objective
 * [pairs, −max load, −Σ c(c−1)/2 per application, expertise matches, −Σ l(l−1)/2 per expert].
 */
export function bruteForceBest(input: AssignmentInput): number[] {
  const k = input.expertsPerApplication;
  const eligibleSets = input.applications.map((application) => {
    const eligible = input.experts.filter((e) => reviewConflict(e, application, { avoidSameRegion: input.avoidSameRegion }) === null);
    const subsets: AssignmentExpert[][] = [[]];
    for (const expert of eligible) {
      for (const subset of [...subsets]) if (subset.length < k) subsets.push([...subset, expert]);
    }
    return subsets;
  });
  const match = (e: AssignmentExpert, a: AssignmentApplication) => (a.tags ?? []).filter((t) => e.expertise.includes(t)).length;
  let best: number[] | undefined;
  const better = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
    return false;
  };
  const loads = new Map<string, number>();
  const chosen: AssignmentExpert[][] = [];
  const walk = (i: number) => {
    if (i === input.applications.length) {
      const pairs = chosen.reduce((s, c) => s + c.length, 0);
      const values = [...loads.values()];
      const score = [
        pairs,
        -Math.max(0, ...values),
        -chosen.reduce((s, c) => s + (c.length * (c.length - 1)) / 2, 0),
        chosen.reduce((s, c, idx) => s + c.reduce((t, e) => t + match(e, input.applications[idx]!), 0), 0),
        -values.reduce((s, l) => s + (l * (l - 1)) / 2, 0),
      ];
      if (!best || better(score, best)) best = score;
      return;
    }
    for (const subset of eligibleSets[i]!) {
      if (subset.some((e) => (loads.get(e.id) ?? 0) >= Math.floor(e.capacity))) continue;
      for (const e of subset) loads.set(e.id, (loads.get(e.id) ?? 0) + 1);
      chosen.push(subset);
      walk(i + 1);
      chosen.pop();
      for (const e of subset) loads.set(e.id, loads.get(e.id)! - 1);
    }
  };
  walk(0);
  return best!;
}

export function objectiveOf(input: AssignmentInput, result: AssignmentResult): number[] {
  const experts = new Map(input.experts.map((e) => [e.id, e]));
  const lists = input.applications.map((a) => result.assignments[a.id]!);
  const loads = Object.values(result.loads);
  return [
    lists.reduce((s, c) => s + c.length, 0),
    -result.maxLoad,
    -lists.reduce((s, c) => s + (c.length * (c.length - 1)) / 2, 0),
    input.applications.reduce(
      (s, a) => s + result.assignments[a.id]!.reduce((t, id) => t + (a.tags ?? []).filter((tag) => experts.get(id)!.expertise.includes(tag)).length, 0),
      0,
    ),
    -loads.reduce((s, l) => s + (l * (l - 1)) / 2, 0),
  ];
}



/**
 * A seeded provincial-scale round: organisations with sub-units (广西大学 / 广西大学机电工程学院),
 * 14 cities, 40 tags of skewed popularity, declared conflicts, partners and avoid lists
 * (about 1 % of the pairs recused; 8 % more with `avoidSameRegion`).
 */
export function provincialRound(applications: number, experts: number, seed: string): AssignmentInput {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const cities = ['南宁', '柳州', '桂林', '梧州', '北海', '防城港', '钦州', '贵港', '玉林', '百色', '贺州', '河池', '来宾', '崇左'];
  const kinds = ['职业技术学院', '大学', '科技有限公司', '集团有限公司', '研究院'];
  const parents = Array.from({ length: 150 }, (_, i) => `${pick(cities)}${kinds[i % kinds.length]}${i}`);
  const units = parents.flatMap((parent) => [parent, `${parent}机电工程学院`, `${parent}信息工程学院`]);
  const fields = Array.from({ length: 40 }, (_, i) => `领域${i}`);
  const field = () => fields[Math.floor(Math.pow(random(), 1.6) * fields.length)]!;
  return {
    applications: Array.from({ length: applications }, (_, i) => ({
      id: `a${i}`,
      organization: pick(units),
      region: pick(cities),
      tags: [field(), field()],
      relatedOrganizations: random() < 0.5 ? [pick(units)] : [],
      avoid: random() < 0.2 ? [`专家${Math.floor(random() * experts)}`] : [],
    })),
    experts: Array.from({ length: experts }, (_, j) => ({
      id: `e${j}`,
      name: `专家${j}`,
      organization: pick(units),
      region: pick(cities),
      expertise: [field(), field(), field()],
      conflicts: random() < 0.3 ? [pick(units)] : [],
      capacity: 10,
    })),
    expertsPerApplication: 5,
    seed,
  };
}

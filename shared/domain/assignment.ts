/**
 * Expert assignment (专家分配): assigns experts to every application of a round at once,
 * and picks an alternate when an assigned expert declines or declares a conflict.
 *
 * Hard constraints (never broken):
 * - an expert never reviews an application they are recused from (回避, rules in
 *   `assignment-recusal.ts`): their own organisation, its parent or sub-units, a partner or
 *   co-applicant named in the form, a declared conflict, the applicant's avoid list, and with
 *   `avoidSameRegion` their own region (names compared after Unicode NFKC normalisation,
 *   ignoring white space and letter case);
 * - an expert reviews at most `capacity` applications and at most once each application;
 * - an application gets at most `expertsPerApplication` experts.
 *
 * Objective, in strict order of priority:
 * 1. as many (application, expert) pairs as possible, so that every application gets exactly
 *    `expertsPerApplication` experts whenever the constraints allow it;
 * 2. the smallest possible maximum load (applications per expert) among those;
 * 3. shortfalls, if any, spread over applications (a second expert for every application
 *    before a third for any);
 * 4. the most expertise matches (an expert's expertise tag equal to one of the
 *    application's `tags`, counted per tag);
 * 5. loads as even as possible.
 * This is solved exactly as a min-cost maximum flow (applications → eligible experts), with
 * the maximum load found by raising the experts' capacity one unit at a time. Among equally
 * good assignments the choice depends on `seed` only (a seeded shuffle, no `Math.random`):
 * the same input and seed always give the same assignment, whatever the input order.
 *
 * `mode: 'draw'` (随机抽取) keeps the hard constraints and tiers 1–3 but replaces 4–5 by a
 * seeded random preference per pair: a random draw from each application's eligible pool,
 * reproducible from the seed.
 *
 * Infeasibility is not an error: the result lists a shortfall per application that got
 * fewer experts than required, with the likely reason, for the caller to report.
 */
import { normalizeOrganization, pairRecusal, RecusalIndex } from './assignment-recusal.js';
import { DomainError } from './errors.js';

export { normalizeOrganization } from './assignment-recusal.js';

/** How {@link assignExperts} chooses: the best objective, or a seeded random draw (随机抽取). */
export type AssignmentMode = 'optimal' | 'draw';

/** An application as the assignment sees it. */
export interface AssignmentApplication {
  readonly id: string;
  /** The applicant organisation's name. */
  readonly organization: string;
  /** The applicant's region (e.g. 南宁 / 柳州市). */
  readonly region?: string | undefined;
  /** Tags from the program's tag fields (产业集群, 专业领域…) matched against experts' expertise. */
  readonly tags?: readonly string[] | undefined;
  /** Partner, co-applicant, co-lead and member organisations named in the form: recused like the applicant. */
  readonly relatedOrganizations?: readonly string[] | undefined;
  /** The applicant's declared avoid list (申请回避): expert names or organisation names. */
  readonly avoid?: readonly string[] | undefined;
}

/** An expert of the pool as the assignment sees it (a domain `Expert` fits). */
export interface AssignmentExpert {
  readonly id: string;
  /** The expert's name, matched against applicants' avoid lists. */
  readonly name?: string | undefined;
  readonly organization: string;
  readonly region?: string | undefined;
  readonly expertise: readonly string[];
  /** Organisation names the expert declared a conflict of interest with. */
  readonly conflicts: readonly string[];
  /** Most applications the expert reviews in this round. */
  readonly capacity: number;
}

/** The pool and rules an assignment works with. */
export interface AssignmentContext {
  readonly applications: readonly AssignmentApplication[];
  readonly experts: readonly AssignmentExpert[];
  /** Refuse experts from the applicant's region (default false). */
  readonly avoidSameRegion?: boolean | undefined;
  /** Seed of the tie-breaking shuffle (and of the draw), e.g. the round id. */
  readonly seed: number | string;
}

/** Input of {@link assignExperts}. */
export interface AssignmentInput extends AssignmentContext {
  readonly expertsPerApplication: number;
  /** Default 'optimal'. */
  readonly mode?: AssignmentMode | undefined;
}

/** Why an expert may not review an application (回避理由; rules in `assignment-recusal.ts`). */
export type ReviewConflict =
  | 'same_organization'
  | 'affiliated_organization'
  | 'related_organization'
  | 'declared_conflict'
  | 'applicant_avoid'
  | 'same_region';

/** The Chinese reason of each {@link ReviewConflict}, as staff see it. */
export const reviewConflictMessages: Record<ReviewConflict, string> = {
  same_organization: '该专家与申报单位同属一个单位，须回避',
  affiliated_organization: '该专家所在单位是申报单位的上级单位或下属单位，须回避',
  related_organization: '该专家所在单位是申报书中列出的合作单位或联合申报单位，须回避',
  declared_conflict: '该专家已声明与申报单位存在利益冲突，须回避',
  applicant_avoid: '该专家在申报单位提出的回避名单中，须回避',
  same_region: '该专家与申报单位同属一个地区，须回避',
};

/** One excluded (application, expert) pair with its reason and the name that matched. */
export interface Recusal {
  readonly applicationId: string;
  readonly expertId: string;
  readonly reason: ReviewConflict;
  /** The name that caused it as written (organisation, partner, declared conflict, avoid entry or region). */
  readonly matched: string;
}

/** An application that got fewer experts than required. */
export interface AssignmentShortfall {
  readonly applicationId: string;
  readonly required: number;
  readonly assigned: number;
  readonly missing: number;
  /** Experts free of conflicts with the application (regardless of capacity). */
  readonly eligibleExperts: number;
  /**
   * `not_enough_eligible_experts`: fewer eligible experts than required;
   * `capacity_exhausted`: enough eligible experts, but their capacity is used elsewhere.
   */
  readonly reason: 'not_enough_eligible_experts' | 'capacity_exhausted';
}

/** The assignment of a round. */
export interface AssignmentResult {
  /** Application id → assigned expert ids (every application present, in input order). */
  readonly assignments: Record<string, string[]>;
  /** Expert id → number of applications assigned (every expert present). */
  readonly loads: Record<string, number>;
  readonly maxLoad: number;
  /** Applications with fewer experts than required; empty when the assignment is complete. */
  readonly shortfalls: AssignmentShortfall[];
  readonly mode: AssignmentMode;
  /** `String(input.seed)`: keep it in the audit, it reproduces the assignment (and the draw). */
  readonly seed: string;
  /** Total expertise matches of the chosen pairs (the objective the benchmark compares with the LP). */
  readonly expertiseMatches: number;
}

/**
 * Why `expert` may not review `application`, or null when they may (rules in `assignment-recusal.ts`).
 *
 * @example
 * reviewConflict(expert, application, { avoidSameRegion: true }); // 'same_region'
 */
export function reviewConflict(
  expert: AssignmentExpert,
  application: AssignmentApplication,
  options: { avoidSameRegion?: boolean | undefined } = {},
): ReviewConflict | null {
  return pairRecusal(expert, application, options.avoidSameRegion === true)?.reason ?? null;
}

/**
 * Every excluded (application, expert) pair of a round with its reason, applications and
 * experts in input order; found through indexes, not by comparing every pair's names.
 *
 * @example
 * recusals(context).filter((item) => item.applicationId === 'app-17'); // who is recused, and why
 */
export function recusals(context: AssignmentContext): Recusal[] {
  const index = new RecusalIndex(context.experts, context.avoidSameRegion === true);
  const result: Recusal[] = [];
  const reasons = new Map<number, { reason: ReviewConflict; matched: string }>();
  for (const application of context.applications) {
    reasons.clear();
    const keep = (expert: number, reason: ReviewConflict, matched: string) => {
      if (!reasons.has(expert)) reasons.set(expert, { reason, matched });
    };
    index.forEachRefused(application, keep);
    index.forEachInRegion(application, (expert, matched) => keep(expert, 'same_region', matched));
    const experts = [...reasons.keys()].sort((a, b) => a - b);
    for (const expert of experts) {
      result.push({ applicationId: application.id, expertId: context.experts[expert]!.id, ...reasons.get(expert)! });
    }
  }
  return result;
}

/** Number of the application's tags the expert's expertise covers. */
function expertiseMatch(expert: AssignmentExpert, application: AssignmentApplication): number {
  if (!application.tags || application.tags.length === 0) return 0;
  const expertise = new Set(expert.expertise.map(normalizeOrganization));
  return [...new Set(application.tags.map(normalizeOrganization))].filter((tag) => expertise.has(tag)).length;
}

function capacityOf(expert: AssignmentExpert): number {
  return Number.isFinite(expert.capacity) ? Math.max(0, Math.floor(expert.capacity)) : 0;
}

// ---- seeded randomness -------------------------------------------------------------------

/** 32-bit FNV-1a hash of a string. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small, fast, deterministic PRNG returning floats in [0, 1). */
function prng(seed: number | string): () => number {
  let state = hash32(String(seed));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sorts by id (so the input order does not matter), then shuffles with the seeded PRNG. */
function seededOrder<T extends { id: string }>(items: readonly T[], random: () => number): T[] {
  const result = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

// ---- flow network ----------------------------------------------------------------------------

/** A flow network with integer capacities and costs (residual edges paired as e, e ^ 1). */
class FlowNetwork {
  readonly to: number[] = [];
  readonly cap: number[] = [];
  readonly cost: number[] = [];
  readonly adjacency: number[][];

  constructor(readonly size: number) {
    this.adjacency = Array.from({ length: size }, () => []);
  }

  addEdge(from: number, to: number, capacity: number, cost = 0): number {
    const id = this.to.length;
    this.to.push(to, from);
    this.cap.push(capacity, 0);
    this.cost.push(cost, -cost);
    this.adjacency[from]!.push(id);
    this.adjacency[to]!.push(id + 1);
    return id;
  }

  /**
   * Dinic's maximum flow from `source` to `sink` on top of the current flow, through edges
   * `usable` allows (default: any edge with residual capacity); returns the added flow.
   */
  maxFlow(source: number, sink: number, usable: (edge: number, from: number) => boolean = (e) => this.cap[e]! > 0): number {
    let total = 0;
    const level = new Array<number>(this.size);
    const next = new Array<number>(this.size);
    const bfs = () => {
      level.fill(-1);
      level[source] = 0;
      const queue = [source];
      for (let head = 0; head < queue.length; head++) {
        const u = queue[head]!;
        for (const e of this.adjacency[u]!) {
          const v = this.to[e]!;
          if (level[v] === -1 && usable(e, u)) {
            level[v] = level[u]! + 1;
            queue.push(v);
          }
        }
      }
      return level[sink] !== -1;
    };
    const dfs = (u: number, pushed: number): number => {
      if (u === sink) return pushed;
      const edges = this.adjacency[u]!;
      for (; next[u]! < edges.length; next[u]!++) {
        const e = edges[next[u]!]!;
        const v = this.to[e]!;
        if (level[v] === level[u]! + 1 && usable(e, u)) {
          const flow = dfs(v, Math.min(pushed, this.cap[e]!));
          if (flow > 0) {
            this.cap[e]! -= flow;
            this.cap[e ^ 1]! += flow;
            return flow;
          }
        }
      }
      return 0;
    };
    while (bfs()) {
      next.fill(0);
      for (let flow = dfs(source, Infinity); flow > 0; flow = dfs(source, Infinity)) total += flow;
    }
    return total;
  }

  /**
   * Primal–dual minimum-cost maximum flow from zero flow: Dijkstra with potentials finds the
   * shortest augmenting distance, then a blocking flow is sent along all shortest paths.
   * Returns the flow sent.
   */
  minCostMaxFlow(source: number, sink: number): number {
    const n = this.size;
    // initial potentials: Bellman–Ford (edge costs may be negative, no negative cycles)
    const potential = new Array<number>(n).fill(Infinity);
    potential[source] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let e = 0; e < this.to.length; e++) {
        if (this.cap[e]! <= 0) continue;
        const u = this.to[e ^ 1]!;
        if (potential[u] === Infinity) continue;
        const candidate = potential[u]! + this.cost[e]!;
        if (candidate < potential[this.to[e]!]!) {
          potential[this.to[e]!] = candidate;
          changed = true;
        }
      }
      if (!changed) break;
    }
    for (let v = 0; v < n; v++) if (potential[v] === Infinity) potential[v] = 0;

    let flow = 0;
    const dist = new Array<number>(n);
    const via = new Array<number>(n);
    for (;;) {
      dist.fill(Infinity);
      via.fill(-1);
      dist[source] = 0;
      const heap = new MinHeap();
      heap.push(0, source);
      while (heap.size > 0) {
        const [d, u] = heap.pop();
        if (d > dist[u]!) continue;
        for (const e of this.adjacency[u]!) {
          if (this.cap[e]! <= 0) continue;
          const v = this.to[e]!;
          const candidate = d + this.cost[e]! + potential[u]! - potential[v]!;
          if (candidate < dist[v]!) {
            dist[v] = candidate;
            via[v] = e;
            heap.push(candidate, v);
          }
        }
      }
      if (dist[sink] === Infinity) return flow;
      for (let v = 0; v < n; v++) if (dist[v] !== Infinity) potential[v]! += dist[v]!;
      // send a blocking flow along every shortest path at once (edges of reduced cost 0)
      const admissible = (e: number, u: number) =>
        this.cap[e]! > 0 && dist[u] !== Infinity && this.cost[e]! + potential[u]! - potential[this.to[e]!]! === 0;
      flow += this.maxFlow(source, sink, admissible);
    }
  }
}

/** A binary min-heap of (key, value) pairs; equal keys pop in insertion order (deterministic). */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];
  private readonly order: number[] = [];
  private counter = 0;

  get size(): number {
    return this.keys.length;
  }

  private less(i: number, j: number): boolean {
    return this.keys[i]! < this.keys[j]! || (this.keys[i] === this.keys[j] && this.order[i]! < this.order[j]!);
  }

  private swap(i: number, j: number): void {
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
    [this.values[i], this.values[j]] = [this.values[j]!, this.values[i]!];
    [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
  }

  push(key: number, value: number): void {
    this.keys.push(key);
    this.values.push(value);
    this.order.push(this.counter++);
    for (let i = this.keys.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.keys[0]!, this.values[0]!];
    const last = this.keys.length - 1;
    this.swap(0, last);
    this.keys.pop();
    this.values.pop();
    this.order.pop();
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.keys.length && this.less(left, smallest)) smallest = left;
      if (right < this.keys.length && this.less(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top;
  }
}

// ---- assignment ----------------------------------------------------------------------------

function assertUniqueIds(items: readonly { id: string }[], what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new DomainError('ASSIGNMENT_INVALID', 422, `${what}重复：${item.id}`);
    seen.add(item.id);
  }
}

/**
 * Assigns experts to every application of a round (see the module rules).
 *
 * @example
 * const result = assignExperts({ applications, experts, expertsPerApplication: 5, seed: round.id });
 * if (result.shortfalls.length > 0) // report to staff: add experts or raise capacities
 * @throws DomainError ASSIGNMENT_INVALID (422) for duplicate ids or a non-positive `expertsPerApplication`.
 */
export function assignExperts(input: AssignmentInput): AssignmentResult {
  const k = input.expertsPerApplication;
  if (!Number.isInteger(k) || k < 1) {
    throw new DomainError('ASSIGNMENT_INVALID', 422, `每个申报的评审专家人数应为正整数（收到 ${k}）`);
  }
  assertUniqueIds(input.applications, '申报');
  assertUniqueIds(input.experts, '专家');
  const random = prng(input.seed);
  const applications = seededOrder(input.applications, random);
  const experts = seededOrder(input.experts, random);
  const n = applications.length;
  const m = experts.length;
  const source = 0;
  const sink = n + m + 1;
  const appNode = (i: number) => 1 + i;
  const expertNode = (j: number) => 1 + n + j;
  const capacities = experts.map(capacityOf);
  const index = new RecusalIndex(experts, input.avoidSameRegion === true);
  const refused = new Int32Array(m).fill(-1);
  const eligible: number[][] = applications.map((application, i) => {
    index.forEachRefused(application, (j) => (refused[j] = i));
    const region = index.regionKeyOf(application);
    return experts.flatMap((_, j) => (refused[j] === i || index.inRegion(j, region) ? [] : [j]));
  });

  // 1. the largest number of pairs, and 2. the smallest maximum load that still reaches it
  const buildPairs = (network: FlowNetwork, pairCost: (i: number, j: number) => number) => {
    const pairEdges: { i: number; j: number; edge: number }[] = [];
    eligible.forEach((js, i) => {
      for (const j of js) pairEdges.push({ i, j, edge: network.addEdge(appNode(i), expertNode(j), 1, pairCost(i, j)) });
    });
    return pairEdges;
  };
  const full = new FlowNetwork(n + m + 2);
  applications.forEach((_, i) => full.addEdge(source, appNode(i), k));
  buildPairs(full, () => 0);
  capacities.forEach((capacity, j) => full.addEdge(expertNode(j), sink, capacity));
  const maxPairs = full.maxFlow(source, sink);

  const staged = new FlowNetwork(n + m + 2);
  applications.forEach((_, i) => staged.addEdge(source, appNode(i), k));
  buildPairs(staged, () => 0);
  const loadEdges = capacities.map((_, j) => staged.addEdge(expertNode(j), sink, 0));
  let maxLoad = 0;
  let pairs = 0;
  while (pairs < maxPairs) {
    maxLoad += 1;
    capacities.forEach((capacity, j) => {
      if (capacity >= maxLoad) staged.cap[loadEdges[j]!]! += 1;
    });
    pairs += staged.maxFlow(source, sink);
  }

  // 3–5. the best assignment with that maximum load: min-cost max flow with tiered costs
  const mode = input.mode ?? 'optimal';
  const expertiseMatches = applications.map((application) => experts.map((expert) => expertiseMatch(expert, application)));
  // the draw replaces expertise by a seeded random preference per pair (and ignores even loads)
  const drawRandom = prng(`${String(input.seed)}\u0000draw`);
  const matches = mode === 'draw' ? expertiseMatches.map((row) => row.map(() => Math.floor(drawRandom() * 1000))) : expertiseMatches;
  const maxMatch = matches.reduce((max, row) => row.reduce((rowMax, match) => Math.max(rowMax, match), max), 0);
  const loadTier = mode === 'draw' ? 0 : 1;
  const matchTier = maxPairs * maxLoad * loadTier + 1;
  let spreadTier = maxPairs * (maxMatch * matchTier + maxLoad * loadTier) + 1;
  if (spreadTier * k * maxPairs > Number.MAX_SAFE_INTEGER / 4) spreadTier = 0; // giant round: skip tier 3
  const network = new FlowNetwork(n + m + 2);
  applications.forEach((_, i) => {
    for (let unit = 0; unit < k; unit++) network.addEdge(source, appNode(i), 1, unit * spreadTier);
  });
  const pairEdges = buildPairs(network, (i, j) => -matches[i]![j]! * matchTier);
  capacities.forEach((capacity, j) => {
    for (let unit = 0; unit < Math.min(capacity, maxLoad); unit++) network.addEdge(expertNode(j), sink, 1, unit * loadTier);
  });
  const sent = network.minCostMaxFlow(source, sink);
  if (sent !== maxPairs) throw new Error(`assignment flow mismatch: ${sent} ≠ ${maxPairs}`);

  const chosen = new Map<string, string[]>(input.applications.map((application) => [application.id, []]));
  const loads: Record<string, number> = Object.fromEntries(input.experts.map((expert) => [expert.id, 0]));
  let matched = 0;
  for (const { i, j, edge } of pairEdges) {
    if (network.cap[edge] !== 0) continue;
    matched += expertiseMatches[i]![j]!;
    const expertId = experts[j]!.id;
    chosen.get(applications[i]!.id)!.push(expertId);
    loads[expertId] = (loads[expertId] ?? 0) + 1;
  }
  const indexOf = new Map(applications.map((application, i) => [application.id, i]));
  const assignments: Record<string, string[]> = {};
  const shortfalls: AssignmentShortfall[] = [];
  for (const application of input.applications) {
    const ids = chosen.get(application.id)!;
    assignments[application.id] = ids;
    if (ids.length < k) {
      const eligibleExperts = eligible[indexOf.get(application.id)!]!.length;
      shortfalls.push({
        applicationId: application.id,
        required: k,
        assigned: ids.length,
        missing: k - ids.length,
        eligibleExperts,
        reason: eligibleExperts < k ? 'not_enough_eligible_experts' : 'capacity_exhausted',
      });
    }
  }
  return {
    assignments,
    loads,
    maxLoad: Object.values(loads).reduce((max, load) => Math.max(max, load), 0),
    shortfalls,
    mode,
    seed: String(input.seed),
    expertiseMatches: matched,
  };
}

/** Why an expert may not replace another on an application: a conflict, or taken already. */
export type AlternateRefusal = ReviewConflict | 'already_on_application' | 'capacity_exhausted';

/** The Chinese reason of each {@link AlternateRefusal}, as staff see it. */
export const alternateRefusalMessages: Record<AlternateRefusal, string> = {
  ...reviewConflictMessages,
  already_on_application: '该专家已参与（或曾受邀参与）该申报的评审，不能重复评审',
  capacity_exhausted: '该专家在本批次的评审任务已达上限',
};

/** Expert id → applications counted against capacity, from an assignment. */
function loadsOf(assignment: Readonly<Record<string, readonly string[]>>): Map<string, number> {
  const loads = new Map<string, number>();
  for (const ids of Object.values(assignment)) for (const id of ids) loads.set(id, (loads.get(id) ?? 0) + 1);
  return loads;
}

function applicationOf(context: AssignmentContext, applicationId: string): AssignmentApplication {
  const application = context.applications.find((candidate) => candidate.id === applicationId);
  if (!application) throw new DomainError('ASSIGNMENT_INVALID', 422, `申报不在本批次中：${applicationId}`);
  return application;
}

function refusalWithLoads(
  context: AssignmentContext,
  assignment: Readonly<Record<string, readonly string[]>>,
  loads: ReadonlyMap<string, number>,
  application: AssignmentApplication,
  excluded: ReadonlySet<string>,
  expert: AssignmentExpert,
): AlternateRefusal | null {
  if (excluded.has(expert.id) || (assignment[application.id] ?? []).includes(expert.id)) return 'already_on_application';
  const conflict = reviewConflict(expert, application, { avoidSameRegion: context.avoidSameRegion });
  if (conflict) return conflict;
  return (loads.get(expert.id) ?? 0) < capacityOf(expert) ? null : 'capacity_exhausted';
}

/**
 * Why `expert` may not step in as an alternate on one application, or null when they may: the
 * rules {@link chooseAlternate} picks by (free of conflicts with the application, not on it nor
 * in `excludedExpertIds`, below capacity given `assignment`).
 *
 * @example
 * alternateRefusal(context, current, 'app-17', ['expert-3'], chosen); // 'declared_conflict'
 * @throws DomainError ASSIGNMENT_INVALID (422) when the application is not in `context.applications`.
 */
export function alternateRefusal(
  context: AssignmentContext,
  assignment: Readonly<Record<string, readonly string[]>>,
  applicationId: string,
  excludedExpertIds: readonly string[],
  expert: AssignmentExpert,
): AlternateRefusal | null {
  return refusalWithLoads(context, assignment, loadsOf(assignment), applicationOf(context, applicationId), new Set(excludedExpertIds), expert);
}

/**
 * Picks an alternate expert for one application after an assigned expert declined, declared
 * a conflict or did not answer: an expert free of conflicts with the application, not already
 * on it, not in `excludedExpertIds` (pass the expert being replaced and anyone who declined
 * it before) and below capacity given `assignment` (see {@link alternateRefusal}); the least
 * loaded first, then the best expertise match, then a seeded draw. Returns null when nobody qualifies.
 *
 * `assignment` maps application ids to the experts that count against capacity in this round.
 *
 * @example
 * const alternate = chooseAlternate(context, current, 'app-17', ['expert-3']);
 * @throws DomainError ASSIGNMENT_INVALID (422) when the application is not in `context.applications`.
 */
export function chooseAlternate(
  context: AssignmentContext,
  assignment: Readonly<Record<string, readonly string[]>>,
  applicationId: string,
  excludedExpertIds: readonly string[],
): string | null {
  const application = applicationOf(context, applicationId);
  const loads = loadsOf(assignment);
  const excluded = new Set(excludedExpertIds);
  const random = prng(`${String(context.seed)}\u0000${applicationId}\u0000${excludedExpertIds.join('\u0000')}`);
  const candidates = seededOrder(context.experts, random)
    .filter((expert) => refusalWithLoads(context, assignment, loads, application, excluded, expert) === null)
    .map((expert, order) => ({ expert, order, load: loads.get(expert.id) ?? 0, match: expertiseMatch(expert, application) }));
  candidates.sort((a, b) => a.load - b.load || b.match - a.match || a.order - b.order);
  return candidates[0]?.expert.id ?? null;
}

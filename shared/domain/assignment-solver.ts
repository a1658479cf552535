/**
 * The solver behind `assignExperts`: the lexicographic objective of `assignment.ts` as a
 * min-cost flow (source → application → eligible expert → sink), solved on a pruned set of
 * candidate pairs and certified optimal on the full set.
 *
 * - Eligibility is implicit (`assignment-pool.ts`): every expert except the few an application
 *   refuses and, with `avoidSameRegion`, its region; no pair is materialised.
 * - Tiers 1–2 (coverage, smallest maximum load): the lower bound `L0`, the smallest load with
 *   `Σ min(capacity, L0) ≥ applications × k`, is optimal as soon as the candidate graph covers
 *   every application with loads ≤ `L0` (the usual case). Otherwise a maximum flow on the
 *   candidates is proven maximum on the full graph by its minimum cut: every eligible pair
 *   crossing the cut joins the candidates and the flow continues, until none crosses; the same
 *   for each maximum load tried upwards.
 * - Tiers 3–5 (shortfall spread, expertise, even loads), or the draw's random preference: after
 *   solving on the candidates, the flow's potentials price every other eligible pair; a pair of
 *   negative reduced cost is added as a column and the graph solved again, until none is left,
 *   which proves the flow optimal on the full graph (no negative cycle can use a pair that is
 *   not in the graph).
 * - Only if that takes more than {@link MAX_ROUNDS} rounds is the dense graph of every eligible
 *   pair solved instead (exact too, but memory grows with applications × experts).
 */
import type { AssignmentApplication, AssignmentExpert, AssignmentMode } from './assignment-model.js';
import { Pool, RANDOM_RANGE } from './assignment-pool.js';
import { FlowNetwork } from './min-cost-flow.js';

/** How an assignment was proven optimal. */
export interface AssignmentOptimality {
  /** `pruned`: candidate pairs certified by their potentials; `dense`: every eligible pair in the graph. */
  readonly method: 'pruned' | 'dense';
  /** Pairs in the final flow graph. */
  readonly candidatePairs: number;
  /** Eligible (application, expert) pairs of the round. */
  readonly eligiblePairs: number;
  /** Solves of the pruned graph (1 when the first candidates were already optimal). */
  readonly rounds: number;
}

/** What the solver returns, with applications and experts as indexes into its input arrays. */
export interface Solution {
  /** Expert indexes chosen for each application. */
  readonly chosen: number[][];
  /** Expertise matches of the chosen pairs. */
  readonly expertiseMatches: number;
  /** Eligible experts per application. */
  readonly eligibleExperts: Int32Array;
  readonly optimality: AssignmentOptimality;
}

/** Rounds of column generation before the dense graph is solved instead. */
const MAX_ROUNDS = 30;

/** Keeps the `limit` items of smallest key offered (a bounded max-heap). */
class Smallest {
  readonly keys: Float64Array;
  readonly items: Int32Array;
  size = 0;

  constructor(readonly limit: number) {
    this.keys = new Float64Array(limit);
    this.items = new Int32Array(limit);
  }

  offer(key: number, item: number): void {
    if (this.limit === 0) return;
    let i: number;
    if (this.size < this.limit) {
      i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.keys[parent]! >= key) break;
        this.keys[i] = this.keys[parent]!;
        this.items[i] = this.items[parent]!;
        i = parent;
      }
    } else {
      if (key >= this.keys[0]!) return;
      i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= this.size) break;
        if (child + 1 < this.size && this.keys[child + 1]! > this.keys[child]!) child += 1;
        if (this.keys[child]! <= key) break;
        this.keys[i] = this.keys[child]!;
        this.items[i] = this.items[child]!;
        i = child;
      }
    }
    this.keys[i] = key;
    this.items[i] = item;
  }

  /** The items kept, smallest key first (ties by item), and empties the heap. */
  drain(): number[] {
    if (this.size === 0) return [];
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.keys[a]! - this.keys[b]! || this.items[a]! - this.items[b]!);
    const items = order.map((i) => this.items[i]!);
    this.size = 0;
    return items;
  }
}

/** Candidate pairs: parallel lists of application, expert and expertise matches. */
class Pairs {
  readonly app: number[] = [];
  readonly expert: number[] = [];
  readonly match: number[] = [];
  /** Expert indexes per application. */
  readonly byApp: number[][];

  constructor(applications: number) {
    this.byApp = Array.from({ length: applications }, () => []);
  }

  get size(): number {
    return this.app.length;
  }

  add(i: number, j: number, match: number): void {
    this.app.push(i);
    this.expert.push(j);
    this.match.push(match);
    this.byApp[i]!.push(j);
  }
}

/** The tier weights of the costs (see the objective in `assignment.ts`). */
interface Costs {
  readonly mode: AssignmentMode;
  readonly loadTier: number;
  readonly matchTier: number;
  readonly spreadTier: number;
  /** Cost of pair (i, j) with `match` expertise matches. */
  pair(i: number, j: number, match: number): number;
  /** Extra cost of each expert application `i` gets (the last tie-break). */
  scarcity(i: number): number;
}

/**
 * The tier weights for `pairs` pairs at `maxLoad`. With `scarcity` (a rank per application,
 * higher for more eligible experts), a last tie-break below every tier: a shortfall falls on
 * the applications with more eligible experts, which are the easier to complete later.
 */
function costsFor(pool: Pool, mode: AssignmentMode, pairs: number, maxLoad: number, k: number, maxMatch: number, scarcity?: Int32Array): Costs {
  let maxScarcity = 0;
  for (const rank of scarcity ?? []) maxScarcity = Math.max(maxScarcity, rank);
  const base = pairs * maxScarcity + 1;
  const loadTier = mode === 'draw' ? 0 : base;
  const matchTier = pairs * maxLoad * loadTier + base;
  const pairRange = mode === 'draw' ? RANDOM_RANGE * base : maxMatch * matchTier;
  let spreadTier = pairs * (pairRange + maxLoad * loadTier) + base;
  // costs stay exact integers: the last tie-break gives way first, then (giant rounds) tier 3
  if (spreadTier * k * pairs > Number.MAX_SAFE_INTEGER / 4) {
    if (scarcity) return costsFor(pool, mode, pairs, maxLoad, k, maxMatch);
    spreadTier = 0;
  }
  const pair = mode === 'draw' ? (i: number, j: number) => pool.draw(i, j) * base : (_i: number, _j: number, match: number) => -match * matchTier;
  return { mode, loadTier, matchTier, spreadTier, pair, scarcity: (i) => scarcity?.[i] ?? 0 };
}

/** Dense rank of each application's eligible experts (0 for the fewest). */
function scarcityRanks(eligibleExperts: Int32Array): Int32Array {
  const counts = [...new Set(eligibleExperts)].sort((a, b) => a - b);
  const rank = new Map(counts.map((count, r) => [count, r]));
  return Int32Array.from(eligibleExperts, (count) => rank.get(count)!);
}

/** A solved flow graph over some pairs. */
interface Solved {
  readonly network: FlowNetwork;
  readonly pairEdges: Int32Array;
  /** Unit edges of expert `j`: `unitEdges[unitStart[j]] …`, unit `u` costing `u × loadTier`. */
  readonly unitStart: Int32Array;
  readonly unitEdges: Int32Array;
  readonly maxLoad: number;
  readonly flow: number;
}

function solveFlow(pool: Pool, pairs: Pairs, k: number, maxLoad: number, costs: Costs, spread: boolean): Solved {
  const { n, m } = pool;
  const sink = n + m + 1;
  const network = new FlowNetwork(n + m + 2);
  for (let i = 0; i < n; i++) {
    const scarcity = costs.scarcity(i);
    if (spread && costs.spreadTier > 0) for (let unit = 0; unit < k; unit++) network.addEdge(0, 1 + i, 1, unit * costs.spreadTier + scarcity);
    else network.addEdge(0, 1 + i, k, scarcity);
  }
  const pairEdges = new Int32Array(pairs.size);
  for (let p = 0; p < pairs.size; p++) pairEdges[p] = network.addEdge(1 + pairs.app[p]!, 1 + n + pairs.expert[p]!, 1, costs.pair(pairs.app[p]!, pairs.expert[p]!, pairs.match[p]!));
  const unitStart = new Int32Array(m + 1);
  const units: number[] = [];
  for (let j = 0; j < m; j++) {
    const limit = Math.min(pool.capacity[j]!, maxLoad);
    if (costs.loadTier === 0) {
      if (limit > 0) units.push(network.addEdge(1 + n + j, sink, limit, 0));
    } else for (let unit = 0; unit < limit; unit++) units.push(network.addEdge(1 + n + j, sink, 1, unit * costs.loadTier));
    unitStart[j + 1] = units.length;
  }
  const { flow } = network.minCostMaxFlow(0, sink);
  return { network, pairEdges, unitStart, unitEdges: Int32Array.from(units), maxLoad, flow };
}

/**
 * For each expert, the lowest potential that keeps every residual edge leaving it of
 * non-negative reduced cost (−Infinity when it can take nothing more): the tightest price of
 * its capacity, which makes the certificate as strong as the flow allows.
 */
function expertPrices(pool: Pool, pairs: Pairs, solved: Solved, costs: Costs): Float64Array {
  const { n, m } = pool;
  const { network } = solved;
  const sinkPotential = network.potential(n + m + 1);
  const price = new Float64Array(m).fill(-Infinity);
  for (let j = 0; j < m; j++) {
    const first = solved.unitStart[j]!;
    const capacity = costs.loadTier === 0 ? Math.min(pool.capacity[j]!, solved.maxLoad) : 1;
    for (let u = first; u < solved.unitStart[j + 1]!; u++) {
      if (network.flowOn(solved.unitEdges[u]!) < capacity) price[j] = Math.max(price[j]!, sinkPotential - (u - first) * costs.loadTier);
    }
  }
  for (let p = 0; p < pairs.size; p++) {
    if (network.flowOn(solved.pairEdges[p]!) === 0) continue;
    const j = pairs.expert[p]!;
    price[j] = Math.max(price[j]!, network.potential(1 + pairs.app[p]!) + costs.pair(pairs.app[p]!, j, pairs.match[p]!));
  }
  return price;
}

/** Smallest L with Σ min(capacity, L) ≥ demand (tier 2's lower bound), or −1 when even full capacity falls short. */
function loadLowerBound(capacity: Int32Array, demand: number): number {
  let total = 0;
  let highest = 0;
  for (const value of capacity) {
    total += value;
    highest = Math.max(highest, value);
  }
  if (total < demand) return -1;
  let low = 0;
  let high = highest;
  while (low < high) {
    const load = (low + high) >> 1;
    let reach = 0;
    for (const value of capacity) reach += Math.min(value, load);
    if (reach >= demand) high = load;
    else low = load + 1;
  }
  return low;
}

/**
 * The first candidates, `perApp` per application: in the draw, the eligible experts of lowest
 * random preference; otherwise the best expertise matches (ties by a seeded draw) and as many
 * experts without a match, taken in turn around the pool so that every expert is offered to
 * about as many applications. Also counts the eligible experts.
 */
function initialCandidates(pool: Pool, mode: AssignmentMode, perApp: number, eligibleExperts: Int32Array): Pairs {
  const pairs = new Pairs(pool.n);
  const best = new Smallest(perApp);
  const add = (i: number, j: number) => pairs.add(i, j, pool.match(j));
  let turn = 0;
  for (let i = 0; i < pool.n; i++) {
    pool.select(i);
    eligibleExperts[i] = pool.eligibleCount;
    if (mode === 'draw') {
      for (let j = 0; j < pool.m; j++) if (pool.eligible(i, j)) best.offer(pool.draw(i, j), j);
      for (const j of best.drain()) add(i, j);
      continue;
    }
    for (const j of pool.matched()) if (pool.eligible(i, j)) best.offer(-pool.match(j) * RANDOM_RANGE + pool.tie(i, j), j);
    for (const j of best.drain()) add(i, j);
    for (let taken = 0, seen = 0; taken < perApp && seen < pool.m; seen++, turn = (turn + 1) % pool.m) {
      if (pool.match(turn) === 0 && pool.eligible(i, turn)) {
        add(i, turn);
        taken += 1;
      }
    }
  }
  return pairs;
}

/**
 * Prices every eligible pair outside the graph with the flow's potentials and adds, per
 * application, up to `perApp` of those with negative reduced cost (most negative first).
 * Returns the number added: 0 certifies the flow optimal on the full graph.
 */
function addViolations(pool: Pool, pairs: Pairs, solved: Solved, costs: Costs, perApp: number): number {
  const price = expertPrices(pool, pairs, solved, costs);
  let highestPrice = -Infinity;
  for (const value of price) highestPrice = Math.max(highestPrice, value);
  const inGraph = new Int32Array(pool.m).fill(-1);
  const worst = new Smallest(perApp);
  let added = 0;
  for (let i = 0; i < pool.n; i++) {
    const potential = solved.network.potential(1 + i);
    for (const j of pairs.byApp[i]!) inGraph[j] = i;
    pool.select(i);
    const offer = (j: number) => {
      if (inGraph[j] === i || !pool.eligible(i, j)) return;
      const reduced = costs.pair(i, j, pool.match(j)) + potential - price[j]!;
      if (reduced < 0) worst.offer(reduced, j);
    };
    // pair costs are ≥ 0 except expertise matches: with potential ≥ every price only those can violate
    if (potential < highestPrice) for (let j = 0; j < pool.m; j++) offer(j);
    else if (costs.mode === 'optimal') for (const j of pool.matched()) offer(j);
    for (const j of worst.drain()) {
      pairs.add(i, j, pool.match(j));
      added += 1;
    }
  }
  return added;
}

/** Every eligible pair with its expertise matches (costs filled in later), counting eligible experts. */
function allPairs(pool: Pool, eligibleExperts: Int32Array): Pairs {
  const pairs = new Pairs(pool.n);
  for (let i = 0; i < pool.n; i++) {
    pool.select(i);
    eligibleExperts[i] = pool.eligibleCount;
    for (let j = 0; j < pool.m; j++) if (pool.eligible(i, j)) pairs.add(i, j, pool.match(j));
  }
  return pairs;
}

/**
 * The graph of tiers 1–2: source → application (k) → candidate expert → sink (a capacity per
 * expert). {@link saturate} sends a maximum flow and proves it maximum on the full graph: while
 * an application the source reaches in the residual graph has an eligible pair to an expert it
 * does not reach, that pair joins the candidates (it crosses the cut); once none does, the cut
 * between reached and unreached nodes has the flow's capacity in the full graph too.
 */
class CoverageGraph {
  private readonly network: FlowNetwork;
  private readonly loadEdges: Int32Array;
  private readonly sink: number;
  flow = 0;

  constructor(
    private readonly pool: Pool,
    private readonly pairs: Pairs,
    k: number,
    capacity: (j: number) => number,
  ) {
    const { n, m } = pool;
    this.sink = n + m + 1;
    this.network = new FlowNetwork(n + m + 2);
    for (let i = 0; i < n; i++) this.network.addEdge(0, 1 + i, k);
    for (let p = 0; p < pairs.size; p++) this.network.addEdge(1 + pairs.app[p]!, 1 + n + pairs.expert[p]!, 1);
    this.loadEdges = Int32Array.from({ length: m }, (_, j) => this.network.addEdge(1 + n + j, this.sink, capacity(j)));
  }

  /** Raises expert `j`'s capacity by one. */
  raise(j: number): void {
    this.network.addCapacity(this.loadEdges[j]!, 1);
  }

  /** Maximum flow on the full graph (adding the pairs that prove it); returns the flow. */
  saturate(demand: number, perApp: number): number {
    const { n, m } = this.pool;
    const inGraph = new Int32Array(m).fill(-1);
    for (;;) {
      this.flow += this.network.maxFlow(0, this.sink);
      if (this.flow === demand) return this.flow;
      const reached = this.network.residualReach(0);
      const before = this.pairs.size;
      for (let i = 0; i < n; i++) {
        if (reached[1 + i] === 0) continue;
        this.pool.select(i);
        for (const j of this.pairs.byApp[i]!) inGraph[j] = i;
        for (let j = 0, taken = 0; j < m && taken < perApp; j++) {
          if (reached[1 + n + j] === 1 || inGraph[j] === i || !this.pool.eligible(i, j)) continue;
          this.pairs.add(i, j, this.pool.match(j));
          this.network.addEdge(1 + i, 1 + n + j, 1);
          taken += 1;
        }
      }
      if (this.pairs.size === before) return this.flow;
    }
  }
}

/** Tiers 1–2 on the candidates, widened until proven: the most pairs, then the smallest maximum load reaching them. */
function coverageAndLoad(pool: Pool, pairs: Pairs, k: number, perApp: number): { pairs: number; maxLoad: number } {
  const demand = pool.n * k;
  const lowerBound = (target: number) => loadLowerBound(pool.capacity, target);
  // the usual case first: every application complete at the lower bound of the maximum load
  const bound = lowerBound(demand);
  if (bound >= 0) {
    const staged = new CoverageGraph(pool, pairs, k, (j) => Math.min(pool.capacity[j]!, bound));
    if (staged.saturate(demand, perApp) === demand) return { pairs: demand, maxLoad: bound };
  }
  const most = new CoverageGraph(pool, pairs, k, (j) => pool.capacity[j]!).saturate(demand, perApp);
  let maxLoad = Math.max(0, lowerBound(most));
  const staged = new CoverageGraph(pool, pairs, k, (j) => Math.min(pool.capacity[j]!, maxLoad));
  while (staged.saturate(most, perApp) < most) {
    maxLoad += 1;
    for (let j = 0; j < pool.m; j++) if (pool.capacity[j]! >= maxLoad) staged.raise(j);
  }
  return { pairs: most, maxLoad };
}

/** Inputs of {@link solveAssignment}: applications and experts in the solver's (seeded) order. */
interface SolverInput {
  readonly applications: readonly AssignmentApplication[];
  readonly experts: readonly AssignmentExpert[];
  readonly expertsPerApplication: number;
  readonly mode: AssignmentMode;
  readonly avoidSameRegion: boolean;
  readonly seed: string;
  /** First candidates per application (default 2k + 2; the tests lower it to force column generation). */
  readonly firstCandidates?: number | undefined;
  /** `dense` skips the pruned graph (the tests' reference). */
  readonly strategy?: 'auto' | 'dense' | undefined;
}

/** Solves the assignment (see the module comment). */
export function solveAssignment(input: SolverInput): Solution {
  const pool = new Pool(input.applications, input.experts, input.avoidSameRegion, input.seed);
  const k = input.expertsPerApplication;
  const eligibleExperts = new Int32Array(pool.n);
  const dense = input.strategy === 'dense';
  const perApp = input.firstCandidates ?? 2 * k + 2;
  const pairs = dense ? allPairs(pool, eligibleExperts) : initialCandidates(pool, input.mode, perApp, eligibleExperts);
  const { pairs: most, maxLoad } = coverageAndLoad(pool, pairs, k, 2 * k);
  let maxMatch = 0;
  for (const application of input.applications) maxMatch = Math.max(maxMatch, application.tags?.length ?? 0);
  const short = most < pool.n * k;
  const costs = costsFor(pool, input.mode, most, maxLoad, k, maxMatch, short ? scarcityRanks(eligibleExperts) : undefined);
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const solved = solveFlow(pool, pairs, k, maxLoad, costs, short);
    if (solved.flow !== most) throw new Error(`assignment flow mismatch: ${solved.flow} ≠ ${most}`);
    if (dense || addViolations(pool, pairs, solved, costs, 2 * k) === 0) return solution(pool, pairs, solved, eligibleExperts, dense ? 'dense' : 'pruned', round);
  }
  return solveAssignment({ ...input, strategy: 'dense' });
}

function solution(pool: Pool, pairs: Pairs, solved: Solved, eligibleExperts: Int32Array, method: 'pruned' | 'dense', rounds: number): Solution {
  const chosen: number[][] = Array.from({ length: pool.n }, () => []);
  let expertiseMatches = 0;
  for (let p = 0; p < pairs.size; p++) {
    if (solved.network.flowOn(solved.pairEdges[p]!) === 0) continue;
    chosen[pairs.app[p]!]!.push(pairs.expert[p]!);
    expertiseMatches += pairs.match[p]!;
  }
  let eligiblePairs = 0;
  for (const count of eligibleExperts) eligiblePairs += count;
  return { chosen, expertiseMatches, eligibleExperts, optimality: { method, candidatePairs: pairs.size, eligiblePairs, rounds } };
}

/**
 * The LP optimum of an assignment problem, by HiGHS (an independent solver), for the same
 * objective tiers `assignExperts` optimises: x_ij ∈ [0, 1] for every eligible pair,
 * Σ_j x_ij ≤ k per application, Σ_i x_ij ≤ capacity_j per expert;
 * 1. the most pairs C* (max Σ x);
 * 2. the smallest maximum load L* that still reaches C* (the LP with load ≤ L* − 1 gives fewer);
 * 3. the most expertise matches with Σ x = C* and load ≤ L*.
 * These LPs are network-flow LPs, so their optima are integral: an exact solver reaches them.
 *
 * A large problem (millions of pairs) is solved by column generation: the LP on a subset of
 * the pairs, then EVERY eligible pair is priced with the duals and those of positive reduced
 * profit are added, until none is left. Each optimum comes with an upper bound valid for the
 * full problem (the Lagrangian bound of the duals over every eligible pair), so the reported
 * optimum is certified whatever subset the master holds.
 */
import type { Highs, Model } from 'highs';
import { INELIGIBLE, type AssignmentProblem } from './_assignment-problem.js';

/** How the LP was solved: every pair at once, or column generation. */
export type LpMethod = 'direct' | 'column-generation';

/** One LP solved to optimality, with its certificate. */
export interface LpSolve {
  /** The optimum found (restricted master, equal to the full LP's at convergence). */
  readonly optimum: number;
  /** An upper bound of the full LP's optimum from the final duals (over every eligible pair). */
  readonly bound: number;
  /** Column-generation rounds (1 when nothing had to be added). */
  readonly rounds: number;
  readonly ms: number;
}

/** The LP view of an assignment problem. */
export interface AssignmentLp {
  readonly method: LpMethod;
  /** Tier 1: most pairs. */
  readonly coverage: LpSolve;
  /** Tier 2: the smallest maximum load that reaches the coverage. */
  readonly maxLoad: number;
  /** The LP with load ≤ maxLoad − 1 (its bound is below the coverage); null when maxLoad ≤ 1. */
  readonly belowMaxLoad: LpSolve | null;
  /** Tier 3: most expertise matches with full coverage and load ≤ maxLoad. */
  readonly expertise: LpSolve;
  /** Columns in the master at the end, and eligible pairs in all. */
  readonly columns: number;
  readonly eligiblePairs: number;
  readonly ms: number;
}

/** Options of {@link solveAssignmentLp}. */
export interface LpOptions {
  /** `direct` passes every eligible pair; default `column-generation` above 200 000 pairs. */
  readonly method?: LpMethod;
  /** Pairs per application in the first master (column generation; default max(20, 4k)). */
  readonly initialPerApplication?: number;
  /** Most pairs added per application and round (default 10). */
  readonly addPerApplication?: number;
}

const tolerance = 1e-7;

/** A HiGHS model whose columns are (application, expert) pairs, grown on demand. */
class PairMaster {
  private readonly model: Model;
  private readonly n: number;
  private readonly m: number;
  private readonly inMaster: Uint8Array;
  private readonly pairs: number[] = [];
  private readonly rowLower: number[];
  private readonly rowUpper: number[];
  private objective: 'coverage' | 'expertise' = 'coverage';

  constructor(
    private readonly highs: Highs,
    private readonly problem: AssignmentProblem,
  ) {
    this.n = problem.applications;
    this.m = problem.experts;
    this.inMaster = new Uint8Array(this.n * this.m);
    this.rowLower = new Array<number>(this.n + this.m).fill(0);
    this.rowUpper = [...new Array<number>(this.n).fill(problem.expertsPerApplication), ...problem.capacity];
    const rows = this.n + this.m;
    this.model = highs.createModel({
      numCols: 0,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [],
      colLower: [],
      colUpper: [],
      rowLower: this.rowLower,
      rowUpper: this.rowUpper,
      matrix: { format: 'csc', numRows: rows, numCols: 0, starts: [0], indices: [], values: [] },
    });
    this.model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex' });
  }

  get columns(): number {
    return this.pairs.length;
  }

  dispose(): void {
    this.model.dispose();
  }

  private cost(pair: number): number {
    return this.objective === 'coverage' ? 1 : this.problem.weight[pair]!;
  }

  /** Adds pairs (flat indices i·m + j) not yet in the master. */
  add(pairs: readonly number[]): void {
    const fresh = pairs.filter((pair) => this.inMaster[pair] === 0);
    if (fresh.length === 0) return;
    const coverageRow = this.rowLower.length > this.n + this.m;
    const perColumn = coverageRow ? 3 : 2;
    const starts = new Int32Array(fresh.length + 1);
    const indices = new Int32Array(fresh.length * perColumn);
    const cost = new Float64Array(fresh.length);
    fresh.forEach((pair, c) => {
      this.inMaster[pair] = 1;
      this.pairs.push(pair);
      indices[c * perColumn] = Math.floor(pair / this.m);
      indices[c * perColumn + 1] = this.n + (pair % this.m);
      if (coverageRow) indices[c * perColumn + 2] = this.n + this.m;
      starts[c + 1] = (c + 1) * perColumn;
      cost[c] = this.cost(pair);
    });
    this.model.addCols({
      cost,
      lower: new Float64Array(fresh.length),
      upper: new Float64Array(fresh.length).fill(1),
      matrix: { format: 'csc', numRows: this.rowLower.length, numCols: fresh.length, starts, indices, values: new Float64Array(indices.length).fill(1) },
    });
  }

  /** Sets every expert's load limit to min(capacity, `limit`). */
  limitLoad(limit: number): void {
    const upper = Array.from(this.problem.capacity, (capacity) => Math.min(capacity, limit));
    upper.forEach((value, j) => (this.rowUpper[this.n + j] = value));
    if (this.m > 0) this.model.changeRowsBounds({ kind: 'range', from: this.n, to: this.n + this.m - 1 }, new Float64Array(this.m), upper);
  }

  /** Switches to tier 3: objective = expertise matches, with exactly `coverage` pairs. */
  maximiseExpertise(coverage: number): void {
    this.objective = 'expertise';
    if (this.pairs.length > 0) {
      this.model.changeColsCost({ kind: 'range', from: 0, to: this.pairs.length - 1 }, Float64Array.from(this.pairs, (pair) => this.cost(pair)));
    }
    this.model.addRow(coverage, coverage, { indices: Int32Array.from(this.pairs, (_, c) => c), values: new Float64Array(this.pairs.length).fill(1) });
    this.rowLower.push(coverage);
    this.rowUpper.push(coverage);
  }

  /** Solves the master, then prices every eligible pair; adds the best and reports. */
  private round(addPerApplication: number): { optimum: number; bound: number; added: number } {
    const run = this.model.run();
    if (run.modelStatus !== this.highs.constants.modelStatus.optimal) throw new Error(`HiGHS ended with model status ${run.modelStatus}`);
    const optimum = this.model.getObjectiveValue();
    const dual = this.model.getSolution().rowDual;
    const coverageDual = dual.length > this.n + this.m ? dual[this.n + this.m]! : 0;
    // Lagrangian bound: Σ_rows max(y·lower, y·upper) + Σ_pairs max(0, reduced profit) (x ≤ 1).
    let bound = 0;
    for (let r = 0; r < dual.length; r++) bound += Math.max(dual[r]! * this.rowLower[r]!, dual[r]! * this.rowUpper[r]!);
    const candidates: number[] = [];
    const best: { pair: number; profit: number }[] = [];
    const { weight } = this.problem;
    for (let i = 0; i < this.n; i++) {
      best.length = 0;
      const base = i * this.m;
      const rowDual = dual[i]! + coverageDual;
      for (let j = 0; j < this.m; j++) {
        const w = weight[base + j]!;
        if (w === INELIGIBLE) continue;
        const profit = (this.objective === 'coverage' ? 1 : w) - rowDual - dual[this.n + j]!;
        if (profit <= 0) continue;
        bound += profit;
        if (profit <= tolerance || this.inMaster[base + j] === 1) continue;
        if (best.length < addPerApplication) best.push({ pair: base + j, profit });
        else if (profit > best[best.length - 1]!.profit) best[best.length - 1] = { pair: base + j, profit };
        else continue;
        best.sort((a, b) => b.profit - a.profit);
      }
      for (const { pair } of best) candidates.push(pair);
    }
    this.add(candidates);
    return { optimum, bound, added: candidates.length };
  }

  /** Column generation to optimality. */
  solve(addPerApplication: number): LpSolve {
    const started = performance.now();
    for (let rounds = 1; ; rounds++) {
      const { optimum, bound, added } = this.round(addPerApplication);
      if (added === 0) return { optimum, bound, rounds, ms: performance.now() - started };
      if (rounds > 10_000) throw new Error('column generation does not converge');
    }
  }
}

/** Up to `count` eligible pairs of application i, best expertise first (spread by a hash). */
function initialPairs(problem: AssignmentProblem, i: number, count: number): number[] {
  const m = problem.experts;
  const pairs: { pair: number; weight: number; spread: number }[] = [];
  for (let j = 0; j < m; j++) {
    const weight = problem.weight[i * m + j]!;
    if (weight !== INELIGIBLE) pairs.push({ pair: i * m + j, weight, spread: Math.imul(i * 7919 + j, 2654435761) >>> 0 });
  }
  pairs.sort((a, b) => b.weight - a.weight || a.spread - b.spread);
  return pairs.slice(0, count).map((entry) => entry.pair);
}

/**
 * Solves the three tiers' LPs of `problem` with HiGHS (see the module description).
 *
 * @example
 * const highs = await loadHighs();
 * const lp = solveAssignmentLp(highs, assignmentProblem(input));
 * const fraction = ours / lp.expertise.optimum;
 */
export function solveAssignmentLp(highs: Highs, problem: AssignmentProblem, options: LpOptions = {}): AssignmentLp {
  const started = performance.now();
  const method = options.method ?? (problem.eligiblePairs > 200_000 ? 'column-generation' : 'direct');
  const k = problem.expertsPerApplication;
  const perApplication = method === 'direct' ? problem.experts : (options.initialPerApplication ?? Math.max(20, 4 * k));
  const addPerApplication = options.addPerApplication ?? 10;
  const master = new PairMaster(highs, problem);
  try {
    for (let i = 0; i < problem.applications; i++) master.add(initialPairs(problem, i, perApplication));
    const coverage = master.solve(addPerApplication);
    const pairs = Math.round(coverage.optimum);
    const expertsWithCapacity = problem.capacity.reduce((count, capacity) => count + (capacity > 0 ? 1 : 0), 0);
    // The smallest load limit that still reaches `pairs`, from just below its lower bound up;
    // the last one that falls short is maxLoad − 1.
    let maxLoad = 0;
    let belowMaxLoad: LpSolve | null = null;
    for (let load = pairs === 0 ? 0 : Math.ceil(pairs / expertsWithCapacity) - 1; pairs > 0; load++) {
      if (load === 0) continue;
      master.limitLoad(load);
      const solve = master.solve(addPerApplication);
      if (solve.optimum > pairs - 0.5) {
        maxLoad = load;
        break;
      }
      belowMaxLoad = solve;
    }
    master.maximiseExpertise(pairs);
    const expertise = master.solve(addPerApplication);
    return {
      method,
      coverage,
      maxLoad,
      belowMaxLoad,
      expertise,
      columns: master.columns,
      eligiblePairs: problem.eligiblePairs,
      ms: performance.now() - started,
    };
  } finally {
    master.dispose();
  }
}

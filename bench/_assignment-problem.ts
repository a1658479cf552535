/**
 * The assignment problem as the benchmark sees it, computed without the solver: the eligible
 * (application, expert) pairs by `reviewConflict` on every pair, each pair's expertise matches
 * (distinct application tags the expert's expertise covers, compared after normalisation), and
 * each expert's capacity; and an independent check of a result against every hard constraint.
 */
import {
  normalizeOrganization,
  recusals,
  reviewConflict,
  type AssignmentInput,
  type AssignmentResult,
} from '../shared/domain/assignment.js';

/** Weight of a pair that is not eligible (recusal). */
export const INELIGIBLE = 255;

/** The pairs of an instance, dense: `weight[i * experts + j]`. */
export interface AssignmentProblem {
  readonly applications: number;
  readonly experts: number;
  readonly expertsPerApplication: number;
  /** Capacity per expert (as the solver reads it: a non-negative integer, 0 when not finite). */
  readonly capacity: Int32Array;
  /** Expertise matches of each pair, or {@link INELIGIBLE}. */
  readonly weight: Uint8Array;
  readonly eligiblePairs: number;
  /** Blocked pairs per `reviewConflict` reason. */
  readonly blocked: Readonly<Record<string, number>>;
}

/**
 * Builds the pair table of `input` (application i, expert j in input order).
 *
 * @example
 * const problem = assignmentProblem(input);
 * problem.weight[i * problem.experts + j] === INELIGIBLE; // recused
 */
export function assignmentProblem(input: AssignmentInput): AssignmentProblem {
  const n = input.applications.length;
  const m = input.experts.length;
  const tagIds = new Map<string, number>();
  const idOf = (tag: string): number => {
    const key = normalizeOrganization(tag);
    let id = tagIds.get(key);
    if (id === undefined) tagIds.set(key, (id = tagIds.size));
    return id;
  };
  const expertTags = input.experts.map((expert) => new Set(expert.expertise.map(idOf)));
  const weight = new Uint8Array(n * m);
  const blocked: Record<string, number> = {};
  let eligiblePairs = 0;
  input.applications.forEach((application, i) => {
    const tags = [...new Set((application.tags ?? []).map(idOf))];
    input.experts.forEach((expert, j) => {
      const conflict = reviewConflict(expert, application, { avoidSameRegion: input.avoidSameRegion });
      if (conflict !== null) {
        weight[i * m + j] = INELIGIBLE;
        blocked[conflict] = (blocked[conflict] ?? 0) + 1;
        return;
      }
      eligiblePairs += 1;
      const own = expertTags[j]!;
      weight[i * m + j] = Math.min(INELIGIBLE - 1, tags.reduce((count, tag) => count + (own.has(tag) ? 1 : 0), 0));
    });
  });
  const capacity = Int32Array.from(input.experts, (expert) => (Number.isFinite(expert.capacity) ? Math.max(0, Math.floor(expert.capacity)) : 0));
  return { applications: n, experts: m, expertsPerApplication: input.expertsPerApplication, capacity, weight, eligiblePairs, blocked };
}

/** What {@link checkAssignment} found. */
export interface AssignmentCheck {
  /** Hard-constraint violations by kind (empty when none). */
  readonly violations: Readonly<Record<string, number>>;
  readonly violationCount: number;
  /** Pairs assigned. */
  readonly pairs: number;
  /** Total expertise matches of the assigned (eligible) pairs. */
  readonly expertiseMatches: number;
  /** Largest number of applications assigned to one expert. */
  readonly maxLoad: number;
}

/**
 * Checks `result` against every hard constraint of `input`, independently of the solver:
 * recusal (`reviewConflict`), capacity, at most k experts per application, no expert twice on
 * one application, only known ids, and that the result's loads and shortfalls tell the truth.
 *
 * @example
 * const { violationCount, expertiseMatches } = checkAssignment(input, problem, assignExperts(input));
 */
export function checkAssignment(input: AssignmentInput, problem: AssignmentProblem, result: AssignmentResult): AssignmentCheck {
  const violations: Record<string, number> = {};
  const count = (kind: string, times = 1): void => {
    violations[kind] = (violations[kind] ?? 0) + times;
  };
  const applicationIndex = new Map(input.applications.map((application, i) => [application.id, i]));
  const expertIndex = new Map(input.experts.map((expert, j) => [expert.id, j]));
  const loads = new Int32Array(problem.experts);
  let pairs = 0;
  let expertiseMatches = 0;
  const shortfalls = new Map(result.shortfalls.map((shortfall) => [shortfall.applicationId, shortfall]));
  for (const applicationId of Object.keys(result.assignments)) if (!applicationIndex.has(applicationId)) count('unknown_application');
  input.applications.forEach((application, i) => {
    const ids = result.assignments[application.id];
    if (!ids) return count('application_missing_from_result');
    if (ids.length > problem.expertsPerApplication) count('more_than_k_experts');
    const seen = new Set<string>();
    const shortfall = shortfalls.get(application.id);
    if ((ids.length < problem.expertsPerApplication) !== (shortfall !== undefined) || (shortfall && shortfall.assigned !== ids.length)) {
      count('shortfall_misreported');
    }
    for (const id of ids) {
      const j = expertIndex.get(id);
      if (j === undefined) {
        count('unknown_expert');
        continue;
      }
      if (seen.has(id)) count('expert_twice_on_application');
      seen.add(id);
      const conflict = reviewConflict(input.experts[j]!, application, { avoidSameRegion: input.avoidSameRegion });
      if (conflict !== null) count(`recusal_${conflict}`);
      else expertiseMatches += problem.weight[i * problem.experts + j]!;
      loads[j]! += 1;
      pairs += 1;
    }
  });
  let maxLoad = 0;
  input.experts.forEach((expert, j) => {
    if (loads[j]! > problem.capacity[j]!) count('over_capacity');
    if ((result.loads[expert.id] ?? 0) !== loads[j]) count('load_misreported');
    maxLoad = Math.max(maxLoad, loads[j]!);
  });
  if (result.maxLoad !== maxLoad) count('max_load_misreported');
  const violationCount = Object.values(violations).reduce((sum, times) => sum + times, 0);
  return { violations, violationCount, pairs, expertiseMatches, maxLoad };
}

/**
 * Pairs on which the fast `recusals(input)` (indexes) and `reviewConflict` on every pair
 * disagree, whether excluded or not, or on the reason; 0 when they agree everywhere.
 *
 * @example
 * recusalDisagreements(input, assignmentProblem(input)); // 0
 */
export function recusalDisagreements(input: AssignmentInput, problem: AssignmentProblem): number {
  const applicationIndex = new Map(input.applications.map((application, i) => [application.id, i]));
  const expertIndex = new Map(input.experts.map((expert, j) => [expert.id, j]));
  const listed = new Map<number, string>();
  for (const recusal of recusals(input)) {
    listed.set(applicationIndex.get(recusal.applicationId)! * problem.experts + expertIndex.get(recusal.expertId)!, recusal.reason);
  }
  let disagreements = 0;
  for (let pair = 0; pair < problem.weight.length; pair++) {
    if ((problem.weight[pair] === INELIGIBLE) !== listed.has(pair)) disagreements += 1;
  }
  for (const [pair, reason] of listed) {
    const i = Math.floor(pair / problem.experts);
    const conflict = reviewConflict(input.experts[pair % problem.experts]!, input.applications[i]!, { avoidSameRegion: input.avoidSameRegion });
    if (conflict !== null && conflict !== reason) disagreements += 1;
  }
  return disagreements;
}

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
 * 5. loads as even as possible;
 * 6. (a tie-break, only when some application falls short) the shortfall falls on the
 *    applications with more eligible experts, the easier to complete by hand.
 * This is solved exactly as a min-cost maximum flow (applications → eligible experts), on a
 * pruned set of candidate pairs whose optimality is then certified on every eligible pair
 * (`assignment-solver.ts`; the flow solver is `min-cost-flow.ts`). Among equally
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
import type { AssignmentApplication, AssignmentExpert, AssignmentMode, ReviewConflict } from './assignment-model.js';
import { capacityOf } from './assignment-pool.js';
import { prng, seededOrder } from './assignment-random.js';
import { applicationKeys, normalizeOrganization, pairRecusal, RecusalIndex, type ApplicationKeys } from './assignment-recusal.js';
import { solveAssignment, type AssignmentOptimality } from './assignment-solver.js';
import { DomainError } from './errors.js';

export { normalizeOrganization } from './assignment-recusal.js';
export type { AssignmentOptimality } from './assignment-solver.js';
export type { AssignmentApplication, AssignmentExpert, AssignmentMode, ReviewConflict } from './assignment-model.js';

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
  /** How the result was proven optimal (candidate pairs certified, or the dense graph). */
  readonly optimality?: AssignmentOptimality | undefined;
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

/** Number of the application's tags (as keys, `tagKeysOf`) the expert's expertise covers. */
function expertiseMatch(expert: AssignmentExpert, tags: ReadonlySet<string>): number {
  if (tags.size === 0) return 0;
  return new Set(expert.expertise.map(normalizeOrganization).filter((tag) => tags.has(tag))).size;
}

function tagKeysOf(application: AssignmentApplication): Set<string> {
  return new Set((application.tags ?? []).map(normalizeOrganization));
}


function assertUniqueIds(items: readonly { id: string }[], what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new DomainError('ASSIGNMENT_INVALID', 'duplicate', { what, id: item.id });
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
    throw new DomainError('ASSIGNMENT_INVALID', 'expertsPerApplication', { count: k });
  }
  assertUniqueIds(input.applications, '申报');
  assertUniqueIds(input.experts, '专家');
  const mode = input.mode ?? 'optimal';
  const random = prng(input.seed);
  const applications = seededOrder(input.applications, random);
  const experts = seededOrder(input.experts, random);
  const solution = solveAssignment({
    applications,
    experts,
    expertsPerApplication: k,
    mode,
    avoidSameRegion: input.avoidSameRegion === true,
    seed: String(input.seed),
  });
  const assignments: Record<string, string[]> = {};
  const loads: Record<string, number> = {};
  for (const expert of input.experts) loads[expert.id] = 0;
  const indexOf = new Map(applications.map((application, i) => [application.id, i]));
  const shortfalls: AssignmentShortfall[] = [];
  let maxLoad = 0;
  for (const application of input.applications) {
    const i = indexOf.get(application.id)!;
    const ids = solution.chosen[i]!.map((j) => experts[j]!.id);
    assignments[application.id] = ids;
    for (const id of ids) maxLoad = Math.max(maxLoad, (loads[id] = loads[id]! + 1));
    if (ids.length < k) {
      const eligibleExperts = solution.eligibleExperts[i]!;
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
    maxLoad,
    shortfalls,
    mode,
    seed: String(input.seed),
    expertiseMatches: solution.expertiseMatches,
    optimality: solution.optimality,
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
  if (!application) throw new DomainError('ASSIGNMENT_INVALID', 'applicationOutsideRound', { id: applicationId });
  return application;
}

/** One application's alternate search, prepared once for checking many experts. */
interface AlternateScene {
  readonly application: AssignmentApplication;
  readonly keys: ApplicationKeys;
  readonly avoidSameRegion: boolean;
  /** Experts on the application or excluded from it. */
  readonly taken: ReadonlySet<string>;
  readonly loads: ReadonlyMap<string, number>;
}

function alternateScene(
  context: AssignmentContext,
  assignment: Readonly<Record<string, readonly string[]>>,
  applicationId: string,
  excludedExpertIds: readonly string[],
): AlternateScene {
  const application = applicationOf(context, applicationId);
  return {
    application,
    keys: applicationKeys(application),
    avoidSameRegion: context.avoidSameRegion === true,
    taken: new Set([...excludedExpertIds, ...(assignment[applicationId] ?? [])]),
    loads: loadsOf(assignment),
  };
}

function refusalIn(scene: AlternateScene, expert: AssignmentExpert): AlternateRefusal | null {
  if (scene.taken.has(expert.id)) return 'already_on_application';
  const conflict = pairRecusal(expert, scene.application, scene.avoidSameRegion, scene.keys);
  if (conflict) return conflict.reason;
  return (scene.loads.get(expert.id) ?? 0) < capacityOf(expert) ? null : 'capacity_exhausted';
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
  return refusalIn(alternateScene(context, assignment, applicationId, excludedExpertIds), expert);
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
  const scene = alternateScene(context, assignment, applicationId, excludedExpertIds);
  const tags = tagKeysOf(scene.application);
  const random = prng(`${String(context.seed)}\u0000${applicationId}\u0000${excludedExpertIds.join('\u0000')}`);
  const candidates = seededOrder(context.experts, random)
    .filter((expert) => refusalIn(scene, expert) === null)
    .map((expert, order) => ({ expert, order, load: scene.loads.get(expert.id) ?? 0, match: expertiseMatch(expert, tags) }));
  candidates.sort((a, b) => a.load - b.load || b.match - a.match || a.order - b.order);
  return candidates[0]?.expert.id ?? null;
}

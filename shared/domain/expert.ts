/** Experts (评审专家) of the pool; they have no account and act through e-mailed links. */
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, type EntityMeta } from './entity.js';

export interface Expert extends EntityMeta {
  readonly name: string;
  readonly email: string;
  readonly organization: string;
  readonly region?: string;
  readonly expertise: readonly string[];
  /** Organisations the expert declared a conflict of interest with. */
  readonly conflicts: readonly string[];
  /** Most applications the expert reviews in one round. */
  readonly capacity: number;
}

export interface NewExpertInput {
  readonly name: string;
  readonly email: string;
  readonly organization: string;
  readonly region?: string | undefined;
  readonly expertise: readonly string[];
  readonly conflicts?: readonly string[] | undefined;
  readonly capacity?: number | undefined;
}

/** Default number of applications one expert reviews per round. */
export const defaultExpertCapacity = 10;

/** Normalises an e-mail address for uniqueness checks. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Splits a list typed in one cell or box (专业领域, 回避单位) on Chinese and Latin separators
 * (、,，；; and line breaks).
 *
 * @example
 * splitList('智能制造、职业教育，产教融合'); // ['智能制造', '职业教育', '产教融合']
 */
export function splitList(value: string): string[] {
  return value
    .split(/[、,，；;\n\r]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Adds an expert to the pool. */
export function createExpert(input: NewExpertInput, context: { id: string; actor: Actor; now: Date }): Change<Expert> {
  const expert: Expert = {
    ...newEntityMeta(context.id, context.now),
    name: input.name.trim(),
    email: normalizeEmail(input.email),
    organization: input.organization.trim(),
    ...(input.region ? { region: input.region.trim() } : {}),
    expertise: [...new Set(input.expertise.map((tag) => tag.trim()).filter(Boolean))],
    conflicts: [...new Set((input.conflicts ?? []).map((org) => org.trim()).filter(Boolean))],
    capacity: input.capacity ?? defaultExpertCapacity,
  };
  return { entity: expert, expectedVersion: 0, events: [audit(context.actor, 'expert.created', 'expert', undefined, expert, context.now)] };
}

/**
 * Whether an expert matches a staff search: every whitespace-separated term of `query` occurs
 * (case-insensitively) in the name, the organisation or one of the expertise tags. An empty
 * query matches everyone.
 *
 * @example
 * matchesExpertSearch(expert, '广西大学 汽车'); // organisation contains 广西大学 and a tag contains 汽车
 */
export function matchesExpertSearch(expert: Pick<Expert, 'name' | 'organization' | 'expertise'>, query: string): boolean {
  const fields = [expert.name, expert.organization, ...expert.expertise].map((field) => field.toLowerCase());
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => fields.some((field) => field.includes(term)));
}

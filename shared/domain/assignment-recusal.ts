/**
 * Recusal rules of the expert assignment (回避), for one pair and, through indexes, for a
 * whole round at once.
 *
 * Names are compared as keys: Unicode NFKC, white space removed, lower case
 * ({@link normalizeOrganization}). Two organisation keys are *affiliated* (parent and
 * sub-unit, 广西大学 vs 广西大学机械工程学院) when one is a strict prefix of the other and the
 * shorter has at least {@link MIN_AFFILIATION_PREFIX} characters (UTF-16 code units; a CJK
 * character is one). An expert may not review an application, for the first reason that applies:
 * 1. `same_organization`: the expert's organisation is the applicant;
 * 2. `affiliated_organization`: it is a parent or sub-unit of the applicant;
 * 3. `related_organization`: it is the same as or affiliated with a partner or co-applicant
 *    named in the form (`relatedOrganizations`);
 * 4. `declared_conflict`: one of the expert's declared conflicts is the same as or affiliated
 *    with the applicant;
 * 5. `applicant_avoid`: an entry of the applicant's avoid list is the expert's name, or the same
 *    as or affiliated with the expert's organisation;
 * 6. `same_region`: with `avoidSameRegion`, both regions are known and equal.
 */
import type { AssignmentApplication, AssignmentExpert, ReviewConflict } from './assignment-model.js';

/** The shortest organisation name that counts as a parent of a longer one. */
const MIN_AFFILIATION_PREFIX = 4;

/**
 * Normalises an organisation (or region, or person) name for comparisons: Unicode NFKC
 * (full-width brackets and letters become half-width), white space removed, lower case.
 *
 * @example
 * normalizeOrganization(' 广西大学（东校区） ') === normalizeOrganization('广西大学(东校区)'); // true
 */
export function normalizeOrganization(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** Whether two distinct organisation keys are parent and sub-unit (see the module rules). */
function affiliatedKeys(a: string, b: string): boolean {
  if (a.length === b.length) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= MIN_AFFILIATION_PREFIX && long.startsWith(short);
}

function sameOrAffiliated(a: string, b: string): boolean {
  return a === b || affiliatedKeys(a, b);
}

/** A conflict and the name that caused it. */
interface PairRecusal {
  readonly reason: ReviewConflict;
  readonly matched: string;
}

/** An application's names as keys, normalised once for checking many experts. */
export interface ApplicationKeys {
  readonly applicant: string;
  readonly related: readonly { readonly key: string; readonly name: string }[];
  readonly avoid: readonly { readonly key: string; readonly name: string }[];
  /** '' when unknown. */
  readonly region: string;
}

/** The keys {@link pairRecusal} compares an application by. */
export function applicationKeys(application: AssignmentApplication): ApplicationKeys {
  const keyed = (names: readonly string[] | undefined) => (names ?? []).map((name) => ({ key: normalizeOrganization(name), name }));
  return {
    applicant: normalizeOrganization(application.organization),
    related: keyed(application.relatedOrganizations),
    avoid: keyed(application.avoid),
    region: application.region === undefined ? '' : normalizeOrganization(application.region),
  };
}

/** The first recusal that applies to one pair (see the module rules), or null; pass `keys` when checking many experts. */
export function pairRecusal(
  expert: AssignmentExpert,
  application: AssignmentApplication,
  avoidSameRegion: boolean,
  keys: ApplicationKeys = applicationKeys(application),
): PairRecusal | null {
  const { applicant } = keys;
  const organization = normalizeOrganization(expert.organization);
  if (organization === applicant) return { reason: 'same_organization', matched: application.organization };
  if (affiliatedKeys(organization, applicant)) return { reason: 'affiliated_organization', matched: expert.organization };
  const related = keys.related.find(({ key }) => sameOrAffiliated(organization, key));
  if (related !== undefined) return { reason: 'related_organization', matched: related.name };
  const declared = expert.conflicts.find((name) => sameOrAffiliated(normalizeOrganization(name), applicant));
  if (declared !== undefined) return { reason: 'declared_conflict', matched: declared };
  const person = expert.name === undefined ? undefined : normalizeOrganization(expert.name);
  const avoided = keys.avoid.find(({ key }) => key === person || sameOrAffiliated(organization, key));
  if (avoided !== undefined) return { reason: 'applicant_avoid', matched: avoided.name };
  if (avoidSameRegion && keys.region !== '' && expert.region !== undefined && normalizeOrganization(expert.region) === keys.region) {
    return { reason: 'same_region', matched: expert.region };
  }
  return null;
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The strict prefixes of a key that may name a parent organisation. */
function parentPrefixes(key: string): string[] {
  const prefixes: string[] = [];
  for (let length = MIN_AFFILIATION_PREFIX; length < key.length; length++) prefixes.push(key.slice(0, length));
  return prefixes;
}

/** An entry of an index: an expert and the raw name it was indexed under. */
interface Entry {
  readonly expert: number;
  readonly name: string;
}

/** Name key → entries, by exact key and by every strict prefix that may name a parent. */
class AffiliationIndex {
  private readonly exact = new Map<string, Entry[]>();
  private readonly byPrefix = new Map<string, Entry[]>();

  add(key: string, entry: Entry): void {
    pushTo(this.exact, key, entry);
    for (const prefix of parentPrefixes(key)) pushTo(this.byPrefix, prefix, entry);
  }

  /** Calls `visit` for every entry whose key is the same as or affiliated with `key`. */
  forEachRelated(key: string, visit: (entry: Entry) => void): void {
    for (const entry of this.exact.get(key) ?? []) visit(entry);
    if (key.length >= MIN_AFFILIATION_PREFIX) for (const entry of this.byPrefix.get(key) ?? []) visit(entry);
    for (const prefix of parentPrefixes(key)) for (const entry of this.exact.get(prefix) ?? []) visit(entry);
  }
}

/**
 * The recusals of a whole pool, found through indexes (organisation keys and their prefixes,
 * declared conflicts, names, regions) instead of comparing every pair's strings.
 */
export class RecusalIndex {
  private readonly organizations = new AffiliationIndex();
  private readonly conflicts = new AffiliationIndex();
  private readonly names = new Map<string, Entry[]>();
  private readonly regions = new Map<string, Entry[]>();
  private readonly regionIds = new Map<string, number>();
  /** Region of each expert as a small integer (−1 when unknown). */
  readonly expertRegions: Int32Array;

  constructor(
    readonly experts: readonly AssignmentExpert[],
    readonly avoidSameRegion: boolean,
  ) {
    this.expertRegions = new Int32Array(experts.length).fill(-1);
    experts.forEach((expert, j) => {
      this.organizations.add(normalizeOrganization(expert.organization), { expert: j, name: expert.organization });
      for (const name of expert.conflicts) this.conflicts.add(normalizeOrganization(name), { expert: j, name });
      if (expert.name !== undefined) pushTo(this.names, normalizeOrganization(expert.name), { expert: j, name: expert.name });
      const region = expert.region === undefined ? '' : normalizeOrganization(expert.region);
      if (region === '') return;
      pushTo(this.regions, region, { expert: j, name: expert.region! });
      if (!this.regionIds.has(region)) this.regionIds.set(region, this.regionIds.size);
      this.expertRegions[j] = this.regionIds.get(region)!;
    });
  }

  /**
   * The region an application refuses experts from, as in {@link expertRegions}; −1 when
   * regions are not avoided, or no expert is from the application's region.
   */
  refusedRegion(application: AssignmentApplication): number {
    if (!this.avoidSameRegion || application.region === undefined) return -1;
    return this.regionIds.get(normalizeOrganization(application.region)) ?? -1;
  }

  /**
   * Calls `visit` for every expert the application refuses except by region (see
   * {@link refusedRegion}), each reason in rule order; an expert may be visited more than once, and its
   * first visit gives its reason.
   */
  forEachRefused(application: AssignmentApplication, visit: (expert: number, reason: ReviewConflict, matched: string) => void): void {
    const applicant = normalizeOrganization(application.organization);
    this.organizations.forEachRelated(applicant, ({ expert, name }) => {
      const same = normalizeOrganization(name) === applicant;
      visit(expert, same ? 'same_organization' : 'affiliated_organization', same ? application.organization : name);
    });
    for (const related of application.relatedOrganizations ?? []) {
      this.organizations.forEachRelated(normalizeOrganization(related), ({ expert }) => visit(expert, 'related_organization', related));
    }
    this.conflicts.forEachRelated(applicant, ({ expert, name }) => visit(expert, 'declared_conflict', name));
    for (const entry of application.avoid ?? []) {
      const key = normalizeOrganization(entry);
      for (const { expert } of this.names.get(key) ?? []) visit(expert, 'applicant_avoid', entry);
      this.organizations.forEachRelated(key, ({ expert }) => visit(expert, 'applicant_avoid', entry));
    }
  }

  /** Calls `visit` for every expert the application refuses by region. */
  forEachInRegion(application: AssignmentApplication, visit: (expert: number, matched: string) => void): void {
    if (!this.avoidSameRegion || application.region === undefined) return;
    for (const { expert, name } of this.regions.get(normalizeOrganization(application.region)) ?? []) visit(expert, name);
  }
}

/**
 * A round prepared once for the assignment solver: names normalised, recusals indexed
 * ({@link RecusalIndex}), tags as integers with an inverted index, seeded hashes per
 * application and expert. Eligibility and expertise matches of one application at a time are
 * then array look-ups, so the solver can scan every pair without building it.
 */
import type { AssignmentApplication, AssignmentExpert } from './assignment-model.js';
import { normalizeOrganization, RecusalIndex } from './assignment-recusal.js';
import { hash32, mix32 } from './assignment-random.js';

/** The applications an expert may review in the round: their capacity as a whole number, 0 when it is not a finite number. */
export function capacityOf(expert: Pick<AssignmentExpert, 'capacity'>): number {
  return Number.isFinite(expert.capacity) ? Math.max(0, Math.floor(expert.capacity)) : 0;
}

/** Spread of the draw's random preference per pair (and of the tie-break). */
export const RANDOM_RANGE = 1024;

/** Compressed rows: row `r` is `values[start[r] … start[r + 1])`. */
interface Rows {
  readonly start: Int32Array;
  readonly values: Int32Array;
}

function rowsOf(lists: readonly (readonly number[])[]): Rows {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, r) => (start[r + 1] = start[r]! + list.length));
  const values = new Int32Array(start[lists.length]!);
  lists.forEach((list, r) => values.set(list, start[r]));
  return { start, values };
}

/** The round prepared once: keys normalised, recusals indexed, tags as integers. */
export class Pool {
  readonly n: number;
  readonly m: number;
  readonly capacity: Int32Array;
  private readonly refused: Rows;
  private readonly refusedRegion: Int32Array;
  private readonly expertRegions: Int32Array;
  private readonly appTags: Rows;
  private readonly tagExperts: Rows;
  private readonly appHash: Uint32Array;
  private readonly drawHash: Uint32Array;
  private readonly expertHash: Uint32Array;
  /** Scratch for the application last passed to {@link select}. */
  private readonly refusedBy: Int32Array;
  private readonly matchCount: Int32Array;
  private touched: number[] = [];
  private readonly regionSizes: Int32Array;
  /** Eligible experts of the selected application. */
  eligibleCount = 0;
  /** Stamp of the current selection in `refusedBy` (each call of {@link select} takes a new one). */
  private stamp = 0;

  constructor(
    applications: readonly AssignmentApplication[],
    experts: readonly AssignmentExpert[],
    avoidSameRegion: boolean,
    seed: string,
  ) {
    this.n = applications.length;
    this.m = experts.length;
    this.capacity = Int32Array.from(experts, capacityOf);
    const index = new RecusalIndex(experts, avoidSameRegion);
    this.refused = rowsOf(
      applications.map((application) => {
        const list: number[] = [];
        index.forEachRefused(application, (j) => list.push(j));
        return list;
      }),
    );
    this.refusedRegion = Int32Array.from(applications, (application) => index.refusedRegion(application));
    this.expertRegions = index.expertRegions;
    const tagIds = new Map<string, number>();
    const tagLists: number[][] = [];
    const idOf = (tag: string) => {
      const key = normalizeOrganization(tag);
      if (!tagIds.has(key)) {
        tagIds.set(key, tagIds.size);
        tagLists.push([]);
      }
      return tagIds.get(key)!;
    };
    experts.forEach((expert, j) => {
      for (const tag of new Set(expert.expertise.map(idOf))) tagLists[tag]!.push(j);
    });
    this.appTags = rowsOf(applications.map((application) => [...new Set((application.tags ?? []).map(idOf))]));
    this.tagExperts = rowsOf(tagLists);
    this.appHash = Uint32Array.from(applications, (application) => hash32(`${seed}\u0000${application.id}`));
    this.drawHash = Uint32Array.from(applications, (application) => hash32(`${seed}\u0000draw\u0000${application.id}`));
    this.expertHash = Uint32Array.from(experts, (expert) => hash32(expert.id));
    this.refusedBy = new Int32Array(this.m);
    this.matchCount = new Int32Array(this.m);
    let regions = 0;
    for (const region of this.expertRegions) regions = Math.max(regions, region + 1);
    this.regionSizes = new Int32Array(regions);
    for (const region of this.expertRegions) if (region >= 0) this.regionSizes[region]! += 1;
  }

  /** Prepares {@link eligible} and {@link match} for application `i`. */
  select(i: number): void {
    for (const j of this.touched) this.matchCount[j] = 0;
    this.touched = [];
    const { start, values } = this.refused;
    const region = this.refusedRegion[i]!;
    let refused = region < 0 ? 0 : this.regionSizes[region]!;
    const stamp = ++this.stamp;
    for (let p = start[i]!; p < start[i + 1]!; p++) {
      const j = values[p]!;
      if (this.refusedBy[j] === stamp) continue;
      this.refusedBy[j] = stamp;
      if (region < 0 || this.expertRegions[j] !== region) refused += 1;
    }
    this.eligibleCount = this.m - refused;
    for (let t = this.appTags.start[i]!; t < this.appTags.start[i + 1]!; t++) {
      const tag = this.appTags.values[t]!;
      for (let p = this.tagExperts.start[tag]!; p < this.tagExperts.start[tag + 1]!; p++) {
        const j = this.tagExperts.values[p]!;
        if (this.matchCount[j] === 0) this.touched.push(j);
        this.matchCount[j] = this.matchCount[j]! + 1;
      }
    }
  }

  /** Whether expert `j` may review application `i` (`select(i)` the last selection). */
  eligible(i: number, j: number): boolean {
    const region = this.refusedRegion[i]!;
    return this.refusedBy[j] !== this.stamp && (region < 0 || this.expertRegions[j] !== region);
  }

  /** Expertise matches of expert `j` with the selected application. */
  match(j: number): number {
    return this.matchCount[j]!;
  }

  /** Experts with at least one match with the selected application. */
  matched(): readonly number[] {
    return this.touched;
  }

  /** A seeded number in [0, RANDOM_RANGE) per pair, for ties. */
  tie(i: number, j: number): number {
    return mix32(this.appHash[i]!, this.expertHash[j]!) % RANDOM_RANGE;
  }

  /** The draw's seeded random preference per pair, in [0, RANDOM_RANGE). */
  draw(i: number, j: number): number {
    return mix32(this.drawHash[i]!, this.expertHash[j]!) % RANDOM_RANGE;
  }
}

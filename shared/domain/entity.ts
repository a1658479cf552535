/** Fields every stored resource carries (API contract: id, createdAt, updatedAt, version). */
export interface EntityMeta {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-locking version: 1 on creation, +1 on every change. */
  readonly version: number;
}

/** The meta fields of a new entity created at `now`. */
export function newEntityMeta(id: string, now: Date): EntityMeta {
  const at = now.toISOString();
  return { id, createdAt: at, updatedAt: at, version: 1 };
}

/**
 * The next version of an entity with `changes` applied at `now`.
 *
 * @example
 * const next = revise(round, { status: 'screening' }, now);
 */
export function revise<T extends EntityMeta>(entity: T, changes: Partial<Omit<T, keyof EntityMeta>>, now: Date): T {
  return { ...entity, ...changes, updatedAt: now.toISOString(), version: entity.version + 1 };
}

/** Identifiers: sortable entity ids and unguessable link ids. */
export interface IdGenerator {
  /** A new entity id, e.g. `app_01JD…`, time-sortable. */
  entityId(prefix: string): string;
  /** An unguessable opaque id for links sent by e-mail (≥ 128 bits of randomness). */
  secretId(): string;
}

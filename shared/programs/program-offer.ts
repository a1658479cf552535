/**
 * Which programs a deployment offers: those of its own province, plus the national (ministry,
 * no `province`) programs it chooses (all of them unless it names some). The local runtime
 * (`local`) offers every program.
 */
import type { ProgramTemplate } from './schema.js';

/** A deployment's program setting: its province code and the national programs it offers (absent: all). */
export interface ProgramOffer {
  readonly province: string;
  readonly nationalPrograms?: readonly string[] | undefined;
}

/** The province of the local runtime, which offers every program. */
export const everyProvince = 'local';

/**
 * Whether the deployment offers `program`.
 *
 * @example
 * isOffered({ id: 'sh-collab-base', province: 'sh' }, { province: 'gx' }); // false
 */
export function isOffered(program: Pick<ProgramTemplate, 'id' | 'province'>, offer: ProgramOffer): boolean {
  if (offer.province === everyProvince) return true;
  if (program.province === undefined) return offer.nationalPrograms === undefined || offer.nationalPrograms.includes(program.id);
  return program.province === offer.province;
}

/**
 * The programs a deployment offers (its province's own and the national ones it chooses, see
 * `program-offer.ts`), each at its latest version: the built-in templates, revised by staff
 * where they stored a new version, then the programs staff defined.
 */
import { DomainError } from '../shared/domain/errors.js';
import type { StoredProgram } from '../shared/domain/program-definition.js';
import { isOffered } from '../shared/programs/program-offer.js';
import { findProgram, listPrograms, programSummary, type ProgramSummary } from '../shared/programs/registry.js';
import type { ProgramTemplate } from '../shared/programs/schema.js';
import type { Dependencies } from './composition-root.js';

/** A program at its latest version. */
export interface CatalogueEntry {
  readonly template: ProgramTemplate;
  readonly version: number;
  /** Whether version 1 is a built-in template. */
  readonly builtIn: boolean;
  /** When staff stored the latest version; absent for an unrevised built-in template. */
  readonly updatedAt?: string;
}

/** What staff lists show of a program. */
export interface StaffProgramSummary extends ProgramSummary {
  readonly province?: string;
  readonly version: number;
  readonly builtIn: boolean;
  readonly updatedAt?: string;
}

function entryOf(stored: StoredProgram): CatalogueEntry {
  return { template: stored.template, version: stored.latestVersion, builtIn: stored.builtIn, updatedAt: stored.updatedAt };
}

/** The catalogue entry of a stored program, or of a built-in template not revised yet. */
export function catalogueEntry(stored: StoredProgram | undefined, builtIn: ProgramTemplate): CatalogueEntry {
  return stored ? entryOf(stored) : { template: builtIn, version: 1, builtIn: true };
}

/** The latest version of the program with this id, whether offered or not; `undefined` when there is none. */
export async function latestProgram(deps: Dependencies, id: string): Promise<CatalogueEntry | undefined> {
  const stored = await deps.records.get('program', id);
  const builtIn = findProgram(id);
  return builtIn ? catalogueEntry(stored, builtIn) : stored && catalogueEntry(stored, stored.template);
}

/** Every program the deployment offers, at its latest version: built-in ones first (registry order), then staff's by id. */
export async function offeredPrograms(deps: Dependencies): Promise<CatalogueEntry[]> {
  const stored = new Map((await deps.records.listStoredPrograms()).map((program) => [program.id, program]));
  const builtIns = listPrograms();
  const builtInIds = new Set(builtIns.map((program) => program.id));
  const staffDefined = [...stored.values()].filter((program) => !builtInIds.has(program.id)).sort((a, b) => a.id.localeCompare(b.id));
  return [...builtIns.map((program) => catalogueEntry(stored.get(program.id), program)), ...staffDefined.map(entryOf)].filter((entry) =>
    isOffered(entry.template, deps.settings),
  );
}

/** The staff list's row of a program. */
export function staffProgramSummary(entry: CatalogueEntry): StaffProgramSummary {
  const { province } = entry.template;
  return {
    ...programSummary(entry.template),
    ...(province === undefined ? {} : { province }),
    version: entry.version,
    builtIn: entry.builtIn,
    ...(entry.updatedAt === undefined ? {} : { updatedAt: entry.updatedAt }),
  };
}

/**
 * The latest version of a program a new round may run: one the deployment offers.
 *
 * @throws DomainError PROGRAM_NOT_FOUND (422) when there is no such program, PROGRAM_NOT_OFFERED (422) when the deployment does not offer it.
 */
export async function requireOfferedProgram(deps: Dependencies, id: string): Promise<CatalogueEntry> {
  const entry = await latestProgram(deps, id);
  if (!entry) throw new DomainError('PROGRAM_NOT_FOUND', 'named', { id }, [{ path: 'programId', message: '认定项目不存在' }]);
  if (!isOffered(entry.template, deps.settings)) {
    throw new DomainError('PROGRAM_NOT_OFFERED', 'deployment', { name: entry.template.name }, [{ path: 'programId', message: '本平台未提供该认定项目' }]);
  }
  return entry;
}

/**
 * Programs defined by staff (认定项目), kept in versions: a program's record carries its latest
 * template and version number, and every version is also kept as an immutable record of its
 * own, so a round goes on with the version it was created with while staff publish the next.
 * A built-in template (shared/programs/templates) is version 1 of its id; staff revising it
 * store version 2 and on.
 */
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';
import type { ProgramTemplate } from '../programs/schema.js';

/** A program as stored: its latest template (id = the program id). */
export interface StoredProgram extends EntityMeta {
  /** The number of the latest version; a built-in template is version 1, so its first stored version is 2. */
  readonly latestVersion: number;
  /** Whether version 1 is a built-in template (seed data, not stored). */
  readonly builtIn: boolean;
  readonly template: ProgramTemplate;
}

/** One version of a program, never changed once written (id = {@link programVersionId}). */
export interface ProgramVersion extends EntityMeta {
  readonly programId: string;
  readonly number: number;
  readonly template: ProgramTemplate;
}

/** The record id of version `number` of a program, e.g. `sh-benchmark-school@2`. */
export function programVersionId(programId: string, number: number): string {
  return `${programId}@${number}`;
}

/** What already goes by a program id: its stored record and/or its built-in template. */
export interface ExistingProgram {
  readonly stored?: StoredProgram | undefined;
  readonly builtIn?: ProgramTemplate | undefined;
}

/**
 * A new program from a validated template, as its version 1.
 *
 * @throws DomainError ALREADY_EXISTS (409) when a program (built-in or stored) has the id.
 */
export function createProgram(template: ProgramTemplate, existing: ExistingProgram, context: { actor: Actor; now: Date }): Change<StoredProgram> {
  if (existing.stored || existing.builtIn) {
    throw new DomainError('ALREADY_EXISTS', 'program', { id: template.id }, [{ path: 'template.id', message: '已存在' }]);
  }
  const program: StoredProgram = { ...newEntityMeta(template.id, context.now), latestVersion: 1, builtIn: false, template };
  return { entity: program, expectedVersion: 0, events: [audit(context.actor, 'program.created', 'program', undefined, program, context.now, { programVersion: 1 })] };
}

/**
 * The next version of program `id` from a validated template whose id must be `id`.
 *
 * @throws DomainError TEMPLATE_INVALID (422) when the template's id differs, PROGRAM_NOT_FOUND (404) when there is no such program.
 */
export function reviseProgram(id: string, template: ProgramTemplate, existing: ExistingProgram, context: { actor: Actor; now: Date }): Change<StoredProgram> {
  if (template.id !== id) {
    throw new DomainError('TEMPLATE_INVALID', 'template', [{ path: 'template.id', message: `模板的 id 应为“${id}”` }]);
  }
  const { stored, builtIn } = existing;
  if (!stored && !builtIn) throw new DomainError('PROGRAM_NOT_FOUND', 'id', { id });
  const program: StoredProgram = stored
    ? revise(stored, { latestVersion: stored.latestVersion + 1, template }, context.now)
    : { ...newEntityMeta(id, context.now), latestVersion: 2, builtIn: true, template };
  return {
    entity: program,
    expectedVersion: stored?.version ?? 0,
    events: [audit(context.actor, 'program.versioned', 'program', stored, program, context.now, { programVersion: program.latestVersion })],
  };
}

/** The immutable record of a program's latest version, written with the change that made it. */
export function recordProgramVersion(program: StoredProgram, context: { actor: Actor; now: Date }): Change<ProgramVersion> {
  const version: ProgramVersion = {
    ...newEntityMeta(programVersionId(program.id, program.latestVersion), context.now),
    programId: program.id,
    number: program.latestVersion,
    template: program.template,
  };
  return { entity: version, expectedVersion: 0, events: [audit(context.actor, 'program_version.recorded', 'program_version', undefined, version, context.now)] };
}

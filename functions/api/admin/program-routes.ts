/** Staff routes for programs as data (认定项目): list, read, define and version templates. */
import * as z from 'zod';
import { createProgram, recordProgramVersion, reviseProgram, type ExistingProgram } from '#shared/domain/program-definition.js';
import type { Change } from '#shared/domain/audit-event.js';
import type { StoredProgram } from '#shared/domain/program-definition.js';
import { tagged } from '#shared/ports/record-store.js';
import { findProgram } from '#shared/programs/registry.js';
import type { Dependencies } from '#functions/composition-root.js';
import { catalogueEntry, latestProgram, offeredPrograms, staffProgramSummary } from '#functions/program-catalogue.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { maxTemplateBodyBytes, parseStaffTemplate } from './program-template-input.js';
import { DomainError } from '#shared/domain/errors.js';

/** `{template}`: the template itself is checked by {@link parseStaffTemplate} (422 with paths). */
const templateBody = z.object({ template: z.unknown() }).strict();

async function existingProgram(deps: Dependencies, id: string): Promise<ExistingProgram> {
  return { stored: await deps.records.get('program', id), builtIn: findProgram(id) };
}

/** Writes the program's new latest version and its immutable version record together. */
async function commitVersion(deps: Dependencies, change: Change<StoredProgram>, context: Parameters<typeof recordProgramVersion>[1]): Promise<StoredProgram> {
  await deps.records.commit([tagged('program', change), tagged('programVersion', recordProgramVersion(change.entity, context))]);
  return change.entity;
}

export const programRoutes = [
  route({ method: 'GET', path: '/api/admin/programs', auth: 'admin' }, async ({ deps }) => ({
    body: { programs: (await offeredPrograms(deps)).map(staffProgramSummary) },
  })),

  route({ method: 'GET', path: '/api/admin/programs/{id}', auth: 'admin' }, async ({ params, deps }) => {
    const entry = await latestProgram(deps, params['id']!);
    if (!entry) throw new DomainError('PROGRAM_NOT_FOUND', 'id', { id: params['id']! });
    return { body: { program: staffProgramSummary(entry), template: entry.template } };
  }),

  route({ method: 'POST', path: '/api/admin/programs', auth: 'admin', body: templateBody, maxBodyBytes: maxTemplateBodyBytes }, async ({ body, principal, deps }) => {
    const template = parseStaffTemplate(body.template, deps.settings);
    const context = { actor: actorOf(principal), now: deps.clock.now() };
    const program = await commitVersion(deps, createProgram(template, await existingProgram(deps, template.id), context), context);
    return { status: 201, body: { program: staffProgramSummary(catalogueEntry(program, template)) } };
  }),

  route({ method: 'PUT', path: '/api/admin/programs/{id}', auth: 'admin', body: templateBody, maxBodyBytes: maxTemplateBodyBytes }, async ({ params, body, principal, deps }) => {
    const id = params['id']!;
    const template = parseStaffTemplate(body.template, deps.settings);
    const context = { actor: actorOf(principal), now: deps.clock.now() };
    const program = await commitVersion(deps, reviseProgram(id, template, await existingProgram(deps, id), context), context);
    return { body: { program: staffProgramSummary(catalogueEntry(program, template)) } };
  }),
];

/**
 * The registry of recognition programs: every template in `./templates/` parsed once with
 * {@link programTemplateSchema} when this module is first imported. A template that does not
 * parse stops the import with the schema's error, so a bad template never reaches a handler.
 */
import { programTemplateSchema, type ProgramTemplate, type ProgramTemplateInput } from './schema.js';
import { cnAseanCraftsman } from './templates/cn-asean-craftsman.js';
import { cnAseanTechInnovation } from './templates/cn-asean-tech-innovation.js';
import { gxCityConsortium } from './templates/gx-city-consortium.js';
import { gxIndustryCommunity } from './templates/gx-industry-community.js';
import { miitDemoBase } from './templates/miit-demo-base.js';
import { shBenchmarkSchool } from './templates/sh-benchmark-school.js';
import { shCollabBase } from './templates/sh-collab-base.js';
import { shIndustryEnterprise } from './templates/sh-industry-enterprise.js';

/** The template inputs in registry order (national first, then by province). */
export const programTemplateInputs: readonly ProgramTemplateInput[] = [
  miitDemoBase,
  shCollabBase,
  shBenchmarkSchool,
  shIndustryEnterprise,
  gxCityConsortium,
  gxIndustryCommunity,
  cnAseanTechInnovation,
  cnAseanCraftsman,
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const programs: readonly ProgramTemplate[] = Object.freeze(
  programTemplateInputs.map((input) => {
    const parsed = programTemplateSchema.safeParse(input);
    if (!parsed.success) {
      throw new Error(`program template ${String(input.id)} is invalid: ${parsed.error.message}`);
    }
    return deepFreeze(parsed.data);
  }),
);

const byId = new Map<string, ProgramTemplate>();
for (const program of programs) {
  if (byId.has(program.id)) throw new Error(`duplicate program id ${program.id}`);
  byId.set(program.id, program);
}

/** What lists and pickers show of a program. */
export interface ProgramSummary {
  id: string;
  name: string;
  issuer: string;
  policyRef: string;
  applicantKinds: { code: string; label: string }[];
}

/** Every registered program, parsed and with defaults filled in, in registry order. */
export function listPrograms(): ProgramTemplate[] {
  return [...programs];
}

/**
 * The program with this id, or `undefined` when there is none.
 *
 * @example
 * const program = findProgram('gx-city-consortium');
 * if (!program) throw new DomainError('PROGRAM_NOT_FOUND', 'id', { id });
 */
export function findProgram(id: string): ProgramTemplate | undefined {
  return byId.get(id);
}

/** The short description of a program that lists and pickers show. */
export function programSummary(program: ProgramTemplate): ProgramSummary {
  return {
    id: program.id,
    name: program.name,
    issuer: program.issuer,
    policyRef: program.policyRef,
    applicantKinds: program.applicantKinds.map((kind) => ({ code: kind.code, label: kind.label })),
  };
}

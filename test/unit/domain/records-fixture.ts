/** Records for domain tests: a round, an application and evidence built with the domain's own verbs. */
import type { Actor } from '#shared/domain/audit-event.js';
import { createApplication, type Application } from '#shared/domain/application.js';
import { createRound, type Round } from '#shared/domain/round.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import { completeForm, makeProgram } from './program-fixture.js';

export const staff: Actor = { kind: 'admin', id: 'staff-1' };
export const school: Actor = { kind: 'institution', id: 'inst-1' };
export const t0 = new Date('2026-03-02T02:00:00Z');

/** Minutes after {@link t0}. */
export function at(minutes: number): Date {
  return new Date(t0.getTime() + minutes * 60_000);
}

/** An open round of the test program, intake t0 − 1 h … t0 + 10 days. */
export function openRound(program: ProgramTemplate = makeProgram()): Round {
  return createRound(
    {
      programId: program.id,
      title: '测试批次',
      year: 2026,
      intakeOpensAt: new Date(t0.getTime() - 3600_000).toISOString(),
      intakeClosesAt: new Date(t0.getTime() + 10 * 86_400_000).toISOString(),
    },
    program,
    { id: 'round-1', province: 'gx', actor: staff, now: t0 },
  ).entity;
}

/** A draft application with the complete test form. */
export function draftApplication(round: Round = openRound(), program: ProgramTemplate = makeProgram()): Application {
  return createApplication({ form: completeForm }, round, program, { id: 'app-1', orgId: 'org-1', actor: school, now: t0 }).entity;
}

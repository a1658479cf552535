/**
 * Recognised units (认定单位): each application recognised when its round publishes becomes a
 * unit with a cycle (program default: 3 years from recognition), its status managed after
 * recognition (`active → rectifying → active | revoked`, `active → completed` at the cycle's end).
 */
import type { ProgramTemplate } from '../programs/schema.js';
import type { Application } from './application.js';
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';

export type UnitStatus = 'active' | 'rectifying' | 'revoked' | 'completed';

/** The Chinese label of each unit status, as pages show it. */
export const unitStatusLabels: Readonly<Record<UnitStatus, string>> = { active: '建设中', rectifying: '整改中', revoked: '已撤销', completed: '周期已结束' };

/** Cycle length (years) where the program names none. */
export const defaultCycleYears = 3;

export interface Unit extends EntityMeta {
  readonly applicationId: string;
  readonly roundId: string;
  readonly programId: string;
  /** The program version the recognising round ran (absent: version 1). */
  readonly programVersion?: number;
  readonly orgId: string;
  /** The recognised organisation's name (the application's 申报单位). */
  readonly organization: string;
  /** The recognised project's title. */
  readonly title: string;
  /** The contact address from the application, where reminders go. */
  readonly contactEmail?: string;
  readonly recognizedAt: string;
  readonly cycleStartsAt: string;
  readonly cycleEndsAt: string;
  readonly status: UnitStatus;
  readonly rectification?: { readonly deadline: string; readonly note: string; readonly roundId: string };
  readonly revocation?: { readonly roundId: string; readonly noticeNumber: string; readonly at: string };
  /** The annual duties reminded already, as `<year>-<kind>` (one reminder each). */
  readonly remindedDuties?: readonly string[];
}

/** The deterministic id of the unit an application becomes: a retried publication finds it taken. */
export function unitIdOf(applicationId: string): string {
  return `unit_${applicationId}`;
}

/** The cycle length of a program's units: its duties' `cycleYears`, else its periodic evaluation's, else {@link defaultCycleYears}. */
export function cycleYearsOf(program: Pick<ProgramTemplate, 'postRecognition' | 'duties'>): number {
  return program.duties?.cycleYears ?? program.postRecognition.find((duty) => duty.kind === 'periodic_evaluation')?.cycleYears ?? defaultCycleYears;
}

/** Whether the program evaluates its units at the end of their cycle (周期评估): then the cycle's end does not complete them by itself. */
export function hasPeriodicEvaluation(program: Pick<ProgramTemplate, 'postRecognition'>): boolean {
  return program.postRecognition.some((duty) => duty.kind === 'periodic_evaluation');
}

/** `at` moved by whole calendar years (UTC); 29 February becomes 1 March in a common year. */
export function addYears(at: Date, years: number): Date {
  const next = new Date(at.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

function contactEmailOf(application: Pick<Application, 'form'>): string | undefined {
  const email = application.form['contactEmail'];
  return typeof email === 'string' && email.includes('@') ? email.trim() : undefined;
}

/**
 * The unit a recognised application becomes at `now` (the publication), with its cycle.
 *
 * @throws RangeError when the application is not recognised.
 */
export function recognizeUnit(
  application: Application,
  round: { readonly id: string; readonly programVersion?: number | undefined },
  program: Pick<ProgramTemplate, 'postRecognition' | 'duties'>,
  context: { actor: Actor; now: Date },
): Change<Unit> {
  if (application.status !== 'recognized') throw new RangeError(`application ${application.id} is not recognized`);
  const at = context.now.toISOString();
  const contactEmail = contactEmailOf(application);
  const unit: Unit = {
    ...newEntityMeta(unitIdOf(application.id), context.now),
    applicationId: application.id,
    roundId: round.id,
    programId: application.programId,
    ...(round.programVersion === undefined ? {} : { programVersion: round.programVersion }),
    orgId: application.orgId,
    organization: application.applicantName,
    title: application.title,
    ...(contactEmail ? { contactEmail } : {}),
    recognizedAt: at,
    cycleStartsAt: at,
    cycleEndsAt: addYears(context.now, cycleYearsOf(program)).toISOString(),
    status: 'active',
  };
  return { entity: unit, expectedVersion: 0, events: [audit(context.actor, 'unit.recognized', 'unit', undefined, unit, context.now, { applicationId: application.id, roundId: round.id })] };
}

/**
 * Records that a late duty was reminded (`<year>-<kind>`). Undefined when it was reminded already.
 */
export function recordDutyReminder(unit: Unit, duty: string, context: { actor: Actor; now: Date }): Change<Unit> | undefined {
  if (unit.remindedDuties?.includes(duty)) return undefined;
  const next = revise(unit, { remindedDuties: [...(unit.remindedDuties ?? []), duty] }, context.now);
  return { entity: next, expectedVersion: unit.version, events: [audit(context.actor, 'unit.duty_reminded', 'unit', unit, next, context.now, { duty })] };
}

/**
 * Ends an active unit's cycle (`completed`) once `cycleEndsAt` has passed. Undefined when the
 * unit is not active (rectifying, revoked or completed already) or its cycle has not ended.
 */
export function completeUnitCycle(unit: Unit, context: { actor: Actor; now: Date }): Change<Unit> | undefined {
  if (unit.status !== 'active' || context.now.getTime() < Date.parse(unit.cycleEndsAt)) return undefined;
  const next = revise(unit, { status: 'completed' }, context.now);
  return { entity: next, expectedVersion: unit.version, events: [audit(context.actor, 'unit.cycle_completed', 'unit', unit, next, context.now)] };
}

/**
 * Ends a unit's rectification once staff accept its rectification report (`reportId`): the unit
 * is `active` again, its rectification dropped. Undefined when it is not rectifying (ended already,
 * or revoked, or completed): a repeated acceptance changes nothing.
 */
export function endRectification(unit: Unit, reportId: string, context: { actor: Actor; now: Date }): Change<Unit> | undefined {
  if (unit.status !== 'rectifying') return undefined;
  const { rectification, ...rest } = unit;
  const next: Unit = revise(rest, { status: 'active' }, context.now);
  return {
    entity: next,
    expectedVersion: unit.version,
    events: [audit(context.actor, 'unit.rectification_ended', 'unit', unit, next, context.now, { reportId, ...(rectification ? { roundId: rectification.roundId, deadline: rectification.deadline } : {}) })],
  };
}

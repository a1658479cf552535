/**
 * Tasks of the unit workflow (statemachines/unit.asl.json): the duty schedule of one leg of a
 * recognised unit's cycle, the reminder of a duty still open at its due date, the start of the
 * next leg, the end of the cycle, and the report of a failed step.
 *
 * A cycle lasts years, a Standard execution one year at most: each execution covers one leg of
 * at most 300 days and starts the next leg's execution at its end (see duty-legs.ts).
 */
import * as z from 'zod';
import { systemActor } from '#shared/domain/audit-event.js';
import { completeUnitCycle, hasPeriodicEvaluation, recordDutyReminder } from '#shared/domain/unit.js';
import { dutyLeg } from '#shared/domain/duty-legs.js';
import { annualDuties, dutyKey, isDutyOpen, reportKindLabels } from '#shared/domain/unit-report.js';
import { unitStepLabels, type UnitStep } from '#shared/domain/workflow-failure.js';
import { tagged } from '#shared/ports/record-store.js';
import { dutyReminderMail } from '../notifications/mail-templates.js';
import { requireRecord, requireRoundProgram } from '../record-lookups.js';
import { unitLegExecutionName } from './execution-names.js';
import { startEachOnce } from './start-once.js';
import { caughtError, reportUnitStepFailure } from './step-failures.js';
import { task, workflowTasks } from './task-dispatch.js';

const byUnit = z.object({ unitId: z.string() });
const unitSteps = Object.keys(unitStepLabels) as [UnitStep, ...UnitStep[]];

/** A leg's start: null for the first leg of a chain (every duty up to its end, overdue ones at once). */
const legStart = z.iso.datetime({ offset: true }).nullable();

/** The tasks of the unit workflow by the name its definition (`statemachines/unit.asl.json`) passes as `task`. */
export const tasks = {
  /** The unit's duties due in the leg starting at `from` (small: two a year), its end, and the cycle's end (see duty-legs.ts). */
  schedule: task(byUnit.extend({ from: legStart }), async ({ unitId, from }, deps) => {
    const unit = await requireRecord(deps, 'unit', unitId);
    const leg = dutyLeg(annualDuties(unit, await requireRoundProgram(deps, unit)), unit.cycleEndsAt, from, deps.clock.now());
    return { ...leg, cycleEndsAt: unit.cycleEndsAt };
  }),

  /** At the end of a leg: starts the chain's next leg, once (its name comes from the chain and the leg's start). */
  startNextLeg: task(byUnit.extend({ chain: z.string().min(1), from: z.iso.datetime({ offset: true }) }), async ({ unitId, chain, from }, deps) => {
    await startEachOnce(deps, 'unit', [from], (start) => ({ name: unitLegExecutionName(chain, start), input: { unitId, chain, from: start } }));
    return {};
  }),

  /** A step failed: staff are told why; the machine tries it again at `retryAt`. */
  reportFailure: task(byUnit.extend({ step: z.enum(unitSteps), error: caughtError }), async ({ unitId, step, error }, deps) => reportUnitStepFailure(deps, { unitId, step, error })),

  /**
   * At a duty's due date: when that report is still not submitted (and the unit still under
   * duty), records the reminder, then mails the unit; a retried task finds it recorded and mails
   * no second time.
   */
  remind: task(byUnit.extend({ year: z.number().int(), kind: z.enum(['plan', 'summary', 'rectification']) }), async ({ unitId, year, kind }, deps) => {
    const unit = await requireRecord(deps, 'unit', unitId);
    if (unit.status !== 'active' && unit.status !== 'rectifying') return { reminded: false };
    const report = (await deps.records.listReportsOfUnit(unit.id)).find((item) => item.year === year && item.kind === kind);
    const fresh = report && (await deps.records.get('report', report.id));
    const change = recordDutyReminder(unit, dutyKey({ year, kind }), { actor: systemActor, now: deps.clock.now() });
    if (!isDutyOpen(fresh) || !change) return { reminded: false };
    // the reminder is recorded first (a conditional write): a retry after a conflict or a timeout finds it and mails no second time
    await deps.records.commit([tagged('unit', change)]);
    const duty = annualDuties(unit, await requireRoundProgram(deps, unit)).find((item) => item.year === year && item.kind === kind);
    if (unit.contactEmail && duty) {
      await deps.mailer.send(
        dutyReminderMail(unit.contactEmail, {
          organization: unit.organization,
          title: unit.title,
          report: kind === 'rectification' ? reportKindLabels[kind] : `${year}年度${reportKindLabels[kind]}`,
          rectification: kind === 'rectification',
          dueAt: duty.dueAt,
          url: `${deps.settings.publicBaseUrl}/portal/units`,
        }),
      );
    }
    return { reminded: true };
  }),

  /** The cycle's end completes an active unit, unless its program evaluates units then (the evaluation decides). */
  endCycle: task(byUnit, async ({ unitId }, deps) => {
    const unit = await requireRecord(deps, 'unit', unitId);
    if (hasPeriodicEvaluation(await requireRoundProgram(deps, unit))) return { completed: false };
    const change = completeUnitCycle(unit, { actor: systemActor, now: deps.clock.now() });
    if (change) await deps.records.commit([tagged('unit', change)]);
    return { completed: change !== undefined };
  }),
};

/** The Lambda handler of {@link tasks}. */
export const handler = workflowTasks(tasks);

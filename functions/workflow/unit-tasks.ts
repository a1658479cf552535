/**
 * Tasks of the unit workflow (statemachines/unit.asl.json): the duty schedule of a recognised
 * unit, the reminder of a duty still open at its due date, and the end of the cycle.
 */
import * as z from 'zod';
import { systemActor } from '../../shared/domain/audit-event.js';
import { completeUnitCycle, hasPeriodicEvaluation, recordDutyReminder } from '../../shared/domain/unit.js';
import { annualDuties, dutyKey, isDutyOpen, reportKindLabels } from '../../shared/domain/unit-report.js';
import { tagged } from '../../shared/ports/record-store.js';
import { dutyReminderMail } from '../notifications/mail-templates.js';
import { requireRecord, requireRoundProgram } from '../record-lookups.js';
import { task, workflowTasks } from './task-dispatch.js';

const byUnit = z.object({ unitId: z.string() });

/** The tasks of the unit workflow by the name its definition (`statemachines/unit.asl.json`) passes as `task`. */
export const tasks = {
  /** The unit's duties by due date and the end of its cycle (small: two a year). */
  schedule: task(byUnit, async ({ unitId }, deps) => {
    const unit = await requireRecord(deps, 'unit', unitId);
    return { duties: annualDuties(unit, await requireRoundProgram(deps, unit)), cycleEndsAt: unit.cycleEndsAt };
  }),

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

/**
 * Staff routes for the annual reports of recognised units: the list by year and status (with
 * the late duties, also those no report was started for), one report with its files, and the
 * review (accept with a rating, or return for correction; accepting a rectification report
 * puts its unit back to `active`).
 */
import * as z from 'zod';
import type { Unit } from '#shared/domain/unit.js';
import { dutyStates, reportFormOf, reportKindLabels, reviewUnitReport, type UnitReport } from '#shared/domain/unit-report.js';
import { tagged } from '#shared/ports/record-store.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import type { Dependencies } from '#functions/composition-root.js';
import { requireRecord } from '#functions/record-lookups.js';
import { boundedText } from '../http/bounded-schemas.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { parseInput } from '../http/validation.js';
import { reportView } from '../units/report-view.js';
import { unitProgram } from '../units/unit-lookups.js';

const reportsQuery = z
  .object({
    year: z.string().regex(/^[0-9]{4}$/, '应为四位年份').transform(Number).optional(),
    status: z.enum(['overdue', 'draft', 'submitted', 'accepted', 'returned']).optional(),
  })
  .strict();
const reviewBody = z
  .object({
    outcome: z.enum(['accepted', 'returned']),
    rating: z.enum(['excellent', 'good', 'pass', 'fail']).optional(),
    note: boundedText(2000, { trim: true }),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.outcome === 'returned' && body.note.length === 0) context.addIssue({ code: 'custom', path: ['note'], message: '退回时请写明需要修改的内容' });
  });

/** The units' names beside a report: its organisation and project title. */
function named(report: UnitReport, units: ReadonlyMap<string, Unit>) {
  const unit = units.get(report.unitId);
  return { ...reportView(report), organization: unit?.organization ?? '', title: unit?.title ?? '' };
}

/** The late duties of the units still under duty (active or rectifying), of one year or all, with or without a report started. */
async function overdueDuties(deps: Dependencies, units: readonly Unit[], reports: readonly UnitReport[], year: number | undefined) {
  const programs = new Map<string, Promise<ProgramTemplate>>();
  const programOf = (unit: Unit) => {
    const key = `${unit.programId}@${unit.programVersion ?? 1}`;
    if (!programs.has(key)) programs.set(key, unitProgram(deps, unit));
    return programs.get(key)!;
  };
  const now = deps.clock.now();
  const rows = [];
  for (const unit of units.filter((item) => item.status === 'active' || item.status === 'rectifying')) {
    const own = reports.filter((report) => report.unitId === unit.id);
    for (const duty of dutyStates(unit, await programOf(unit), own, now)) {
      if (!duty.overdue || (year !== undefined && duty.year !== year)) continue;
      rows.push({
        unitId: unit.id,
        organization: unit.organization,
        title: unit.title,
        programId: unit.programId,
        year: duty.year,
        kind: duty.kind,
        kindLabel: reportKindLabels[duty.kind],
        dueAt: duty.dueAt,
        status: 'overdue' as const,
        reportStatus: duty.report?.status ?? 'missing',
        ...(duty.report ? { reportId: duty.report.id } : {}),
        reminded: unit.remindedDuties?.includes(`${duty.year}-${duty.kind}`) ?? false,
      });
    }
  }
  return rows;
}

export const reportRoutes = [
  route({ method: 'GET', path: '/api/admin/reports', auth: 'admin' }, async ({ query, deps }) => {
    const { year, status } = parseInput(reportsQuery, query);
    const [units, reports] = await Promise.all([deps.records.listUnits(), deps.records.listReports(year)]);
    if (status === 'overdue') return { body: { reports: await overdueDuties(deps, units, reports, year) } };
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    return { body: { reports: reports.filter((report) => status === undefined || report.status === status).map((report) => named(report, byId)) } };
  }),

  route({ method: 'GET', path: '/api/admin/reports/{id}', auth: 'admin' }, async ({ params, deps }) => {
    const report = await requireRecord(deps, 'report', params['id']!);
    const [unit, evidence] = await Promise.all([requireRecord(deps, 'unit', report.unitId), deps.records.listEvidenceOfReport(report.id)]);
    const fields = reportFormOf(await unitProgram(deps, unit), report.kind);
    return { body: { report: { ...reportView(report, evidence), organization: unit.organization, title: unit.title }, fields } };
  }),

  route({ method: 'POST', path: '/api/admin/reports/{id}/review', auth: 'admin', body: reviewBody }, async ({ params, body, principal, deps }) => {
    const report = await requireRecord(deps, 'report', params['id']!);
    const unit = await requireRecord(deps, 'unit', report.unitId);
    // accepting a rectification report ends the unit's rectification in the same commit
    const change = reviewUnitReport(report, unit, body, { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now() });
    await deps.records.commit([tagged('report', change.report), ...(change.unit ? [tagged('unit', change.unit)] : [])]);
    return { body: { report: reportView(change.report.entity) } };
  }),
];

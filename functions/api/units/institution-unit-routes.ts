/**
 * Institution routes for its own recognised units (认定单位) and their annual reports: the
 * duties of the cycle, a report per year and kind (draft → submitted → accepted | returned),
 * its files (the same presigned POST and checks as an application's) and its submission.
 */
import * as z from 'zod';
import { dutyStates, createReport, editReport, reportEditableStatuses, reportFormsOf, reportMaterialsOf, requestReportUpload, submitReport } from '#shared/domain/unit-report.js';
import { removeEvidence } from '#shared/domain/evidence.js';
import { guarded, tagged } from '#shared/ports/record-store.js';
import { freshCopies } from '#functions/record-lookups.js';
import { evidenceView } from '../application-view.js';
import { emptyBody, finiteNumber, strictRecord } from '../http/bounded-schemas.js';
import { openUploadSlot, uploadRequestBody } from '../evidence-slots.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { withOptimisticRetry } from '../optimistic-retry.js';
import { dutyView, reportView } from './report-view.js';
import { requireOwnReport, requireOwnReportEvidence, requireOwnUnit, unitProgram } from './unit-lookups.js';
import { unitView, unitViews } from './unit-view.js';

const formSchema = strictRecord(z.unknown(), { maxKeys: 100 });
const createBody = z
  .object({ year: finiteNumber({ min: 2000, max: 2100, int: true }), kind: z.enum(['plan', 'summary', 'rectification']), form: formSchema })
  .strict();
const editBody = z.object({ form: formSchema }).strict();
export const institutionUnitRoutes = [
  route({ method: 'GET', path: '/api/units', auth: 'institution' }, async ({ principal, deps }) => ({
    body: { units: await unitViews(deps, await deps.records.listUnitsOfOrg(principal.orgId!)) },
  })),

  /** The unit with its duties, reports, report forms and materials (what the portal page fills in). */
  route({ method: 'GET', path: '/api/units/{id}/reports', auth: 'institution' }, async ({ params, principal, deps }) => {
    const unit = await requireOwnUnit(deps, principal, params['id']!);
    const [program, reports] = await Promise.all([unitProgram(deps, unit), deps.records.listReportsOfUnit(unit.id)]);
    return {
      body: {
        unit: unitView(unit, program.name),
        duties: dutyStates(unit, program, reports, deps.clock.now()).map(dutyView),
        reports: reports.map((report) => reportView(report)),
        forms: reportFormsOf(program),
        materials: reportMaterialsOf(program),
      },
    };
  }),

  route({ method: 'POST', path: '/api/units/{id}/reports', auth: 'institution', body: createBody }, async ({ params, body, principal, deps }) => {
    const unit = await requireOwnUnit(deps, principal, params['id']!);
    const program = await unitProgram(deps, unit);
    const change = createReport(unit, body, program, { id: deps.ids.entityId('report'), actor: actorOf(principal), now: deps.clock.now() });
    // the store keeps one report per (unit, year, kind): a second one is refused with ALREADY_EXISTS (409)
    await deps.records.commit([tagged('report', change)]);
    return { status: 201, body: { report: reportView(change.entity, []) } };
  }),

  route({ method: 'GET', path: '/api/units/{id}/reports/{reportId}', auth: 'institution' }, async ({ params, principal, deps }) => {
    const { report } = await requireOwnReport(deps, principal, params['id']!, params['reportId']!);
    return { body: { report: reportView(report, await deps.records.listEvidenceOfReport(report.id)) } };
  }),

  route({ method: 'PATCH', path: '/api/units/{id}/reports/{reportId}', auth: 'institution', body: editBody }, async ({ params, body, principal, deps }) => {
    const edited = await withOptimisticRetry(async () => {
      const { unit, report } = await requireOwnReport(deps, principal, params['id']!, params['reportId']!);
      const change = editReport(report, body.form, await unitProgram(deps, unit), { actor: actorOf(principal), now: deps.clock.now() });
      await deps.records.commit([tagged('report', change)]);
      return change.entity;
    });
    return { body: { report: reportView(edited) } };
  }),

  route({ method: 'POST', path: '/api/units/{id}/reports/{reportId}/evidence', auth: 'institution', body: uploadRequestBody }, async ({ params, body, principal, deps }) => {
    const { evidence, upload } = await withOptimisticRetry(async () => {
      const { unit, report } = await requireOwnReport(deps, principal, params['id']!, params['reportId']!);
      const now = deps.clock.now();
      const slot = requestReportUpload(body, report, await unitProgram(deps, unit), { id: deps.ids.entityId('ev'), actor: actorOf(principal), now });
      return openUploadSlot(deps, slot, body, guarded('report', report.id, reportEditableStatuses, now));
    });
    return { status: 201, body: { evidence: evidenceView(evidence), upload } };
  }),

  route({ method: 'GET', path: '/api/units/{id}/reports/{reportId}/evidence/{evidenceId}', auth: 'institution' }, async ({ params, principal, deps }) => ({
    body: { evidence: evidenceView((await requireOwnReportEvidence(deps, principal, params['id']!, params['reportId']!, params['evidenceId']!)).evidence) },
  })),

  route({ method: 'DELETE', path: '/api/units/{id}/reports/{reportId}/evidence/{evidenceId}', auth: 'institution' }, async ({ params, principal, deps }) => {
    const { report, evidence } = await requireOwnReportEvidence(deps, principal, params['id']!, params['reportId']!, params['evidenceId']!);
    const now = deps.clock.now();
    const change = removeEvidence(evidence, report, { actor: actorOf(principal), now });
    await deps.records.commit([tagged('evidence', change), guarded('report', report.id, reportEditableStatuses, now)]);
    return { body: { evidence: evidenceView(change.entity) } };
  }),

  route({ method: 'POST', path: '/api/units/{id}/reports/{reportId}/submit', auth: 'institution', body: emptyBody }, async ({ params, principal, deps }) => {
    const outcome = await withOptimisticRetry(async () => {
      const { unit, report } = await requireOwnReport(deps, principal, params['id']!, params['reportId']!);
      // Each listed file read again: the index may still show a file's state of a moment ago.
      const evidence = await freshCopies(deps, 'evidence', await deps.records.listEvidenceOfReport(report.id));
      // A repeated click answers with the report as it is.
      if (report.status === 'submitted') return { report, evidence };
      const change = submitReport(report, evidence, await unitProgram(deps, unit), { actor: actorOf(principal), now: deps.clock.now() });
      await deps.records.commit([tagged('report', change)]);
      return { report: change.entity, evidence };
    });
    return { body: { report: reportView(outcome.report, outcome.evidence) } };
  }),
];

/**
 * Staff routes for documents: the round export (xlsx, with the round's whole audit trail), the recognition notice (PDF), the
 * certificates (认定证书: one unit's PDF, or a zip of all) and the
 * expert-pool import from an .xlsx or CSV file. The workbook modules (exceljs) are imported by the routes that use them, so that
 * the other staff routes do not evaluate them at cold start (bench/cold-start.ts).
 */
import { DomainError, isDomainError } from '#shared/domain/errors.js';
import { createExpert } from '#shared/domain/expert.js';
import { indicatorLeaves } from '#shared/domain/scoring.js';
import { tagged } from '#shared/ports/record-store.js';
import type { RejectedRow } from '#functions/documents/expert-sheet.js';
import { importText } from '#functions/documents/messages.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { requireRoundProgram, requireRecord } from '#functions/record-lookups.js';
import { certificateDownload, certificatesZip } from '../round-certificates.js';
import { roundNoticeDownload, safeFileName } from '../round-notice.js';
import { roundAuditTrail } from './audit-directory.js';
import { expertInput } from './expert-routes.js';

const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const documentRoutes = [
  route({ method: 'GET', path: '/api/admin/rounds/{id}/export.xlsx', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    const program = await requireRoundProgram(deps, round);
    const [applications, reviewTasks, experts, objections, siteVisits] = await Promise.all([
      deps.records.listApplicationsOfRound(round.id),
      deps.records.listReviewTasksOfRound(round.id),
      deps.records.listExperts(),
      deps.records.listObjectionsOfRound(round.id),
      deps.records.listSiteVisitsOfRound(round.id),
    ]);
    // The trail names what was just listed: only the records it names besides (its files) are read.
    const audit = await roundAuditTrail(deps, round.id, { round: [round], application: applications, reviewTask: reviewTasks, expert: experts, objection: objections, siteVisit: siteVisits });
    const indicators = indicatorLeaves(program.indicators).map(({ code, title }) => ({ code, title }));
    const { buildRoundWorkbook } = await import('#functions/documents/round-workbook.js');
    const binary = await buildRoundWorkbook({ round, programName: program.name, applications, reviewTasks, experts, objections, indicators, audit, siteVisits });
    return { binary, contentType: xlsxContentType, fileName: safeFileName(`${round.title}-评审汇总.xlsx`) };
  }),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/notice.pdf', auth: 'admin' }, async ({ params, deps }) =>
    roundNoticeDownload(deps, await requireRecord(deps, 'round', params['id']!)),
  ),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/certificates.zip', auth: 'admin' }, async ({ params, deps }) =>
    certificatesZip(deps, await requireRecord(deps, 'round', params['id']!)),
  ),

  // `{file}` is `<applicationId>.pdf` (a path variable of API Gateway is a whole segment).
  route({ method: 'GET', path: '/api/admin/rounds/{id}/certificates/{file}', auth: 'admin' }, async ({ params, deps }) => {
    const applicationId = /^(.+)\.pdf$/.exec(params['file']!)?.[1];
    if (!applicationId) throw new DomainError('NOT_FOUND', 'application');
    return certificateDownload(deps, await requireRecord(deps, 'round', params['id']!), applicationId);
  }),

  route({ method: 'POST', path: '/api/admin/experts/import', auth: 'admin', rawBody: true }, async ({ body, principal, deps }) => {
    const { readExpertSheet, validateExpertRows } = await import('#functions/documents/expert-sheet.js');
    const rows = await readExpertSheet(body as Uint8Array);
    const { valid, rejected } = validateExpertRows(rows, expertInput);
    const refused: RejectedRow[] = [...rejected];
    let imported = 0;
    for (const { row, input } of valid) {
      const change = createExpert(input, { id: deps.ids.entityId('expert'), actor: actorOf(principal), now: deps.clock.now() });
      try {
        await deps.records.commit([tagged('expert', change)]);
        imported += 1;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        refused.push({ row, reason: error.code === 'ALREADY_EXISTS' ? importText.alreadyExists : error.message });
      }
    }
    refused.sort((a, b) => a.row - b.row);
    return { body: { imported, rejected: refused } };
  }),
];

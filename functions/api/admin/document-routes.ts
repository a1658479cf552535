/**
 * Staff routes for documents: the round export (xlsx), the recognition notice (PDF) and the
 * expert-pool import from an .xlsx or CSV file.
 */
import type { Application } from '../../../shared/domain/application.js';
import { DomainError, isDomainError } from '../../../shared/domain/errors.js';
import { createExpert } from '../../../shared/domain/expert.js';
import type { Objection } from '../../../shared/domain/objection.js';
import type { Round } from '../../../shared/domain/round.js';
import { tagged } from '../../../shared/ports/record-store.js';
import { loadCjkFonts } from '../../documents/cjk-font.js';
import { readExpertSheet, validateExpertRows, type RejectedRow } from '../../documents/expert-sheet.js';
import { importText, noticeText } from '../../documents/messages.js';
import { renderRecognitionNotice } from '../../documents/recognition-notice.js';
import { buildRoundWorkbook } from '../../documents/round-workbook.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { requireProgram, requireRecord } from '../../record-lookups.js';
import { expertInput } from './expert-routes.js';

const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name without path separators or control characters. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120);
}

/**
 * The applications the notice lists: recognised ones, and (before the publish step has run)
 * those on public notice without an upheld objection; in ranking order.
 */
export function recognizedApplications(round: Round, applications: readonly Application[], objections: readonly Objection[]): Application[] {
  const upheld = new Set(objections.filter((item) => item.status === 'upheld').map((item) => item.applicationId));
  const rank = new Map((round.ranking ?? []).map((entry) => [entry.applicationId, entry.rank]));
  return applications
    .filter((item) => item.status === 'recognized' || (item.status === 'in_publicity' && !upheld.has(item.id)))
    .sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || a.id.localeCompare(b.id));
}

export const documentRoutes = [
  route({ method: 'GET', path: '/api/admin/rounds/{id}/export.xlsx', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    const program = requireProgram(round.programId);
    const [applications, reviewTasks, experts, objections] = await Promise.all([
      deps.records.listApplicationsOfRound(round.id),
      deps.records.listReviewTasksOfRound(round.id),
      deps.records.listExperts(),
      deps.records.listObjectionsOfRound(round.id),
    ]);
    const binary = await buildRoundWorkbook({ round, programName: program.name, applications, reviewTasks, experts, objections });
    return { binary, contentType: xlsxContentType, fileName: safeFileName(`${round.title}-评审汇总.xlsx`) };
  }),

  route({ method: 'GET', path: '/api/admin/rounds/{id}/notice.pdf', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    if (!round.finalDecision) throw new DomainError('NOTICE_NOT_READY', 409, noticeText.notReady);
    const program = requireProgram(round.programId);
    const [applications, objections] = await Promise.all([deps.records.listApplicationsOfRound(round.id), deps.records.listObjectionsOfRound(round.id)]);
    const binary = await renderRecognitionNotice(
      {
        programName: program.name,
        issuer: program.issuer,
        policyRef: program.policyRef,
        year: round.year,
        noticeNumber: round.finalDecision.noticeNumber,
        decidedAt: round.finalDecision.approvedAt,
        recognized: recognizedApplications(round, applications, objections).map((item) => ({ applicant: item.applicantName, title: item.title })),
      },
      await loadCjkFonts(),
    );
    return { binary, contentType: 'application/pdf', fileName: safeFileName(`${round.title}-认定通知.pdf`) };
  }),

  route({ method: 'POST', path: '/api/admin/experts/import', auth: 'admin', rawBody: true }, async ({ body, principal, deps }) => {
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

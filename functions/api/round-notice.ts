/**
 * The recognition notice PDF of a round, as staff download it and (once published) the public:
 * loads the round's applications and objections and renders the notice. The PDF modules
 * (pdf-lib, fontkit, subset-font) are imported on the first notice, not at cold start.
 */
import type { Round } from '#shared/domain/round.js';
import type { Dependencies } from '../composition-root.js';
import { loadCjkFonts } from '../documents/cjk-font.js';
import { recognitionNoticeData } from '../documents/notice-content.js';
import { requireRoundProgram } from '../record-lookups.js';

/** A file name without path separators or control characters. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').slice(0, 120);
}

/**
 * The notice of a finally approved round as a PDF download.
 *
 * @throws DomainError NOTICE_NOT_READY (409) before the final approval.
 */
export async function roundNoticeDownload(deps: Dependencies, round: Round): Promise<{ binary: Uint8Array; contentType: string; fileName: string }> {
  const program = await requireRoundProgram(deps, round);
  const [applications, objections] = await Promise.all([deps.records.listApplicationsOfRound(round.id), deps.records.listObjectionsOfRound(round.id)]);
  const data = recognitionNoticeData(round, program, { applications, objections });
  const { renderRecognitionNotice } = await import('../documents/recognition-notice.js');
  const binary = await renderRecognitionNotice(data, await loadCjkFonts());
  return { binary, contentType: 'application/pdf', fileName: safeFileName(`${round.title}-认定通知.pdf`) };
}

/**
 * The recognition certificates (认定证书) of a published round as downloads: one unit's PDF (staff,
 * or the institution its own) and a zip of all, one PDF per unit under a readable Chinese name.
 * The PDF and zip modules (pdf-lib, subset-font, jszip) are imported on the first download, not
 * at cold start.
 */
import type { Round } from '#shared/domain/round.js';
import type { Dependencies } from '../composition-root.js';
import { applicationCertificate, roundCertificates, type CertificateData } from '../documents/certificate-content.js';
import { loadCjkFonts } from '../documents/cjk-font.js';
import { certificateText, fillText } from '../documents/messages.js';
import { requireRoundProgram } from '../record-lookups.js';
import { safeFileName } from './round-notice.js';

/** A binary answer of a download route. */
interface Download {
  readonly binary: Uint8Array;
  readonly contentType: string;
  readonly fileName: string;
}

async function certificateRecords(deps: Dependencies, round: Round) {
  const [applications, objections] = await Promise.all([deps.records.listApplicationsOfRound(round.id), deps.records.listObjectionsOfRound(round.id)]);
  return { applications, objections };
}

async function render(certificates: readonly CertificateData[]): Promise<Uint8Array[]> {
  const { renderRecognitionCertificates } = await import('../documents/recognition-certificate.js');
  return renderRecognitionCertificates(certificates, await loadCjkFonts());
}

/** The file name of a unit's certificate: 柳州市人民政府-柳州汽车产业市域产教联合体-认定证书.pdf. */
function certificateFileName(certificate: CertificateData): string {
  return safeFileName(fillText(certificateText.fileName, { organization: certificate.organization, title: certificate.title }));
}

/**
 * One recognised application's certificate as a PDF download.
 *
 * @throws DomainError CERTIFICATE_NOT_READY (409) before publication; NOT_FOUND (404) for an application the round did not recognise.
 */
export async function certificateDownload(deps: Dependencies, round: Round, applicationId: string): Promise<Download> {
  const certificate = applicationCertificate(round, await requireRoundProgram(deps, round), await certificateRecords(deps, round), applicationId);
  const [binary] = await render([certificate]);
  return { binary: binary!, contentType: 'application/pdf', fileName: certificateFileName(certificate) };
}

/**
 * Every certificate of a published round in one zip, in the notice's order, each file named
 * after its unit and project with its place on the list in front (`001-…-认定证书.pdf`).
 *
 * @throws DomainError CERTIFICATE_NOT_READY (409) before publication.
 */
export async function certificatesZip(deps: Dependencies, round: Round): Promise<Download> {
  const certificates = roundCertificates(round, await requireRoundProgram(deps, round), await certificateRecords(deps, round));
  const [pdfs, { default: JSZip }] = await Promise.all([render(certificates), import('jszip')]);
  const zip = new JSZip();
  const date = new Date(round.finalDecision!.approvedAt);
  certificates.forEach((certificate, index) => {
    zip.file(`${String(index + 1).padStart(3, '0')}-${certificateFileName(certificate)}`, pdfs[index]!, { date, binary: true });
  });
  const binary = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', platform: 'UNIX' });
  return { binary, contentType: 'application/zip', fileName: safeFileName(fillText(certificateText.zipName, { round: round.title })) };
}

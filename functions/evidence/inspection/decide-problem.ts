/**
 * The first reason to refuse an inspected file, in a fixed order: emptiness, size, type,
 * then the content's own state (encryption, damage, what an archive holds).
 */
import { formatOfContentType } from '#shared/domain/evidence-formats.js';
import type { FormatVerdict } from './format-analyzers.js';
import { inspectionMessages } from './messages.js';
import type { ArchiveFinding } from './archive-rules.js';
import type { EvidenceExpectation, EvidenceProblem, EvidenceProblemCode } from './types.js';

const archiveProblemCodes: Readonly<Record<ArchiveFinding['kind'], EvidenceProblemCode>> = {
  expansion: 'ARCHIVE_EXPANSION',
  nested: 'ARCHIVE_NESTED',
  executable: 'ARCHIVE_EXECUTABLE',
  encrypted: 'ARCHIVE_ENCRYPTED',
  inconsistent: 'ARCHIVE_INCONSISTENT',
};

/**
 * The problem to report for a file of `bytes` whose content gave `verdict`, or undefined if it is acceptable.
 * `verdict` is undefined when the content was not analysed (empty or over the size limit).
 */
export function decideProblem(
  bytes: number,
  verdict: FormatVerdict | undefined,
  expected: EvidenceExpectation,
): EvidenceProblem | undefined {
  if (bytes === 0) return { code: 'EMPTY_FILE', message: inspectionMessages.emptyFile() };
  if (bytes > expected.maxBytes) {
    return { code: 'TOO_LARGE', message: inspectionMessages.tooLarge(bytes, expected.maxBytes) };
  }
  if (expected.declaredBytes !== undefined && bytes !== expected.declaredBytes) {
    return { code: 'SIZE_MISMATCH', message: inspectionMessages.sizeMismatch(bytes, expected.declaredBytes) };
  }
  const detected = verdict?.format ?? null;
  if (detected === null) {
    return { code: 'UNKNOWN_TYPE', message: inspectionMessages.unknownType(verdict?.foreignType) };
  }
  const declared = formatOfContentType(expected.declaredContentType);
  if (declared === undefined) {
    return {
      code: 'TYPE_MISMATCH',
      message: inspectionMessages.unsupportedDeclaredType(expected.declaredContentType, detected),
    };
  }
  if (declared !== detected) {
    return { code: 'TYPE_MISMATCH', message: inspectionMessages.declaredTypeMismatch(declared, detected) };
  }
  if (!expected.formats.includes(detected)) {
    return { code: 'TYPE_MISMATCH', message: inspectionMessages.formatNotAccepted(expected.formats, detected) };
  }
  if (verdict?.encrypted) return { code: 'ENCRYPTED_PDF', message: inspectionMessages.encryptedPdf() };
  if (verdict?.corruption) return { code: 'CORRUPT_FILE', message: inspectionMessages.corrupt(verdict.corruption) };
  if (verdict?.archive) return { code: archiveProblemCodes[verdict.archive.kind], message: inspectionMessages.archive(verdict.archive) };
  return undefined;
}

/**
 * The result of inspecting one uploaded evidence object, and what the inspection expects.
 */
import type { EvidenceFlag } from '#shared/domain/evidence.js';
import type { EvidenceFormat } from '#shared/programs/schema.js';

/** Why an uploaded file is refused; stable codes the API and the audit trail record. */
export type EvidenceProblemCode =
  | 'EMPTY_FILE'
  | 'TYPE_MISMATCH'
  | 'UNKNOWN_TYPE'
  | 'ENCRYPTED_PDF'
  | 'CORRUPT_FILE'
  | 'TOO_LARGE'
  | 'SIZE_MISMATCH'
  | 'ARCHIVE_EXPANSION'
  | 'ARCHIVE_NESTED'
  | 'ARCHIVE_EXECUTABLE'
  | 'ARCHIVE_ENCRYPTED'
  | 'ARCHIVE_INCONSISTENT';

/** A refusal: a stable code and a Chinese message an institution can act on. */
export interface EvidenceProblem {
  code: EvidenceProblemCode;
  message: string;
}

/** What {@link inspectEvidence} found in one object. `problem` is absent when the file is acceptable. */
export interface EvidenceInspection {
  /** SHA-256 of every byte of the object, lower-case hex. */
  sha256: string;
  /** Number of bytes actually read. */
  bytes: number;
  /** The format the content itself shows (magic bytes, container structure), or null if none of ours. */
  detectedFormat: EvidenceFormat | null;
  /** Page count of a PDF, when it could be determined. */
  pdfPages?: number;
  problem?: EvidenceProblem;
  /** What staff should know about the file (it is not refused for it), e.g. `pdf_javascript`. */
  flags?: EvidenceFlag[];
}

/** What the material and the upload declared about the file. */
export interface EvidenceExpectation {
  /** Formats the material accepts. */
  formats: readonly EvidenceFormat[];
  /** The Content-Type the upload declared (and the POST policy enforced). */
  declaredContentType: string;
  /** The size the institution declared when asking for the upload, if any. */
  declaredBytes?: number;
  /** The material's size limit. */
  maxBytes: number;
}

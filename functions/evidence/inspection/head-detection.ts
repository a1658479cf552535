/**
 * Detects a file's type from its first bytes with `file-type`, and maps the result onto
 * the evidence formats and the container family that decides further checks.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { EvidenceFormat } from '#shared/programs/schema.js';

/** How many leading bytes the detection looks at (file-type's recommended sample size). */
export const headSampleBytes = 4100;

/** Container families whose structure is checked beyond the first bytes. */
export type FormatFamily = 'pdf' | 'png' | 'jpg' | 'zip' | 'cfb' | 'other';

/** What the first bytes show. */
export interface HeadDetection {
  family: FormatFamily;
  /** The evidence format, when the head alone decides it (a CFB file is only `doc` or `xls` after its directory is seen). */
  format: EvidenceFormat | null;
  /** file-type's extension for a type that is none of ours (e.g. `gif`, `docm`, `exe`). */
  foreignType?: string;
}

const byExtension: Readonly<Record<string, { family: FormatFamily; format: EvidenceFormat | null }>> = {
  pdf: { family: 'pdf', format: 'pdf' },
  // Adobe Illustrator files saved with PDF compatibility are PDFs with private data.
  ai: { family: 'pdf', format: 'pdf' },
  jpg: { family: 'jpg', format: 'jpg' },
  png: { family: 'png', format: 'png' },
  apng: { family: 'png', format: 'png' },
  docx: { family: 'zip', format: 'docx' },
  xlsx: { family: 'zip', format: 'xlsx' },
  pptx: { family: 'zip', format: 'pptx' },
  zip: { family: 'zip', format: 'zip' },
  cfb: { family: 'cfb', format: null },
};

/**
 * The type the first {@link headSampleBytes} bytes of a file show.
 *
 * @example
 * await detectHead(Buffer.from('%PDF-1.7\n...')); // { family: 'pdf', format: 'pdf' }
 */
export async function detectHead(head: Uint8Array): Promise<HeadDetection> {
  const found = await fileTypeFromBuffer(head.subarray(0, headSampleBytes));
  if (!found) return { family: 'other', format: null };
  const known = byExtension[found.ext];
  return known ? { ...known } : { family: 'other', format: null, foreignType: found.ext };
}

/** The declared Content-Types accepted for each evidence format. */
import type { EvidenceFormat } from '../programs/schema.js';

export const contentTypesByFormat: Record<EvidenceFormat, readonly string[]> = {
  pdf: ['application/pdf'],
  jpg: ['image/jpeg'],
  png: ['image/png'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  doc: ['application/msword'],
  xls: ['application/vnd.ms-excel'],
  zip: ['application/zip', 'application/x-zip-compressed'],
};

/** The evidence format a declared Content-Type stands for, or undefined if none. */
export function formatOfContentType(contentType: string): EvidenceFormat | undefined {
  const normalized = contentType.split(';')[0]!.trim().toLowerCase();
  for (const [format, types] of Object.entries(contentTypesByFormat) as [EvidenceFormat, readonly string[]][]) {
    if (types.includes(normalized)) return format;
  }
  return undefined;
}

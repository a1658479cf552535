/**
 * The single table between evidence formats and the Content-Types a browser declares for
 * them. The first type of each format is the canonical one (what an upload policy should
 * require); the others are aliases browsers and operating systems are known to send.
 */
import type { EvidenceFormat } from '../programs/schema.js';

/** Content-Types per format, canonical first. */
export const contentTypesByFormat: Readonly<Record<EvidenceFormat, readonly string[]>> = {
  pdf: ['application/pdf', 'application/x-pdf'],
  jpg: ['image/jpeg', 'image/pjpeg'],
  png: ['image/png', 'image/x-png'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  doc: ['application/msword'],
  xls: ['application/vnd.ms-excel'],
  zip: ['application/zip', 'application/x-zip-compressed'],
};

const formatByContentType: ReadonlyMap<string, EvidenceFormat> = new Map(
  (Object.entries(contentTypesByFormat) as [EvidenceFormat, readonly string[]][]).flatMap(([format, types]) =>
    types.map((type) => [type, format] as const),
  ),
);

/** A Content-Type without parameters, lower-cased: `Image/PNG; x=1` → `image/png`. */
export function essenceOfContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The evidence format a declared Content-Type stands for, or undefined if it is none of ours.
 *
 * @example
 * formatOfContentType('application/pdf; charset=binary'); // 'pdf'
 */
export function formatOfContentType(contentType: string): EvidenceFormat | undefined {
  return formatByContentType.get(essenceOfContentType(contentType));
}

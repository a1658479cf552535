/**
 * One analyzer per container family, fed every chunk after the head: it refines the
 * format (CFB → doc/xls, ZIP → docx/xlsx/pptx) and looks for encryption or damage.
 */
import type { EvidenceFormat } from '#shared/programs/schema.js';
import { CfbKindScanner } from './cfb-kind.js';
import type { HeadDetection } from './head-detection.js';
import type { CorruptionKind } from './messages.js';
import { PdfScanner } from './pdf-scanner.js';
import { TailWindow } from './tail-window.js';
import { openXmlFormatOf, readZipTail, zipTailBytes } from './zip-directory.js';
import { judgeArchive, type ArchiveFinding } from './archive-rules.js';
import { LocalHeaderCollector } from './zip-local-headers.js';
import type { EvidenceFlag } from '#shared/domain/evidence.js';

/** What the whole content shows about the format. */
export interface FormatVerdict {
  format: EvidenceFormat | null;
  /** file-type's extension of a type that is none of ours. */
  foreignType?: string;
  pdfPages?: number;
  encrypted?: boolean;
  corruption?: CorruptionKind;
  /** Why an archive (ZIP or Office container) is refused. */
  archive?: ArchiveFinding;
  /** Things staff should know about an acceptable file. */
  flags?: EvidenceFlag[];
}

/** Examines the chunks of one file of a known family. */
export interface FormatAnalyzer {
  push(chunk: Buffer): void;
  finish(totalBytes: number): FormatVerdict;
}

/** A PNG ends with an empty `IEND` chunk: its type and its CRC. */
const pngEnd = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/**
 * The analyzer for the family the head showed.
 *
 * Checks by family: PDF — {@link PdfScanner}; PNG — the `IEND` chunk within the last 64
 * bytes; ZIP family — the end-of-central-directory record, the entry names for a head that
 * showed a plain ZIP, and what the archive may hold ({@link judgeArchive}); CFB — {@link CfbKindScanner}. JPEG gets no end check:
 * phones append data (motion photos) after the EOI marker, so its absence proves nothing.
 */
export function createFormatAnalyzer(head: HeadDetection): FormatAnalyzer {
  const fromHead: FormatVerdict = {
    format: head.format,
    ...(head.foreignType !== undefined ? { foreignType: head.foreignType } : {}),
  };
  switch (head.family) {
    case 'pdf': {
      const pdf = new PdfScanner();
      return {
        push: (chunk) => pdf.push(chunk),
        finish: () => {
          const facts = pdf.finish();
          const noPages = facts.pages === undefined && facts.unreadObjectStreams === 0 && !facts.encrypted;
          const corruption: CorruptionKind | undefined = !facts.endMarker ? 'pdf-end-missing' : noPages ? 'pdf-no-pages' : undefined;
          return {
            ...fromHead,
            ...(facts.pages !== undefined ? { pdfPages: facts.pages } : {}),
            encrypted: facts.encrypted,
            ...(corruption ? { corruption } : {}),
            // Object streams that could not be decoded may hide a script: staff are told so.
            ...(facts.javascript ? { flags: ['pdf_javascript' as const] } : facts.unreadObjectStreams > 0 ? { flags: ['pdf_partly_inspected' as const] } : {}),
          };
        },
      };
    }
    case 'png': {
      const tail = new TailWindow(64);
      return {
        push: (chunk) => tail.push(chunk),
        finish: () => (tail.bytes().includes(pngEnd) ? fromHead : { ...fromHead, corruption: 'png-end-missing' }),
      };
    }
    case 'zip': {
      const tail = new TailWindow(zipTailBytes);
      const headers = new LocalHeaderCollector();
      return {
        push: (chunk) => {
          tail.push(chunk);
          headers.push(chunk);
        },
        finish: (totalBytes) => {
          const zip = readZipTail(tail.bytes(), totalBytes);
          if (!zip.complete) return { ...fromHead, corruption: 'zip-directory-missing' };
          const refined = head.format === 'zip' && zip.entryNames ? openXmlFormatOf(zip.entryNames) : undefined;
          const format = refined ?? fromHead.format;
          const archive = judgeArchive(zip, headers.finish(), totalBytes, format !== 'zip');
          return { ...fromHead, format, ...(archive ? { archive } : {}) };
        },
      };
    }
    case 'cfb': {
      const kind = new CfbKindScanner();
      return {
        push: (chunk) => kind.push(chunk),
        finish: () => {
          const format = kind.finish();
          return format ? { format } : { format: null, foreignType: 'cfb' };
        },
      };
    }
    case 'jpg':
    case 'other':
      return { push: () => undefined, finish: () => fromHead };
  }
}

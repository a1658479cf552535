/**
 * Tells a Word 97-2003 document from an Excel 97-2003 workbook inside a Compound File
 * Binary container (MS-CFB), while it streams by.
 *
 * Heuristic: the directory entries of the container are 128 bytes long, aligned on 128
 * bytes in the file, and begin with the stream name in UTF-16LE followed by its length
 * in bytes (terminating NUL included). The first aligned entry named `WordDocument`
 * (→ doc) or `Workbook`/`Book` (BIFF8/BIFF5, → xls) decides: root-level streams are
 * written first, so an embedded workbook inside a document comes later.
 */
import type { EvidenceFormat } from '#shared/programs/schema.js';
import { PatternScanner, type PatternHit } from './pattern-scanner.js';

const entryNames: readonly { name: string; format: Extract<EvidenceFormat, 'doc' | 'xls'> }[] = [
  { name: 'WordDocument', format: 'doc' },
  { name: 'Workbook', format: 'xls' },
  { name: 'Book', format: 'xls' },
];
const directoryEntryBytes = 128;
const nameLengthAt = 64;
const objectTypeAt = 66;
const streamObject = 2;

/**
 * Finds the kind of a CFB file pushed chunk by chunk.
 *
 * @example
 * const kind = new CfbKindScanner();
 * for await (const chunk of stream) kind.push(chunk);
 * kind.finish(); // 'doc' | 'xls' | undefined
 */
export class CfbKindScanner {
  private found: 'doc' | 'xls' | undefined;
  private readonly scanner = new PatternScanner(
    entryNames.map(({ name }) => Buffer.from(`${name}\0`, 'utf16le')),
    { lookBehind: 0, lookAhead: objectTypeAt + 1 },
    (hit) => this.onHit(hit),
  );

  /** Scans the next chunk (a no-op once the kind is known). */
  push(chunk: Buffer): void {
    if (this.found === undefined) this.scanner.push(chunk);
  }

  /** The kind found, if any. */
  finish(): 'doc' | 'xls' | undefined {
    if (this.found === undefined) this.scanner.end();
    return this.found;
  }

  private onHit({ pattern, buffer, index, offset }: PatternHit): void {
    if (this.found !== undefined || offset % directoryEntryBytes !== 0) return;
    const entry = entryNames[pattern]!;
    if (index + objectTypeAt >= buffer.length) return;
    if (buffer.readUInt16LE(index + nameLengthAt) !== (entry.name.length + 1) * 2) return;
    if (buffer[index + objectTypeAt] !== streamObject) return;
    this.found = entry.format;
  }
}

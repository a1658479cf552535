/**
 * Reads the end of a ZIP archive (APPNOTE.TXT §4.3.16, §4.3.12): the end-of-central-directory
 * record proves the archive is complete, and the central directory lists its entries, which
 * tells an Office Open XML document (docx, xlsx, pptx) from a plain ZIP.
 */
import type { EvidenceFormat } from '#shared/programs/schema.js';

/** How many trailing bytes to keep for {@link readZipTail}: a maximal EOCD comment plus a generous central directory. */
export const zipTailBytes = 22 + 0xffff + 256 * 1024;

/** One entry as the central directory describes it (APPNOTE.TXT §4.3.12). */
export interface ZipEntry {
  name: string;
  /** General purpose bit flags (bit 0: encrypted, bit 3: sizes in a data descriptor). */
  flags: number;
  /** Compression method (0 stored, 8 deflated). */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Other names the entry carries (Info-ZIP Unicode Path extra fields), which extractors may use instead of `name`. */
  alternateNames: string[];
}

/** The Info-ZIP Unicode Path extra field (APPNOTE.TXT §4.6.9): version (1), CRC-32 of the header name (4), then the UTF-8 name. */
const unicodePathField = 0x7075;

/** The names in the Unicode Path fields of an entry's extra block. */
function unicodePaths(extra: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    const end = Math.min(extra.length, at + 4 + size);
    if (id === unicodePathField && end >= at + 9) names.push(extra.toString('utf8', at + 9, end));
    at = end;
  }
  return names;
}

/** What the end of an archive shows. */
export interface ZipTail {
  /** The end-of-central-directory record was found. */
  complete: boolean;
  /** Entry names, when the whole central directory was within the tail (absent for ZIP64 or larger directories). */
  entryNames?: string[];
  /** The entries, when {@link entryNames} is present. */
  entries?: ZipEntry[];
  /** Where the central directory starts, when {@link entries} is present. */
  directoryOffset?: number;
}

const endOfCentralDirectory = 0x06054b50;
const centralDirectoryHeader = 0x02014b50;

/**
 * Finds the EOCD record in `tail` (the last bytes of an archive of `totalBytes`) and, when
 * the central directory is inside `tail`, the names of the entries.
 */
export function readZipTail(tail: Buffer, totalBytes: number): ZipTail {
  const tailOffset = totalBytes - tail.length;
  for (let at = tail.length - 22; at >= 0 && at >= tail.length - 22 - 0xffff; at -= 1) {
    if (tail.readUInt32LE(at) !== endOfCentralDirectory) continue;
    if (tail.readUInt16LE(at + 20) > tail.length - at - 22) continue; // comment would run past the end
    const entries = tail.readUInt16LE(at + 10);
    const directorySize = tail.readUInt32LE(at + 12);
    const directoryOffset = tail.readUInt32LE(at + 16);
    const directoryStart = directoryOffset - tailOffset;
    if (directoryOffset === 0xffffffff || entries === 0xffff || directoryStart < 0 || directoryStart + directorySize > at) {
      return { complete: true };
    }
    const read = readCentralDirectory(tail.subarray(directoryStart, directoryStart + directorySize), entries);
    return read ? { complete: true, entryNames: read.map((entry) => entry.name), entries: read, directoryOffset } : { complete: true };
  }
  return { complete: false };
}

function readCentralDirectory(directory: Buffer, entries: number): ZipEntry[] | undefined {
  const read: ZipEntry[] = [];
  let at = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== centralDirectoryHeader) return undefined;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const next = at + 46 + nameLength + extraLength + directory.readUInt16LE(at + 32);
    if (next > directory.length) return undefined;
    read.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      alternateNames: unicodePaths(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)),
    });
    at = next;
  }
  return read;
}

/**
 * The Office Open XML format the entry names show, the way file-type decides it: a
 * `[Content_Types].xml` part plus a `word/`, `ppt/` or `xl/` folder; otherwise undefined.
 */
export function openXmlFormatOf(entryNames: readonly string[]): Extract<EvidenceFormat, 'docx' | 'xlsx' | 'pptx'> | undefined {
  if (!entryNames.includes('[Content_Types].xml')) return undefined;
  if (entryNames.some((name) => name.startsWith('word/'))) return 'docx';
  if (entryNames.some((name) => name.startsWith('ppt/'))) return 'pptx';
  if (entryNames.some((name) => name.startsWith('xl/'))) return 'xlsx';
  return undefined;
}

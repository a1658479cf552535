/**
 * What an archive (a plain ZIP, or the ZIP container of a DOCX/XLSX/PPTX) may hold. Checked on
 * the central directory and the local headers, i.e. on what the archive declares and the first
 * bytes of every entry, never by unpacking it:
 *
 * - Expansion: the declared uncompressed sizes may add up to at most 1 GiB, and to at most 100
 *   times the archive's own size once they exceed 16 MiB (below that nothing is a bomb; office
 *   documents of repetitive XML reach 20–50 times). An entry may not declare more than deflate
 *   can produce from its compressed size (1032:1).
 * - Nested archives: a plain ZIP may not contain archives (by name or content: ZIP, RAR, 7z,
 *   gzip, bzip2, xz, CAB). An Office document may embed Office packages (which are ZIPs) only
 *   under its `embeddings/` folder, as Office itself does; their own content is not examined.
 * - Executables, by name ({@link executableExtensions}) or by content (MZ, ELF, Mach-O, Java
 *   class/fat binary, `#!` scripts).
 * - Consistency: every directory entry must point at a local header with the same name (and
 *   sizes, unless a data descriptor carries them), entries may not overlap or run into the
 *   directory, only stored and deflated entries, no encrypted entry, and the directory must be
 *   readable at all (not ZIP64, not beyond the bytes kept of the tail).
 */
import { contentHeadBytes, type LocalHeader } from './zip-local-headers.js';
import type { ZipEntry, ZipTail } from './zip-directory.js';

/** The bounds on an archive's expansion (see the module comment). */
export const archiveLimits = {
  maxExpandedBytes: 1024 * 1024 * 1024,
  maxExpansionRatio: 100,
  ratioAppliesAboveBytes: 16 * 1024 * 1024,
  /** Deflate's largest possible expansion of compressed data. */
  deflateMaxRatio: 1032,
} as const;

/** Why an archive is refused, with the entry concerned when there is one. */
export interface ArchiveFinding {
  kind: 'expansion' | 'nested' | 'executable' | 'inconsistent' | 'encrypted';
  entry?: string;
}

/** File name extensions of programs and scripts (lower case, without the dot). */
export const executableExtensions: ReadonlySet<string> = new Set([
  'exe', 'dll', 'sys', 'com', 'scr', 'pif', 'cpl', 'msi', 'msp', 'msc', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh',
  'hta', 'lnk', 'reg', 'inf', 'sh', 'bash', 'command', 'jar', 'apk', 'ipa', 'app', 'so', 'dylib', 'elf', 'run', 'deb', 'rpm', 'dmg', 'pkg',
  'applescript', 'workflow', 'gadget', 'xbap', 'appx', 'msix',
]);

/** File name extensions of archives and disk images. */
const archiveExtensions: ReadonlySet<string> = new Set(['zip', 'zipx', 'rar', '7z', 'gz', 'tgz', 'bz2', 'tbz2', 'xz', 'txz', 'lz', 'lzma', 'z', 'tar', 'cab', 'arj', 'iso', 'img', 'vhd', 'vhdx', 'wim']);

/** Office packages Office embeds in a document's `embeddings/` folder. */
const embeddedPackageExtensions: ReadonlySet<string> = new Set(['docx', 'docm', 'xlsx', 'xlsm', 'xlsb', 'pptx', 'pptm', 'sldx', 'vsdx']);

/**
 * The most bytes that may stand between one entry's data and the next header: a data
 * descriptor (12 bytes, 16 with its signature, 20 or 24 for ZIP64). More means data no
 * directory entry accounts for, e.g. a deflate stream behind an entry that declares 0 bytes
 * (flag bit 3), which a streaming extractor inflates in full.
 */
const maxBytesBetweenEntries = 24;

const executableMagic: readonly Buffer[] = [
  Buffer.from('MZ', 'latin1'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]), // ELF
  Buffer.from([0xfe, 0xed, 0xfa, 0xce]), // Mach-O 32
  Buffer.from([0xfe, 0xed, 0xfa, 0xcf]), // Mach-O 64
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]), // Mach-O 32, little-endian
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), // Mach-O 64, little-endian
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]), // Mach-O fat binary, Java class
  Buffer.from('#!', 'latin1'),
];

const archiveMagic: readonly Buffer[] = [
  Buffer.from([0x50, 0x4b, 0x03, 0x04]), // ZIP
  Buffer.from([0x50, 0x4b, 0x05, 0x06]), // empty ZIP
  Buffer.from('Rar!', 'latin1'),
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), // 7z
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from('BZh', 'latin1'),
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), // xz
  Buffer.from('MSCF', 'latin1'), // CAB
];

/** Whether `name`'s extension (after trailing dots and spaces, which Windows drops) is in `set`. */
function hasExtension(name: string, set: ReadonlySet<string>): boolean {
  const base = name.replace(/[. ]+$/, '').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && set.has(base.slice(dot + 1).toLowerCase());
}

function startsWithAny(content: Buffer, magics: readonly Buffer[]): boolean {
  return magics.some((magic) => content.length >= magic.length && content.subarray(0, magic.length).equals(magic));
}

function isEmbeddedPackage(name: string): boolean {
  return /^(word|xl|ppt)\/embeddings\//.test(name) && hasExtension(name, embeddedPackageExtensions);
}

/**
 * The first reason to refuse an archive of `totalBytes` whose tail gave `tail` and whose stream
 * showed `local` headers, or undefined. `office` is true for a DOCX/XLSX/PPTX container.
 */
export function judgeArchive(
  tail: ZipTail,
  local: { headers: ReadonlyMap<number, LocalHeader>; overflowed: boolean },
  totalBytes: number,
  office: boolean,
): ArchiveFinding | undefined {
  const { entries, directoryOffset } = tail;
  if (!entries || directoryOffset === undefined || local.overflowed) return { kind: 'inconsistent' };
  const inconsistent = findInconsistency(entries, directoryOffset, local.headers);
  if (inconsistent) return inconsistent;
  let expanded = 0;
  for (const entry of entries) {
    if ((entry.flags & 1) !== 0) return { kind: 'encrypted', entry: entry.name };
    expanded += entry.uncompressedSize;
    if (entry.uncompressedSize > entry.compressedSize * archiveLimits.deflateMaxRatio + 1024) return { kind: 'inconsistent', entry: entry.name };
  }
  if (expanded > archiveLimits.maxExpandedBytes) return { kind: 'expansion' };
  if (expanded > archiveLimits.ratioAppliesAboveBytes && expanded > archiveLimits.maxExpansionRatio * totalBytes) return { kind: 'expansion' };
  for (const entry of entries) {
    const content = local.headers.get(entry.localHeaderOffset)!.contentHead;
    // Content whose first bytes could not be read cannot be cleared (e.g. a deflate stream padded with empty blocks past the sniffed window).
    if (content.length < Math.min(contentHeadBytes, entry.uncompressedSize)) return { kind: 'inconsistent', entry: entry.name };
    const names = [entry.name, ...entry.alternateNames];
    if (names.some((name) => hasExtension(name, executableExtensions)) || startsWithAny(content, executableMagic)) return { kind: 'executable', entry: entry.name };
    const looksArchived = names.some((name) => hasExtension(name, archiveExtensions)) || startsWithAny(content, archiveMagic);
    if (looksArchived && !(office && isEmbeddedPackage(entry.name))) return { kind: 'nested', entry: entry.name };
  }
  return undefined;
}

/** A directory entry that does not match the archive's local headers, entries that overlap, or data between entries that no entry accounts for. */
function findInconsistency(entries: readonly ZipEntry[], directoryOffset: number, headers: ReadonlyMap<number, LocalHeader>): ArchiveFinding | undefined {
  const spans: { start: number; end: number; name: string }[] = [];
  for (const entry of entries) {
    const header = headers.get(entry.localHeaderOffset);
    if (!header || header.oversized || header.name !== entry.name || header.method !== entry.method) return { kind: 'inconsistent', entry: entry.name };
    if (entry.method !== 0 && entry.method !== 8) return { kind: 'inconsistent', entry: entry.name };
    const sizesInHeader = (header.flags & 8) === 0;
    if (sizesInHeader && (header.compressedSize !== entry.compressedSize || header.uncompressedSize !== entry.uncompressedSize)) {
      return { kind: 'inconsistent', entry: entry.name };
    }
    spans.push({ start: entry.localHeaderOffset, end: entry.localHeaderOffset + header.headerBytes + entry.compressedSize, name: entry.name });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let index = 0; index < spans.length; index += 1) {
    const next = spans[index + 1]?.start ?? directoryOffset;
    const gap = next - spans[index]!.end;
    if (gap < 0 || gap > maxBytesBetweenEntries) return { kind: 'inconsistent', entry: spans[index]!.name };
  }
  return undefined;
}

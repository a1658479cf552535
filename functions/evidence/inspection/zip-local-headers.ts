/**
 * Collects the local file headers of a ZIP archive (APPNOTE.TXT §4.3.7) while it streams by,
 * with the first bytes of each entry's content (inflated when the entry is deflated), so the
 * central directory read at the end can be checked against them and the entries' content
 * sniffed for executables and archives without holding the archive.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { PatternScanner, type PatternHit } from './pattern-scanner.js';

/** One local file header as it appeared in the stream. */
export interface LocalHeader {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Bytes of the header with its name and extra field (where the entry's data starts). */
  headerBytes: number;
  /** The first bytes of the entry's content (decompressed), as far as they could be read. */
  contentHead: Buffer;
  /** The header's name and extra field were longer than this reader looks at. */
  oversized: boolean;
}

const localHeaderSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const fixedHeaderBytes = 30;
/** Name plus extra field a header may have for its content to be sniffed. */
export const maxNameAndExtraBytes = 2048;
/** Compressed bytes inflated to sniff an entry's content (at most ~1032 times as many come out). */
const sniffedCompressedBytes = 512;
/** Decompressed bytes kept of an entry's content. */
export const contentHeadBytes = 16;
/** Headers remembered at most; an archive with more is refused by the rules. */
export const maxLocalHeaders = 20_000;

/**
 * Local headers by stream offset, gathered from chunks pushed in order.
 *
 * @example
 * const headers = new LocalHeaderCollector();
 * for (const chunk of chunks) headers.push(chunk);
 * headers.finish().get(0)?.name; // the first entry's name
 */
export class LocalHeaderCollector {
  private readonly headers = new Map<number, LocalHeader>();
  private overflowed = false;
  private readonly scanner = new PatternScanner(
    [localHeaderSignature],
    { lookBehind: 0, lookAhead: fixedHeaderBytes + maxNameAndExtraBytes + sniffedCompressedBytes },
    (hit) => this.onHit(hit),
  );

  /** Scans the next chunk. */
  push(chunk: Buffer): void {
    this.scanner.push(chunk);
  }

  /** The headers found (by offset), and whether more than {@link maxLocalHeaders} were seen. */
  finish(): { headers: ReadonlyMap<number, LocalHeader>; overflowed: boolean } {
    this.scanner.end();
    return { headers: this.headers, overflowed: this.overflowed };
  }

  private onHit({ buffer, index, offset }: PatternHit): void {
    if (index + fixedHeaderBytes > buffer.length) return;
    if (this.headers.size >= maxLocalHeaders) {
      this.overflowed = true;
      return;
    }
    const flags = buffer.readUInt16LE(index + 6);
    const method = buffer.readUInt16LE(index + 8);
    const compressedSize = buffer.readUInt32LE(index + 18);
    const nameLength = buffer.readUInt16LE(index + 26);
    const extraLength = buffer.readUInt16LE(index + 28);
    const oversized = nameLength + extraLength > maxNameAndExtraBytes;
    const nameEnd = Math.min(buffer.length, index + fixedHeaderBytes + nameLength);
    const dataStart = index + fixedHeaderBytes + nameLength + extraLength;
    const available = oversized || (flags & 1) !== 0 ? Buffer.alloc(0) : buffer.subarray(Math.min(dataStart, buffer.length), Math.min(buffer.length, dataStart + sniffedCompressedBytes));
    // With a data descriptor the size is not in the header: sniff what is there.
    const stored = (flags & 8) === 0 ? available.subarray(0, compressedSize) : available;
    this.headers.set(offset, {
      name: buffer.toString('utf8', index + fixedHeaderBytes, nameEnd),
      flags,
      method,
      compressedSize,
      uncompressedSize: buffer.readUInt32LE(index + 22),
      headerBytes: fixedHeaderBytes + nameLength + extraLength,
      contentHead: contentHead(method, stored),
      oversized,
    });
  }
}

/** The first decompressed bytes of an entry whose stored data begins with `data`. */
function contentHead(method: number, data: Buffer): Buffer {
  if (method === 0) return Buffer.from(data.subarray(0, contentHeadBytes));
  if (method !== 8 || data.length === 0) return Buffer.alloc(0);
  try {
    // A prefix of a deflate stream: inflate what it holds without requiring its end.
    const inflated = inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1024 * 1024 });
    return Buffer.from(inflated.subarray(0, contentHeadBytes));
  } catch {
    return Buffer.alloc(0);
  }
}

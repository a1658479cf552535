/**
 * Streaming PDF scanner: counts pages and detects encryption while the file streams by,
 * holding only a bounded window of it (plus, briefly, one object stream of at most
 * {@link objectStreamLimits}).
 *
 * Heuristics (no full PDF parser; tuned to refuse little that a viewer would open):
 * - Objects are tracked by their `N G obj` headers; `endobj` closes one. Tokens inside
 *   stream data (between `stream` and `endstream`) are ignored: there only `end` is
 *   searched for (one pass over the bulk of a file instead of one per token).
 * - A page is an object whose dictionary has `/Type /Page` followed by a delimiter, so
 *   `/Type /Pages` (a page tree node) is not one. Pages are counted by distinct object
 *   number, so an incremental update that rewrites a page object does not count twice.
 * - Object streams (`/Type /ObjStm`, PDF 1.5+) hide the objects they pack. When one is
 *   unfiltered or `/FlateDecode` without predictors and within the limits, it is
 *   inflated and its objects are read the same way ({@link readObjectStream}).
 * - Page count: the number of distinct page objects. If no page object was seen, or
 *   some object stream could not be read (other filter, too large, encrypted), the
 *   largest `/Count` among `/Type /Pages` nodes (the root's, which counts every leaf)
 *   is used instead when one was found.
 * - Encryption: `/Encrypt` followed by an indirect reference (`12 0 R`) or a direct
 *   dictionary (`<<`) outside stream data, i.e. in a `trailer` or a cross-reference
 *   stream dictionary. `/EncryptMetadata` and the like do not match.
 * - Completeness: `%%EOF` must occur in the last 1024 bytes (ISO 32000-1 §7.5.5 and
 *   the tolerance of common readers).
 */
import { inflateSync } from 'node:zlib';
import { PatternScanner, type PatternHit } from './pattern-scanner.js';
import { readObjectStream } from './pdf-object-stream.js';
import { bytesEqual, endsPdfToken, isPdfWhiteSpace, isScriptName, readPdfInteger, readPdfName, skipPdfWhiteSpace } from './pdf-syntax.js';
import { TailWindow } from './tail-window.js';

/** Bounds on the one object stream held in memory at a time. */
export const objectStreamLimits = {
  /** Largest stored (compressed) object stream read. */
  encodedBytes: 8 * 1024 * 1024,
  /** Largest decoded object stream read. */
  decodedBytes: 32 * 1024 * 1024,
} as const;

/** What the scan of a whole PDF found. */
export interface PdfFacts {
  /** Page count, when it could be determined. */
  pages?: number;
  /** The file declares an encryption dictionary. */
  encrypted: boolean;
  /** `%%EOF` occurs in the last 1024 bytes. */
  endMarker: boolean;
  /** Object streams that could not be read (their pages, if any, were not seen). */
  unreadObjectStreams: number;
  /** A `/JS`, `/JavaScript` or `/AA` (additional actions) name outside stream data: script or automatic actions. */
  javascript: boolean;
}

const lookBehind = 1024;
const lookAhead = 64;
const endMarkerWindow = 1024;

enum Token {
  Obj,
  Stream,
  Type,
  Count,
  Encrypt,
  ScriptJ,
  ScriptAA,
  ScriptEscaped,
  /** `endstream` or `endobj`, the only tokens that matter inside stream data. */
  End,
}
// `/Encryp`, not `/Encrypt`: Buffer#indexOf switches to a much slower search from 8-byte needles on.
// `/J` finds both `/JS` and `/JavaScript`; `/AA` is an additional-actions dictionary.
// `/#` finds names whose first letter is escaped (`/#4AS`).
const tokenPatterns = ['obj', 'stream', '/Type', '/Count', '/Encryp', '/J', '/AA', '/#', 'end'].map((text) => Buffer.from(text, 'latin1'));
/** Outside stream data every token but `end` (which `obj` and `stream` see from their side). */
const documentTokens = [Token.Obj, Token.Stream, Token.Type, Token.Count, Token.Encrypt, Token.ScriptJ, Token.ScriptAA, Token.ScriptEscaped];
const streamDataTokens = [Token.End];

interface OpenObject {
  objectNumber: number;
  /** Stream position just after `obj`. */
  bodyStart: number;
  isPageTreeNode: boolean;
  isObjectStream: boolean;
  count?: number;
}

interface ObjectStreamCollector {
  /** Stream position of the first data byte. */
  start: number;
  /** Next stream position to collect. */
  next: number;
  /** Data length from a direct `/Length`. */
  length?: number;
  /** Stream position of `endstream` (or `endobj`) when `/Length` is indirect. */
  end?: number;
  parts: Buffer[];
  first: number;
  count: number;
  flate: boolean;
}

/**
 * Scans one PDF pushed chunk by chunk.
 *
 * @example
 * const pdf = new PdfScanner();
 * for await (const chunk of stream) pdf.push(chunk);
 * const { pages, encrypted } = pdf.finish();
 */
export class PdfScanner {
  private readonly scanner = new PatternScanner(tokenPatterns, { lookBehind, lookAhead }, (hit) => this.onHit(hit));
  private readonly recent = new TailWindow(Math.max(endMarkerWindow, lookBehind + lookAhead));
  private readonly pageObjects = new Set<number>();
  private largestPageTreeCount: number | undefined;
  private encrypted = false;
  private javascript = false;
  private unreadObjectStreams = 0;
  private current: OpenObject | undefined;
  private inStreamData = false;
  /** Object streams being collected; their byte ranges never overlap. */
  private collectors: ObjectStreamCollector[] = [];

  /** Scans the next chunk. */
  push(chunk: Buffer): void {
    const offset = this.scanner.position;
    this.scanner.push(chunk);
    if (this.collectors.length > 0) {
      this.collectors = this.collectors.filter((collector) => {
        this.recent.forEachFrom(collector.next, (buffer, at) => this.collect(collector, buffer, at));
        this.collect(collector, chunk, offset);
        return !this.settle(collector, false);
      });
    }
    this.recent.push(chunk);
  }

  /** Ends the scan and reports what was found. */
  finish(): PdfFacts {
    this.scanner.end();
    for (const collector of this.collectors) this.settle(collector, true);
    this.collectors = [];
    const counted = this.pageObjects.size;
    const pages =
      this.unreadObjectStreams > 0
        ? (this.largestPageTreeCount ?? (counted > 0 ? counted : undefined))
        : counted > 0
          ? counted
          : this.largestPageTreeCount;
    const tail = this.recent.bytes();
    return {
      ...(pages !== undefined && pages > 0 ? { pages } : {}),
      encrypted: this.encrypted,
      endMarker: tail.subarray(Math.max(0, tail.length - endMarkerWindow)).includes('%%EOF', 0, 'latin1'),
      unreadObjectStreams: this.unreadObjectStreams,
      javascript: this.javascript,
    };
  }

  private onHit(hit: PatternHit): void {
    switch (hit.pattern as Token) {
      case Token.Obj:
        return this.onObj(hit);
      case Token.Stream:
        return this.onStream(hit);
      case Token.Type:
        return this.onType(hit);
      case Token.Count:
        return this.onCount(hit);
      case Token.Encrypt:
        return this.onEncrypt(hit);
      case Token.End:
        return this.onEnd(hit);
      default:
        return this.onScriptName(hit);
    }
  }

  /** Enters or leaves stream data, where only `end` is searched for. */
  private setInStreamData(inStreamData: boolean): void {
    if (inStreamData === this.inStreamData) return;
    this.inStreamData = inStreamData;
    this.scanner.select(inStreamData ? streamDataTokens : documentTokens);
  }

  /** `end` inside stream data: `endobj` and `endstream` as `obj` and `stream` would see them. */
  private onEnd(hit: PatternHit): void {
    const after = { ...hit, index: hit.index + 3, offset: hit.offset + 3 };
    if (bytesEqual(hit.buffer, after.index, 'obj')) this.onObj(after);
    else if (bytesEqual(hit.buffer, after.index, 'stream')) this.onStream(after);
  }

  private onScriptName({ buffer, index }: PatternHit): void {
    if (this.inStreamData || this.javascript) return;
    const name = readPdfName(buffer, index)?.name;
    if (name !== undefined && isScriptName(name)) this.javascript = true;
  }

  private onObj({ buffer, index, offset }: PatternHit): void {
    if (!endsPdfToken(buffer[index + 3])) return;
    if (bytesEqual(buffer, index - 3, 'end')) {
      if (this.inStreamData) this.endCollection(offset - 3);
      this.setInStreamData(false);
      this.current = undefined;
      return;
    }
    if (this.inStreamData) return;
    const objectNumber = objectNumberBefore(buffer, index);
    if (objectNumber === undefined) return;
    this.current = { objectNumber, bodyStart: offset + 3, isPageTreeNode: false, isObjectStream: false };
  }

  private onStream({ buffer, index, offset }: PatternHit): void {
    if (bytesEqual(buffer, index - 3, 'end')) {
      if (endsPdfToken(buffer[index + 6])) {
        this.endCollection(offset - 3);
        this.setInStreamData(false);
      }
      return;
    }
    if (this.inStreamData) return;
    const before = buffer[index - 1];
    if (!(isPdfWhiteSpace(before) || before === 0x3e)) return;
    const eol = buffer[index + 6] === 0x0d ? (buffer[index + 7] === 0x0a ? 2 : 1) : buffer[index + 6] === 0x0a ? 1 : 0;
    if (eol === 0) return;
    this.setInStreamData(true);
    const object = this.current;
    if (!object?.isObjectStream) return;
    const dictionaryStart = index - (offset - object.bodyStart);
    const collector =
      dictionaryStart >= 0
        ? objectStreamCollector(buffer.toString('latin1', dictionaryStart, index), offset + 6 + eol)
        : undefined;
    if (collector) this.collectors.push(collector);
    else this.unreadObjectStreams += 1;
  }

  private onType({ buffer, index }: PatternHit): void {
    if (this.inStreamData || !endsPdfToken(buffer[index + 5])) return;
    const name = readPdfName(buffer, skipPdfWhiteSpace(buffer, index + 5))?.name;
    const object = this.current;
    if (!object) return;
    if (name === 'Page') this.pageObjects.add(object.objectNumber);
    else if (name === 'Pages') {
      object.isPageTreeNode = true;
      this.notePageTreeCount(object);
    } else if (name === 'ObjStm') object.isObjectStream = true;
  }

  private onCount({ buffer, index }: PatternHit): void {
    if (this.inStreamData || !endsPdfToken(buffer[index + 6]) || !this.current) return;
    const count = readPdfInteger(buffer, skipPdfWhiteSpace(buffer, index + 6));
    if (!count) return;
    this.current.count = count.value;
    this.notePageTreeCount(this.current);
  }

  private onEncrypt({ buffer, index }: PatternHit): void {
    if (this.inStreamData || buffer[index + 7] !== 0x74 /* t */ || !endsPdfToken(buffer[index + 8])) return;
    const at = skipPdfWhiteSpace(buffer, index + 8);
    if (bytesEqual(buffer, at, '<<')) {
      this.encrypted = true;
      return;
    }
    const objectNumber = readPdfInteger(buffer, at);
    const generation = objectNumber && readPdfInteger(buffer, skipPdfWhiteSpace(buffer, objectNumber.end));
    if (!generation) return;
    const reference = skipPdfWhiteSpace(buffer, generation.end);
    if (buffer[reference] === 0x52 /* R */ && endsPdfToken(buffer[reference + 1])) this.encrypted = true;
  }

  private notePageTreeCount(object: OpenObject): void {
    if (!object.isPageTreeNode || object.count === undefined) return;
    this.largestPageTreeCount = Math.max(this.largestPageTreeCount ?? 0, object.count);
  }

  /** Marks where the data of an object stream with an indirect `/Length` ends. */
  private endCollection(end: number): void {
    const collector = this.collectors.at(-1);
    if (collector && collector.length === undefined && collector.end === undefined) collector.end = end;
  }

  /** Copies the collector's share of `buffer` (at stream `offset`). */
  private collect(collector: ObjectStreamCollector, buffer: Buffer, offset: number): void {
    const from = Math.max(collector.next, offset);
    const to = Math.min(offset + buffer.length, dataEnd(collector), collector.start + objectStreamLimits.encodedBytes + 1);
    if (to <= from) return;
    collector.parts.push(Buffer.from(buffer.subarray(from - offset, to - offset)));
    collector.next = to;
  }

  /**
   * Completes the collector if all of its data is in, or gives up on it if it is too large
   * (or the stream has ended without its end); true when it is done with.
   */
  private settle(collector: ObjectStreamCollector, streamEnded: boolean): boolean {
    const end = dataEnd(collector);
    if (collector.next - collector.start > objectStreamLimits.encodedBytes || (streamEnded && !Number.isFinite(end))) {
      this.unreadObjectStreams += 1;
      return true;
    }
    if (collector.next < end && !streamEnded) return false;
    this.completeObjectStream(collector);
    return true;
  }

  private completeObjectStream(collector: ObjectStreamCollector): void {
    const stored = Buffer.concat(collector.parts).subarray(0, dataEnd(collector) - collector.start);
    let decoded: Buffer;
    try {
      decoded = collector.flate ? inflateSync(stored, { maxOutputLength: objectStreamLimits.decodedBytes }) : stored;
    } catch {
      this.unreadObjectStreams += 1;
      return;
    }
    const facts = readObjectStream(decoded, collector.first, collector.count);
    if (!facts) {
      this.unreadObjectStreams += 1;
      return;
    }
    if (facts.javascript) this.javascript = true;
    for (const objectNumber of facts.pageObjects) this.pageObjects.add(objectNumber);
    for (const count of facts.pageTreeCounts) {
      this.largestPageTreeCount = Math.max(this.largestPageTreeCount ?? 0, count);
    }
  }
}

/** The object number of an `N G obj` header whose `obj` starts at `index`, or undefined. */
function objectNumberBefore(buffer: Buffer, index: number): number | undefined {
  let at = index - 1;
  if (!isPdfWhiteSpace(buffer[at])) return undefined;
  while (at >= 0 && isPdfWhiteSpace(buffer[at])) at -= 1;
  const generationEnd = at + 1;
  while (at >= 0 && isDigit(buffer[at])) at -= 1;
  if (at + 1 === generationEnd || !isPdfWhiteSpace(buffer[at])) return undefined;
  while (at >= 0 && isPdfWhiteSpace(buffer[at])) at -= 1;
  const numberEnd = at + 1;
  while (at >= 0 && isDigit(buffer[at])) at -= 1;
  if (at + 1 === numberEnd || numberEnd - (at + 1) > 10 || (at >= 0 && !endsPdfToken(buffer[at]))) return undefined;
  return Number(buffer.toString('latin1', at + 1, numberEnd));
}

/** Stream position where the collector's data ends (infinite while unknown). */
function dataEnd(collector: ObjectStreamCollector): number {
  if (collector.length !== undefined) return collector.start + collector.length;
  return collector.end ?? Number.POSITIVE_INFINITY;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

const wsClass = '[\\0\\t\\n\\f\\r ]';

/** A collector for the object stream whose dictionary text is `dictionary`, or undefined if it cannot be read. */
function objectStreamCollector(dictionary: string, start: number): ObjectStreamCollector | undefined {
  const first = new RegExp(`/First${wsClass}+(\\d+)`).exec(dictionary);
  const count = new RegExp(`/N${wsClass}+(\\d+)`).exec(dictionary);
  if (!first || !count || /\/DecodeParms/.test(dictionary)) return undefined;
  const hasFilter = /\/Filter/.test(dictionary);
  const flate = new RegExp(`/Filter${wsClass}*(?:/FlateDecode|\\[${wsClass}*/FlateDecode${wsClass}*\\])`).test(dictionary);
  if (hasFilter && !flate) return undefined;
  const length = new RegExp(`/Length${wsClass}+(\\d+)(?!\\d|${wsClass}+\\d+${wsClass}+R)`).exec(dictionary);
  return {
    start,
    next: start,
    ...(length ? { length: Number(length[1]) } : {}),
    parts: [],
    first: Number(first[1]),
    count: Number(count[1]),
    flate,
  };
}

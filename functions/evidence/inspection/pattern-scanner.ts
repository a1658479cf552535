/**
 * Finds fixed byte patterns in a stream delivered in chunks of any size, including
 * occurrences split across chunk boundaries, without concatenating the chunks.
 *
 * Every hit is handed over with at least `lookBehind` bytes before it and `lookAhead`
 * bytes after it in the same buffer (fewer only at the very start or end of the stream),
 * so the caller can parse what surrounds a token. Hits arrive in stream order.
 *
 * The caller may narrow the search to some of the patterns ({@link PatternScanner.select}),
 * even from within a hit: where only one pattern can matter (inside PDF stream data), a
 * single search pass replaces one pass per pattern.
 */

/** One occurrence of a pattern. `buffer[index]` is its first byte; `offset` is its position in the stream. */
export interface PatternHit {
  readonly pattern: number;
  readonly buffer: Buffer;
  readonly index: number;
  readonly offset: number;
}

/** Context each hit needs around it, in bytes. */
export interface PatternContext {
  readonly lookBehind: number;
  readonly lookAhead: number;
}

/**
 * A streaming multi-pattern finder with a bounded sliding window.
 *
 * @example
 * const scanner = new PatternScanner([Buffer.from('obj')], { lookBehind: 32, lookAhead: 8 }, (hit) => count++);
 * for (const chunk of chunks) scanner.push(chunk);
 * scanner.end();
 */
export class PatternScanner {
  private readonly patterns: readonly Buffer[];
  private readonly window: number;
  /** The last `window` bytes before the current chunk (copied; never a whole chunk). */
  private tail: Buffer = Buffer.alloc(0);
  /** Stream position of `tail[0]`. */
  private tailOffset = 0;
  /** Hits starting before this position have been reported. */
  private nextStart = 0;
  private ended = false;
  /** Pattern indices searched for (all by default). */
  private active: readonly number[];
  /** Bumped on every {@link select}, so that a scan under way notices it. */
  private selection = 0;

  constructor(
    patterns: readonly Uint8Array[],
    private readonly context: PatternContext,
    private readonly onHit: (hit: PatternHit) => void,
  ) {
    if (patterns.length === 0) throw new RangeError('PatternScanner needs at least one pattern');
    this.patterns = patterns.map((pattern) => Buffer.from(pattern));
    const longest = this.patterns.reduce((max, pattern) => Math.max(max, pattern.length), 0);
    if (context.lookAhead < longest) throw new RangeError('lookAhead must cover the longest pattern');
    this.window = context.lookBehind + context.lookAhead;
    this.active = this.patterns.map((_, index) => index);
  }

  /**
   * Searches only `patterns` (indices into the constructor's list; all when undefined) from
   * now on: hits of the others starting after the current hit are no longer reported. May
   * be called from `onHit`; a pattern selected again is searched from just after that hit.
   */
  select(patterns: readonly number[] | undefined): void {
    this.active = patterns ?? this.patterns.map((_, index) => index);
    this.selection += 1;
  }

  /** Total bytes pushed so far. */
  get position(): number {
    return this.tailOffset + this.tail.length;
  }

  /** Scans the next chunk of the stream. */
  push(chunk: Buffer): void {
    if (this.ended) throw new Error('PatternScanner.push after end');
    if (chunk.length === 0) return;
    const chunkOffset = this.position;
    const { lookBehind, lookAhead } = this.context;
    if (chunk.length >= 2 * this.window) {
      // Hits that need bytes of both the previous tail and this chunk.
      const boundary = Buffer.concat([this.tail, chunk.subarray(0, this.window)]);
      this.scan(boundary, this.tailOffset, this.nextStart, chunkOffset + lookBehind);
      // Hits with their whole context inside this chunk.
      this.scan(chunk, chunkOffset, chunkOffset + lookBehind, chunkOffset + chunk.length - lookAhead);
      this.nextStart = chunkOffset + chunk.length - lookAhead;
      this.tail = Buffer.from(chunk.subarray(chunk.length - this.window));
      this.tailOffset = chunkOffset + chunk.length - this.window;
      return;
    }
    const joined = Buffer.concat([this.tail, chunk]);
    const joinedEnd = this.tailOffset + joined.length;
    const scanEnd = joinedEnd - lookAhead;
    if (scanEnd > this.nextStart) {
      this.scan(joined, this.tailOffset, this.nextStart, scanEnd);
      this.nextStart = scanEnd;
    }
    const keep = Math.min(joined.length, this.window);
    this.tail = Buffer.from(joined.subarray(joined.length - keep));
    this.tailOffset = joinedEnd - keep;
  }

  /** Reports the hits left in the last bytes, whose look-ahead is cut by the end of the stream. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.scan(this.tail, this.tailOffset, this.nextStart, this.position);
    this.nextStart = this.position;
  }

  /** Reports, in order, every hit of `buffer` (at stream `bufferOffset`) that starts in [from, to). */
  private scan(buffer: Buffer, bufferOffset: number, from: number, to: number): void {
    const start = Math.max(0, from - bufferOffset);
    const stop = Math.min(buffer.length, to - bufferOffset);
    if (stop <= start) return;
    const next = this.patterns.map(() => -1);
    const search = (from: number) => {
      next.fill(-1);
      for (const pattern of this.active) next[pattern] = buffer.indexOf(this.patterns[pattern]!, from);
    };
    search(start);
    for (;;) {
      let pattern = -1;
      let index = stop;
      for (let candidate = 0; candidate < next.length; candidate += 1) {
        const at = next[candidate]!;
        if (at !== -1 && at < index) {
          index = at;
          pattern = candidate;
        }
      }
      if (pattern === -1) return;
      const selection = this.selection;
      this.onHit({ pattern, buffer, index, offset: bufferOffset + index });
      if (selection !== this.selection) search(index + 1);
      else next[pattern] = buffer.indexOf(this.patterns[pattern]!, index + 1);
    }
  }
}

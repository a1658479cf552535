/**
 * Keeps the last bytes of a stream by reference to its chunks, so that the end of a file
 * (PDF `%%EOF`, ZIP central directory, PNG `IEND`) can be examined once the stream ends.
 */

/**
 * The most recent `size` bytes (at least) of a stream.
 *
 * @example
 * const tail = new TailWindow(1024);
 * for (const chunk of chunks) tail.push(chunk);
 * tail.bytes(); // the last 1024 bytes (or all, if fewer)
 */
export class TailWindow {
  private chunks: { buffer: Buffer; offset: number }[] = [];
  private stored = 0;
  private total = 0;

  constructor(readonly size: number) {}

  /** Bytes pushed so far. */
  get position(): number {
    return this.total;
  }

  /** Appends a chunk, forgetting older chunks no longer needed to hold `size` bytes. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push({ buffer: chunk, offset: this.total });
    this.stored += chunk.length;
    this.total += chunk.length;
    while (this.chunks.length > 1 && this.stored - this.chunks[0]!.buffer.length >= this.size) {
      this.stored -= this.chunks.shift()!.buffer.length;
    }
  }

  /** Visits, in order, the stored bytes at stream positions `from` and later. */
  forEachFrom(from: number, visit: (buffer: Buffer, offset: number) => void): void {
    for (const { buffer, offset } of this.chunks) {
      const end = offset + buffer.length;
      if (end <= from) continue;
      const start = Math.max(0, from - offset);
      visit(buffer.subarray(start), offset + start);
    }
  }

  /** A copy of the last `min(size, position)` bytes. */
  bytes(): Buffer {
    const joined = Buffer.concat(this.chunks.map(({ buffer }) => buffer));
    return Buffer.from(joined.subarray(Math.max(0, joined.length - this.size)));
  }
}

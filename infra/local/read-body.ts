/** Reading a whole request body with an upper bound, for the gateway and the emulator fronts. */
import type { IncomingMessage } from 'node:http';

/**
 * The whole body, or undefined when it is longer than `maxBytes`. An oversized body is still
 * read (and dropped) to its end, so the client has finished sending when the refusal arrives
 * instead of seeing its connection reset.
 *
 * @example
 * const body = await readBoundedBody(request, 16 * 1024 * 1024);
 * if (!body) return tooLarge(response);
 */
export async function readBoundedBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request) {
    bytes += (chunk as Buffer).length;
    if (bytes <= maxBytes) chunks.push(chunk as Buffer);
  }
  return bytes > maxBytes ? undefined : Buffer.concat(chunks);
}

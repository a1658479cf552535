/** Reading a whole request body with an upper bound, for the emulator fronts that check it before passing it on. */
import type { IncomingMessage } from 'node:http';

/**
 * The whole body, or undefined once it grows past `maxBytes`.
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
    if (bytes > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

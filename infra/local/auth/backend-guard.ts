/**
 * The S3 emulator's backend (s3rver) listens on an internal loopback port behind the front
 * that checks SigV4; it checks no signature itself. A guard makes it serve only its front: every call must carry a random per-process token in {@link backendTokenHeader},
 * which only the fronts (and the runtime's own clients of the backends) add.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';

/** The header that carries the backend token. */
export const backendTokenHeader = 'x-local-backend-token';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** A token the fronts present to the backends they own. */
export class BackendToken {
  private readonly value = randomBytes(32).toString('hex');

  /** The header to add to every call to a guarded backend. */
  header(): OutgoingHttpHeaders {
    return { [backendTokenHeader]: this.value };
  }

  /** Whether a call presents the token. */
  presentedBy(request: IncomingMessage): boolean {
    const given = Buffer.from(String(request.headers[backendTokenHeader] ?? ''));
    const expected = Buffer.from(this.value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Puts the guard in front of `server`'s request listeners: calls without the token get 403,
   * the others reach the backend without the header.
   *
   * @example
   * const backend = http.createServer(serve);
   * token.guard(backend);
   * backend.listen(0, '127.0.0.1');
   */
  guard(server: Server): void {
    const listeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!this.presentedBy(request)) {
        response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: internal backend of the local runtime; call its front.\n');
        return;
      }
      delete request.headers[backendTokenHeader];
      for (const listener of listeners) listener(request, response);
    });
  }
}

/** A free TCP port, for the runtime's child processes and the tests that start runtimes. */
import { createServer } from 'node:net';

/**
 * A port that was free on loopback a moment ago (the OS's pick for port 0).
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

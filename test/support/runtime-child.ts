/**
 * Starts the local runtime (`infra/local/main.ts`) as a child process on a free port with its
 * own data directory, exactly as `npm start` would, and talks to it over HTTP only. Free of
 * vitest, so that benchmarks (`bench/`) start it the same way; tests use `runtime-process.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '#infra/local/free-port.js';

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface RuntimeProcess {
  readonly baseUrl: string;
  /** The runtime's process id (e.g. to read its CPU time). */
  readonly pid: number;
  readonly dataDir: string;
  readonly output: () => string;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops the process and removes its data directory. */
  dispose(): Promise<void>;
}

export { freePort };

/**
 * Starts the runtime and resolves once `GET /dev/health` answers and the runtime has printed
 * that it is ready (`npm start` creates the demo data between the two). `env` adds to the
 * child's environment (e.g. `PROVINCE` for a province deployment's program setting).
 */
export async function startRuntimeProcess(options: { dataDir?: string; port?: number; demo?: boolean; env?: Readonly<Record<string, string>> } = {}): Promise<RuntimeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cjrh-e2e-'));
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts', ...(options.demo ? [] : ['--no-demo'])], {
    cwd: projectRoot,
    env: { ...process.env, ...options.env, PORT: String(port), DATA_DIR: dataDir, AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`runtime exited early:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/dev/health`);
      if (response.ok && output.includes('local runtime ready')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`runtime not healthy in time:\n${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return {
    baseUrl,
    pid: child.pid!,
    dataDir,
    output: () => output,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}


/**
 * The local runtime as a child process for a test file (see `runtime-child.ts`, which starts
 * it exactly as `npm start` would).
 */
import { afterAll, beforeAll } from 'vitest';
import { startRuntimeProcess, type RuntimeProcess } from './runtime-child.js';

export { freePort, startRuntimeProcess, type RuntimeProcess } from './runtime-child.js';

/**
 * Starts one runtime for the calling test file (beforeAll) and disposes of it (afterAll);
 * returns a getter for it. With E2E_DEBUG set, the runtime's output is printed at the end.
 */
export function useRuntimeProcess(): () => RuntimeProcess {
  let runtime: RuntimeProcess | undefined;
  beforeAll(async () => {
    runtime = await startRuntimeProcess();
  });
  afterAll(async () => {
    if (process.env['E2E_DEBUG']) console.log(runtime?.output());
    await runtime?.dispose();
  });
  return () => {
    if (!runtime) throw new Error('the runtime is not started yet');
    return runtime;
  };
}

/**
 * Temporary folders for a test file, removed after its tests (so that the suite leaves no
 * folders behind in the temporary directory, run after run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A new empty folder named after `prefix` in the temporary directory, removed after the
 * calling test file's tests.
 *
 * @example
 * const dataDir = scratchDir('local-sfn-');
 */
export function scratchDir(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

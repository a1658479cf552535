/**
 * `npm run bench`: runs every benchmark in this folder, one child process each (so that
 * memory figures are the benchmark's own), one after the other. A benchmark is any
 * `bench/*.ts` except this runner and files starting with `_`. Arguments after `--` that
 * do not start with `-` pick benchmarks by name; the others are passed on to each one.
 *
 * @example
 * npm run bench                                   # all benchmarks
 * npm run bench -- evidence-hash --size-mib 256   # one, with an option
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const wanted = args.filter((arg, index) => !arg.startsWith('-') && !args[index - 1]?.startsWith('--'));
const passed = args.filter((arg) => !wanted.includes(arg));
const benchmarks = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.startsWith('_'))
  .map((file) => basename(file, '.ts'))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

if (benchmarks.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const name of benchmarks) {
  console.log(`\n=== ${name} ===`);
  const tsx = join(folder, '..', 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [join(folder, `${name}.ts`), ...passed], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${name} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}
process.exit(failed === 0 ? 0 : 1);

/**
 * Benchmark of the functions' cold start: each catalogue function is bundled as the CDK stack
 * bundles it (`handlerEsbuildOptions`: minified ESM for the stack's Node.js target split into
 * lazily loaded chunks, the AWS SDK left to the runtime) into a temporary folder; printed and
 * written to `bench/results/cold-start.json`: the size of what a cold start loads (the entry and
 * the chunks it imports statically; goal ≤ 250 KB) with its largest packages, and the time a
 * fresh `node` process takes to import the handler module (import + top-level init, median
 * of several runs) against `node -e ''` (goal ≤ 2×), beside the time the same AWS SDK modules
 * take alone (the share of the Lambda runtime's own SDK). The SDK resolves from the project's
 * copy, as Lambda's runtime provides its own; the environment is the stack's names with
 * placeholder values. The temporary folder is deleted at the end.
 *
 * Options: `--runs N` (default 9).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { handlerEsbuildOptions } from '../infra/constructs/handler-function.js';
import { functions, type FunctionName } from '../infra/definitions/catalog.js';
import { environmentNames } from '../infra/definitions/environment.js';
import { median } from './_stats.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(projectRoot, 'bench', 'results', 'cold-start.json');
const goals = { bundleKiB: 250, importRatio: 2 } as const;
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg === -1 ? 9 : Number(process.argv[runsArg + 1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

/** The environment each function gets from the stack (infra/stacks), with placeholder values. */
const lambdaEnvironment: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'],
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDCOLDSTARTBENCH00',
  AWS_SECRET_ACCESS_KEY: 'cold-start-benchmark-placeholder-secret-key',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  [environmentNames.tableName]: 'cjrh-bench',
  [environmentNames.bucketName]: 'cjrh-bench-evidence',
  [environmentNames.submissionStateMachineArn]: 'arn:aws:states:us-east-1:000000000000:stateMachine:submission',
  [environmentNames.roundStateMachineArn]: 'arn:aws:states:us-east-1:000000000000:stateMachine:round',
  [environmentNames.reviewStateMachineArn]: 'arn:aws:states:us-east-1:000000000000:stateMachine:review',
  [environmentNames.publicBaseUrl]: 'https://review.example.invalid',
  [environmentNames.mailFrom]: 'noreply@example.invalid',
  [environmentNames.staffEmail]: 'staff@example.invalid',
  [environmentNames.mailTransport]: 'ses',
  [environmentNames.province]: 'gx',
  [environmentNames.signInIssuer]: 'https://signin.example.invalid',
  [environmentNames.signInClientId]: 'cold-start-bench',
  [environmentNames.evidenceUploadOrigin]: 'https://cjrh-bench-evidence.s3.us-east-1.amazonaws.com',
};

/** Wall time of one fresh `node` process with `args` in `cwd` (ms) and what it printed; throws when it fails. */
function timeNode(args: readonly string[], cwd: string): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env: lambdaEnvironment, encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} in ${cwd} failed (${result.status}): ${result.stderr.slice(0, 2000)}`);
  return { ms, stdout: result.stdout };
}

/**
 * The outputs a cold start loads: the entry and the chunks it imports statically, not those
 * only reached through a dynamic `import()` (the heavy document and mail modules).
 */
function coldStartOutputs(metafile: Metafile): Metafile['outputs'][string][] {
  // `index.mjs`: chunks reached by `import()` name an entry point of their own too.
  const entry = Object.keys(metafile.outputs).find((file) => basename(file) === 'index.mjs');
  const loaded = new Set<string>();
  for (const queue = entry ? [entry] : []; queue.length > 0; ) {
    const file = queue.pop()!;
    if (loaded.has(file)) continue;
    loaded.add(file);
    for (const imported of metafile.outputs[file]!.imports) if (!imported.external && imported.kind === 'import-statement') queue.push(imported.path);
  }
  return [...loaded].map((file) => metafile.outputs[file]!);
}

/** Bytes of the JavaScript a cold start loads ({@link coldStartOutputs}). */
function coldStartBytes(metafile: Metafile): number {
  return coldStartOutputs(metafile).reduce((sum, output) => sum + output.bytes, 0);
}

/** The packages (or project folders) that put the most bytes into what a cold start loads. */
function largestInputs(metafile: Metafile, count = 4): { source: string; kib: number }[] {
  const totals = new Map<string, number>();
  for (const output of coldStartOutputs(metafile)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      totals.set(packageName, (totals.get(packageName) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([source, bytes]) => ({ source, kib: Number((bytes / 1024).toFixed(1)) }));
}

/** The external (AWS SDK) modules a cold start imports (the others come with their adapters' chunks on first use). */
function sdkImports(metafile: Metafile): string[] {
  const names = coldStartOutputs(metafile).flatMap((output) => output.imports.filter((entry) => entry.external && entry.kind === 'import-statement').map((entry) => entry.path));
  return [...new Set(names)].filter((name) => name.startsWith('@aws-sdk/')).sort();
}

interface Row {
  readonly name: FunctionName;
  readonly kib: number;
  readonly sizeMet: boolean;
  readonly largestInputs: { source: string; kib: number }[];
  readonly importMs: number;
  /** Importing the bundle's AWS SDK modules alone (in a process of its own). */
  readonly sdkModules: string[];
  readonly sdkImportMs: number;
  readonly processMs: number;
  readonly ratio: number;
  readonly ratioMet: boolean;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(realpathSync(tmpdir()), 'cold-start-bench-'));
  try {
    // Lambda's Node.js runtime provides the AWS SDK: here the project's copy stands in for it.
    mkdirSync(join(folder, 'node_modules'));
    symlinkSync(join(projectRoot, 'node_modules', '@aws-sdk'), join(folder, 'node_modules', '@aws-sdk'), 'dir');
    console.log(`Bundling ${functions.length} functions into ${folder} (esbuild, as the stack does); ${runs} runs each, ${cpus().length} CPUs`);
    const bundles = await Promise.all(
      functions.map(async (definition) => {
        const directory = join(folder, definition.name);
        const { metafile } = await build({ ...handlerEsbuildOptions(), entryPoints: { index: join(projectRoot, definition.entry) }, outdir: directory, metafile: true, logLevel: 'error' });
        // The probe reports the import's own time too; its exit code says the handler was there.
        writeFileSync(
          join(directory, 'probe.mjs'),
          "const started = performance.now(); const module = await import('./index.mjs');\n" +
            "if (typeof module.handler !== 'function') process.exit(2);\n" +
            'process.stdout.write(String(performance.now() - started));\n',
        );
        // The same AWS SDK modules alone: the share of the import the Lambda runtime's SDK takes.
        const sdk = sdkImports(metafile);
        writeFileSync(
          join(directory, 'sdk-probe.mjs'),
          `const started = performance.now(); await Promise.all(${JSON.stringify(sdk)}.map((name) => import(name)));\n` +
            'process.stdout.write(String(performance.now() - started));\n',
        );
        return { name: definition.name, directory, kib: coldStartBytes(metafile) / 1024, metafile, sdk };
      }),
    );

    const baseline: number[] = [];
    const samples = new Map<string, { process: number[]; import: number[]; sdk: number[] }>(bundles.map((bundle) => [bundle.name, { process: [], import: [], sdk: [] }]));
    // Warm the file cache once, then alternate baseline and functions so that load drifts hit all alike.
    for (const bundle of bundles) timeNode(['probe.mjs'], bundle.directory);
    for (let run = 0; run < runs; run += 1) {
      baseline.push(timeNode(['-e', ''], folder).ms);
      for (const bundle of bundles) {
        const { ms, stdout } = timeNode(['probe.mjs'], bundle.directory);
        samples.get(bundle.name)!.process.push(ms);
        samples.get(bundle.name)!.import.push(Number(stdout));
        samples.get(bundle.name)!.sdk.push(Number(timeNode(['sdk-probe.mjs'], bundle.directory).stdout));
      }
    }
    const baselineMs = median(baseline);
    const rows: Row[] = bundles.map((bundle) => {
      const measured = samples.get(bundle.name)!;
      const processMs = median(measured.process);
      const ratio = processMs / baselineMs;
      return {
        name: bundle.name,
        kib: Number(bundle.kib.toFixed(1)),
        sizeMet: bundle.kib <= goals.bundleKiB,
        largestInputs: largestInputs(bundle.metafile),
        importMs: Number(median(measured.import).toFixed(1)),
        sdkModules: bundle.sdk,
        sdkImportMs: Number(median(measured.sdk).toFixed(1)),
        processMs: Number(processMs.toFixed(1)),
        ratio: Number(ratio.toFixed(2)),
        ratioMet: ratio <= goals.importRatio,
      };
    });

    console.log(`\n  node -e '' (baseline)  median ${baselineMs.toFixed(1)} ms\n`);
    console.log(`  ${'function'.padEnd(18)} ${'bundle'.padStart(10)}  ${'size goal'.padEnd(13)} ${'import'.padStart(9)} ${'of it SDK'.padStart(9)} ${'process'.padStart(9)} ${'ratio'.padStart(6)}  ratio goal   largest inputs`);
    for (const row of rows) {
      const size = row.sizeMet ? 'met' : 'MISSED';
      const inputs = row.largestInputs.map((input) => `${input.source} ${input.kib} KB`).join(', ');
      console.log(
        `  ${row.name.padEnd(18)} ${`${row.kib.toFixed(1)} KB`.padStart(10)}  ${size.padEnd(13)} ${`${row.importMs.toFixed(1)} ms`.padStart(9)} ${`${row.sdkImportMs.toFixed(1)} ms`.padStart(9)} ${`${row.processMs.toFixed(1)} ms`.padStart(9)} ${`${row.ratio.toFixed(2)}×`.padStart(6)}  ${(row.ratioMet ? 'met' : 'MISSED').padEnd(10)} ${inputs}`,
      );
    }

    const result = {
      benchmark: 'cold-start',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      runs,
      goals: { bundleKiB: goals.bundleKiB, importRatio: goals.importRatio },
      baselineMs: Number(baselineMs.toFixed(1)),
      functions: rows,
      sizeGoalMet: rows.every((row) => row.sizeMet),
      ratioGoalMet: rows.every((row) => row.ratioMet),
    };
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n  size goal (≤ ${goals.bundleKiB} KB loaded): ${result.sizeGoalMet ? 'met' : 'MISSED'}; import goal (≤ ${goals.importRatio}× node -e ''): ${result.ratioGoalMet ? 'met' : 'MISSED'}`);
    console.log(`  written ${resultsFile}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();

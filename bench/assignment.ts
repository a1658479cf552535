/**
 * Benchmark of `assignExperts` on seeded realistic instances (test/support/assignment-instances.ts):
 * 1000 applications × 5 experts from 3000 experts, and 150 × 5 from 1000, capacity 10 each.
 * For each: the solve's wall time (median of several runs after a cold one, in a fresh bundled
 * Node process), its peak RSS, the hard-constraint violations found by an independent check,
 * and the expertise objective as a fraction of the LP optimum that HiGHS computes in the same
 * run for the same tiers (certified over every eligible pair; see `_assignment-lp.ts`).
 * Writes `bench/results/assignment.json`.
 *
 * Options: `--runs N` (timed runs after the cold one, default 5), `--seed S` (default `bench`),
 * `--only large|small`, `--lp direct|column-generation` (default: by size).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadHighs } from './_highs.js';
import { generateAssignmentInstance, type InstanceOptions } from '../test/support/assignment-instances.js';
import { solveAssignmentLp, type AssignmentLp, type LpMethod } from './_assignment-lp.js';
import { assignmentProblem, checkAssignment, recusalDisagreements, type AssignmentCheck } from './_assignment-problem.js';
import type { TimedRun } from './_assignment-run.js';
import { median } from './_stats.js';

const folder = dirname(fileURLToPath(import.meta.url));
const option = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};
const runs = Number(option('runs') ?? 5);
const seed = option('seed') ?? 'bench';
const lpMethod = option('lp') as LpMethod | undefined;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

const goals = { ms: 1000, rssBytes: 256e6, fraction: 0.995, violations: 0 };
const instances = [
  { name: 'large', applications: 1000, experts: 3000, expertsPerApplication: 5, capacity: 10 },
  { name: 'small', applications: 150, experts: 1000, expertsPerApplication: 5, capacity: 10 },
].filter((instance) => option('only') === undefined || option('only') === instance.name);

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);
const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

/** Bundles the timed run into one file, so that its process loads no TypeScript tooling. */
async function bundleRunner(directory: string): Promise<string> {
  const outfile = join(directory, 'assignment-run.mjs');
  await build({ entryPoints: [join(folder, '_assignment-run.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return outfile;
}

function timedRun(runner: string, options: InstanceOptions): TimedRun {
  const child = spawnSync(process.execPath, ['--expose-gc', runner, JSON.stringify({ ...options, runs })], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`timed run failed (${child.status ?? child.signal}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as TimedRun;
}

interface InstanceReport {
  readonly name: string;
  readonly options: InstanceOptions;
  readonly eligiblePairs: number;
  readonly blockedPairs: Readonly<Record<string, number>>;
  readonly time: { readonly medianMs: number; readonly coldMs: number; readonly runsMs: readonly number[]; readonly ratioToGoal: number };
  readonly memory: { readonly maxRssBytes: number; readonly rssBeforeBytes: number };
  readonly deterministic: boolean;
  readonly recusalDisagreements: number;
  readonly check: AssignmentCheck;
  readonly lp: AssignmentLp;
  readonly fraction: number;
}

async function main(): Promise<void> {
  const highs = await loadHighs();
  const highsVersion = highs.raw.version().string;
  const directory = mkdtempSync(join(tmpdir(), 'assignment-bench-'));
  const reports: InstanceReport[] = [];
  let failed = false;
  try {
    const runner = await bundleRunner(directory);
    for (const instance of instances) {
      const options: InstanceOptions = { ...instance, seed };
      console.log(`\n${instance.applications} applications × ${instance.expertsPerApplication} experts from ${instance.experts} experts (capacity ${instance.capacity}), seed ${seed}`);
      const timed = timedRun(runner, options);
      const input = generateAssignmentInstance(options);
      const problem = assignmentProblem(input);
      const check = checkAssignment(input, problem, timed.result);
      const disagreements = recusalDisagreements(input, problem);
      const lp = solveAssignmentLp(highs, problem, lpMethod ? { method: lpMethod } : {});
      const fraction = lp.expertise.bound <= 0 ? 1 : check.expertiseMatches / lp.expertise.bound;
      const medianMs = median(timed.runsMs);
      const pairsTotal = instance.applications * instance.experts;
      const blocked = Object.entries(problem.blocked).map(([reason, count]) => `${reason} ${count}`).join(', ');
      console.log(`  instance        ${problem.eligiblePairs} eligible pairs of ${pairsTotal}; ${(100 * (1 - problem.eligiblePairs / pairsTotal)).toFixed(2)} % blocked (${blocked})`);
      console.log(`  recusal         recusals() and reviewConflict on every pair ${disagreements === 0 ? 'agree' : `disagree on ${disagreements} pairs`}  [${mark(disagreements === 0)}]`);
      console.log(`  assignExperts   median ${ms(medianMs)} of ${runs} runs (cold ${ms(timed.coldMs)}); ${(medianMs / goals.ms).toFixed(2)}× the 1 s goal  [${mark(medianMs <= goals.ms)}]`);
      console.log(`  peak RSS        ${mb(timed.maxRssBytes)} (process maxRSS; ${mb(timed.rssBeforeBytes)} before the first solve); goal ≤ 256 MB  [${mark(timed.maxRssBytes <= goals.rssBytes)}]`);
      const violations = Object.entries(check.violations).map(([kind, count]) => `${kind} ${count}`).join(', ');
      console.log(`  violations      ${check.violationCount}${violations ? ` (${violations})` : ''}; goal 0  [${mark(check.violationCount === 0)}]`);
      console.log(`  deterministic   ${timed.identical ? 'yes' : 'NO'} (every run gave the same assignment)`);
      const below = lp.belowMaxLoad ? `; LP with load ≤ ${lp.maxLoad - 1}: ${lp.belowMaxLoad.optimum.toFixed(0)} (bound ${lp.belowMaxLoad.bound.toFixed(3)})` : '';
      console.log(`  coverage        ${check.pairs} pairs, LP ${lp.coverage.optimum.toFixed(0)} (bound ${lp.coverage.bound.toFixed(3)})  [${mark(check.pairs === Math.round(lp.coverage.optimum))}]`);
      console.log(`  max load        ${check.maxLoad}, LP L* ${lp.maxLoad}${below}  [${mark(check.maxLoad === lp.maxLoad)}]`);
      console.log(`  LP optimum      ${lp.expertise.optimum.toFixed(3)} expertise matches (certified bound ${lp.expertise.bound.toFixed(3)})`);
      console.log(`  our objective   ${check.expertiseMatches} (the result says ${timed.result.expertiseMatches})  [${mark(check.expertiseMatches === timed.result.expertiseMatches)}]`);
      console.log(`  fraction        ${fraction.toFixed(4)} of the LP optimum; goal ≥ ${goals.fraction}  [${mark(fraction >= goals.fraction)}]`);
      console.log(
        `  LP solve        ${ms(lp.ms)} with HiGHS ${highsVersion} (${lp.method === 'direct' ? 'every eligible pair at once' : `column generation: ${lp.columns} of ${lp.eligiblePairs} pairs in the master, every pair priced`}); ` +
          `${(lp.ms / medianMs).toFixed(1)}× our time`,
      );
      if (check.violationCount > 0 || disagreements > 0 || check.expertiseMatches > lp.expertise.bound + 1e-6 || !timed.identical) failed = true;
      reports.push({
        name: instance.name,
        options,
        eligiblePairs: problem.eligiblePairs,
        blockedPairs: problem.blocked,
        time: { medianMs, coldMs: timed.coldMs, runsMs: timed.runsMs, ratioToGoal: medianMs / goals.ms },
        memory: { maxRssBytes: timed.maxRssBytes, rssBeforeBytes: timed.rssBeforeBytes },
        deterministic: timed.identical,
        recusalDisagreements: disagreements,
        check,
        lp,
        fraction,
      });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  mkdirSync(join(folder, 'results'), { recursive: true });
  const file = join(folder, 'results', 'assignment.json');
  writeFileSync(file, `${JSON.stringify({ benchmark: 'assignment', at: new Date().toISOString(), node: process.version, highs: highsVersion, goals, instances: reports }, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
  if (failed) process.exitCode = 1;
}

await main();

/**
 * The timed part of the assignment benchmark, run by `assignment.ts` in a fresh Node process
 * of its own (bundled, started with `--expose-gc`) so that its memory figures are the
 * solver's: generates the instance, runs `assignExperts` once cold and then `runs` times
 * (collecting garbage before each), and prints one JSON line with the times, the peak
 * resident memory and the first result.
 *
 * Argument: the {@link InstanceOptions} as JSON, plus `runs`.
 */
import { assignExperts, type AssignmentResult } from '../shared/domain/assignment.js';
import { generateAssignmentInstance, type InstanceOptions } from '../test/support/assignment-instances.js';

/** What the run prints (one JSON line on stdout). */
export interface TimedRun {
  readonly coldMs: number;
  readonly runsMs: readonly number[];
  /** RSS after generating the instance, before the first solve. */
  readonly rssBeforeBytes: number;
  /** Peak RSS of the process after the cold run, and at the end. */
  readonly maxRssColdBytes: number;
  readonly maxRssBytes: number;
  /** Every run returned the same assignment as the cold one. */
  readonly identical: boolean;
  readonly result: AssignmentResult;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

const options = JSON.parse(process.argv[2] ?? '{}') as InstanceOptions & { runs: number };
const input = generateAssignmentInstance(options);
gc();
const rssBeforeBytes = process.memoryUsage().rss;
let started = performance.now();
const result = assignExperts(input);
const coldMs = performance.now() - started;
const maxRssColdBytes = maxRss();
const expected = JSON.stringify(result.assignments);
const runsMs: number[] = [];
let identical = true;
for (let run = 0; run < options.runs; run++) {
  gc();
  started = performance.now();
  const again = assignExperts(input);
  runsMs.push(performance.now() - started);
  identical &&= JSON.stringify(again.assignments) === expected;
}
const report: TimedRun = { coldMs, runsMs, rssBeforeBytes, maxRssColdBytes, maxRssBytes: maxRss(), identical, result };
process.stdout.write(`${JSON.stringify(report)}\n`);

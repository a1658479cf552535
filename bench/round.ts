/**
 * Benchmark of a whole round on the local runtime, intake to publish, over HTTP only: the
 * runtime is started as a child process (as `npm start` runs, with its controllable clock);
 * staff open a round, institutions apply and upload every required material (small valid
 * PDFs) and submit, staff accept them all in formal review, intake closes and the experts
 * are assigned, every expert declares no conflict and scores through the link in the mail,
 * staff approve the proposed shortlist, the clock runs out the publicity, staff give final
 * approval and the results are published. Printed and written to `bench/results/round.json`:
 * wall time per phase, Lambda invocations, Step Functions transitions per application and the
 * largest execution history, DynamoDB and S3 requests, mails, and the cost per 1000
 * applications at published AWS prices (`_aws-prices.ts`), each against its goal.
 *
 * Options: `--applications N` (default 200), `--concurrency N` clients at a time (default 8),
 * `--experts N` (default: enough for the load at capacity 10).
 */
import { cpus } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeCredentials } from '../infra/local/auth/runtime-credentials.js';
import { readRuntimeMetrics } from '../infra/local/metrics/read-metrics.js';
import type { MetricsReport } from '../infra/local/metrics/metrics-route.js';
import { cityConsortiumForm } from '../test/support/forms.js';
import { callApi, devToken, eventually } from '../test/support/http-client.js';
import { startRuntimeProcess } from '../test/support/runtime-child.js';
import { postUpload, samplePdf } from '../test/support/uploads.js';
import { awsPrices, costOf, gigabyteSeconds } from './_aws-prices.js';

/** The part of `GET /api/admin/rounds/{id}` the benchmark waits on. */
interface RoundBody {
  readonly round?: { readonly id: string; readonly status: string; readonly counts?: { readonly screening?: number } };
}

const goals = { wallSeconds: 60, transitionsPerApplication: 25, dollarsPer1000Applications: 5 } as const;
const programId = 'gx-city-consortium';
/** The most history events a Standard workflow execution may have (Step Functions quota). */
const historyQuota = 25_000;
const resultsFile = join(dirname(fileURLToPath(import.meta.url)), 'results', 'round.json');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const applications = option('applications', 200);
const concurrency = option('concurrency', 8);
const expertsPerApplication = 3;
const expertCount = option('experts', Math.max(expertsPerApplication + 2, Math.ceil((applications * expertsPerApplication) / 8)));
/** Long enough for a loaded machine; a stuck round still fails. */
const waitMs = 600_000;

/** Runs `work` over `items`, `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await work(items[index]!, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Throws unless the call answered `status`. */
function expectStatus(answer: { status: number; body: unknown }, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
}

interface Indicator {
  readonly code: string;
  readonly maxScore?: number;
  readonly children?: readonly Indicator[];
}
const leaves = (nodes: readonly Indicator[]): Indicator[] => nodes.flatMap((node) => (node.children?.length ? leaves(node.children) : [node]));

const regions = ['南宁', '柳州', '桂林', '梧州', '北海', '钦州', '玉林', '百色'];
const expertise = ['职业教育', '产教融合', '汽车', '机械装备制造', '电子信息', '轻工化工', '现代农业', '数字经济'];

async function main(): Promise<void> {
  console.log(`Round of ${applications} applications × ${expertsPerApplication} experts from ${expertCount}, ${concurrency} clients at a time, on ${cpus().length} CPUs`);
  const runtime = await startRuntimeProcess();
  try {
    const base = runtime.baseUrl;
    const credentials = JSON.parse(readFileSync(join(runtime.dataDir, 'aws-credentials.json'), 'utf8')) as RuntimeCredentials;
    let admin = await devToken(base, { role: 'admin', name: '基准测试管理员' });
    const phases: Record<string, number> = {};
    let phaseStarted = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = (now - phaseStarted) / 1000;
      phaseStarted = now;
      console.log(`  ${name.padEnd(22)} ${phases[name].toFixed(1).padStart(6)} s`);
    };
    const roundStatus = async (status: string) =>
      eventually(async () => {
        const { body } = await callApi<RoundBody>(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin });
        if (body.round?.status === 'cancelled') throw new Error(`round cancelled: ${JSON.stringify(body.round)}`);
        return body.round?.status === status ? body.round : undefined;
      }, `round ${status}`, waitMs);

    // Setup, not timed as the round: the expert pool.
    await inPool(Array.from({ length: expertCount }, (_, index) => index), concurrency, async (index) => {
      const expert = {
        name: `基准专家${index + 1}`,
        email: `bench-expert-${index + 1}@experts.test`,
        organization: `基准评审单位${index + 1}`,
        region: regions[index % regions.length],
        expertise: [expertise[index % expertise.length], expertise[(index + 3) % expertise.length]],
        capacity: 10,
      };
      expectStatus(await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert }), 201, 'create expert');
    });
    const program = (await callApi<{ materials: { key: string; required: boolean }[]; indicators: Indicator[] }>(base, 'GET', `/api/programs/${programId}`)).body;
    const requiredMaterials = program.materials.filter((material) => material.required).map((material) => material.key);
    const indicators = leaves(program.indicators);
    const pdf = await samplePdf(2);
    const before = await readRuntimeMetrics(base, credentials);
    console.log(`  setup: ${expertCount} experts; each application uploads ${requiredMaterials.join(', ')} (${pdf.length} bytes)`);

    const started = performance.now();
    phaseStarted = started;
    const now = Date.parse((await callApi<{ now: string }>(base, 'GET', '/dev/health')).body.now);
    const created = await callApi<{ round: { id: string } }>(base, 'POST', '/api/admin/rounds', {
      token: admin,
      body: {
        programId,
        title: '2026年市域产教联合体认定（基准测试）',
        year: 2026,
        intakeOpensAt: new Date(now - 3600_000).toISOString(),
        intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString(),
        expertsPerApplication,
        minValidReviews: 2,
        publicityWorkingDays: 5,
      },
    });
    expectStatus(created, 201, 'create round');
    const roundId = created.body.round.id;

    // Intake: each institution applies, uploads its materials, waits for the checks, submits.
    const applicationIds: string[] = [];
    await inPool(Array.from({ length: applications }, (_, index) => index), concurrency, async (index) => {
      const number = String(index + 1).padStart(3, '0');
      const token = await devToken(base, { role: 'institution', orgId: `org-bench-${number}` });
      const form = cityConsortiumForm(`基准测试市${number}人民政府`, `基准测试市${number}市域产教联合体`);
      const draft = await callApi<{ application: { id: string } }>(base, 'POST', '/api/applications', { token, body: { roundId, form } });
      expectStatus(draft, 201, 'create application');
      const applicationId = draft.body.application.id;
      for (const materialKey of requiredMaterials) {
        const requested = await callApi<{ upload: { url: string; fields: Record<string, string> }; evidence: { id: string } }>(base, 'POST', `/api/applications/${applicationId}/evidence`, {
          token,
          body: { materialKey, fileName: `${materialKey}.pdf`, contentType: 'application/pdf', size: pdf.length },
        });
        expectStatus(requested, 201, 'request upload');
        const uploaded = await postUpload(requested.body.upload, pdf);
        if (uploaded.status !== 204) throw new Error(`upload: ${uploaded.status} ${uploaded.text}`);
        await eventually(async () => {
          const { body } = await callApi<{ evidence: { status: string } }>(base, 'GET', `/api/applications/${applicationId}/evidence/${requested.body.evidence.id}`, { token });
          if (body.evidence.status === 'rejected') throw new Error(`evidence rejected: ${JSON.stringify(body.evidence)}`);
          return body.evidence.status === 'verified' ? true : undefined;
        }, 'evidence check', waitMs);
      }
      expectStatus(await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token, body: {} }), 200, 'submit');
      applicationIds.push(applicationId);
    });
    phase('intake');

    // Formal review: once every submission waits for staff, staff accept them all.
    await eventually(async () => {
      const { body } = await callApi<RoundBody>(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin });
      return (body.round?.counts?.screening ?? 0) === applications ? true : undefined;
    }, 'every application in screening', waitMs);
    await inPool(applicationIds, concurrency, async (applicationId) => {
      const screened = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'accept', reasons: [] } });
      expectStatus(screened, 200, 'screening');
    });
    phase('screening');

    // Intake closes (retried while the submission workflows still write the round); experts are assigned.
    const closed = await eventually(async () => {
      const answer = await callApi<{ error?: { code?: string } } | undefined>(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin });
      return answer.body?.error?.code === 'CONCURRENT_UPDATE' ? undefined : answer;
    }, 'intake to close', waitMs);
    expectStatus(closed, 202, 'close intake');
    await roundStatus('in_review');
    phase('assignment');

    // Every expert reviews through the links in the invitation mails, as they arrive: the round
    // reviews a bounded number of applications at a time (its Map's MaxConcurrency).
    const reviewed = new Set<string>();
    let reviews = 0;
    const review = async (linkId: string) => {
      const index = reviews++;
      expectStatus(await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } }), 200, 'declare no conflict');
      const share = 0.6 + ((index * 7) % 10) / 28;
      const scores = Object.fromEntries(indicators.map((indicator) => [indicator.code, Math.round((indicator.maxScore ?? 10) * share)]));
      const scored = await callApi(base, 'POST', `/api/review/${linkId}/scores`, {
        body: { scores, comment: '材料完整，特色鲜明。', recommendation: 'recommend', final: true },
      });
      expectStatus(scored, 200, 'submit scores');
    };
    const reviewDeadline = Date.now() + waitMs;
    for (;;) {
      const { body } = await callApi<{ messages: { links: string[] }[] }>(base, 'GET', '/dev/mail');
      const links = body.messages.flatMap((mail) => mail.links).filter((url) => url.includes('/review/'));
      const fresh = [...new Set(links.map((url) => url.split('/review/')[1]!))].filter((linkId) => !reviewed.has(linkId));
      for (const linkId of fresh) reviewed.add(linkId);
      await inPool(fresh, concurrency, review);
      if (fresh.length > 0) continue;
      const { body: current } = await callApi<RoundBody>(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin });
      if (current.round?.status !== 'in_review') break;
      if (Date.now() > reviewDeadline) throw new Error(`reviews stalled after ${reviewed.size} links`);
      await new Promise((done) => setTimeout(done, 150));
    }
    await roundStatus('awaiting_shortlist_approval');
    phase('review');

    expectStatus(await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } }), 200, 'approve shortlist');
    await roundStatus('in_publicity');
    phase('shortlist');

    // The publicity runs out on the runtime clock; dev tokens expire on it too.
    expectStatus(await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 30 * 86_400 } }), 200, 'advance the clock');
    admin = await devToken(base, { role: 'admin', name: '基准测试管理员' });
    await roundStatus('awaiting_final_approval');
    phase('publicity');

    const approved = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕8号' } });
    expectStatus(approved, 200, 'final approval');
    await roundStatus('published');
    const recognized = (await callApi<{ recognized: unknown[] }>(base, 'GET', `/api/public/rounds/${roundId}/results`)).body.recognized;
    phase('final approval');
    const wallSeconds = (performance.now() - started) / 1000;

    const after = await readRuntimeMetrics(base, credentials);
    report({ before, after, wallSeconds, phases, recognized: recognized.length, reviews: reviewed.size });
  } catch (error) {
    console.error(runtime.output().split('\n').slice(-40).join('\n'));
    throw error;
  } finally {
    await runtime.dispose();
  }
}

/** `after - before` for every counter. */
function difference(before: MetricsReport['counters'], after: MetricsReport['counters']): MetricsReport['counters'] {
  const entries = Object.entries(after).map(([name, values]) => {
    const earlier = before[name as keyof typeof before];
    const grown = Object.entries(values)
      .map(([key, value]) => [key, value - (earlier[key] ?? 0)] as const)
      .filter(([, value]) => value !== 0);
    return [name, Object.fromEntries(grown)] as const;
  });
  return Object.fromEntries(entries) as MetricsReport['counters'];
}

const total = (values: Record<string, number>): number => Object.values(values).reduce((sum, value) => sum + value, 0);
const verdict = (met: boolean): string => (met ? 'goal met' : 'GOAL MISSED');

function report(run: { before: MetricsReport; after: MetricsReport; wallSeconds: number; phases: Record<string, number>; recognized: number; reviews: number }): void {
  const counters = difference(run.before.counters, run.after.counters);
  const transitions = total(counters['stepFunctions.transitions']);
  const perApplication = transitions / applications;
  const cost = costOf(counters);
  const scale = 1000 / applications;
  const per1000 = Object.fromEntries(Object.entries(cost).map(([service, dollars]) => [service, Number((dollars * scale).toFixed(4))])) as Record<keyof typeof cost, number>;
  const largest = run.after.stepFunctions.largest;
  const result = {
    benchmark: 'round',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    applications,
    expertsPerApplication,
    experts: expertCount,
    concurrency,
    reviews: run.reviews,
    recognized: run.recognized,
    wallTime: { seconds: Number(run.wallSeconds.toFixed(1)), goalSeconds: goals.wallSeconds, met: run.wallSeconds <= goals.wallSeconds, phases: run.phases },
    lambda: {
      invocations: counters['lambda.invocations'],
      totalInvocations: total(counters['lambda.invocations']),
      errors: counters['lambda.errors'],
      billedMs: counters['lambda.billedMs'],
      gigabyteSeconds: gigabyteSeconds(counters),
    },
    stepFunctions: {
      executions: counters['stepFunctions.executions'],
      transitions: counters['stepFunctions.transitions'],
      transitionsPerApplication: Number(perApplication.toFixed(2)),
      goalPerApplication: goals.transitionsPerApplication,
      met: perApplication <= goals.transitionsPerApplication,
      largestHistory: largest,
      /** Standard workflows stop at 25,000 history events: the round size that reaches it, growing as measured. */
      applicationsAtHistoryQuota: largest ? Math.floor((historyQuota * applications) / largest.events) : undefined,
    },
    dynamodb: { requests: counters['dynamodb.requests'], readUnits: counters['dynamodb.readUnits'], writeUnits: counters['dynamodb.writeUnits'] },
    s3: { requests: counters['s3.requests'] },
    mails: total(counters['mail.sent']),
    cost: { per1000Applications: per1000, goalDollars: goals.dollarsPer1000Applications, met: per1000.total <= goals.dollarsPer1000Applications, prices: awsPrices },
  };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);

  const list = (values: Record<string, number>, digits = 1) =>
    Object.entries(values)
      .map(([key, value]) => `${key} ${Number(value.toFixed(digits))}`)
      .join(', ');
  console.log('\nResults');
  console.log(`  wall time intake → published  ${run.wallSeconds.toFixed(1)} s (goal ≤ ${goals.wallSeconds} s: ${verdict(result.wallTime.met)})`);
  console.log(`  published: ${run.recognized} recognised of ${applications}, ${run.reviews} reviews`);
  console.log(`  Lambda invocations  ${result.lambda.totalInvocations}: ${list(counters['lambda.invocations'])}`);
  console.log(`  Lambda GB-s         ${total(result.lambda.gigabyteSeconds).toFixed(1)} (local in-process wall time at the stack's memory sizes)`);
  console.log(`  state transitions   ${transitions} = ${perApplication.toFixed(1)} per application (goal ≤ ${goals.transitionsPerApplication}: ${verdict(result.stepFunctions.met)}): ${list(counters['stepFunctions.transitions'])}`);
  console.log(`  executions          ${list(counters['stepFunctions.executions'])}; largest history ${largest?.events ?? 0} events (${largest?.stateMachineName ?? '-'}; the 25,000-event quota at about ${result.stepFunctions.applicationsAtHistoryQuota ?? '-'} applications)`);
  console.log(`  DynamoDB requests   ${total(counters['dynamodb.requests'])}: ${list(counters['dynamodb.requests'])}`);
  console.log(`  DynamoDB units      read ${total(counters['dynamodb.readUnits']).toFixed(1)}, write ${total(counters['dynamodb.writeUnits']).toFixed(1)}`);
  console.log(`  S3 requests         ${total(counters['s3.requests'])}: ${list(counters['s3.requests'])}`);
  console.log(`  mails               ${result.mails}`);
  console.log(`  cost per 1000 applications $${per1000.total.toFixed(2)} (goal ≤ $${goals.dollarsPer1000Applications}: ${verdict(result.cost.met)}): ${list(per1000, 3)}`);
  console.log(`  written ${resultsFile}`);
}

await main();

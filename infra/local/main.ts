/**
 * `npm start`: runs the local runtime with demo data and prints where each audience goes.
 * Flags: `--reset` wipes the data directory first; `--no-serve` stops after that (npm run reset).
 * Environment: PORT (default 3000), HOST (default 127.0.0.1), DATA_DIR (default .data),
 * HOLIDAY_CALENDAR (holiday arrangements as JSON, checked here; README "Holiday calendar").
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDomainError } from '#shared/domain/errors.js';
import { parseHolidayArrangements } from '#shared/domain/holiday-arrangements.js';
import { environmentNames } from '../definitions/environment.js';
import { demoInstitutions, ensureDemoData } from './demo-data.js';
import { JavaUnavailableError } from './dynamodb/java-runtime.js';
import { startRuntime } from './runtime.js';

// The local runtime runs on Node ≥ 20 (the deployed functions on Node 24); the SDK's notice about
// its future Node 22 requirement is known and would only clutter the console.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const args = new Set(process.argv.slice(2));
const dataDir = resolve(process.env['DATA_DIR'] ?? '.data');

if (args.has('--no-serve')) {
  if (args.has('--reset')) rmSync(dataDir, { recursive: true, force: true });
  console.log(`Local data wiped: ${dataDir}`);
  process.exit(0);
}

// Bad holiday data would fail every handler on its first request: refuse it before starting.
const holidays = process.env[environmentNames.holidayCalendar];
if (holidays) {
  try {
    parseHolidayArrangements(holidays);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    console.error(`${environmentNames.holidayCalendar} is not holiday data of the expected shape (README "Holiday calendar"): ${error.message}`);
    process.exit(1);
  }
}

const started = Date.now();
const port = Number(process.env['PORT'] ?? 3000);
const runtime = await startRuntime({ port, host: process.env['HOST'] ?? '127.0.0.1', dataDir, reset: args.has('--reset') }).catch((error: unknown) => {
  if ((error as { code?: string }).code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use (another npm start?). Choose another one: PORT=${port + 1} npm start`);
    process.exit(1);
  }
  if (error instanceof JavaUnavailableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
const roundId = args.has('--no-demo') ? undefined : await ensureDemoData(runtime.baseUrl, runtime.clock.now());
const base = runtime.baseUrl;
const demoOrgs = demoInstitutions.map((org) => `${org.orgId} ${org.name}`).join(', ');
console.log(`
产教融合认定评审平台 · local runtime ready in ${Date.now() - started} ms (data: ${dataDir})

 In the browser (README: "In the browser")
  Sign in         ${base}/signin   (身份 管理员 → staff console; 申报单位 + 单位编号 → institution portal)
  Staff console   ${base}/console
  Portal          ${base}/portal   (demo 单位编号: ${demoOrgs})
  Mail            ${base}/dev/mail?view=1   (experts' invitation links to ${base}/review/<linkId>)
${roundId ? `  Demo round      ${base}/console/rounds/${roundId}\n  Publicity page  ${base}/publicity/${roundId}\n  Results page    ${base}/results/${roundId}\n` : ''}
 Over HTTP (README: "The pipeline by hand (curl)")
  Health          ${base}/dev/health
  Programs        ${base}/api/programs
  Dev sign-in     curl -s -X POST ${base}/dev/token -d '{"role":"admin","name":"管理员"}'
                  curl -s -X POST ${base}/dev/token -d '{"role":"institution","orgId":"${demoInstitutions[0].orgId}"}'
  Staff API       ${base}/api/admin/rounds${roundId ? `/${roundId}` : ''}   (Bearer admin token)
  Institutions    ${base}/api/applications   (Bearer institution token)
  Mail (JSON)     ${base}/dev/mail
  Clock           curl -s -X POST ${base}/dev/clock -d '{"advanceSeconds":86400}'
`);

const stop = async (signal: string) => {
  console.log(`${signal}: stopping…`);
  await runtime.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

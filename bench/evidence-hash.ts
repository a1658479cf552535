/**
 * Benchmark of the evidence inspection against `openssl dgst -sha256` on the same file: a 1 GiB
 * PDF-shaped file in the temporary folder (one page object and one 1 MiB compressed-looking
 * content stream per MiB, a page tree and a trailer) is hashed by `openssl` (the baseline) and
 * `sha256sum` (for comparison), then uploaded to the local runtime's S3 (a presigned POST, as
 * browsers upload evidence) and read back through its S3 API as the evidence processor reads it
 * in AWS (`S3BlobStore.read`, then `inspectEvidence` on the object stream), in a fresh bundled
 * Node process of its own: drained only, hashed only, and inspected. Prints throughput, the
 * ratio to openssl (wall and CPU), the processor's peak RSS and the emulator's CPU time, and
 * writes `bench/results/evidence-hash.json`. The file and the runtime's data are deleted at the end.
 *
 * Options: `--size-mib N` (default 1024).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { systemClock } from '../shared/adapters/clock/system-clock.js';
import { S3BlobStore } from '../shared/adapters/s3/s3-blob-store.js';
import { startRuntimeProcess, type RuntimeProcess } from '../test/support/runtime-process.js';
import type { EvidenceRead } from './_evidence-read.js';

// As infra/local/main.ts: the SDK's notice about its future Node 22 requirement is known.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
const folder = dirname(fileURLToPath(import.meta.url));
const mib = 1024 * 1024;
const sizeArg = process.argv.indexOf('--size-mib');
const sizeMib = sizeArg === -1 ? 1024 : Number(process.argv[sizeArg + 1]);
if (!Number.isInteger(sizeMib) || sizeMib < 2) throw new Error('--size-mib must be an integer ≥ 2');
const goals = { ratioToOpenssl: 0.8, maxRssBytes: 128e6 };
const bucket = 'cjrh-local-evidence';
const key = 'bench/evidence-hash.pdf';
const progressEvery = 256 * mib;

const mbPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const fmt = (value: number): string => value.toFixed(1);
const mb = (bytes: number): string => `${fmt(bytes / 1e6)} MB`;
const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

/** Streams the benchmark PDF to disk; returns its size and page count. */
async function writePdf(path: string, targetBytes: number): Promise<{ bytes: number; pages: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  let reported = 0;
  const write = async (data: Buffer | string): Promise<void> => {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    bytes += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
    if (bytes - reported >= progressEvery) {
      reported = bytes;
      console.log(`  writing… ${fmt(bytes / mib)} / ${fmt(targetBytes / mib)} MiB`);
    }
  };
  const block = randomBytes(mib - 256); // stands for a Flate-compressed content stream
  const pageNumbers: number[] = [];
  await write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  let object = 3;
  while (bytes + mib + 4096 < targetBytes) {
    pageNumbers.push(object);
    await write(`${object} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${object + 1} 0 R >>\nendobj\n`);
    await write(`${object + 1} 0 obj\n<< /Length ${block.length} /Filter /FlateDecode >>\nstream\n`);
    await write(block);
    await write('\nendstream\nendobj\n');
    object += 2;
  }
  const kids = pageNumbers.map((page) => `${page} 0 R`).join(' ');
  await write(`2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pageNumbers.length} >>\nendobj\n`);
  await write(`trailer\n<< /Size ${object} /Root 1 0 R >>\nstartxref\n0\n%%EOF\n`);
  out.end();
  await once(out, 'finish');
  return { bytes, pages: pageNumbers.length };
}

/** Runs a hashing command under bash, whose `times` builtin reports the child's CPU time. */
function timeCommand(command: string, path: string): { ms: number; cpuMs: number; hex: string } {
  const started = performance.now();
  const child = spawnSync('bash', ['-c', `${command} "$1" && times`, 'bench', path], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${command} exited with ${child.status}: ${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  // `times` prints the shell's user/sys, then its children's: "0m2.786s 0m0.191s".
  const cpuMs = [...(lines.at(-1) ?? '').matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, minutes, seconds]) => sum + (Number(minutes) * 60 + Number(seconds)) * 1000,
    0,
  );
  // openssl: "SHA2-256(file)= hex"; sha256sum: "hex  file"
  const first = lines[0] ?? '';
  return { ms, cpuMs, hex: (first.includes('= ') ? first.split('= ')[1] : first.split(/\s+/)[0]) ?? '' };
}

/** CPU time (user + system) of a process so far, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** Uploads `path` through the runtime's S3 front as a browser does: a presigned POST, streamed. */
async function upload(blobs: S3BlobStore, path: string, bytes: number): Promise<void> {
  const { url, fields } = await blobs.presignUpload({ key, contentType: 'application/pdf', maxBytes: bytes, expiresInSeconds: 3600 });
  const boundary = `----evidence-bench-${process.pid}`;
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = `${Object.entries(fields).map(([name, value]) => part(name, value)).join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const post = request(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': Buffer.byteLength(head) + bytes + Buffer.byteLength(tail) } });
  const answered = once(post, 'response') as Promise<[import('node:http').IncomingMessage]>;
  post.write(head);
  for await (const chunk of createReadStream(path, { highWaterMark: mib })) if (!post.write(chunk)) await once(post, 'drain');
  post.end(tail);
  const [response] = await answered;
  response.resume();
  if (response.statusCode !== 204) throw new Error(`upload answered ${response.statusCode}`);
}

/** Bundles the processor's side into one file, so that its process loads no TypeScript tooling. */
async function bundleReader(directory: string): Promise<string> {
  const outfile = join(directory, 'evidence-read.mjs');
  await build({
    entryPoints: [join(folder, '_evidence-read.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // CommonJS dependencies (the SDK) call require() inside the ESM bundle
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

/** One read of the object in a fresh process, with the runtime's CPU time during it. */
async function readThroughS3(reader: string, runtime: RuntimeProcess, env: NodeJS.ProcessEnv, mode: EvidenceRead['mode'], bytes: number) {
  const runtimeCpuBefore = processCpuMs(runtime.pid);
  const child = spawn(process.execPath, [reader, mode, key, String(bytes)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`reader (${mode}) exited with ${code}`);
  const runtimeCpuAfter = processCpuMs(runtime.pid);
  const read = JSON.parse(output.trim().split('\n').at(-1)!) as EvidenceRead;
  return { ...read, runtimeCpuMs: runtimeCpuBefore === undefined || runtimeCpuAfter === undefined ? undefined : runtimeCpuAfter - runtimeCpuBefore };
}

async function main(directory: string): Promise<void> {
  const file = join(directory, 'evidence.pdf');
  console.log(`File: ${file} (${sizeMib} MiB target)`);
  const created = await writePdf(file, sizeMib * mib);
  console.log(`  written ${created.bytes} bytes, ${created.pages} pages`);

  console.log('openssl dgst -sha256 (the baseline), sha256sum…');
  const openssl = timeCommand('openssl dgst -sha256', file);
  const sha256sum = timeCommand('sha256sum', file);

  console.log('Local runtime: starting, uploading through its S3 API (presigned POST)…');
  const runtime = await startRuntimeProcess();
  try {
    const credentials = JSON.parse(readFileSync(join(runtime.dataDir, 'aws-credentials.json'), 'utf8')) as { accessKeyId: string; secretAccessKey: string };
    // What the runtime gives the handlers it hosts (infra/local/runtime.ts).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_S3: `${runtime.baseUrl}/s3`,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      BUCKET: bucket,
    };
    const client = new S3Client({ endpoint: env['AWS_ENDPOINT_URL_S3'], forcePathStyle: true, region: 'us-east-1', credentials });
    const uploadStarted = performance.now();
    await upload(new S3BlobStore(client, bucket, systemClock), file, created.bytes);
    console.log(`  uploaded in ${fmt((performance.now() - uploadStarted) / 1000)} s`);

    const reader = await bundleReader(directory);
    const reads: Awaited<ReturnType<typeof readThroughS3>>[] = [];
    for (const mode of ['drain', 'hash', 'inspect'] as const) {
      console.log(`Reading through S3 in a fresh process: ${mode}…`);
      reads.push(await readThroughS3(reader, runtime, env, mode, created.bytes));
    }
    const [drain, hashOnly, inspection] = reads as [EvidenceRead & { runtimeCpuMs?: number }, EvidenceRead & { runtimeCpuMs?: number }, EvidenceRead & { runtimeCpuMs?: number }];

    const agree = inspection.sha256 === openssl.hex && hashOnly.sha256 === openssl.hex && sha256sum.hex === openssl.hex;
    const ratioWall = openssl.ms / inspection.ms;
    const ratioCpu = openssl.cpuMs / inspection.cpuMs;
    console.log(`\nResults (${created.bytes} bytes)`);
    const row = (label: string, ms: number, cpu: number, note = ''): void =>
      console.log(
        `  ${label.padEnd(30)} wall ${fmt(ms / 1000).padStart(5)} s ${fmt(mbPerSecond(created.bytes, ms)).padStart(7)} MB/s` +
          `   CPU ${fmt(cpu / 1000).padStart(5)} s ${fmt(mbPerSecond(created.bytes, cpu)).padStart(7)} MB/s${note}`,
      );
    row('openssl dgst -sha256 (file)', openssl.ms, openssl.cpuMs);
    row('sha256sum (file)', sha256sum.ms, sha256sum.cpuMs);
    const emulator = (read: { runtimeCpuMs?: number | undefined }) => (read.runtimeCpuMs === undefined ? '' : `   (S3 emulator CPU ${fmt(read.runtimeCpuMs / 1000)} s)`);
    row('S3 read only', drain.ms, drain.cpuMs, emulator(drain));
    row('S3 read + node sha256', hashOnly.ms, hashOnly.cpuMs, emulator(hashOnly));
    row('S3 read + inspectEvidence', inspection.ms, inspection.cpuMs, emulator(inspection));
    console.log(
      `  ratio inspectEvidence/openssl: ${ratioWall.toFixed(2)}× wall, ${ratioCpu.toFixed(2)}× CPU (processor process); goal ≥ ${goals.ratioToOpenssl}  [wall ${mark(ratioWall >= goals.ratioToOpenssl)}, CPU ${mark(ratioCpu >= goals.ratioToOpenssl)}]`,
    );
    const ownCpu = inspection.cpuMs - drain.cpuMs;
    console.log(
      `  inspectEvidence's own CPU (inspect − read only): ${fmt(ownCpu / 1000)} s, ${(openssl.cpuMs / ownCpu).toFixed(2)}× openssl; ` +
        `the read itself (HTTP + SDK stream) ${fmt(drain.cpuMs / 1000)} s, the S3 emulator ${inspection.runtimeCpuMs === undefined ? '?' : fmt(inspection.runtimeCpuMs / 1000)} s`,
    );
    console.log(`  sha256sum/openssl: ${(openssl.ms / sha256sum.ms).toFixed(2)}× wall`);
    console.log(
      `  processor peak RSS ${mb(inspection.maxRssBytes)} (fresh process; ${mb(inspection.rssBeforeBytes)} before the read); goal ≤ 128 MB  [${mark(inspection.maxRssBytes <= goals.maxRssBytes)}]`,
    );
    console.log(`  chunks from the SDK stream: ${drain.chunks} (${fmt(created.bytes / drain.chunks / 1024)} KiB on average)`);
    console.log(`  inspection: ${inspection.pdfPages ?? '?'} pages (expected ${created.pages}), problem ${inspection.problem ?? 'none'}`);
    console.log(`  sha256 agrees with openssl: ${agree ? 'yes' : 'NO'}`);
    mkdirSync(join(folder, 'results'), { recursive: true });
    const resultFile = join(folder, 'results', 'evidence-hash.json');
    writeFileSync(
      resultFile,
      `${JSON.stringify(
        { benchmark: 'evidence-hash', at: new Date().toISOString(), node: process.version, bytes: created.bytes, pages: created.pages, goals, openssl, sha256sum, reads, ratio: { wall: ratioWall, cpu: ratioCpu, inspectionOwnCpu: openssl.cpuMs / ownCpu }, agree },
        null,
        2,
      )}\n`,
    );
    console.log(`\nWrote ${resultFile}`);
    if (!agree || inspection.pdfPages !== created.pages || inspection.problem) process.exitCode = 1;
  } finally {
    await runtime.dispose();
  }
}

const directory = mkdtempSync(join(tmpdir(), 'evidence-hash-bench-'));
try {
  await main(directory);
} finally {
  rmSync(directory, { recursive: true, force: true });
  console.log(`Deleted ${directory}`);
}

/**
 * Benchmark of the evidence inspection against `sha256sum`: a 1 GiB PDF-shaped file in the
 * temporary folder (one page object and one 1 MiB compressed-looking content stream per
 * MiB, a page tree and a trailer) is hashed by `sha256sum`, by a bare Node stream hash,
 * and inspected by `inspectEvidence`; throughput, the ratio to `sha256sum` and the peak
 * resident memory during the inspection are printed. The file is deleted at the end.
 *
 * Options: `--size-mib N` (default 1024).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { inspectEvidence } from '../functions/evidence/inspection/index.js';

const mib = 1024 * 1024;
const sizeArg = process.argv.indexOf('--size-mib');
const sizeMib = sizeArg === -1 ? 1024 : Number(process.argv[sizeArg + 1]);
if (!Number.isInteger(sizeMib) || sizeMib < 2) throw new Error('--size-mib must be an integer ≥ 2');
const file = join(tmpdir(), `evidence-hash-bench-${process.pid}.pdf`);
const progressEvery = 128 * mib;

const mbPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const fmt = (value: number): string => value.toFixed(1);
const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
const mibOf = (bytes: number): string => `${fmt(bytes / mib)} MiB`;

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
      console.log(`  writing… ${mibOf(bytes)} / ${mibOf(targetBytes)}`);
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

/** Runs `sha256sum` under bash, whose `times` builtin reports the child's CPU time. */
async function timeSha256sum(path: string): Promise<{ ms: number; cpuMs: number; hex: string }> {
  const started = performance.now();
  const child = spawn('bash', ['-c', 'sha256sum "$1" && times', 'bench', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  const [code] = (await once(child, 'close')) as [number | null];
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`sha256sum exited with ${code}`);
  const lines = output.trim().split('\n');
  // `times` prints the shell's user/sys, then its children's: "0m2.786s 0m0.191s".
  const cpuMs = [...(lines.at(-1) ?? '').matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, minutes, seconds]) => sum + (Number(minutes) * 60 + Number(seconds)) * 1000,
    0,
  );
  return { ms, cpuMs, hex: lines[0]?.split(/\s+/)[0] ?? '' };
}

/** Yields the file's chunks, printing progress. */
async function* withProgress(path: string, label: string, total: number): AsyncGenerator<Buffer> {
  let seen = 0;
  let reported = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen - reported >= progressEvery) {
      reported = seen;
      console.log(`  ${label}… ${mibOf(seen)} / ${mibOf(total)}`);
    }
    yield chunk;
  }
}

async function main(): Promise<void> {
  console.log(`File: ${file} (${sizeMib} MiB target), read in fs.createReadStream's default 64 KiB chunks`);
  const created = await writePdf(file, sizeMib * mib);
  console.log(`  written ${created.bytes} bytes, ${created.pages} pages`);

  console.log('sha256sum (spawned)…');
  const baseline = await timeSha256sum(file);

  console.log('Node stream + node:crypto sha256 only…');
  const hashStarted = performance.now();
  const hashCpu = process.cpuUsage();
  const hash = createHash('sha256');
  for await (const chunk of withProgress(file, 'hashing', created.bytes)) hash.update(chunk);
  const hashOnly = { ms: performance.now() - hashStarted, cpuMs: cpuMs(process.cpuUsage(hashCpu)), hex: hash.digest('hex') };

  console.log('inspectEvidence…');
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const inspection = await inspectEvidence(withProgress(file, 'inspecting', created.bytes), {
    formats: ['pdf'],
    declaredContentType: 'application/pdf',
    declaredBytes: created.bytes,
    maxBytes: created.bytes,
  });
  const ours = performance.now() - started;
  const oursCpu = cpuMs(process.cpuUsage(cpuStarted));
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const maxRssLifetime = process.resourceUsage().maxRSS * 1024;

  const agree = inspection.sha256 === baseline.hex && hashOnly.hex === baseline.hex;
  console.log('\nResults');
  const row = (label: string, ms: number, cpu: number): void =>
    console.log(
      `  ${label.padEnd(18)} wall ${fmt(ms / 1000).padStart(5)} s ${fmt(mbPerSecond(created.bytes, ms)).padStart(7)} MB/s` +
        `   CPU ${fmt(cpu / 1000).padStart(5)} s ${fmt(mbPerSecond(created.bytes, cpu)).padStart(7)} MB/s`,
    );
  row('sha256sum', baseline.ms, baseline.cpuMs);
  row('node sha256 only', hashOnly.ms, hashOnly.cpuMs);
  row('inspectEvidence', ours, oursCpu);
  console.log(
    `  ratio ours/sha256sum: throughput ${(baseline.ms / ours).toFixed(2)}× wall, ${(baseline.cpuMs / oursCpu).toFixed(2)}× CPU`,
  );
  console.log(`  RSS before ${mibOf(rssBefore)}, sampled peak during inspection ${mibOf(peakRss)} (+${mibOf(peakRss - rssBefore)})`);
  console.log(`  process maxRSS (whole run, incl. file creation) ${mibOf(maxRssLifetime)}`);
  console.log(`  inspection: ${inspection.pdfPages ?? '?'} pages (expected ${created.pages}), problem ${inspection.problem?.code ?? 'none'}`);
  console.log(`  sha256 agrees with sha256sum: ${agree ? 'yes' : 'NO'}`);
  if (!agree || inspection.pdfPages !== created.pages || inspection.problem) process.exitCode = 1;
}

try {
  await main();
} finally {
  await rm(file, { force: true });
  console.log(`Deleted ${file}`);
}

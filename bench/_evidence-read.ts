/**
 * The processor's side of the evidence benchmark, run by `evidence-hash.ts` in a fresh Node
 * process of its own (bundled) so that its memory is the processor's: reads one object through
 * the S3 API as the evidence processor does (`S3BlobStore.read` on an SDK client configured from
 * the environment, like the composition root's) and, by mode, only drains the stream, hashes it,
 * or runs `inspectEvidence` on it. Prints one JSON line.
 *
 * Arguments: mode (`drain` | `hash` | `inspect`), key, size in bytes. Environment: the local
 * runtime's (AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and
 * BUCKET.
 */
import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { inspectEvidence } from '../functions/evidence/inspection/index.js';
import { systemClock } from '../shared/adapters/clock/system-clock.js';
import { S3BlobStore } from '../shared/adapters/s3/s3-blob-store.js';

/** What one read prints. */
export interface EvidenceRead {
  readonly mode: 'drain' | 'hash' | 'inspect';
  readonly ms: number;
  /** CPU time of this process (user + system) during the read. */
  readonly cpuMs: number;
  readonly bytes: number;
  readonly chunks: number;
  /** RSS before the read, and the process's peak RSS at the end. */
  readonly rssBeforeBytes: number;
  readonly maxRssBytes: number;
  readonly sha256?: string;
  readonly pdfPages?: number;
  readonly problem?: string;
}

const [mode, key, size] = process.argv.slice(2) as [EvidenceRead['mode'], string, string];
const blobs = new S3BlobStore(new S3Client({ forcePathStyle: true }), process.env['BUCKET'] ?? '', systemClock);
const rssBeforeBytes = process.memoryUsage().rss;
const started = performance.now();
const cpu = process.cpuUsage();
const object = await blobs.read(key);
if (!object) throw new Error(`no object ${key}`);
let bytes = 0;
let chunks = 0;
let extra: Partial<EvidenceRead> = {};
if (mode === 'inspect') {
  const declared = Number(size);
  const inspection = await inspectEvidence(object.body, { formats: ['pdf'], declaredContentType: 'application/pdf', declaredBytes: declared, maxBytes: declared });
  bytes = inspection.bytes;
  extra = { sha256: inspection.sha256, ...(inspection.pdfPages !== undefined ? { pdfPages: inspection.pdfPages } : {}), ...(inspection.problem ? { problem: inspection.problem.code } : {}) };
} else {
  const hash = createHash('sha256');
  for await (const chunk of object.body) {
    bytes += chunk.length;
    chunks += 1;
    if (mode === 'hash') hash.update(chunk);
  }
  if (mode === 'hash') extra = { sha256: hash.digest('hex') };
}
const used = process.cpuUsage(cpu);
const report: EvidenceRead = {
  mode,
  ms: performance.now() - started,
  cpuMs: (used.user + used.system) / 1000,
  bytes,
  chunks,
  rssBeforeBytes,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  ...extra,
};
process.stdout.write(`${JSON.stringify(report)}\n`);

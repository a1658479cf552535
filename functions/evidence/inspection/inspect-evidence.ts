/**
 * Inspects an uploaded evidence object in one pass over its stream: SHA-256, size, the
 * format its content shows, the PDF page count, and the first reason to refuse it.
 */
import { createHash } from 'node:crypto';
import { decideProblem } from './decide-problem.js';
import { createFormatAnalyzer, type FormatAnalyzer, type FormatVerdict } from './format-analyzers.js';
import { detectHead, headSampleBytes, type HeadDetection } from './head-detection.js';
import type { EvidenceExpectation, EvidenceInspection } from './types.js';

/**
 * Reads `stream` once, never holding more than a bounded window of it (plus at most one
 * PDF object stream, see `objectStreamLimits`), and reports what the object is.
 *
 * Bytes beyond `maxBytes` are still hashed and counted, but no longer analysed.
 * A chunk of text (a stream with an encoding set) is a programming error and throws.
 *
 * @example
 * const inspection = await inspectEvidence(s3Object.Body as NodeJS.ReadableStream, {
 *   formats: ['pdf'],
 *   declaredContentType: 'application/pdf',
 *   declaredBytes: 48213,
 *   maxBytes: 20 * 1024 * 1024,
 * });
 * if (inspection.problem) reject(inspection.problem.code, inspection.problem.message);
 */
export async function inspectEvidence(
  stream: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  expected: EvidenceExpectation,
): Promise<EvidenceInspection> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head: HeadDetection | undefined;
  let analyzer: FormatAnalyzer | undefined;
  let held: Buffer[] = [];
  let heldBytes = 0;

  for await (const piece of stream as AsyncIterable<Uint8Array | string>) {
    const chunk = asBuffer(piece);
    if (chunk.length === 0) continue;
    hash.update(chunk);
    bytes += chunk.length;
    if (bytes > expected.maxBytes) {
      // Over the limit: keep hashing and counting, stop analysing (the head is still detected once).
      head ??= await detectHead(headOf([...held, chunk]));
      analyzer = undefined;
      held = [];
      heldBytes = 0;
      continue;
    }
    if (analyzer) {
      analyzer.push(chunk);
      continue;
    }
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes >= headSampleBytes) {
      ({ head, analyzer } = await startAnalysis(held));
      held = [];
      heldBytes = 0;
    }
  }
  if (!head && heldBytes > 0) ({ head, analyzer } = await startAnalysis(held));

  const verdict: FormatVerdict | undefined = analyzer ? analyzer.finish(bytes) : head && { format: head.format };
  const problem = decideProblem(bytes, verdict, expected);
  return {
    sha256: hash.digest('hex'),
    bytes,
    detectedFormat: verdict?.format ?? null,
    ...(verdict?.pdfPages !== undefined ? { pdfPages: verdict.pdfPages } : {}),
    ...(problem ? { problem } : {}),
    ...(verdict?.flags ? { flags: verdict.flags } : {}),
  };
}

async function startAnalysis(held: readonly Buffer[]): Promise<{ head: HeadDetection; analyzer: FormatAnalyzer }> {
  const head = await detectHead(headOf(held));
  const analyzer = createFormatAnalyzer(head);
  for (const chunk of held) analyzer.push(chunk);
  return { head, analyzer };
}

/** The first {@link headSampleBytes} bytes of `chunks`, copying no more than that. */
function headOf(chunks: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  for (const chunk of chunks) {
    if (length >= headSampleBytes) break;
    const part = chunk.subarray(0, headSampleBytes - length);
    parts.push(part);
    length += part.length;
  }
  return Buffer.concat(parts, length);
}

function asBuffer(piece: Uint8Array | string): Buffer {
  if (typeof piece === 'string') {
    throw new TypeError('inspectEvidence needs a byte stream; a text chunk means an encoding was set on the stream');
  }
  return Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
}

/**
 * The evidence processor: runs on every object created under `quarantine/`. It streams the
 * object once (sha256, magic bytes, PDF pages), records the findings, and moves a good file
 * to `evidence/`; the same for an application's files and an annual report's. A redelivered event changes nothing: only pending evidence is processed.
 */
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { systemActor } from '#shared/domain/audit-event.js';
import { parseQuarantineKey, recordInspection, type Evidence } from '#shared/domain/evidence.js';
import { reportMaterialsOf } from '#shared/domain/unit-report.js';
import type { Material } from '#shared/programs/schema.js';
import { tagged } from '#shared/ports/record-store.js';
import { dependencies, type Dependencies } from '../composition-root.js';
import { invocationLogging } from '../invocation-logging.js';
import { logger } from '../logger.js';
import { findRoundProgram } from '../record-lookups.js';
import { continueSubmissionAfterEvidence } from '../workflow/submission-continuation.js';
import { inspectEvidence } from './inspection/index.js';

/**
 * The record a file belongs to (an application, or a unit's annual report: see
 * `Evidence.ownerKind`) and the materials its program allows; none when it is gone.
 */
async function ownerOf(deps: Dependencies, evidence: Evidence): Promise<{ owner: { status: string; submittedAt?: string } | undefined; materials: readonly Material[] }> {
  if (evidence.ownerKind === 'report') {
    const [report, unit] = await Promise.all([deps.records.get('report', evidence.applicationId), deps.records.get('unit', evidence.roundId)]);
    const program = unit && (await findRoundProgram(deps, unit));
    return { owner: report, materials: program ? reportMaterialsOf(program) : [] };
  }
  const application = await deps.records.get('application', evidence.applicationId);
  const round = await deps.records.get('round', evidence.roundId);
  return { owner: application, materials: (round && (await findRoundProgram(deps, round)))?.materials ?? [] };
}

/** Processes one uploaded object. */
async function processObject(key: string): Promise<void> {
  const deps = dependencies();
  const ids = parseQuarantineKey(key);
  if (!ids) {
    logger.warn('ignoring object outside the quarantine layout', { key });
    return;
  }
  const evidence = await deps.records.get('evidence', ids.evidenceId);
  if (!evidence || evidence.applicationId !== ids.applicationId || evidence.roundId !== ids.roundId) {
    logger.warn('no evidence record for uploaded object; deleting it', { key });
    await deps.blobs.remove(key);
    return;
  }
  if (evidence.status !== 'pending') {
    logger.info('evidence already processed', { evidenceId: evidence.id, status: evidence.status });
    return;
  }
  const object = await deps.blobs.read(key);
  if (!object) return;
  const { owner, materials } = await ownerOf(deps, evidence);
  const material = materials.find((item) => item.key === evidence.materialKey);
  const inspection = await inspectEvidence(object.body, {
    formats: material?.formats ?? [],
    declaredContentType: evidence.contentType,
    declaredBytes: evidence.declaredBytes,
    maxBytes: material?.maxBytes ?? evidence.declaredBytes,
  });
  const change = recordInspection(evidence, inspection, owner, { actor: systemActor, now: deps.clock.now() });
  if (!change) return;
  if (change.entity.status === 'verified') await deps.blobs.copy(key, change.entity.evidenceKey!);
  await deps.records.commit([tagged('evidence', change)]);
  if (evidence.ownerKind === undefined) await continueSubmissionAfterEvidence(deps, evidence.applicationId);
  await deps.blobs.remove(key);
  logger.info('evidence processed', { evidenceId: evidence.id, status: change.entity.status, bytes: inspection.bytes });
}

async function processObjects(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    await processObject(decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')));
  }
}

/** The S3 notification handler, with the invocation's request id on every log line. */
export const handler = middy(processObjects).use(invocationLogging());

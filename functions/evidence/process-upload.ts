/**
 * The evidence processor: runs on every object created under `quarantine/`. It streams the
 * object once (sha256, magic bytes, PDF pages), records the findings, and moves a good file
 * to `evidence/`. A redelivered event changes nothing: only pending evidence is processed.
 */
import type { S3Event } from 'aws-lambda';
import { systemActor } from '../../shared/domain/audit-event.js';
import { parseQuarantineKey, recordInspection } from '../../shared/domain/evidence.js';
import { tagged } from '../../shared/ports/record-store.js';
import { dependencies } from '../composition-root.js';
import { logger } from '../logger.js';
import { findRoundProgram } from '../record-lookups.js';
import { continueSubmissionAfterEvidence } from '../workflow/submission-continuation.js';
import { inspectEvidence } from './inspection/index.js';

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
  const application = await deps.records.get('application', evidence.applicationId);
  const round = await deps.records.get('round', evidence.roundId);
  const material = (round && (await findRoundProgram(deps, round)))?.materials.find((item) => item.key === evidence.materialKey);
  const inspection = await inspectEvidence(object.body, {
    formats: material?.formats ?? [],
    declaredContentType: evidence.contentType,
    declaredBytes: evidence.declaredBytes,
    maxBytes: material?.maxBytes ?? evidence.declaredBytes,
  });
  const change = recordInspection(evidence, inspection, application, { actor: systemActor, now: deps.clock.now() });
  if (!change) return;
  if (change.entity.status === 'verified') await deps.blobs.copy(key, change.entity.evidenceKey!);
  await deps.records.commit([tagged('evidence', change)]);
  await continueSubmissionAfterEvidence(deps, evidence.applicationId);
  await deps.blobs.remove(key);
  logger.info('evidence processed', { evidenceId: evidence.id, status: change.entity.status, bytes: inspection.bytes });
}

/** The S3 notification handler. */
export async function handler(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    await processObject(decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')));
  }
}

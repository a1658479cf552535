/**
 * Event-driven continuation of the submission workflow: while files of a submitted application
 * are still being checked, the workflow waits on a callback token that the evidence processor
 * releases once the last check is done (the wait stores its token and then looks again, the
 * processor records its finding and then reads the token: no wake-up is lost).
 */
import type { Application } from '#shared/domain/application.js';
import { currentEvidence } from '#shared/domain/evidence.js';
import type { Dependencies } from '../composition-root.js';
import { freshCopies } from '../record-lookups.js';

/** Whether every current file of the application has had its check (files the lagging index still shows pending are read again). */
export async function evidenceChecked(deps: Dependencies, application: Application): Promise<boolean> {
  const pending = currentEvidence(await deps.records.listEvidenceOfApplication(application.id)).filter((item) => item.status === 'pending');
  return (await freshCopies(deps, 'evidence', pending)).every((item) => item.status !== 'pending');
}

/** After a file's check: releases the submission workflow waiting for the application's files when none is left. */
export async function continueSubmissionAfterEvidence(deps: Dependencies, applicationId: string): Promise<void> {
  const application = await deps.records.get('application', applicationId);
  const token = application?.evidenceWaitToken;
  if (application?.status !== 'submitted' || !token) return;
  if (await evidenceChecked(deps, application)) await deps.workflows.resumeIfWaiting(token, {});
}

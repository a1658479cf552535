/** How an application and its evidence leave the API: everything but the workflow's callback tokens (`failure` names a failed workflow step). */
import type { Application } from '#shared/domain/application.js';
import { evidenceFlagLabels, type Evidence } from '#shared/domain/evidence.js';

export type ApplicationView = Omit<Application, 'formalReviewToken' | 'evidenceWaitToken' | 'retryTokens'>;

/** The application without internal workflow fields. */
export function applicationView(application: Application): ApplicationView {
  const { formalReviewToken: _token, evidenceWaitToken: _evidenceToken, retryTokens: _retryTokens, ...visible } = application;
  return visible;
}

/**
 * One evidence file as institutions and staff see it; `flags` (with their Chinese
 * `flagLabels`) say what the check noticed without refusing the file, e.g. a PDF with JavaScript.
 */
export function evidenceView(item: Evidence) {
  return {
    id: item.id,
    materialKey: item.materialKey,
    fileName: item.fileName,
    contentType: item.contentType,
    size: item.declaredBytes,
    status: item.status,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
    ...(item.sha256 ? { sha256: item.sha256 } : {}),
    ...(item.pdfPages === undefined ? {} : { pages: item.pdfPages }),
    ...(item.reason ? { reason: item.reason } : {}),
    ...(item.flags && item.flags.length > 0 ? { flags: item.flags, flagLabels: item.flags.map((flag) => evidenceFlagLabels[flag]) } : {}),
  };
}

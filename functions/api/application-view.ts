/** How an application leaves the API: everything but the workflow's callback tokens (`failure` names a failed workflow step). */
import type { Application } from '../../shared/domain/application.js';

export type ApplicationView = Omit<Application, 'formalReviewToken' | 'retryTokens'>;

/** The application without internal workflow fields. */
export function applicationView(application: Application): ApplicationView {
  const { formalReviewToken: _token, retryTokens: _retryTokens, ...visible } = application;
  return visible;
}

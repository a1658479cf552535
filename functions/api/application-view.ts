/** How an application leaves the API: everything but the workflow's callback tokens (`failure` names a failed workflow step). */
import type { Application } from '../../shared/domain/application.js';

export type ApplicationView = Omit<Application, 'formalReviewToken' | 'retryToken'>;

/** The application without internal workflow fields. */
export function applicationView(application: Application): ApplicationView {
  const { formalReviewToken: _token, retryToken: _retryToken, ...visible } = application;
  return visible;
}

/** How an application leaves the API: everything but the workflow's callback token. */
import type { Application } from '../../shared/domain/application.js';

export type ApplicationView = Omit<Application, 'formalReviewToken'>;

/** The application without internal workflow fields. */
export function applicationView(application: Application): ApplicationView {
  const { formalReviewToken: _token, ...visible } = application;
  return visible;
}

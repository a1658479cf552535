/**
 * Domain errors: every refusal the product gives a client is a {@link DomainError}
 * with a stable machine-readable code, an HTTP status and a Chinese message.
 */

/**
 * HTTP statuses the API contract allows for client-caused errors; 414 and 431 are the
 * gateway's answers to a request line or headers over API Gateway's 10240-byte limit.
 */
export type ClientErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 414 | 422 | 429 | 431;

/** One detail of a refusal, e.g. a form field and what is wrong with it. */
export interface ErrorDetail {
  readonly path?: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

/**
 * A refusal with a stable code (UPPER_SNAKE), an HTTP status and a message in Chinese.
 *
 * @example
 * throw new DomainError('INTAKE_CLOSED', 409, '申报已截止，不能再提交');
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    readonly status: ClientErrorStatus,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** Narrows an unknown thrown value to a {@link DomainError}. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * Domain errors: every refusal the product gives a client is a {@link DomainError} with a
 * code of the {@link errorCatalogue} and one of that code's messages; the catalogue gives its
 * HTTP status and Chinese text.
 */
import { catalogued, type ClientErrorStatus, type MessageKey, type MessageParams, type RefusalCode } from './error-catalogue.js';

export type { ClientErrorStatus, ErrorCode, RefusalCode } from './error-catalogue.js';

/** One detail of a refusal, e.g. a form field and what is wrong with it. */
export interface ErrorDetail {
  readonly path?: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

/** What follows the message's name: its values when it names any, then the details. */
export type MessageArgs<C extends RefusalCode, K extends MessageKey<C>> = [MessageParams<C, K>] extends [never]
  ? [details?: readonly ErrorDetail[]]
  : [params: MessageParams<C, K>, details?: readonly ErrorDetail[]];

/**
 * A refusal: a code of the error catalogue (UPPER_SNAKE), one of its messages by name with the
 * values that message names, and details; the status and the Chinese text come from the catalogue.
 *
 * @example
 * throw new DomainError('INTAKE_CLOSED', 'submission');
 * throw new DomainError('INVALID_STATE', 'roundTransition', { from: '申报中', to: '已发布' });
 * throw new DomainError('FORM_INVALID', 'form', issues);
 */
export class DomainError<C extends RefusalCode = RefusalCode, K extends MessageKey<C> = MessageKey<C>> extends Error {
  override readonly name = 'DomainError';
  readonly status: ClientErrorStatus;
  readonly details: readonly ErrorDetail[];

  constructor(
    readonly code: C,
    key: K,
    ...args: MessageArgs<C, K>
  ) {
    const [first, second] = args as unknown[];
    const hasParams = first !== undefined && !Array.isArray(first);
    const { status, message } = catalogued(code, key, hasParams ? first : undefined);
    super(message);
    this.status = status as ClientErrorStatus;
    this.details = ((hasParams ? second : first) as readonly ErrorDetail[] | undefined) ?? [];
  }
}

/** Narrows an unknown thrown value to a {@link DomainError}. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

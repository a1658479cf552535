/**
 * Which `Mailer` adapter a deployment uses, from the `MAIL_TRANSPORT` setting the CDK
 * stack puts on every mail-sending function.
 */
/** The transports a deployed function can be built with. */
export type MailTransport = 'ses' | 'smtp';

/** Thrown at build time when the mail configuration cannot work; never retried. */
export class MailConfigurationError extends Error {
  override readonly name = 'MailConfigurationError';
  /** Stable code for callers and logs. */
  readonly code = 'MAIL_CONFIGURATION_INVALID';
}

/**
 * Reads the `MAIL_TRANSPORT` value: `ses` when unset or empty, `smtp` for partitions without
 * SES. `capture` belongs to the local runtime, which supplies its own mailer; anything else is
 * a configuration error.
 *
 * @example
 * parseMailTransport(undefined); // 'ses'
 * parseMailTransport('smtp');    // 'smtp'
 * @throws {MailConfigurationError} for any other value.
 */
export function parseMailTransport(value: string | undefined): MailTransport {
  const transport = value?.trim() || 'ses';
  if (transport === 'ses' || transport === 'smtp') return transport;
  if (transport === 'capture') {
    throw new MailConfigurationError(
      'MAIL_TRANSPORT "capture" is only for the local runtime, which must supply its mailer with overrideDependencies() before the first request.',
    );
  }
  throw new MailConfigurationError(`MAIL_TRANSPORT "${transport}" is not supported: use "ses" or "smtp".`);
}

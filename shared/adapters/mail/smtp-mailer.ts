/**
 * The {@link Mailer} over SMTP, for partitions without SES (`aws-cn`). One pooled nodemailer
 * transport per instance (the composition root builds one instance per container), created on
 * the first send from settings that are themselves loaded lazily. nodemailer itself is imported
 * then too: every function bundles this adapter, but only the `smtp` transport runs it, so the
 * others do not evaluate its 240 KB at cold start.
 */
import type { Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '../../ports/mailer.js';
import type { SmtpSettings } from './smtp-settings.js';

/** Timeouts and pool size; the defaults suit a Lambda function that sends a few messages per invocation. */
export interface SmtpMailerOptions {
  /** Milliseconds to establish the TCP (or TLS) connection. */
  readonly connectionTimeoutMs?: number;
  /** Milliseconds to wait for the server greeting once connected. */
  readonly greetingTimeoutMs?: number;
  /** Milliseconds of silence on an open connection before it is dropped. */
  readonly socketTimeoutMs?: number;
  /** Milliseconds an idle pooled connection is kept before it is closed. */
  readonly idleTimeoutMs?: number;
  /** Concurrent connections to the relay. */
  readonly maxConnections?: number;
  /** Extra trusted certificate authorities (PEM), for a relay whose certificate a private CA issued. */
  readonly trustedCertificates?: readonly string[];
}

const defaults: Required<Omit<SmtpMailerOptions, 'trustedCertificates'>> = {
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxConnections: 2,
};

/** Thrown when the relay refuses or fails to take a message; `cause` holds the SMTP error. */
export class SmtpDeliveryError extends Error {
  override readonly name = 'SmtpDeliveryError';
  /** Stable code for callers and logs. */
  readonly code = 'SMTP_DELIVERY_FAILED';
}

/**
 * Sends mail through an SMTP relay: implicit TLS on port 465, mandatory STARTTLS on any other
 * port unless the settings say `tls: false` (a plain-text relay on a private network).
 * Non-ASCII subjects and bodies are sent as UTF-8 (RFC 2047 encoded words in headers).
 *
 * @example
 * const settings = new SecretsManagerSmtpSettings(new SecretsManagerClient({}), secretArn);
 * const mailer = new SmtpMailer(() => settings.load(), '评审平台 <noreply@example.cn>');
 * await mailer.send({ to, subject: '评审任务', text, html });
 */
export class SmtpMailer implements Mailer {
  private transport: Promise<Transporter> | undefined;
  private readonly options: Required<Omit<SmtpMailerOptions, 'trustedCertificates'>> & SmtpMailerOptions;

  /**
   * @param loadSettings returns the relay settings; called on the first send (and again after a failed load).
   * @param from the sender, an address or `Name <address>`.
   */
  constructor(
    private readonly loadSettings: () => Promise<SmtpSettings>,
    private readonly from: string,
    options: SmtpMailerOptions = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  async send(message: MailMessage): Promise<void> {
    const transport = await this.connect();
    try {
      await transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SmtpDeliveryError(`SMTP delivery to ${message.to} failed: ${reason}`, { cause: error });
    }
  }

  /** Closes the pooled connections (tests, or a process that is shutting down). */
  async close(): Promise<void> {
    const pending = this.transport;
    this.transport = undefined;
    if (!pending) return;
    try {
      (await pending).close();
    } catch {
      // The transport was never created (its settings failed to load): nothing to close.
    }
  }

  private connect(): Promise<Transporter> {
    this.transport ??= Promise.all([this.loadSettings(), import('nodemailer')]).then(
      ([settings, { createTransport }]) => this.createPool(createTransport, settings),
      (error: unknown) => {
        this.transport = undefined;
        throw error;
      },
    );
    return this.transport;
  }

  private createPool(createTransport: typeof import('nodemailer').createTransport, settings: SmtpSettings): Transporter {
    const implicitTls = settings.port === 465;
    return createTransport({
      pool: true,
      maxConnections: this.options.maxConnections,
      idleTimeout: this.options.idleTimeoutMs,
      host: settings.host,
      port: settings.port,
      secure: implicitTls,
      requireTLS: settings.tls && !implicitTls,
      ignoreTLS: !settings.tls,
      tls: {
        minVersion: 'TLSv1.2',
        ...(this.options.trustedCertificates ? { ca: [...this.options.trustedCertificates] } : {}),
      },
      auth: { user: settings.username, pass: settings.password },
      connectionTimeout: this.options.connectionTimeoutMs,
      greetingTimeout: this.options.greetingTimeoutMs,
      socketTimeout: this.options.socketTimeoutMs,
      dnsTimeout: this.options.connectionTimeoutMs,
    });
  }
}

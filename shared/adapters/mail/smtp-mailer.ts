/**
 * The {@link Mailer} over SMTP, for partitions without SES (`aws-cn`). One pooled nodemailer
 * transport per instance (the composition root builds one instance per container), built on
 * the first send from settings that are themselves loaded lazily, and rebuilt when they change.
 * nodemailer itself is imported then too: every function bundles this adapter, but only the `smtp` transport runs it, so the
 * others do not evaluate its 240 KB at cold start.
 */
import type { Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '#shared/ports/mailer.js';
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
  /**
   * Called when the relay refuses the login or cannot be reached with the settings (they may have
   * been rotated), so their source reads them afresh for the next send.
   */
  readonly settingsRejected?: () => void;
}

type OptionalOptions = 'trustedCertificates' | 'settingsRejected';

const defaults: Required<Omit<SmtpMailerOptions, OptionalOptions>> = {
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxConnections: 2,
};

/**
 * nodemailer's codes for a refused login and for a relay that cannot be reached or spoken to
 * securely: the settings may be stale, unlike a refused recipient or message.
 */
const staleSettingsCodes: ReadonlySet<string> = new Set(['EAUTH', 'ENOAUTH', 'ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS']);

function sameSettings(a: SmtpSettings, b: SmtpSettings): boolean {
  return a.host === b.host && a.port === b.port && a.username === b.username && a.password === b.password && a.tls === b.tls;
}

function deliveryError(message: MailMessage, error: unknown): SmtpDeliveryError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SmtpDeliveryError(`SMTP delivery to ${message.to} failed: ${reason}`, { cause: error });
}

function suggestsStaleSettings(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && staleSettingsCodes.has(error.code);
}

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
 * const mailer = new SmtpMailer(() => settings.load(), '评审平台 <noreply@example.cn>', { settingsRejected: () => settings.forget() });
 * await mailer.send({ to, subject: '评审任务', text, html });
 */
export class SmtpMailer implements Mailer {
  private current: { readonly settings: SmtpSettings; readonly transport: Transporter } | undefined;
  private readonly options: Required<Omit<SmtpMailerOptions, OptionalOptions>> & SmtpMailerOptions;

  /**
   * @param loadSettings returns the relay settings, called on every send (the source keeps them:
   *   see `SecretsManagerSmtpSettings`); the pool is rebuilt whenever it returns other settings.
   * @param from the sender, an address or `Name <address>`.
   */
  constructor(
    private readonly loadSettings: () => Promise<SmtpSettings>,
    private readonly from: string,
    options: SmtpMailerOptions = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /**
   * Sends one message. When the relay refuses the login or cannot be reached, the settings are
   * dropped (`settingsRejected`) and read again; if they changed (a rotated secret), the message
   * is sent once more with them.
   */
  async send(message: MailMessage): Promise<void> {
    const used = await this.connect();
    try {
      await this.deliver(used.transport, message);
    } catch (error) {
      if (!suggestsStaleSettings(error)) throw deliveryError(message, error);
      this.dropPool(used.settings);
      this.options.settingsRejected?.();
      const fresh = await this.connect();
      if (sameSettings(fresh.settings, used.settings)) throw deliveryError(message, error);
      try {
        await this.deliver(fresh.transport, message);
      } catch (retryError) {
        throw deliveryError(message, retryError);
      }
    }
  }

  /** Closes the pooled connections (tests, or a process that is shutting down). */
  close(): Promise<void> {
    this.current?.transport.close();
    this.current = undefined;
    return Promise.resolve();
  }

  private async deliver(transport: Transporter, message: MailMessage): Promise<void> {
    await transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
  }

  /** The pool for the current settings, built anew when the source returns other settings. */
  private async connect(): Promise<{ readonly settings: SmtpSettings; readonly transport: Transporter }> {
    const [settings, { createTransport }] = await Promise.all([this.loadSettings(), import('nodemailer')]);
    if (this.current?.settings !== settings) {
      this.current?.transport.close();
      this.current = { settings, transport: this.createPool(createTransport, settings) };
    }
    return this.current;
  }

  /** Closes the pool built from `settings`, unless a concurrent send has already replaced it. */
  private dropPool(settings: SmtpSettings): void {
    if (this.current?.settings !== settings) return;
    this.current.transport.close();
    this.current = undefined;
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

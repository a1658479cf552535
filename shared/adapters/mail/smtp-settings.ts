/**
 * SMTP connection settings for {@link SmtpMailer}: parsed from the JSON held in a Secrets
 * Manager secret (`{"host","port","username","password"}`, optionally `"tls": false` for a
 * plain-text relay on a private network) and loaded lazily, kept a few minutes at most.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';

/** Where and how to reach the SMTP relay. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /**
   * Whether the connection must be encrypted: implicit TLS on port 465, STARTTLS on any other
   * port. `false` only for a relay on a private network that speaks plain SMTP.
   */
  readonly tls: boolean;
}

/** Thrown when the SMTP settings are missing, not JSON, or not of the expected shape. */
export class SmtpSettingsError extends Error {
  override readonly name = 'SmtpSettingsError';
  /** Stable code for callers and logs. */
  readonly code = 'SMTP_SETTINGS_INVALID';
}

/** What each field must be, as told to whoever fixes the secret. */
const expectations = {
  host: 'must be a non-empty string',
  port: 'must be a whole number between 1 and 65535',
  username: 'must be a non-empty string',
  password: 'must be a non-empty string',
  tls: 'must be true or false',
} as const;

/** The secret editor of the console stores every value as a string: accept `"587"` and `"false"` too. */
const portSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().min(1).max(65535));
const tlsSchema = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

const settingsSchema = z
  .object({
    host: z.string().trim().min(1),
    port: portSchema,
    username: z.string().min(1),
    password: z.string().min(1),
    tls: tlsSchema.default(true),
  })
  .refine((settings) => settings.tls || settings.port !== 465, {
    message: 'port 465 is implicit TLS and cannot be combined with "tls": false',
  });

function describeIssues(error: z.ZodError, raw: unknown): string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return 'expected a JSON object with "host", "port", "username" and "password"';
  }
  const present = new Set(Object.keys(raw));
  const messages = error.issues.map((issue) => {
    const field = issue.path[0];
    if (typeof field !== 'string' || !(field in expectations)) return issue.message;
    if (!present.has(field)) return `"${field}" is missing`;
    return `"${field}" ${expectations[field as keyof typeof expectations]}`;
  });
  return [...new Set(messages)].join('; ');
}

/**
 * Parses and validates the JSON text of the SMTP secret. Error messages name the faulty
 * fields and never repeat the values (the password must not reach the logs).
 *
 * @example
 * parseSmtpSettings('{"host":"smtp.example.cn","port":587,"username":"u","password":"p"}');
 * // → { host: 'smtp.example.cn', port: 587, username: 'u', password: 'p', tls: true }
 * @throws {SmtpSettingsError} when the text is not JSON or a field is missing or invalid.
 */
export function parseSmtpSettings(json: string): SmtpSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new SmtpSettingsError('The SMTP settings are not valid JSON: expected {"host","port","username","password"}.');
  }
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    throw new SmtpSettingsError(`The SMTP settings are invalid: ${describeIssues(result.error, raw)}.`);
  }
  return result.data;
}

/** How long {@link SecretsManagerSmtpSettings} keeps a read, and the clock it measures by. */
export interface SmtpSettingsCacheOptions {
  /** Milliseconds a successful read is used before the secret is read again; 5 minutes by default. */
  readonly maxAgeMs?: number;
  /** The current time in milliseconds (tests pass their own clock). */
  readonly now?: () => number;
}

/**
 * Reads the SMTP settings from one Secrets Manager secret on first use and keeps them for
 * {@link SmtpSettingsCacheOptions.maxAgeMs} (5 minutes), or until {@link forget} is called — the
 * mailer does so when the relay refuses the login or cannot be reached, so a rotated password
 * (`put-secret-value`) is picked up by the next send instead of failing every mail of a warm
 * container. A failed read is not cached, so the next send tries again.
 *
 * @example
 * const settings = new SecretsManagerSmtpSettings(new SecretsManagerClient({}), secretArn);
 * const mailer = new SmtpMailer(() => settings.load(), 'noreply@example.cn', { settingsRejected: () => settings.forget() });
 */
export class SecretsManagerSmtpSettings {
  private pending: Promise<SmtpSettings> | undefined;
  private readAt = 0;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    options: SmtpSettingsCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The settings, fetched and parsed once per {@link SmtpSettingsCacheOptions.maxAgeMs}. */
  load(): Promise<SmtpSettings> {
    if (this.pending && this.now() - this.readAt >= this.maxAgeMs) this.pending = undefined;
    if (!this.pending) {
      this.readAt = this.now();
      const pending: Promise<SmtpSettings> = this.fetch().catch((error: unknown) => {
        if (this.pending === pending) this.pending = undefined;
        throw error;
      });
      this.pending = pending;
    }
    return this.pending;
  }

  /** Drops the kept settings: the next {@link load} reads the secret again. */
  forget(): void {
    this.pending = undefined;
  }

  private async fetch(): Promise<SmtpSettings> {
    const output = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    const text = output.SecretString ?? (output.SecretBinary ? new TextDecoder().decode(output.SecretBinary) : undefined);
    if (text === undefined) {
      throw new SmtpSettingsError(`The SMTP secret ${this.secretId} has no value.`);
    }
    try {
      return parseSmtpSettings(text);
    } catch (error) {
      if (error instanceof SmtpSettingsError) {
        throw new SmtpSettingsError(`${error.message} (secret ${this.secretId})`);
      }
      throw error;
    }
  }
}

/**
 * The composition root: the only module that reads `process.env` and builds AWS clients.
 * Handlers ask for {@link dependencies} on their first invocation; the local runtime sets the
 * same environment variables (endpoints differ) and may replace the clock and the mailer
 * with {@link overrideDependencies} before the first request.
 *
 * Only the data table's client is built with the dependencies (every function reads records,
 * and Powertools' idempotency layer takes a built client). The S3, Step Functions, SES and
 * Secrets Manager clients come with their adapters, imported on their port's first call
 * ({@link deferredPort}), so a cold start loads none of them and a function loads only those
 * it uses; the environment is still read here, when the dependencies are built.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dataTable } from '../infra/definitions/data-store.js';
import { environmentNames } from '../infra/definitions/environment.js';
import { systemClock } from '../shared/adapters/clock/system-clock.js';
import { DynamoDbRateLimiter } from '../shared/adapters/dynamodb/dynamodb-rate-limiter.js';
import { DynamoDbRecordStore } from '../shared/adapters/dynamodb/dynamodb-record-store.js';
import { RandomIds } from '../shared/adapters/ids/random-ids.js';
import { parseMailTransport } from '../shared/adapters/mail/mail-transport.js';
import { PowertoolsOperationalMetrics } from '../shared/adapters/metrics/powertools-operational-metrics.js';
import { parseHolidayArrangements, withHolidayArrangements } from '../shared/domain/holiday-arrangements.js';
import { chinaWorkingDayCalendar, type WorkingDayCalendar } from '../shared/domain/working-days.js';
import type { BlobStore } from '../shared/ports/blob-store.js';
import type { Clock } from '../shared/ports/clock.js';
import type { IdGenerator } from '../shared/ports/id-generator.js';
import type { Mailer } from '../shared/ports/mailer.js';
import type { OperationalMetrics } from '../shared/ports/operational-metrics.js';
import type { RateLimiter } from '../shared/ports/rate-limiter.js';
import type { RecordStore } from '../shared/ports/record-store.js';
import type { WorkflowEngine } from '../shared/ports/workflow-engine.js';
import { deferredPort } from './deferred-port.js';
import type { SignInSettings } from './web/sign-in-settings.js';

/** Settings every handler may need. */
export interface Settings {
  /** How `/signin` signs people in. */
  readonly signIn: SignInSettings;
  /** The deployment's province code (`local` in the local runtime, which offers every program). */
  readonly province: string;
  /** The national (ministry) programs the deployment offers besides its province's own; absent: all of them. */
  readonly nationalPrograms?: readonly string[];
  /** Base URL for links in e-mails, without a trailing slash. */
  readonly publicBaseUrl: string;
  /** Staff addresses told when a workflow step fails; empty when none is configured. */
  readonly staffEmails: readonly string[];
  /** The header carrying the client's address when a trusted edge (CloudFront) is in front; absent otherwise. */
  readonly clientAddressHeader?: string;
  /** The secret the edge sends with every request it forwards; the address header counts only with it. */
  readonly edgeOriginSecret?: string;
}

/** Everything a handler works with. */
export interface Dependencies {
  readonly records: RecordStore;
  /** Counts public requests against their rate limits (in the data table, across instances). */
  readonly rateLimiter: RateLimiter;
  readonly blobs: BlobStore;
  readonly workflows: WorkflowEngine;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** The working-day calendar: `chinese-days` with the deployment's own arrangements, if any. */
  readonly calendar: WorkingDayCalendar;
  readonly ids: IdGenerator;
  /** Business events operators watch (overdue reviews). */
  readonly metrics: OperationalMetrics;
  /** Where answers to requests with an Idempotency-Key are remembered. */
  readonly idempotency: BasePersistenceLayer;
  readonly settings: Settings;
}

/** What the local runtime may replace. */
type Replaceable = Pick<Dependencies, 'clock' | 'mailer' | 'metrics'>;

let overrides: Partial<Replaceable> = {};
let built: Dependencies | undefined;

/** Replaces the clock, mailer and/or metrics (local runtime only); call before the first request. */
export function overrideDependencies(replacements: Partial<Replaceable>): void {
  overrides = { ...overrides, ...replacements };
  built = undefined;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

function optional(name: string): string | undefined {
  return process.env[name] || undefined;
}

/**
 * The mailer `MAIL_TRANSPORT` asks for: SES (default) or SMTP with its settings in the Secrets
 * Manager secret `SMTP_SECRET_ARN` (read on the first send, kept 5 minutes at most). Throws a
 * `MailConfigurationError` for any other transport. The adapter and its SDK client are loaded on
 * the first send.
 */
function buildMailer(): Mailer {
  const transport = parseMailTransport(optional(environmentNames.mailTransport));
  if (transport === 'smtp') {
    const secretArn = required(environmentNames.smtpSecretArn);
    const from = required(environmentNames.mailFrom);
    return deferredPort(async () => {
      const [{ SecretsManagerClient }, { SecretsManagerSmtpSettings }, { SmtpMailer }] = await Promise.all([
        import('@aws-sdk/client-secrets-manager'),
        import('../shared/adapters/mail/smtp-settings.js'),
        import('../shared/adapters/mail/smtp-mailer.js'),
      ]);
      const settings = new SecretsManagerSmtpSettings(new SecretsManagerClient({}), secretArn);
      return new SmtpMailer(() => settings.load(), from, { settingsRejected: () => settings.forget() });
    });
  }
  const from = optional(environmentNames.mailFrom) ?? 'noreply@example.org';
  return deferredPort(async () => {
    const [{ SESv2Client }, { SesMailer }] = await Promise.all([import('@aws-sdk/client-sesv2'), import('../shared/adapters/mail/ses-mailer.js')]);
    return new SesMailer(new SESv2Client({}), from);
  });
}

/** The evidence bucket's store, loaded with its S3 client on first use. */
function buildBlobStore(bucketName: string, clock: Clock): BlobStore {
  const forcePathStyle = optional('S3_FORCE_PATH_STYLE') === 'true';
  return deferredPort(async () => {
    const [{ S3Client }, { S3BlobStore }] = await Promise.all([import('@aws-sdk/client-s3'), import('../shared/adapters/s3/s3-blob-store.js')]);
    return new S3BlobStore(new S3Client({ forcePathStyle }), bucketName, clock);
  });
}

/** The state machines' engine, loaded with its Step Functions client on first use. */
function buildWorkflowEngine(): WorkflowEngine {
  const workflowArns = {
    submission: optional(environmentNames.submissionStateMachineArn) ?? '',
    round: optional(environmentNames.roundStateMachineArn) ?? '',
    review: optional(environmentNames.reviewStateMachineArn) ?? '',
    unit: optional(environmentNames.unitStateMachineArn) ?? '',
  };
  return deferredPort(async () => {
    const [{ SFNClient }, { StepFunctionsEngine }] = await Promise.all([import('@aws-sdk/client-sfn'), import('../shared/adapters/sfn/step-functions-engine.js')]);
    return new StepFunctionsEngine(new SFNClient({}), workflowArns);
  });
}

/** How the web pages sign people in (read from the environment; the web pages need nothing else of it). */
export function signInSettings(): SignInSettings {
  const issuer = optional(environmentNames.signInIssuer);
  const clientId = optional(environmentNames.signInClientId);
  if (issuer && clientId) return { kind: 'oidc', issuer: issuer.replace(/\/$/, ''), clientId };
  return optional(environmentNames.devSignIn) === 'true' ? { kind: 'dev' } : { kind: 'unconfigured' };
}

/** The origins the portal pages upload evidence to, besides their own (the evidence bucket's, in AWS). */
export function evidenceUploadOrigins(): readonly string[] {
  const origin = optional(environmentNames.evidenceUploadOrigin);
  return origin ? [new URL(origin).origin] : [];
}

/** The calendar with the arrangements in `HOLIDAY_CALENDAR` (JSON, see holiday-arrangements.ts) over chinese-days. */
function workingDayCalendar(): WorkingDayCalendar {
  const supplied = optional(environmentNames.holidayCalendar);
  return supplied ? withHolidayArrangements(chinaWorkingDayCalendar, parseHolidayArrangements(supplied)) : chinaWorkingDayCalendar;
}

function withClientAddressHeader(header: string | undefined, secret: string | undefined): Pick<Settings, 'clientAddressHeader' | 'edgeOriginSecret'> {
  // The header is trusted only together with the edge's secret.
  return header && secret ? { clientAddressHeader: header.toLowerCase(), edgeOriginSecret: secret } : {};
}

/** The national programs named in the setting (comma-separated ids); none named: all of them. */
function nationalProgramsOf(setting: string | undefined): Pick<Settings, 'nationalPrograms'> {
  const ids = (setting ?? '').split(',').map((id) => id.trim()).filter((id) => id.length > 0);
  return ids.length > 0 ? { nationalPrograms: ids } : {};
}

function build(): Dependencies {
  const clock = overrides.clock ?? systemClock;
  const dynamoClient = new DynamoDBClient({});
  const dynamo = DynamoDBDocumentClient.from(dynamoClient, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = required(environmentNames.tableName);
  const mailer = overrides.mailer ?? buildMailer();
  return {
    records: new DynamoDbRecordStore(dynamo, tableName),
    rateLimiter: new DynamoDbRateLimiter(dynamo, tableName, dataTable.timeToLiveAttribute),
    // Same table: pk `idempotency#<function>`, sk the key's hash, removed by TTL on `expiresAt`.
    idempotency: new DynamoDBPersistenceLayer({ tableName, keyAttr: 'pk', sortKeyAttr: 'sk', expiryAttr: dataTable.timeToLiveAttribute, awsSdkV3Client: dynamoClient }),
    blobs: buildBlobStore(optional(environmentNames.bucketName) ?? '', clock),
    workflows: buildWorkflowEngine(),
    mailer,
    clock,
    calendar: workingDayCalendar(),
    ids: new RandomIds(clock),
    metrics: overrides.metrics ?? new PowertoolsOperationalMetrics(optional(environmentNames.metricsService) ?? 'unnamed'),
    settings: {
      signIn: signInSettings(),
      province: optional(environmentNames.province) ?? 'local',
      ...nationalProgramsOf(optional(environmentNames.nationalPrograms)),
      publicBaseUrl: (optional(environmentNames.publicBaseUrl) ?? '').replace(/\/$/, ''),
      staffEmails: (optional(environmentNames.staffEmail) ?? '').split(',').map((address) => address.trim()).filter((address) => address.length > 0),
      ...withClientAddressHeader(optional(environmentNames.clientAddressHeader), optional(environmentNames.edgeOriginSecret)),
    },
  };
}

/** The dependencies, built once per process (per Lambda container). */
export function dependencies(): Dependencies {
  built ??= build();
  return built;
}

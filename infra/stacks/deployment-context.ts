import { readFileSync } from 'node:fs';
import type { Node } from 'constructs';
import { isDomainError } from '#shared/domain/errors.js';
import { parseHolidayArrangements } from '#shared/domain/holiday-arrangements.js';

/**
 * Codes of the deployments this app may synthesize: the mainland provincial-level divisions
 * (lower-case ISO 3166-2:CN subdivision codes) and `moe` for a ministry-level deployment.
 */
export const provinceCodes = [
  'bj', 'tj', 'he', 'sx', 'nm', 'ln', 'jl', 'hl', 'sh', 'js', 'zj', 'ah', 'fj', 'jx', 'sd', 'ha',
  'hb', 'hn', 'gd', 'gx', 'hi', 'cq', 'sc', 'gz', 'yn', 'xz', 'sn', 'gs', 'qh', 'nx', 'xj', 'moe',
] as const;

/** One of {@link provinceCodes}. */
export type ProvinceCode = (typeof provinceCodes)[number];

/**
 * The AWS partitions a deployment may go to: `aws`, or `aws-cn` (the China regions, operated
 * separately: no SES, no Cognito, no CloudFront web ACLs in us-east-1).
 */
export const partitions = ['aws', 'aws-cn'] as const;

/** One of {@link partitions}. */
export type Partition = (typeof partitions)[number];

/** The regions of `aws-cn`: Beijing (the default) and Ningxia. */
export const chinaRegions = ['cn-north-1', 'cn-northwest-1'] as const;

/**
 * How the functions send mail. SES (v2) exists in the `aws` partition only; `aws-cn` uses
 * `smtp` with the relay's settings in a Secrets Manager secret: an existing one
 * (`-c smtpSecretArn=...`), or, without it, one the stack creates for the operator to fill in.
 */
export type MailSettings = (
  | { readonly transport: 'ses'; readonly from: string }
  | { readonly transport: 'smtp'; readonly from: string; readonly smtpSecretArn: string | undefined }
) & {
  /** Staff addresses (comma-separated) told when a workflow step fails and must be retried. */
  readonly staff: string;
};

/** Everything a province deployment is parameterised by, read from CDK context. */
export interface DeploymentContext {
  readonly province: ProvinceCode;
  readonly stage: string;
  /** The partition the stack deploys to (`-c partition=aws-cn`; default `aws`). */
  readonly partition: Partition;
  /**
   * The region the stack is bound to (`-c region=...`): in `aws-cn` one of {@link chinaRegions},
   * `cn-north-1` by default; in `aws` undefined unless given, leaving the stack
   * environment-agnostic (it deploys to the CLI's region).
   */
  readonly region: string | undefined;
  /** OIDC issuer URL and audience the HTTP API's JWT authorizer accepts. */
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  /**
   * Origin of the web pages and of e-mailed links (`https://host[:port]`). Undefined means the
   * HTTP API's own endpoint, which serves the pages.
   */
  readonly webOrigin: string | undefined;
  readonly mail: MailSettings;
  /**
   * Host name of the deployed HTTP API (the province stack's `ApiEndpoint` without `https://`).
   * When set, the edge stack (CloudFront + AWS WAF, `aws` partition) is synthesized in front of
   * it, and the functions count clients by the address CloudFront forwards.
   */
  readonly edgeApiDomain: string | undefined;
  /**
   * The public host name and its ACM certificate (in the stack's region) of the regional edge:
   * a REST API with a REGIONAL AWS WAF web ACL in front of the HTTP API, in the province stack
   * itself (`aws-cn`, where AWS WAF is regional only; `-c regionalEdgeDomain=… -c
   * regionalEdgeCertificateArn=…`). Undefined: none. Not together with `edgeApiDomain`.
   */
  readonly regionalEdge: { readonly domainName: string; readonly certificateArn: string } | undefined;
  /**
   * With `edgeApiDomain` or `regionalEdge`: a random secret (32–128 of `A–Z a–z 0–9 _ -`) the
   * edge sends to the API with every request; the functions trust the forwarded client address
   * only on requests that carry it. Generate it with e.g. `openssl rand -hex 32`; rotate by
   * deploying the stacks.
   */
  readonly edgeOriginSecret: string | undefined;
  /**
   * The national (ministry) programs the deployment offers besides its province's own
   * (`-c programs=miit-demo-base,...`, comma-separated program ids); undefined: all of them.
   */
  readonly nationalPrograms: string | undefined;
  /**
   * Holiday arrangements the deployment supplies, e.g. the next year's once the State Council
   * has published it (`-c holidays=holidays-2027.json`, or the JSON itself; see
   * shared/domain/holiday-arrangements.ts), validated and as compact JSON; undefined: none.
   */
  readonly holidays: string | undefined;
  /**
   * Where the CloudWatch alarms are mailed (`-c alarmEmail=ops@…`, one address): an SNS e-mail
   * subscription the address confirms. Undefined: the alarm topic has no subscription yet.
   */
  readonly alarmEmail: string | undefined;
  /**
   * The table restored from the stack's own (`-c restoredTableName=…`, docs/RESTORE.md) that the
   * functions use instead; undefined: the stack's own table.
   */
  readonly restoredTableName: string | undefined;
}

/** A context value is missing or malformed; the message says which and how to fix it. */
export class DeploymentContextError extends Error {
  override readonly name = 'DeploymentContextError';
}

/**
 * Reads and validates the deployment context (`-c key=value` or `cdk.json`).
 *
 * @example
 * const context = readDeploymentContext(app.node); // cdk synth -c province=gx [-c stage=test]
 */
export function readDeploymentContext(node: Node): DeploymentContext {
  const province = required(node, 'province', 'the province code, e.g. `-c province=gx`');
  if (!isProvinceCode(province)) {
    throw new DeploymentContextError(
      `Unknown province "${province}". Use one of: ${provinceCodes.join(', ')}.`,
    );
  }
  const stage = optional(node, 'stage') ?? 'prod';
  if (!/^[a-z][a-z0-9]{0,11}$/.test(stage)) {
    throw new DeploymentContextError(
      `Invalid stage "${stage}": lower-case letters and digits, starting with a letter, at most 12.`,
    );
  }
  const jwtIssuer = required(node, 'jwtIssuer', 'the OIDC issuer URL, e.g. `-c jwtIssuer=https://idp.example/realms/x`');
  if (!/^https:\/\/[^\s]+$/.test(jwtIssuer)) {
    throw new DeploymentContextError(`Invalid jwtIssuer "${jwtIssuer}": it must be an https URL.`);
  }
  const jwtAudience = required(node, 'jwtAudience', 'the JWT audience (client id), e.g. `-c jwtAudience=cjrh`');
  const partition = readPartition(node);
  const region = readRegion(node, partition);
  return {
    province,
    stage,
    partition,
    region,
    jwtIssuer,
    jwtAudience,
    webOrigin: readWebOrigin(node),
    mail: readMailSettings(node, partition, region),
    ...readEdge(node, partition),
    nationalPrograms: readNationalPrograms(node),
    holidays: readHolidays(node),
    alarmEmail: readAlarmEmail(node),
    restoredTableName: readRestoredTableName(node),
  };
}

/** Lambda allows 4 KB of environment per function; the arrangements may take half of it. */
const maxHolidaysLength = 2048;

/** The `holidays` context: a JSON file's path, the JSON text, or (in cdk.json) the object itself. */
function readHolidays(node: Node): string | undefined {
  const value: unknown = node.tryGetContext('holidays');
  if (value === undefined || value === null || value === '') return undefined;
  let text: string;
  if (typeof value === 'object') text = JSON.stringify(value);
  else if (typeof value !== 'string') throw new DeploymentContextError('Context "holidays" must be a JSON file path, JSON text or an object.');
  else if (value.trim().startsWith('{')) text = value;
  else {
    try {
      text = readFileSync(value, 'utf8');
    } catch {
      throw new DeploymentContextError(`Cannot read the holidays file "${value}".`);
    }
  }
  let holidays: string;
  try {
    holidays = JSON.stringify(parseHolidayArrangements(text));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new DeploymentContextError(
      `Invalid holidays: ${error.message}. Expected e.g. {"2027":{"holidays":["2027-01-01"],"workdays":["2027-02-14"]}}.`,
    );
  }
  if (holidays.length > maxHolidaysLength) {
    throw new DeploymentContextError(
      `The holidays data is ${holidays.length} characters long, more than ${maxHolidaysLength}: supply only the years chinese-days lacks or gets wrong.`,
    );
  }
  return holidays;
}

function readNationalPrograms(node: Node): string | undefined {
  const programs = optional(node, 'programs');
  if (programs !== undefined && !/^[a-z0-9][a-z0-9_-]*(,[a-z0-9][a-z0-9_-]*)*$/.test(programs)) {
    throw new DeploymentContextError(
      `Invalid programs "${programs}": comma-separated program ids of the national programs to offer, e.g. \`-c programs=miit-demo-base\`.`,
    );
  }
  return programs;
}

function readAlarmEmail(node: Node): string | undefined {
  const address = optional(node, 'alarmEmail');
  if (address !== undefined && !/^[^@\s,]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(address)) {
    throw new DeploymentContextError(`Invalid alarmEmail "${address}": one e-mail address is expected, e.g. \`-c alarmEmail=ops@jyt.example.gov.cn\`.`);
  }
  return address;
}

function readRestoredTableName(node: Node): string | undefined {
  const name = optional(node, 'restoredTableName');
  if (name !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
    throw new DeploymentContextError(`Invalid restoredTableName "${name}": a DynamoDB table name (3–255 of A–Z a–z 0–9 _ . -) is expected.`);
  }
  return name;
}

function readWebOrigin(node: Node): string | undefined {
  const webOrigin = optional(node, 'webOrigin');
  if (webOrigin !== undefined && !/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(webOrigin)) {
    throw new DeploymentContextError(
      `Invalid webOrigin "${webOrigin}": an https origin without path (wildcards are not allowed), ` +
        'e.g. `-c webOrigin=https://cjrh.jyt.gxzf.gov.cn`; omit it to use the API endpoint.',
    );
  }
  return webOrigin;
}

function readPartition(node: Node): Partition {
  const partition = optional(node, 'partition') ?? 'aws';
  if (!(partitions as readonly string[]).includes(partition)) {
    throw new DeploymentContextError(`Unknown partition "${partition}". Use one of: ${partitions.join(', ')}.`);
  }
  return partition as Partition;
}

function readRegion(node: Node, partition: Partition): string | undefined {
  const region = optional(node, 'region');
  if (partition === 'aws-cn') {
    if (region === undefined) return chinaRegions[0];
    if (!(chinaRegions as readonly string[]).includes(region)) {
      throw new DeploymentContextError(`Invalid region "${region}" for partition aws-cn: use ${chinaRegions.join(' or ')}.`);
    }
    return region;
  }
  if (region === undefined) return undefined;
  if (region.startsWith('cn-')) {
    throw new DeploymentContextError(`Region "${region}" is in the aws-cn partition: add \`-c partition=aws-cn\`.`);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new DeploymentContextError(`Invalid region "${region}": an AWS region code is expected, e.g. \`-c region=ap-east-1\`.`);
  }
  return region;
}

function readEdge(node: Node, partition: Partition): Pick<DeploymentContext, 'edgeApiDomain' | 'regionalEdge' | 'edgeOriginSecret'> {
  const edgeApiDomain = readEdgeApiDomain(node);
  const regionalEdge = readRegionalEdge(node);
  const edgeOriginSecret = optional(node, 'edgeOriginSecret');
  if (edgeApiDomain !== undefined && partition !== 'aws') {
    throw new DeploymentContextError(
      `edgeApiDomain is for the aws partition only: the edge stack puts CloudFront and its web ACL in us-east-1, which ${partition} cannot use. ` +
        'Omit it (in aws-cn, regionalEdgeDomain puts a regional AWS WAF web ACL in front of the API).',
    );
  }
  if (edgeApiDomain !== undefined && regionalEdge !== undefined) {
    throw new DeploymentContextError(
      'Choose one edge: edgeApiDomain (CloudFront in us-east-1, aws partition) or regionalEdgeDomain (regional AWS WAF, aws-cn), not both.',
    );
  }
  if (edgeApiDomain === undefined && regionalEdge === undefined) return { edgeApiDomain, regionalEdge, edgeOriginSecret: undefined };
  if (edgeOriginSecret === undefined || !/^[A-Za-z0-9_-]{32,128}$/.test(edgeOriginSecret)) {
    throw new DeploymentContextError(
      `With ${edgeApiDomain ? 'edgeApiDomain' : 'regionalEdgeDomain'}, edgeOriginSecret is needed: 32–128 characters of A–Z a–z 0–9 _ -, known only to this deployment, ` +
        'e.g. `-c edgeOriginSecret=$(openssl rand -hex 32)` (the API trusts the client address the edge forwards only with it).',
    );
  }
  return { edgeApiDomain, regionalEdge, edgeOriginSecret };
}

function readRegionalEdge(node: Node): DeploymentContext['regionalEdge'] {
  const domainName = optional(node, 'regionalEdgeDomain');
  const certificateArn = optional(node, 'regionalEdgeCertificateArn');
  if (domainName === undefined && certificateArn === undefined) return undefined;
  if (domainName === undefined || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(domainName)) {
    throw new DeploymentContextError(
      `Invalid regionalEdgeDomain "${domainName ?? ''}": the public host name of the regional edge is expected, e.g. \`-c regionalEdgeDomain=cjrh.jyt.gxzf.gov.cn\`.`,
    );
  }
  if (certificateArn === undefined || !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/.test(certificateArn)) {
    throw new DeploymentContextError(
      `Invalid regionalEdgeCertificateArn "${certificateArn ?? ''}": the ARN of the ACM certificate of ${domainName} in the stack's region is expected ` +
        '(in China, import the certificate into ACM: `aws acm import-certificate`).',
    );
  }
  return { domainName, certificateArn };
}

function readEdgeApiDomain(node: Node): string | undefined {
  const domain = optional(node, 'edgeApiDomain');
  if (domain !== undefined && !/^[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/.test(domain)) {
    throw new DeploymentContextError(
      `Invalid edgeApiDomain "${domain}": the HTTP API's host name is expected, ` +
        'e.g. `-c edgeApiDomain=abc123defg.execute-api.ap-east-1.amazonaws.com` (the ApiEndpoint output without https://).',
    );
  }
  return domain;
}

function readMailSettings(node: Node, partition: Partition, region: string | undefined): MailSettings {
  const from = required(node, 'mailFrom', 'the sender address, e.g. `-c mailFrom=noreply@jyt.example.gov.cn`');
  if (!/^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(from)) {
    throw new DeploymentContextError(`Invalid mailFrom "${from}": an e-mail address is expected.`);
  }
  const staff = required(node, 'staffEmail', 'the staff addresses told of failed workflow steps, e.g. `-c staffEmail=zcc@jyt.example.gov.cn`');
  if (!staff.split(',').every((address) => /^[^@\s,]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(address.trim()))) {
    throw new DeploymentContextError(`Invalid staffEmail "${staff}": comma-separated e-mail addresses are expected.`);
  }
  const transport = optional(node, 'mailTransport') ?? (partition === 'aws' ? 'ses' : 'smtp');
  if (transport === 'ses') {
    if (partition !== 'aws') {
      throw new DeploymentContextError(`mailTransport "ses" is not available in ${partition} (there is no SES): use "smtp", the default there.`);
    }
    return { transport, from, staff };
  }
  if (transport === 'smtp') return { transport, from, smtpSecretArn: readSmtpSecretArn(node, partition, region), staff };
  throw new DeploymentContextError(`Invalid mailTransport "${transport}": use "ses" (aws) or "smtp" (aws-cn).`);
}

/** The SMTP secret's complete ARN, in the deployment's partition (and region, when bound); undefined: the stack creates one. */
function readSmtpSecretArn(node: Node, partition: Partition, region: string | undefined): string | undefined {
  const smtpSecretArn = optional(node, 'smtpSecretArn');
  if (smtpSecretArn === undefined) return undefined;
  const match = /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):\d{12}:secret:.+-[A-Za-z0-9]{6}$/.exec(smtpSecretArn);
  if (!match) {
    throw new DeploymentContextError(
      `Invalid smtpSecretArn "${smtpSecretArn}": the complete secret ARN (with its 6-character suffix) is expected.`,
    );
  }
  if (match[1] !== partition || (region !== undefined && match[2] !== region)) {
    throw new DeploymentContextError(
      `smtpSecretArn "${smtpSecretArn}" is not in ${partition}${region ? ` ${region}` : ''}, where the functions run and read it.`,
    );
  }
  return smtpSecretArn;
}

function isProvinceCode(value: string): value is ProvinceCode {
  return (provinceCodes as readonly string[]).includes(value);
}

function optional(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new DeploymentContextError(`Context "${key}" must be a string.`);
  }
  return value;
}

function required(node: Node, key: string, what: string): string {
  const value = optional(node, key);
  if (value === undefined) {
    throw new DeploymentContextError(`Missing context "${key}": ${what}.`);
  }
  return value;
}

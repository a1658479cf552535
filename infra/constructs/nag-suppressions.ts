import { type Stack, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
// cdk-nag's own formatter of IAM5 finding ids, so the ids below match its findings exactly.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { type FunctionAccess, type FunctionName, functions, stateMachines } from '../definitions/catalog.js';
import type { EvidenceBucket } from './evidence-bucket.js';
import type { HandlerFunction } from './handler-function.js';
import type { PlatformHttpApi } from './http-api.js';
import type { MailSender } from './mail-sender.js';
import type { PublicEdge } from './public-edge.js';
import type { RegionalEdge } from './regional-edge.js';
import { executionsArn, type WorkflowStateMachines } from './state-machines.js';

/**
 * What the acknowledgements read of a province stack: its constructs that carry findings. The
 * stack calls {@link acknowledgeNagFindings} on itself, so it is described here rather than imported
 * (which would make the two modules import each other).
 */
export interface NaggedProvince extends Stack {
  readonly handlers: Readonly<Record<FunctionName, HandlerFunction>>;
  readonly evidenceBucket: EvidenceBucket;
  readonly workflows: WorkflowStateMachines;
  readonly httpApi: PlatformHttpApi;
  readonly mail: MailSender;
  readonly regionalEdge: RegionalEdge | undefined;
}

/**
 * Every cdk-nag (AwsSolutions) finding this app accepts, each with its reason, in one place.
 * cdk-nag 3 reads acknowledgements from `Validations.of(construct).acknowledge`; an IAM5
 * acknowledgement names the exact wildcard (`AwsSolutions-IAM5[Resource::…]`), so a new,
 * different wildcard still fails synthesis.
 */
export function acknowledgeNagFindings(stack: NaggedProvince): void {
  acknowledgeFunctions(stack);
  acknowledgeStateMachines(stack);
  acknowledgePublicRoutes(stack);
  acknowledgeSmtpSecret(stack.mail);
  acknowledgeCdkInternals(stack);
  if (stack.regionalEdge) acknowledgeRegionalEdgeFindings(stack.regionalEdge);
  acknowledge(
    stack.evidenceBucket.failedUploadEvents,
    'AwsSolutions-SQS3',
    'This queue is itself a dead-letter queue: the evidence processor’s on-failure destination for upload events (cdk-nag recognises only redrive policies and DeadLetterConfig as such).',
  );
}

/** The findings on the regional edge's REST API, which only passes requests on to the HTTP API. */
function acknowledgeRegionalEdgeFindings(edge: RegionalEdge): void {
  const api = edge.restApi;
  const passThrough = 'The REST API only carries requests through the REGIONAL web ACL to the HTTP API behind it (HTTP_PROXY of every path and method)';
  acknowledge(api, 'AwsSolutions-APIG2', `${passThrough}; each route validates its request in its handler, as API.md specifies the errors.`);
  acknowledge(api, 'AwsSolutions-APIG4', `${passThrough}, whose JWT authorizer authorises the routes that need sign-in; the public routes are public by regulation.`);
  acknowledge(api, 'AwsSolutions-COG4', `${passThrough}; sign-in is the deployment's OIDC issuer through the HTTP API's JWT authorizer (there is no Cognito in aws-cn).`);
  acknowledge(
    api,
    'AwsSolutions-APIG6',
    'Every request is in the stage’s JSON access log (kept a year) and in the HTTP API’s; execution logs would repeat them with ' +
      'integration traces, in log groups API Gateway creates itself without retention, and with data tracing the origin secret header.',
  );
  acknowledge(
    api.node.findChild('CloudWatchRole'),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    'The account-wide API Gateway CloudWatch Logs role (AWS::ApiGateway::Account, which the stage’s access logging needs) takes the ' +
      'AWS-managed policy API Gateway documents for it; it serves every REST API of the account and region, whose log groups are not known here.',
  );
}

/** The findings on the edge's CloudFront distribution, each with its reason. */
export function acknowledgeEdgeFindings(edge: PublicEdge): void {
  const distribution = edge.distribution;
  acknowledge(distribution, 'AwsSolutions-CFR1', 'The public notice (公示), its objection form and the results are public by regulation: no geographic restriction.');
  acknowledge(
    distribution,
    'AwsSolutions-CFR3',
    'Every request the edge forwards is in the HTTP API stage’s JSON access log (province stack, kept a year); requests the web ACL blocks ' +
      'are counted per rule in CloudWatch metrics with sampled requests. Standard logs would need an ACL-enabled log bucket.',
  );
  acknowledge(
    distribution,
    'AwsSolutions-CFR4',
    'Served on the distribution’s default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a custom domain (webOrigin) ' +
      'gets its ACM certificate with TLSv1.2_2021 when it is added.',
  );
}

function acknowledgeFunctions(stack: NaggedProvince): void {
  for (const definition of functions) {
    const handler = stack.handlers[definition.name];
    const { role } = handler;
    const access: FunctionAccess = definition.access;
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    );
    for (const prefixAccess of access.bucket ?? []) {
      acknowledge(
        role,
        wildcardResourceFinding(stack, stack.evidenceBucket.prefixObjectsArn(prefixAccess.prefix)),
        `Object keys under ${prefixAccess.prefix} are generated per round/application/evidence; the grant is limited ` +
          `to that prefix and to ${prefixAccess.actions.join('/')} as the catalogue lists for ${definition.name}.`,
      );
    }
    for (const name of access.stopExecution ?? []) {
      acknowledge(
        role,
        wildcardResourceFinding(stack, executionsArn(stack.workflows.machines[name])),
        `Cancelling a round stops the ${name} executions of its round and applications (DescribeExecution/StopExecution), ` +
          'whose names are only known per round and application; limited to that one state machine.',
      );
    }
  }
}

function acknowledgeStateMachines(stack: NaggedProvince): void {
  for (const definition of stateMachines) {
    const machine = stack.workflows.machines[definition.name];
    acknowledge(
      machine.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Execution logging to CloudWatch Logs (logs:CreateLogDelivery, logs:*LogDelivery*, logs:PutResourcePolicy, ' +
        'logs:Describe*) and X-Ray tracing support no resource-level permissions (AWS Step Functions documentation).',
    );
  }
}

function acknowledgePublicRoutes(stack: NaggedProvince): void {
  for (const { definition, route } of stack.httpApi.routes) {
    if (definition.auth !== 'none') continue;
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: publicRouteReason(definition.path),
    });
  }
}

function publicRouteReason(path: string): string {
  if (path.includes('{linkId}')) {
    return 'Expert review link: experts have no account; the handler authorises by the unguessable, expiring, single-purpose link id.';
  }
  if (path.startsWith('/api/programs')) return 'Public catalogue of recognition programs (published policy information).';
  return 'Public notice (公示) pages, results and the objection form are public by regulation; stage throttling applies.';
}

/** The SMTP secret the stack creates when the context names none (an imported secret carries no findings). */
function acknowledgeSmtpSecret(mail: MailSender): void {
  if (!(mail.smtpSecret instanceof Secret)) return;
  acknowledge(
    mail.smtpSecret,
    'AwsSolutions-SMG4',
    'The SMTP relay’s credentials are issued by the mail provider, which no rotation function can reach: they are rotated there and ' +
      'written to the secret (put-secret-value); a function container keeps what it read for at most 5 minutes and reads it again as soon as the relay refuses the login or cannot be reached.',
  );
}

/** The S3 notifications custom resource CDK adds for `bucket.addEventNotification`. */
function acknowledgeCdkInternals(stack: NaggedProvince): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
    acknowledge(
      child,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK-provided BucketNotificationsHandler (configures the quarantine/ upload notification at deploy time); ' +
        'its role and managed logging policy are not configurable.',
    );
  }
}

function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The IAM5 finding id cdk-nag reports for a wildcard resource, e.g. `…[Resource::<Bucket.Arn>/evidence/*]`. */
function wildcardResourceFinding(stack: Stack, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(stack.resolve(resource))}]`;
}

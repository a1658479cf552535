import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type FunctionDefinition, type FunctionName, functions, routes } from '../definitions/catalog.js';
import { environmentNames } from '../definitions/environment.js';
import { DataTable } from '../constructs/data-table.js';
import { EvidenceBucket } from '../constructs/evidence-bucket.js';
import { applyFunctionAccess } from '../constructs/function-access.js';
import { HandlerFunction } from '../constructs/handler-function.js';
import { PlatformHttpApi } from '../constructs/http-api.js';
import { edgeClientAddressHeader } from '../constructs/public-edge.js';
import { RegionalEdge, regionalEdgeClientAddressHeader } from '../constructs/regional-edge.js';
import { MailSender } from '../constructs/mail-sender.js';
import { Monitoring } from '../constructs/monitoring.js';
import { acknowledgeNagFindings } from '../constructs/nag-suppressions.js';
import { WorkflowStateMachines } from '../constructs/state-machines.js';
import type { Construct } from 'constructs';
import type { DeploymentContext } from './deployment-context.js';

/** The project root (two levels above this file); catalogue paths are relative to it. */
const defaultProjectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Props of {@link ProvinceStack}. */
export interface ProvinceStackProps extends StackProps {
  /** The validated deployment context. */
  readonly context: DeploymentContext;
  /** Where `functions/`, `statemachines/` and `package-lock.json` are; defaults to this repository. */
  readonly projectRoot?: string;
}

/**
 * The stack name of a deployment, e.g. `CjrhRecognition-gx-prod`.
 */
export function provinceStackName(context: Pick<DeploymentContext, 'province' | 'stage'>): string {
  return `CjrhRecognition-${context.province}-${context.stage}`;
}

/**
 * Everything one province (or the ministry) runs: the data table, the evidence bucket, one
 * Lambda per catalogue function with exactly its catalogue access, the workflow state machines,
 * the HTTP API with the catalogue routes, and their alarms and dashboard. Every ARN is built
 * from the stack's partition (`AWS::Partition` while environment-agnostic, the literal once the
 * context binds a region), never written for one. In `aws-cn` (context `partition`) the stack
 * is bound to its China region and sends mail through SMTP; sign-in is the context's OIDC
 * issuer in both partitions.
 */
export class ProvinceStack extends Stack {
  /** The single table. */
  readonly dataTable: DataTable;
  /** The evidence bucket and its access-log bucket. */
  readonly evidenceBucket: EvidenceBucket;
  /** The HTTP API. */
  readonly httpApi: PlatformHttpApi;
  /** The catalogue functions, by name. */
  readonly handlers: Readonly<Record<FunctionName, HandlerFunction>>;
  /** The workflow state machines. */
  readonly workflows: WorkflowStateMachines;
  /** The REST API with the REGIONAL web ACL in front of the HTTP API, with `-c regionalEdgeDomain`. */
  readonly regionalEdge: RegionalEdge | undefined;
  /** The alarms, their topic and the dashboard. */
  readonly monitoring: Monitoring;
  /** How the functions send mail (SES, or SMTP with its secret). */
  readonly mail: MailSender;

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    super(scope, id, {
      ...props,
      env: props.env ?? (props.context.region ? { region: props.context.region } : undefined),
      description:
        props.description ??
        `产教融合认定评审平台 / industry-education recognition platform (${props.context.province}, ${props.context.stage})`,
    });
    const { context } = props;
    const projectRoot = props.projectRoot ?? defaultProjectRoot;
    Tags.of(this).add('Project', 'cjrh-recognition');
    Tags.of(this).add('Province', context.province);
    Tags.of(this).add('Stage', context.stage);

    this.dataTable = new DataTable(this, 'Data', { restoredTableName: context.restoredTableName });
    this.httpApi = new PlatformHttpApi(this, 'Http', {
      jwtIssuer: context.jwtIssuer,
      jwtAudience: context.jwtAudience,
    });
    this.regionalEdge =
      context.regionalEdge && context.edgeOriginSecret
        ? new RegionalEdge(this, 'RegionalEdge', { ...context.regionalEdge, httpApiEndpoint: this.httpApi.endpoint, originSecret: context.edgeOriginSecret })
        : undefined;
    const webOrigin = context.webOrigin ?? (context.regionalEdge ? `https://${context.regionalEdge.domainName}` : this.httpApi.endpoint);
    // Behind an edge, clients are counted by the address it forwards (on requests carrying its secret).
    const clientAddressHeader = context.edgeApiDomain ? edgeClientAddressHeader : context.regionalEdge ? regionalEdgeClientAddressHeader : undefined;
    this.evidenceBucket = new EvidenceBucket(this, 'Evidence', { webOrigin });
    this.mail = new MailSender(this, 'Mail', context.mail);

    const handlers = {} as Record<FunctionName, HandlerFunction>;
    const lambdas = {} as Record<FunctionName, IFunction>;
    for (const definition of functions) {
      const handler = new HandlerFunction(this, definition.name, {
        definition,
        projectRoot,
        environment: {
          [environmentNames.province]: context.province,
          [environmentNames.metricsService]: this.stackName,
          ...(context.nationalPrograms ? { [environmentNames.nationalPrograms]: context.nationalPrograms } : {}),
          ...(context.holidays ? { [environmentNames.holidayCalendar]: context.holidays } : {}),
          [environmentNames.publicBaseUrl]: webOrigin,
          ...(clientAddressHeader && context.edgeOriginSecret
            ? { [environmentNames.clientAddressHeader]: clientAddressHeader, [environmentNames.edgeOriginSecret]: context.edgeOriginSecret }
            : {}),
          // The function serving the pages signs people in through the issuer and client the JWT authorizer accepts.
          // The portal pages upload evidence straight to the bucket: their CSP allows its origin.
          ...((definition as FunctionDefinition).assets === 'page-scripts'
            ? {
                [environmentNames.signInIssuer]: context.jwtIssuer,
                [environmentNames.signInClientId]: context.jwtAudience,
                [environmentNames.evidenceUploadOrigin]: `https://${this.evidenceBucket.bucket.bucketRegionalDomainName}`,
              }
            : {}),
        },
      });
      handlers[definition.name] = handler;
      lambdas[definition.name] = handler.function;
    }
    this.handlers = handlers;

    this.workflows = new WorkflowStateMachines(this, 'Workflows', { projectRoot, functions: lambdas });
    for (const definition of functions) {
      applyFunctionAccess(this.handlers[definition.name], definition.access, {
        dataTable: this.dataTable,
        evidenceBucket: this.evidenceBucket,
        stateMachines: this.workflows.machines,
        mail: this.mail,
      });
    }
    this.evidenceBucket.notifyUploads(lambdas.evidenceProcessor);
    this.httpApi.addRoutes(routes, lambdas);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      province: context.province,
      alarmEmail: context.alarmEmail,
      httpApi: this.httpApi.api,
      functions: lambdas,
      stateMachines: this.workflows.machines,
      deadLetterQueues: [{ name: 'FailedUploadEvents', queue: this.evidenceBucket.failedUploadEvents }],
    });

    new CfnOutput(this, 'ApiEndpoint', { value: this.httpApi.endpoint });
    new CfnOutput(this, 'WebOrigin', { value: webOrigin });
    new CfnOutput(this, 'TableName', { value: this.dataTable.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.evidenceBucket.bucket.bucketName });
    if (this.mail.smtpSecret) new CfnOutput(this, 'SmtpSecretArn', { value: this.mail.smtpSecret.secretArn });
    if (this.regionalEdge) {
      new CfnOutput(this, 'RegionalEdgeDnsTarget', { value: this.regionalEdge.dnsTarget, description: 'CNAME target of the regional edge domain' });
      new CfnOutput(this, 'WebAclArn', { value: this.regionalEdge.webAcl.attrArn });
    }

    acknowledgeNagFindings(this);
  }
}

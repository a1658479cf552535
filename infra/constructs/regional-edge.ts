import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  HttpIntegration,
  LogGroupLogDestination,
  RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { edgeOriginSecretHeader } from '../definitions/environment.js';
import { rateLimitWebAcl } from './rate-limit-web-acl.js';

/**
 * The header the regional edge adds with the client's address as API Gateway saw the connection
 * (`$context.identity.sourceIp`, IPv4: the REST API's regional endpoint takes IPv4 only); the
 * functions count clients by it behind the edge.
 */
export const regionalEdgeClientAddressHeader = 'x-cjrh-client-address';

/** Props of {@link RegionalEdge}. */
export interface RegionalEdgeProps {
  /** The HTTP API's base URL (`https://{id}.execute-api.{region}.{suffix}`), where every request goes on to. */
  readonly httpApiEndpoint: string;
  /** The public host name, e.g. `cjrh.jyt.gxzf.gov.cn` (in China with its ICP filing). */
  readonly domainName: string;
  /** The ACM certificate of {@link domainName} in the stack's region (in China: imported into ACM). */
  readonly certificateArn: string;
  /** Sent to the HTTP API in {@link edgeOriginSecretHeader} with every request, so it can tell the edge's requests from direct ones. */
  readonly originSecret: string;
}

/**
 * A REGIONAL AWS WAF web ACL in front of the HTTP API, in the stack's own region: for `aws-cn`,
 * where AWS WAF is regional only (no CloudFront scope), and usable in `aws` too.
 *
 * AWS WAF cannot be associated with an API Gateway HTTP API (v2); of the resources it can
 * protect, a REST API stage is the one that can stand in front of the existing HTTP API without
 * replacing it (an ALB would need a VPC and cannot target an API Gateway endpoint). So a REST API
 * (regional endpoint, its own execute-api endpoint switched off) passes every request on, path,
 * query, headers and body unchanged (`HTTP_PROXY`, every media type as binary), to the HTTP API,
 * whose JWT authorizer, throttling and routes stay as they are; the web ACL is associated with its
 * stage. The public host name (custom domain, base path none) is the only way in through the
 * edge, so the ACL's `/api/public/` rules see the paths the pages use. The REST API adds the
 * client's address ({@link regionalEdgeClientAddressHeader}) and the origin secret to each request,
 * as the CloudFront edge does. Its access log is kept a year; API Gateway writes it with the
 * account's CloudWatch Logs role, which this construct creates and sets for the whole account and
 * region (`AWS::ApiGateway::Account`, retained when the stack is deleted).
 */
export class RegionalEdge extends Construct {
  /** The web ACL (scope REGIONAL). */
  readonly webAcl: CfnWebACL;
  /** The REST API in front of the HTTP API. */
  readonly restApi: RestApi;

  constructor(scope: Construct, id: string, props: RegionalEdgeProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.restApi = new RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-edge`,
      description: 'AWS WAF in front of the recognition platform HTTP API',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      binaryMediaTypes: ['*/*'],
      disableExecuteApiEndpoint: true,
      // Access logging on a stage needs the account's API Gateway CloudWatch Logs role (account
      // settings); a fresh account has none, so the deploy would fail without it. This sets the
      // region's AWS::ApiGateway::Account, account-wide; retained so other APIs keep logging.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      domainName: {
        domainName: props.domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      },
      deployOptions: {
        stageName: 'edge',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        tracingEnabled: true,
      },
    });
    const forwarded = {
      [`integration.request.header.${regionalEdgeClientAddressHeader}`]: 'context.identity.sourceIp',
      [`integration.request.header.${edgeOriginSecretHeader}`]: `'${props.originSecret}'`,
    };
    const passOn = (path: string, requestParameters: Record<string, string>) =>
      new HttpIntegration(`${props.httpApiEndpoint}${path}`, {
        proxy: true,
        httpMethod: 'ANY',
        options: { requestParameters: { ...forwarded, ...requestParameters }, timeout: Duration.seconds(29) },
      });
    this.restApi.root.addMethod('ANY', passOn('/', {}));
    this.restApi.root
      .addResource('{proxy+}')
      .addMethod('ANY', passOn('/{proxy}', { 'integration.request.path.proxy': 'method.request.path.proxy' }), {
        requestParameters: { 'method.request.path.proxy': true },
      });

    this.webAcl = rateLimitWebAcl(this, 'WebAcl', { scope: 'REGIONAL', metricName: 'cjrh-regional-edge' });
    new CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: this.restApi.deploymentStage.stageArn, webAclArn: this.webAcl.attrArn });
  }

  /** The host name DNS must point the public domain at (CNAME), the custom domain's regional endpoint. */
  get dnsTarget(): string {
    return this.restApi.domainName!.domainNameAliasDomainName;
  }
}

import { Duration } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { edgeOriginSecretHeader } from '../definitions/environment.js';

/** Props of {@link PublicEdge}. */
export interface PublicEdgeProps {
  /** Host name of the HTTP API, e.g. `abc123.execute-api.ap-east-1.amazonaws.com`. */
  readonly apiDomain: string;
  /** Sent to the API in {@link edgeOriginSecretHeader} with every request, so the API can tell the edge's requests from direct ones. */
  readonly originSecret: string;
}

/**
 * Per-address rate rules of the web ACL (AWS WAF counts per client IP over the window and
 * blocks while the address is over the limit). They sit above the handler's own limits
 * (objections: 5 a minute, 30 a day per address; 3 a day per phone and round) so that floods
 * end at the edge and a person is only ever refused by the handler's precise 429.
 */
export const edgeRateRules = [
  { name: 'PublicWrites', limit: 20, windowSeconds: 60, scope: { method: 'POST', pathPrefix: '/api/public/' } },
  { name: 'PublicReads', limit: 600, windowSeconds: 300, scope: { method: 'GET', pathPrefix: '/api/public/' } },
  { name: 'AllRequests', limit: 3000, windowSeconds: 300, scope: undefined },
] as const;

/** The header CloudFront adds with the viewer's address (`ip:port`); the functions count clients by it behind the edge. */
export const edgeClientAddressHeader = 'cloudfront-viewer-address';

/** The contract's error body WAF answers a blocked request with. */
const rateLimitedBody = JSON.stringify({ error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: [] } });

function scopeDown(scope: { method: string; pathPrefix: string }): CfnWebACL.StatementProperty {
  const noTransform = [{ priority: 0, type: 'NONE' }];
  return {
    andStatement: {
      statements: [
        { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: scope.method, textTransformations: noTransform } },
        { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: scope.pathPrefix, textTransformations: noTransform } },
      ],
    },
  };
}

/**
 * What stands in front of the HTTP API in the `aws` partition: a CloudFront distribution with
 * an AWS WAF web ACL of per-address rate rules. AWS WAF cannot be associated with an API
 * Gateway HTTP API (only REST APIs, ALB, CloudFront, AppSync, Cognito, App Runner, Verified
 * Access, Amplify), and a CloudFront web ACL must be created in us-east-1, so this construct
 * belongs to the edge stack in us-east-1. Nothing is cached; every viewer header but Host goes
 * to the API, with `CloudFront-Viewer-Address` (the client's address, which the handlers then
 * count by instead of CloudFront's).
 */
export class PublicEdge extends Construct {
  /** The web ACL (scope CLOUDFRONT). */
  readonly webAcl: CfnWebACL;
  /** The distribution serving the API and pages. */
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: PublicEdgeProps) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('cjrh-edge'),
      customResponseBodies: { rateLimited: { contentType: 'APPLICATION_JSON', content: rateLimitedBody } },
      rules: edgeRateRules.map((rule, priority) => ({
        name: rule.name,
        priority,
        action: {
          block: {
            customResponse: { responseCode: 429, customResponseBodyKey: 'rateLimited', responseHeaders: [{ name: 'retry-after', value: String(rule.windowSeconds) }] },
          },
        },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: rule.limit,
            evaluationWindowSec: rule.windowSeconds,
            ...(rule.scope ? { scopeDownStatement: scopeDown(rule.scope) } : {}),
          },
        },
        visibilityConfig: visibility(`cjrh-edge-${rule.name}`),
      })),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Recognition platform API and pages behind AWS WAF',
      webAclId: this.webAcl.attrArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: new HttpOrigin(props.apiDomain, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          readTimeout: Duration.seconds(30),
          customHeaders: { [edgeOriginSecretHeader]: props.originSecret },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
  }
}

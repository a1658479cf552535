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
import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { edgeOriginSecretHeader } from '../definitions/environment.js';
import { rateLimitWebAcl } from './rate-limit-web-acl.js';

/** Props of {@link PublicEdge}. */
export interface PublicEdgeProps {
  /** Host name of the HTTP API, e.g. `abc123.execute-api.ap-east-1.amazonaws.com`. */
  readonly apiDomain: string;
  /** Sent to the API in {@link edgeOriginSecretHeader} with every request, so the API can tell the edge's requests from direct ones. */
  readonly originSecret: string;
}

/** The header CloudFront adds with the viewer's address (`ip:port`); the functions count clients by it behind the edge. */
export const edgeClientAddressHeader = 'cloudfront-viewer-address';

/**
 * What stands in front of the HTTP API in the `aws` partition: a CloudFront distribution with
 * an AWS WAF web ACL of per-address rate rules ({@link rateLimitWebAcl}). AWS WAF cannot be associated with an API
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
    this.webAcl = rateLimitWebAcl(this, 'WebAcl', { scope: 'CLOUDFRONT', metricName: 'cjrh-edge' });
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

import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * Per-address rate rules of the web ACLs (AWS WAF counts per client IP over the window and
 * blocks while the address is over the limit). They sit above the handler's own limits
 * (objections: 5 a minute, 30 a day per address; 3 a day per phone and round) so that floods
 * end at the edge and a person is only ever refused by the handler's precise 429.
 */
export const edgeRateRules = [
  { name: 'PublicWrites', limit: 20, windowSeconds: 60, scope: { method: 'POST', pathPrefix: '/api/public/' } },
  { name: 'PublicReads', limit: 600, windowSeconds: 300, scope: { method: 'GET', pathPrefix: '/api/public/' } },
  { name: 'AllRequests', limit: 3000, windowSeconds: 300, scope: undefined },
] as const;

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

/** Props of {@link rateLimitWebAcl}. */
export interface RateLimitWebAclProps {
  /** `CLOUDFRONT` (created in us-east-1, for a distribution) or `REGIONAL` (for a REST API stage, in its region). */
  readonly scope: 'CLOUDFRONT' | 'REGIONAL';
  /** Prefix of the CloudWatch metric names of the ACL and its rules, e.g. `cjrh-edge`. */
  readonly metricName: string;
}

/**
 * A web ACL that allows by default and blocks an address over any of {@link edgeRateRules}
 * with 429, `Retry-After` (the rule's window) and the contract's `RATE_LIMITED` error body;
 * every rule has CloudWatch metrics and sampled requests.
 *
 * @example
 * const webAcl = rateLimitWebAcl(this, 'WebAcl', { scope: 'REGIONAL', metricName: 'cjrh-regional-edge' });
 */
export function rateLimitWebAcl(scope: Construct, id: string, props: RateLimitWebAclProps): CfnWebACL {
  const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
  return new CfnWebACL(scope, id, {
    scope: props.scope,
    defaultAction: { allow: {} },
    visibilityConfig: visibility(props.metricName),
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
      visibilityConfig: visibility(`${props.metricName}-${rule.name}`),
    })),
  });
}

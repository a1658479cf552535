/**
 * Flood protection in AWS: API Gateway throttles the stage and, tighter, the objection route;
 * the edge stack (us-east-1) puts CloudFront with an AWS WAF web ACL of per-address rate rules
 * in front of the HTTP API (AWS WAF cannot be associated with HTTP APIs), and behind it the
 * functions count clients by the address CloudFront forwards.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { environmentNames } from '#infra/definitions/environment.js';
import { readDeploymentContext } from '#infra/stacks/deployment-context.js';
import { EdgeStack, edgeStackName } from '#infra/stacks/edge-stack.js';
import { cdkJsonContext, synthProvince, testApp } from './synth-province.js';

const apiDomain = 'abc123defg.execute-api.ap-east-1.amazonaws.com';
const originSecret = 'k'.repeat(40);
const edge = { edgeApiDomain: apiDomain, edgeOriginSecret: originSecret };
const objectionRoute = 'POST /api/public/rounds/{id}/objections';

function synthEdge(): { stack: EdgeStack; template: Template } {
  const app = testApp({ builtinCloudFormationValidation: false, context: { ...cdkJsonContext(), province: 'gx', ...edge } });
  const context = readDeploymentContext(app.node);
  const stack = new EdgeStack(app, edgeStackName(context), { context: { ...context, ...edge } });
  return { stack, template: Template.fromStack(stack) };
}

describe('API Gateway throttling', () => {
  it('throttles the whole stage and the objection route tighter, the stage created after that route', () => {
    const { template } = synthProvince();
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = stages[0]!;
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    expect(stage.Properties.RouteSettings).toEqual({ [objectionRoute]: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } });
    const routes = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: objectionRoute } });
    expect(Object.keys(routes)).toHaveLength(1);
    expect(stage.DependsOn).toEqual(expect.arrayContaining(Object.keys(routes)));
  });

  it('counts clients by the connection’s address, unless the edge is in front: then by the address CloudFront forwards', () => {
    const variables = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('objections') } }))[0]!.Properties.Environment.Variables;
    expect(variables(synthProvince().template)[environmentNames.clientAddressHeader]).toBeUndefined();
    const behindEdge = variables(synthProvince({ extra: edge }).template);
    expect(behindEdge[environmentNames.clientAddressHeader]).toBe('cloudfront-viewer-address');
    expect(behindEdge[environmentNames.edgeOriginSecret]).toBe(originSecret);
  });
});

describe('the edge stack (CloudFront + AWS WAF)', () => {
  let stack: EdgeStack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synthEdge());
  });

  it('lives in us-east-1, where CloudFront web ACLs must be created', () => {
    expect(stack.region).toBe('us-east-1');
    expect(stack.stackName).toBe('CjrhRecognitionEdge-gx-prod');
  });

  it('blocks an address past 20 public writes a minute with 429, Retry-After and the contract error body', () => {
    const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(JSON.parse(acl.CustomResponseBodies.rateLimited.Content)).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String), details: [] } });
    const writes = acl.Rules.find((rule: any) => rule.Name === 'PublicWrites');
    expect(writes).toMatchObject({
      Action: { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'rateLimited', ResponseHeaders: [{ Name: 'retry-after', Value: '60' }] } } },
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'IP',
          Limit: 20,
          EvaluationWindowSec: 60,
          ScopeDownStatement: {
            AndStatement: {
              Statements: [
                { ByteMatchStatement: { FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: 'POST' } },
                { ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/api/public/' } },
              ],
            },
          },
        },
      },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true },
    });
    expect(acl.Rules.map((rule: any) => [rule.Name, rule.Statement.RateBasedStatement.Limit])).toEqual([
      ['PublicWrites', 20],
      ['PublicReads', 600],
      ['AllRequests', 3000],
    ]);
  });

  it('fronts the HTTP API with that web ACL, caching nothing and forwarding every header but Host', () => {
    const config = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(config.WebACLId).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.edge.webAcl), 'Arn'] });
    expect(config.Origins).toEqual([expect.objectContaining({ DomainName: apiDomain, CustomOriginConfig: expect.objectContaining({ OriginProtocolPolicy: 'https-only' }) })]);
    expect(config.DefaultCacheBehavior).toMatchObject({
      AllowedMethods: expect.arrayContaining(['POST', 'PATCH', 'DELETE']),
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
      ViewerProtocolPolicy: 'redirect-to-https',
    });
  });

  it('reports nothing to cdk-nag that is not acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
  });

  it('sends the origin secret to the API with every request it forwards', () => {
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!;
    expect(distribution.Properties.DistributionConfig.Origins[0].OriginCustomHeaders).toEqual([{ HeaderName: 'x-cjrh-edge-secret', HeaderValue: originSecret }]);
  });

  it('refuses an edge without its origin secret, or with a guessable one', () => {
    const read = (secret?: string) => readDeploymentContext(testApp({ context: { ...cdkJsonContext(), province: 'gx', edgeApiDomain: apiDomain, ...(secret ? { edgeOriginSecret: secret } : {}) } }).node);
    expect(() => read()).toThrow(/edgeOriginSecret/);
    expect(() => read('short')).toThrow(/edgeOriginSecret/);
    expect(read(originSecret).edgeOriginSecret).toBe(originSecret);
  });

  it('refuses an edge origin that is not an HTTP API host', () => {
    const read = (edgeApiDomain: string) => readDeploymentContext(testApp({ context: { ...cdkJsonContext(), province: 'gx', edgeApiDomain, edgeOriginSecret: originSecret } }).node);
    expect(() => read('https://abc.execute-api.ap-east-1.amazonaws.com')).toThrow(/edgeApiDomain/);
    expect(() => read('evil.example.com')).toThrow(/edgeApiDomain/);
    expect(read(apiDomain).edgeApiDomain).toBe(apiDomain);
  });
});

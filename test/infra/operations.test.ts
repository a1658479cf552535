/**
 * Operations of a province stack: every state machine, function and dead-letter queue alarms,
 * overdue reviews alarm, all into one encrypted SNS topic; one dashboard per province; the API
 * stage throttles what the catalogue says; the data is recoverable (PITR, versioned buckets)
 * and outlives the stack (RETAIN on the table, the buckets and every log group); a web ACL with
 * rate-based rules on the public routes, regional in the province stack (aws-cn) as in the
 * CloudFront edge stack (aws; edge-and-throttling.test.ts).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionAccess, type FunctionName, functions, routes, type StateMachineName, stateMachines, substitutionsOf } from '#infra/definitions/catalog.js';
import { environmentNames } from '#infra/definitions/environment.js';
import { operationalMetrics } from '#infra/definitions/operational-metrics.js';
import { type Partition, partitions, readDeploymentContext } from '#infra/stacks/deployment-context.js';
import { EdgeStack, edgeStackName } from '#infra/stacks/edge-stack.js';
import type { ProvinceStack } from '#infra/stacks/province-stack.js';
import { cdkJsonContext, logicalId, synthProvince, testApp } from './synth-province.js';

let stack: ProvinceStack;
let template: Template;

interface AlarmProperties {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: readonly { Name: string; Value: unknown }[];
  readonly Statistic: string;
  readonly Period: number;
  readonly Threshold: number;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm: number;
  readonly ComparisonOperator: string;
  readonly TreatMissingData: string;
  readonly AlarmActions: readonly unknown[];
}

function alarms(): AlarmProperties[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties as AlarmProperties);
}

/** The alarms on one metric of one resource (by its dimension's value). */
function alarmsOn(namespace: string, metricName: string, dimension: { Name: string; Value: unknown }): AlarmProperties[] {
  return alarms().filter(
    (alarm) => alarm.Namespace === namespace && alarm.MetricName === metricName && JSON.stringify(alarm.Dimensions) === JSON.stringify([dimension]),
  );
}

/** The functions the state machines invoke as their tasks. */
const workflowTaskFunctions = new Set<FunctionName>(stateMachines.flatMap((machine) => substitutionsOf(machine).map(([, target]) => target.function)));

/** The function an AWS/Lambda alarm watches. */
function functionOf(alarm: AlarmProperties): FunctionName {
  const value = JSON.stringify(alarm.Dimensions[0]?.Value);
  return functions.map((definition) => definition.name).find((name) => value === JSON.stringify(ref(stack.handlers[name].function)))!;
}

const topicRef = () => ({ Ref: logicalId(stack.monitoring.alarmTopic) });
const ref = (construct: Parameters<typeof logicalId>[0]) => ({ Ref: logicalId(construct) });

describe.each(partitions.map((partition) => [partition] as const))('the %s province stack', (partition: Partition) => {
  beforeAll(() => {
    ({ stack, template } = synthProvince({ partition }));
  });

  describe('alarms', () => {
    it('alarm on any occurrence in five minutes (but errors of workflow task functions), treat missing data as fine and notify the alarm topic', () => {
      expect(alarms().length).toBeGreaterThan(0);
      const taskErrors = alarms().filter((alarm) => alarm.MetricName === 'Errors' && workflowTaskFunctions.has(functionOf(alarm)));
      expect(taskErrors).toHaveLength(workflowTaskFunctions.size);
      for (const alarm of alarms()) {
        expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching', Period: expect.any(Number) });
        if (!taskErrors.includes(alarm)) expect(alarm).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, DatapointsToAlarm: 1 });
        expect(alarm.AlarmActions).toEqual([topicRef()]);
      }
    });

    it('alarm on errors of the workflow task functions only when they go on (5 or more in each of 3 five-minute periods): their workflows retry contention', () => {
      expect([...workflowTaskFunctions].sort()).toEqual(['reviewTasks', 'roundTasks', 'submissionTasks', 'unitTasks']);
      for (const name of workflowTaskFunctions) {
        const dimension = { Name: 'FunctionName', Value: ref(stack.handlers[name].function) };
        expect(alarmsOn('AWS/Lambda', 'Errors', dimension)).toEqual([
          expect.objectContaining({ Statistic: 'Sum', Period: 300, Threshold: 5, EvaluationPeriods: 3, DatapointsToAlarm: 3 }),
        ]);
      }
      for (const name of ['adminApi', 'publicApi', 'evidenceProcessor'] as const) {
        const dimension = { Name: 'FunctionName', Value: ref(stack.handlers[name].function) };
        expect(alarmsOn('AWS/Lambda', 'Errors', dimension)).toEqual([expect.objectContaining({ Threshold: 1, EvaluationPeriods: 1 })]);
      }
    });

    it('watch 5xx answers of the HTTP API (a handler answers an unexpected error with 500, which Lambda does not count as an error)', () => {
      const dimension = { Name: 'ApiId', Value: ref(stack.httpApi.api) };
      expect(alarmsOn('AWS/ApiGateway', '5xx', dimension)).toEqual([expect.objectContaining({ Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 1 })]);
    });

    it.each(stateMachines.map((machine) => [machine.name] as const))('watch failed and timed-out executions of the %s state machine', (name) => {
      const dimension = { Name: 'StateMachineArn', Value: ref(stack.workflows.machines[name]) };
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
        expect(alarmsOn('AWS/States', metric, dimension)).toEqual([expect.objectContaining({ Statistic: 'Sum', Period: 300 })]);
      }
    });

    it('watch aborted executions only of the machines no function stops on purpose (a cancelled round stops its executions)', () => {
      const stoppable = new Set<StateMachineName>(functions.flatMap((definition) => (definition.access as FunctionAccess).stopExecution ?? []));
      const watched = stateMachines.filter((machine) => alarmsOn('AWS/States', 'ExecutionsAborted', { Name: 'StateMachineArn', Value: ref(stack.workflows.machines[machine.name]) }).length === 1);
      expect(watched.map((machine) => machine.name)).toEqual(stateMachines.filter((machine) => !stoppable.has(machine.name)).map((machine) => machine.name));
      expect(watched.map((machine) => machine.name)).toContain('unit');
    });

    it.each(functions.map((definition) => [definition.name] as const))('watch errors and throttles of the %s function', (name: FunctionName) => {
      const dimension = { Name: 'FunctionName', Value: ref(stack.handlers[name].function) };
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarmsOn('AWS/Lambda', metric, dimension)).toEqual([expect.objectContaining({ Statistic: 'Sum', Period: 300 })]);
      }
    });

    it('watch the depth of the dead-letter queue of failed upload events, the only queue of the stack', () => {
      const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
      expect(queues).toEqual([logicalId(stack.evidenceBucket.failedUploadEvents)]);
      const dimension = { Name: 'QueueName', Value: { 'Fn::GetAtt': [queues[0], 'QueueName'] } };
      expect(alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', dimension)).toEqual([expect.objectContaining({ Statistic: 'Maximum', Period: 300 })]);
    });

    it('watch overdue reviews per hour, as the functions publish them: under the stack name as service', () => {
      const dimension = { Name: operationalMetrics.serviceDimension, Value: 'CjrhRecognition-gx-prod' };
      expect(alarmsOn(operationalMetrics.namespace, operationalMetrics.overdueReviews, dimension)).toEqual([expect.objectContaining({ Statistic: 'Sum', Period: 3600 })]);
      const variables = template.toJSON().Resources[logicalId(stack.handlers.reviewTasks.function)].Properties.Environment.Variables;
      expect(variables[environmentNames.metricsService]).toBe('CjrhRecognition-gx-prod');
    });

    it('are sent the queued upload events the evidence processor fails on after two retries', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(stack.handlers.evidenceProcessor.function),
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.evidenceBucket.failedUploadEvents), 'Arn'] } } },
      });
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
    });
  });

  describe('the alarm topic', () => {
    it('is encrypted with a rotated key CloudWatch may use to publish, and accepts TLS only', () => {
      const keyId = logicalId(stack.monitoring.alarmTopic.masterKey as never);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      const key = template.toJSON().Resources[keyId].Properties;
      expect(key.EnableKeyRotation).toBe(true);
      expect(key.KeyPolicy.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      );
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    it('mails the -c alarmEmail address, and has no subscription without it', () => {
      template.resourceCountIs('AWS::SNS::Subscription', 0);
      const withEmail = synthProvince({ partition, extra: { alarmEmail: 'ops@jyt.example.gov.cn' } });
      withEmail.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@jyt.example.gov.cn', TopicArn: { Ref: logicalId(withEmail.stack.monitoring.alarmTopic) } });
      expect(() => synthProvince({ partition, extra: { alarmEmail: 'ops@example.gov.cn,other@example.gov.cn' } })).toThrow(/alarmEmail/);
    });
  });

  describe('the dashboard', () => {
    it('is one per deployment, named after the province and stage, and graphs API, workflows, functions, dead letters and overdue reviews', () => {
      const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
      expect(dashboards).toHaveLength(1);
      const dashboard = dashboards[0]!.Properties;
      expect(dashboard.DashboardName).toBe('CjrhRecognition-gx-prod');
      const body = JSON.stringify(dashboard.DashboardBody);
      const graphed = (namespace: string, metric: string) => body.includes(`[\\"${namespace}\\",\\"${metric}\\"`);
      for (const metric of ['4xx', '5xx', 'Latency']) expect(graphed('AWS/ApiGateway', metric), metric).toBe(true);
      for (const metric of ['ExecutionsStarted', 'ExecutionsFailed']) expect(graphed('AWS/States', metric), metric).toBe(true);
      for (const metric of ['Errors', 'Throttles', 'Duration']) expect(graphed('AWS/Lambda', metric), metric).toBe(true);
      expect(graphed('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toBe(true);
      expect(graphed(operationalMetrics.namespace, operationalMetrics.overdueReviews)).toBe(true);
      expect(body).toContain('province gx');
    });
  });

  describe('API Gateway throttling', () => {
    it('throttles the stage by default and every route the catalogue throttles at its own limits', () => {
      const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
      expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) });
      const throttled = routes.filter((route) => route.throttle);
      expect(throttled.length).toBeGreaterThan(0);
      expect(stage.RouteSettings).toEqual(
        Object.fromEntries(throttled.map((route) => [`${route.method} ${route.path}`, { ThrottlingRateLimit: route.throttle!.rateLimit, ThrottlingBurstLimit: route.throttle!.burstLimit }])),
      );
      for (const route of throttled) expect(route.throttle!.rateLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingRateLimit);
    });
  });

  describe('data recovery', () => {
    it('keeps the table recoverable to a point in time, protected from deletion and retained', () => {
      const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
      expect(tables).toHaveLength(1);
      expect(tables[0]).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true },
      });
    });

    it('re-points the functions at a restored table with -c restoredTableName, managing no table (the original is retained)', () => {
      const restored = synthProvince({ partition, extra: { restoredTableName: 'CjrhRecognition-gx-prod-restored-20261201' } });
      restored.template.resourceCountIs('AWS::DynamoDB::Table', 0);
      const variables = restored.template.toJSON().Resources[logicalId(restored.stack.handlers.adminApi.function)].Properties.Environment.Variables;
      expect(variables[environmentNames.tableName]).toBe('CjrhRecognition-gx-prod-restored-20261201');
      const policies = JSON.stringify(restored.template.findResources('AWS::IAM::Policy'));
      expect(policies).toContain(':table/CjrhRecognition-gx-prod-restored-20261201');
      expect(() => synthProvince({ extra: { restoredTableName: 'no spaces allowed' } })).toThrow(/restoredTableName/);
    });

    it('versions and retains every bucket (the evidence and its access logs)', () => {
      const buckets = Object.entries(template.findResources('AWS::S3::Bucket'));
      expect(buckets.map(([id]) => id).sort()).toEqual([logicalId(stack.evidenceBucket.bucket), logicalId(stack.evidenceBucket.accessLogsBucket)].sort());
      for (const [, bucket] of buckets) {
        expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { VersioningConfiguration: { Status: 'Enabled' } } });
      }
    });

    it('retains every log group (functions, state machines, API access logs) for a year', () => {
      const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
      expect(logGroups.length).toBe(functions.length + stateMachines.length + 1);
      for (const logGroup of logGroups) expect(logGroup).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { RetentionInDays: 365 } });
    });
  });
});

describe('the web ACL with rate-based rules on the public routes', () => {
  const regionalEdge = {
    regionalEdgeDomain: 'cjrh.jyt.gxzf.gov.cn',
    regionalEdgeCertificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    edgeOriginSecret: 's'.repeat(40),
  };
  let edged: ReturnType<typeof synthProvince>;
  beforeAll(() => {
    edged = synthProvince({ partition: 'aws-cn', extra: regionalEdge });
  });

  const rateRules = (acl: { Properties: { Rules: { Name: string; Statement: { RateBasedStatement?: { Limit: number; ScopeDownStatement?: unknown } } }[] } }) =>
    acl.Properties.Rules.map((rule) => [rule.Name, rule.Statement.RateBasedStatement?.Limit, JSON.stringify(rule.Statement.RateBasedStatement?.ScopeDownStatement ?? null).includes('/api/public/')]);

  it('exists in the aws-cn province stack as a REGIONAL web ACL with -c regionalEdgeDomain (AWS WAF is regional only there)', () => {
    const acls = Object.values(edged.template.findResources('AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    expect(acls[0]!.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(rateRules(acls[0] as never)).toEqual([
      ['PublicWrites', 20, true],
      ['PublicReads', 600, true],
      ['AllRequests', 3000, false],
    ]);
    expect(synthProvince({ partition: 'aws-cn' }).template.findResources('AWS::WAFv2::WebACL')).toEqual({});
  });

  it('exists in aws as the CloudFront edge stack’s web ACL (us-east-1) with the same rules, the province stack holding none', () => {
    const edge = { edgeApiDomain: 'abc123defg.execute-api.ap-east-1.amazonaws.com', edgeOriginSecret: 's'.repeat(40) };
    const app = testApp({ builtinCloudFormationValidation: false, context: { ...cdkJsonContext(), province: 'gx', ...edge } });
    const context = readDeploymentContext(app.node);
    const edgeStack = new EdgeStack(app, edgeStackName(context), { context: { ...context, ...edge } });
    const acls = Object.values(Template.fromStack(edgeStack).findResources('AWS::WAFv2::WebACL'));
    expect(acls.map((acl) => acl.Properties.Scope)).toEqual(['CLOUDFRONT']);
    expect(rateRules(acls[0] as never)).toEqual(rateRules(Object.values(edged.template.findResources('AWS::WAFv2::WebACL'))[0] as never));
    expect(synthProvince({ partition: 'aws', extra: edge }).template.findResources('AWS::WAFv2::WebACL')).toEqual({});
  });

  it('is associated with the stage of a REST API that passes every request on to the HTTP API (AWS WAF takes no HTTP API)', () => {
    const edge = edged.stack.regionalEdge!;
    const restApi = logicalId(edge.restApi);
    edged.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [edged.stack.getLogicalId(edge.webAcl), 'Arn'] },
      ResourceArn: edged.stack.resolve(edge.restApi.deploymentStage.stageArn),
    });
    const stageArn = JSON.stringify(edged.stack.resolve(edge.restApi.deploymentStage.stageArn));
    expect([stageArn.includes('arn:aws-cn:apigateway:cn-north-1::/restapis/'), stageArn.includes(restApi), stageArn.includes(logicalId(edge.restApi.deploymentStage))]).toEqual([true, true, true]);
    edged.template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] }, DisableExecuteApiEndpoint: true, BinaryMediaTypes: ['*/*'] });
    const httpApiEndpoint = { 'Fn::GetAtt': [logicalId(edged.stack.httpApi.api), 'ApiEndpoint'] };
    const methods = Object.values(edged.template.findResources('AWS::ApiGateway::Method')).map((method) => method.Properties);
    expect(methods.map((method) => [method.HttpMethod, method.Integration.Type, method.Integration.Uri])).toEqual([
      ['ANY', 'HTTP_PROXY', { 'Fn::Join': ['', [httpApiEndpoint, '/']] }],
      ['ANY', 'HTTP_PROXY', { 'Fn::Join': ['', [httpApiEndpoint, '/{proxy}']] }],
    ]);
    for (const method of methods) {
      expect(method.Integration.RequestParameters).toMatchObject({
        'integration.request.header.x-cjrh-client-address': 'context.identity.sourceIp',
        'integration.request.header.x-cjrh-edge-secret': `'${'s'.repeat(40)}'`,
      });
    }
  });

  it('sets the account’s API Gateway CloudWatch Logs role its stage’s access logging needs (a fresh account has none), retained', () => {
    const accounts = Object.values(edged.template.findResources('AWS::ApiGateway::Account'));
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    const roleId = accounts[0]!.Properties.CloudWatchRoleArn['Fn::GetAtt'][0] as string;
    const role = edged.template.toJSON().Resources[roleId];
    expect(role).toMatchObject({ Type: 'AWS::IAM::Role', DeletionPolicy: 'Retain' });
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain('AmazonAPIGatewayPushToCloudWatchLogs');
    const stage = Object.values(edged.template.findResources('AWS::ApiGateway::Stage'))[0]!;
    expect(stage.Properties.AccessLogSetting.DestinationArn).toBeDefined();
    expect(stage.DependsOn).toContain(Object.keys(edged.template.findResources('AWS::ApiGateway::Account'))[0]);
  });

  it('serves the public host name, the web origin, whose DNS target is an output; the functions count clients by the address the edge forwards', () => {
    edged.template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'cjrh.jyt.gxzf.gov.cn',
      RegionalCertificateArn: regionalEdge.regionalEdgeCertificateArn,
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
    edged.template.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { RestApiId: { Ref: logicalId(edged.stack.regionalEdge!.restApi) } });
    expect(Object.keys(edged.template.toJSON().Outputs)).toEqual(expect.arrayContaining(['RegionalEdgeDnsTarget', 'WebAclArn']));
    const variables = edged.template.toJSON().Resources[logicalId(edged.stack.handlers.publicApi.function)].Properties.Environment.Variables;
    expect(variables).toMatchObject({
      [environmentNames.publicBaseUrl]: 'https://cjrh.jyt.gxzf.gov.cn',
      [environmentNames.clientAddressHeader]: 'x-cjrh-client-address',
      [environmentNames.edgeOriginSecret]: 's'.repeat(40),
    });
  });

  it('reports nothing to cdk-nag that is not acknowledged with a reason (APIG3: the stage has its web ACL)', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(edged.stack);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
  });

  it('refuses a regional edge without its certificate or origin secret, or together with the CloudFront edge', () => {
    const read = (extra: Record<string, unknown>) => () => synthProvince({ partition: 'aws-cn', extra });
    expect(read({ regionalEdgeDomain: 'cjrh.jyt.gxzf.gov.cn', edgeOriginSecret: 's'.repeat(40) })).toThrow(/regionalEdgeCertificateArn/);
    expect(read({ ...regionalEdge, edgeOriginSecret: undefined })).toThrow(/edgeOriginSecret/);
    expect(read({ ...regionalEdge, regionalEdgeDomain: 'https://cjrh.example' })).toThrow(/regionalEdgeDomain/);
    expect(() => synthProvince({ partition: 'aws', extra: { ...regionalEdge, edgeApiDomain: 'abc123defg.execute-api.ap-east-1.amazonaws.com' } })).toThrow(/not both/);
  });
});

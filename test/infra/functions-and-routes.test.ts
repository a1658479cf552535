import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionAccess, functions, routes } from '#infra/definitions/catalog.js';
import { environmentNames } from '#infra/definitions/environment.js';
import { cdkJsonContext, logicalId, type SynthesizedProvince, synthProvince } from './synth-province.js';

let synthesized: SynthesizedProvince;
let template: Template;
beforeAll(() => {
  synthesized = synthProvince();
  template = synthesized.template;
});

function functionProperties(name: (typeof functions)[number]['name']): Record<string, any> {
  const id = logicalId(synthesized.stack.handlers[name].function);
  return template.toJSON().Resources[id].Properties;
}

describe('functions', () => {
  it('creates one Lambda per catalogue function (plus CDK’s S3 notification handler)', () => {
    const lambdas = Object.values(template.findResources('AWS::Lambda::Function'));
    const ours = lambdas.filter((fn) => fn.Properties.Runtime === 'nodejs24.x');
    expect(ours).toHaveLength(functions.length);
    expect(lambdas).toHaveLength(functions.length + 1);
  });

  it.each(functions.map((definition) => [definition.name, definition] as const))(
    '%s runs on Node.js 24 arm64 with the catalogue memory and timeout, traced, logging to its own group',
    (name, definition) => {
      const properties = functionProperties(name);
      expect(properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: definition.memoryMb,
        Timeout: definition.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
      expect(properties.LoggingConfig.LogGroup).toEqual({ Ref: logicalId(synthesized.stack.handlers[name].logGroup) });
    },
  );

  it('keeps every function log for a year and retains it on stack deletion', () => {
    const resources = template.toJSON().Resources;
    for (const { name } of functions) {
      const logGroup = resources[logicalId(synthesized.stack.handlers[name].logGroup)];
      expect(logGroup).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365 } });
    }
  });

  it.each(functions.map((definition) => [definition.name, definition] as const))(
    '%s gets the environment variables of its access (and only those)',
    (name, definition) => {
      const access: FunctionAccess = definition.access;
      const variables = Object.keys(functionProperties(name).Environment.Variables).sort();
      const expected = [
        environmentNames.province,
        environmentNames.metricsService,
        environmentNames.publicBaseUrl,
        environmentNames.tableName,
        'NODE_OPTIONS',
        ...(access.bucket ? [environmentNames.bucketName] : []),
        ...[...new Set([...(access.startExecution ?? []), ...(access.startNextExecution ?? []), ...(access.stopExecution ?? [])])].map((machine) => `${machine.toUpperCase()}_STATE_MACHINE_ARN`),
        ...(access.sendMail ? [environmentNames.mailFrom, environmentNames.mailTransport, environmentNames.staffEmail] : []),
        ...('assets' in definition && definition.assets === 'page-scripts' ? [environmentNames.signInIssuer, environmentNames.signInClientId, environmentNames.evidenceUploadOrigin] : []),
      ].sort();
      expect(variables).toEqual(expected);
    },
  );

  it('gives the web pages the OIDC issuer and client id of the context (jwtIssuer / jwtAudience), as the JWT authorizer checks them', () => {
    const context = cdkJsonContext();
    expect(functionProperties('webPages').Environment.Variables).toMatchObject({
      [environmentNames.signInIssuer]: context['jwtIssuer'],
      [environmentNames.signInClientId]: context['jwtAudience'],
    });
    const other = synthProvince({ extra: { jwtIssuer: 'https://login.gx.example.gov.cn/oidc', jwtAudience: 'gx-cjrh-web' } });
    const variables = other.template.toJSON().Resources[logicalId(other.stack.handlers.webPages.function)].Properties.Environment.Variables;
    expect(variables).toMatchObject({ [environmentNames.signInIssuer]: 'https://login.gx.example.gov.cn/oidc', [environmentNames.signInClientId]: 'gx-cjrh-web' });
    other.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://login.gx.example.gov.cn/oidc', Audience: ['gx-cjrh-web'] },
    });
  });

  it('hands the holiday arrangements of -c holidays to every function, as the calendar data over chinese-days', () => {
    const holidays = { '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] } };
    const withHolidays = synthProvince({ extra: { holidays: JSON.stringify(holidays) } });
    const resources = withHolidays.template.toJSON().Resources;
    for (const { name } of functions) {
      const variables = resources[logicalId(withHolidays.stack.handlers[name].function)].Properties.Environment.Variables;
      expect(JSON.parse(variables[environmentNames.holidayCalendar])).toEqual(holidays);
    }
  });

  it('switches mail to SMTP with the secret ARN when -c mailTransport=smtp', () => {
    const secretArn = 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:cjrh/smtp-AbCdEf';
    const smtp = synthProvince({ partition: 'aws-cn', extra: { region: 'cn-northwest-1', mailTransport: 'smtp', smtpSecretArn: secretArn } });
    const id = logicalId(smtp.stack.handlers.reviewTasks.function);
    const properties = smtp.template.toJSON().Resources[id].Properties;
    expect(properties.Environment.Variables).toMatchObject({
      [environmentNames.mailTransport]: 'smtp',
      [environmentNames.smtpSecretArn]: secretArn,
    });
    smtp.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'secretsmanager:GetSecretValue', Resource: secretArn }),
        ]),
      },
    });
    expect(JSON.stringify(smtp.template.toJSON())).not.toContain('ses:SendEmail');
  });
});

describe('HTTP API routes', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s exists with the catalogue authorisation',
    (routeKey, route) => {
      const matches = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } });
      expect(Object.keys(matches)).toHaveLength(1);
      const properties = Object.values(matches)[0]?.Properties;
      if (route.auth === 'jwt') {
        const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
        expect(properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(properties.AuthorizationType).toBe('NONE');
        expect(properties.AuthorizerId).toBeUndefined();
      }
    },
  );

  it('routes each request to the catalogue function', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    for (const route of routes) {
      const [routeResource] = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: `${route.method} ${route.path}` } }),
      );
      const integrationId = routeResource?.Properties.Target['Fn::Join'][1][1].Ref as string;
      const fnId = logicalId(synthesized.stack.handlers[route.functionName as (typeof functions)[number]['name']].function);
      expect(integrations[integrationId]?.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    }
  });

  it('has one route per catalogue entry and nothing else', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
  });

  it('accepts JWTs of the configured issuer and audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://auth.example.gov.cn/realms/cjrh', Audience: ['cjrh-recognition'] },
    });
  });

  it('logs access as JSON and throttles the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

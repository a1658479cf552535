import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionAccess, functions } from '#infra/definitions/catalog.js';
import { environmentNames } from '#infra/definitions/environment.js';
import { type Partition, partitions, readDeploymentContext } from '#infra/stacks/deployment-context.js';
import type { ProvinceStack } from '#infra/stacks/province-stack.js';
import { cdkJsonContext, grantsOf, logicalId, statementsOfRole, synthProvince, testApp } from './synth-province.js';

/** An issuer and client other than cdk.json's, as a China deployment would bring its own. */
const chinaSignIn = { jwtIssuer: 'https://idp.jyt.gxzf.example.cn/realms/cjrh', jwtAudience: 'cjrh-gx' };

const sendsMail = (access: FunctionAccess) => access.sendMail === true;

describe.each(partitions.map((partition) => [partition] as const))('the %s stack', (partition: Partition) => {
  let stack: ProvinceStack;
  let template: Template;
  const signIn = partition === 'aws-cn' ? chinaSignIn : { jwtIssuer: cdkJsonContext()['jwtIssuer'], jwtAudience: cdkJsonContext()['jwtAudience'] };
  beforeAll(() => {
    ({ stack, template } = synthProvince({ partition, extra: partition === 'aws-cn' ? chinaSignIn : {} }));
  });

  it('runs every catalogue function on Node.js 24, arm64', () => {
    for (const { name } of functions) {
      const properties = template.toJSON().Resources[logicalId(stack.handlers[name].function)].Properties;
      expect({ name, runtime: properties.Runtime, architectures: properties.Architectures }).toEqual({ name, runtime: 'nodejs24.x', architectures: ['arm64'] });
    }
  });

  it('authorizes routes with JWTs of the OIDC issuer and audience the context names', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: signIn.jwtIssuer, Audience: [signIn.jwtAudience] },
    });
  });

  it('has no Cognito resources', () => {
    expect(Object.keys(template.toJSON().Resources).filter((id) => String(template.toJSON().Resources[id].Type).startsWith('AWS::Cognito::'))).toEqual([]);
  });

  it('reports nothing to cdk-nag that is not acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((violation) => `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('the aws-cn stack', () => {
  let stack: ProvinceStack;
  let template: Template;
  let json: string;
  beforeAll(() => {
    ({ stack, template } = synthProvince({ partition: 'aws-cn' }));
    json = JSON.stringify(template.toJSON());
  });

  it('is bound to Beijing by default, its ARNs in aws-cn', () => {
    expect(stack.region).toBe('cn-north-1');
    expect(stack.partition).toBe('aws-cn');
    expect(json).toMatch(/arn:aws-cn:/);
  });

  it('writes no ARN of the aws partition', () => {
    expect(json).not.toMatch(/arn:aws:/);
  });

  it('uses no SES: no SES resource, action or sender identity', () => {
    expect(Object.values(template.toJSON().Resources).filter((resource) => String((resource as { Type: string }).Type).startsWith('AWS::SES::'))).toEqual([]);
    expect(json).not.toMatch(/\bses:/);
  });

  it('sends mail through SMTP with the settings in a secret it creates when the context names none', () => {
    const secret = stack.mail.smtpSecret!;
    const secretRef = { Ref: logicalId(secret) };
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const created = template.toJSON().Resources[logicalId(secret)].Properties;
    expect(JSON.parse(created.GenerateSecretString.SecretStringTemplate)).toEqual({ host: '', port: 465, username: '' });
    expect(created.GenerateSecretString.GenerateStringKey).toBe('password');
    expect(template.toJSON().Outputs.SmtpSecretArn.Value).toEqual(secretRef);
    const mailers = functions.filter((definition) => sendsMail(definition.access));
    expect(mailers.length).toBeGreaterThan(0);
    for (const { name } of mailers) {
      const variables = template.toJSON().Resources[logicalId(stack.handlers[name].function)].Properties.Environment.Variables;
      expect({ name, transport: variables[environmentNames.mailTransport], secret: variables[environmentNames.smtpSecretArn] }).toEqual({
        name,
        transport: 'smtp',
        secret: secretRef,
      });
    }
  });

  it('lets exactly the mail-sending functions read the SMTP secret’s value, and nothing else of Secrets Manager', () => {
    const secretRef = JSON.stringify({ Ref: logicalId(stack.mail.smtpSecret!) });
    for (const { name, access } of functions) {
      const grants = grantsOf(statementsOfRole(template, logicalId(stack.handlers[name].role))).filter(([action]) => action.startsWith('secretsmanager:'));
      expect({ name, grants }).toEqual({ name, grants: sendsMail(access) ? [['secretsmanager:GetSecretValue', secretRef]] : [] });
    }
  });

  it('reads an existing SMTP secret by its ARN instead of creating one', () => {
    const secretArn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:cjrh/smtp-AbCdEf';
    const existing = synthProvince({ partition: 'aws-cn', extra: { smtpSecretArn: secretArn } });
    existing.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    const mailer = functions.find((definition) => sendsMail(definition.access))!;
    const grants = grantsOf(statementsOfRole(existing.template, logicalId(existing.stack.handlers[mailer.name].role))).filter(([action]) => action.startsWith('secretsmanager:'));
    expect(grants).toEqual([['secretsmanager:GetSecretValue', JSON.stringify(secretArn)]]);
  });
});

describe('partition context', () => {
  const read = (context: Record<string, unknown>) => readDeploymentContext(testApp({ context: { ...cdkJsonContext(), province: 'gx', ...context } }).node);

  it('defaults to aws, environment-agnostic, mail through SES', () => {
    expect(read({})).toMatchObject({ partition: 'aws', region: undefined, mail: { transport: 'ses' } });
    expect(read({ region: 'ap-east-1' }).region).toBe('ap-east-1');
  });

  it('binds aws-cn to cn-north-1 or cn-northwest-1, mail through SMTP', () => {
    expect(read({ partition: 'aws-cn' })).toMatchObject({ partition: 'aws-cn', region: 'cn-north-1', mail: { transport: 'smtp', smtpSecretArn: undefined } });
    expect(read({ partition: 'aws-cn', region: 'cn-northwest-1' }).region).toBe('cn-northwest-1');
    expect(() => read({ partition: 'aws-cn', region: 'ap-east-1' })).toThrow(/cn-north-1 or cn-northwest-1/);
    expect(() => read({ region: 'cn-north-1' })).toThrow(/partition=aws-cn/);
    expect(() => read({ partition: 'aws-us-gov' })).toThrow(/Unknown partition/);
  });

  it('refuses what aws-cn does not have: SES, the us-east-1 edge, a secret of another region', () => {
    expect(() => read({ partition: 'aws-cn', mailTransport: 'ses' })).toThrow(/no SES/);
    expect(() => read({ partition: 'aws-cn', edgeApiDomain: 'abc123defg.execute-api.ap-east-1.amazonaws.com', edgeOriginSecret: 'k'.repeat(40) })).toThrow(/aws partition only/);
    expect(() => read({ partition: 'aws-cn', smtpSecretArn: 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:cjrh/smtp-AbCdEf' })).toThrow(/not in aws-cn cn-north-1/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDeploymentContext } from '#infra/stacks/deployment-context.js';
import { type ProvinceStack, provinceStackName } from '#infra/stacks/province-stack.js';
import { cdkJsonContext, synthProvince, testApp } from './synth-province.js';

describe('synthesized stack', () => {
  let stack: ProvinceStack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synthProvince());
  });

  it('reports nothing that is not acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    const findings = report.violations.map(
      (violation) => `${violation.severity} ${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('builds every ARN from AWS::Partition, so the template also deploys to aws-cn', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws(-cn)?:/);
  });
});

describe('deployment context', () => {
  const read = (context: Record<string, unknown>) => readDeploymentContext(testApp({ context: { ...cdkJsonContext(), ...context } }).node);

  it('requires a known province code', () => {
    expect(() => read({})).toThrow(/Missing context "province"/);
    expect(() => read({ province: 'xx' })).toThrow(/Unknown province "xx"/);
    expect(read({ province: 'gx' })).toMatchObject({ province: 'gx', stage: 'prod', mail: { transport: 'ses' } });
  });

  it('names the stack after province and stage', () => {
    expect(provinceStackName(read({ province: 'sh', stage: 'test' }))).toBe('CjrhRecognition-sh-test');
  });

  it('requires the JWT issuer and audience', () => {
    expect(() => read({ province: 'gx', jwtIssuer: '' })).toThrow(/Missing context "jwtIssuer"/);
    expect(() => read({ province: 'gx', jwtIssuer: 'http://insecure.example' })).toThrow(/https/);
    expect(() => read({ province: 'gx', jwtAudience: '' })).toThrow(/Missing context "jwtAudience"/);
  });

  it('takes the SMTP secret as a complete ARN of the partition, or leaves it to the stack', () => {
    expect(read({ province: 'gx', mailTransport: 'smtp' }).mail).toMatchObject({ transport: 'smtp', smtpSecretArn: undefined });
    const arn = 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:cjrh/smtp-AbCdEf';
    expect(read({ province: 'gx', mailTransport: 'smtp', smtpSecretArn: arn }).mail).toMatchObject({ smtpSecretArn: arn });
    expect(() => read({ province: 'gx', mailTransport: 'smtp', smtpSecretArn: 'cjrh/smtp' })).toThrow(/complete secret ARN/);
    expect(() => read({ province: 'gx', mailTransport: 'smtp', smtpSecretArn: arn.replace('arn:aws:', 'arn:aws-cn:') })).toThrow(/not in aws/);
    expect(() => read({ province: 'gx', mailTransport: 'pigeon' })).toThrow(/mailTransport/);
  });

  it('requires the staff addresses told of failed workflow steps', () => {
    expect(() => read({ province: 'gx', staffEmail: '' })).toThrow(/Missing context "staffEmail"/);
    expect(() => read({ province: 'gx', staffEmail: 'a@x.example, not-an-address' })).toThrow(/Invalid staffEmail/);
    expect(read({ province: 'gx', staffEmail: 'a@x.example,b@y.example' }).mail.staff).toBe('a@x.example,b@y.example');
  });

  it('reads the national programs a deployment offers as comma-separated program ids', () => {
    expect(read({ province: 'sh' }).nationalPrograms).toBeUndefined();
    expect(read({ province: 'sh', programs: 'miit-demo-base,other-program' }).nationalPrograms).toBe('miit-demo-base,other-program');
    expect(() => read({ province: 'sh', programs: 'miit-demo-base; rm' })).toThrow(/Invalid programs/);
  });

  it('reads holiday arrangements from a file, JSON text or an object, validated and compact', () => {
    const arrangement = { '2027': { holidays: ['2027-01-01'], workdays: ['2027-02-14'] } };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cjrh-holidays-')), 'holidays-2027.json');
    writeFileSync(file, JSON.stringify(arrangement, null, 2));
    expect(read({ province: 'gx' }).holidays).toBeUndefined();
    for (const holidays of [file, JSON.stringify(arrangement, null, 2), arrangement]) {
      expect(read({ province: 'gx', holidays }).holidays).toBe(JSON.stringify(arrangement));
    }
    expect(() => read({ province: 'gx', holidays: '/nowhere/holidays.json' })).toThrow(/Cannot read the holidays file/);
    expect(() => read({ province: 'gx', holidays: '{"2027":{"holidays":["2028-02-01"]}}' })).toThrow(/Invalid holidays: .*2027\.holidays\.0/);
    const everyDay = Array.from({ length: 365 }, (_, day) => new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10));
    expect(() => read({ province: 'gx', holidays: { '2027': { holidays: everyDay } } })).toThrow(/more than 2048/);
  });

  it('refuses a wildcard or a path as web origin', () => {
    expect(() => read({ province: 'gx', webOrigin: '*' })).toThrow(/webOrigin/);
    expect(() => read({ province: 'gx', webOrigin: 'https://a.example/x' })).toThrow(/webOrigin/);
  });
});

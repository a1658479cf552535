import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { stateMachines, substitutionsOf } from '#infra/definitions/catalog.js';
import type { ProvinceStack } from '#infra/stacks/province-stack.js';
import { logicalId, projectRoot, synthProvince } from './synth-province.js';

type AslValidator = (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };
const validateAsl = createRequire(import.meta.url)('asl-validator') as AslValidator;

let stack: ProvinceStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synthProvince());
});

/** The synthesized definition as text, CloudFormation references replaced by `<ref>`. */
function definitionText(definitionString: unknown): string {
  if (typeof definitionString === 'string') return definitionString;
  const [separator, parts] = (definitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map((part) => (typeof part === 'string' ? part : '<ref>')).join(separator);
}

describe.each(stateMachines.map((definition) => [definition.name, definition] as const))('state machine %s', (name, definition) => {
  const source = () => readFileSync(path.join(projectRoot, definition.file), 'utf8');
  const properties = () => template.toJSON().Resources[logicalId(stack.workflows.machines[name])].Properties;

  it('has a definition file that asl-validator accepts', () => {
    const result = validateAsl(JSON.parse(source()));
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('substitutes every placeholder of the file, and only those', () => {
    const placeholders = [...new Set([...source().matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]))].sort();
    expect(Object.keys(properties().DefinitionSubstitutions).sort()).toEqual(placeholders);
    expect(Object.keys(definition.substitutions).sort()).toEqual(placeholders);
    const leftOver = [...definitionText(properties().DefinitionString).matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]);
    expect(leftOver.filter((placeholder) => !placeholders.includes(placeholder))).toEqual([]);
  });

  it('maps each placeholder to the named function', () => {
    const substitutions = properties().DefinitionSubstitutions;
    for (const [placeholder, target] of substitutionsOf(definition)) {
      expect(substitutions[placeholder]).toEqual({ 'Fn::GetAtt': [logicalId(stack.handlers[target.function].function), 'Arn'] });
    }
  });

  it('names no partition: service integrations use AWS::Partition', () => {
    expect(definitionText(properties().DefinitionString)).not.toContain('arn:aws:');
    if (source().includes('arn:aws:states:::')) {
      expect(JSON.stringify(properties().DefinitionString)).toContain('{"Ref":"AWS::Partition"}');
    }
  });

  it('is a Standard machine that logs everything and is traced', () => {
    expect(properties()).toMatchObject({
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      TracingConfiguration: { Enabled: true },
    });
  });
});

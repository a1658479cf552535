import { describe, expect, it } from 'vitest';
import { compileDefinition, InvalidDefinitionError } from '../../../../infra/local/stepfunctions/definition.js';

const task = (fields: Record<string, unknown>) => JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', End: true, ...fields } } });
const rejects = (definition: string, message: RegExp) => expect(() => compileDefinition(definition)).toThrow(message);

describe('definition validation', () => {
  it('accepts the supported resources', () => {
    for (const resource of [
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::lambda:invoke.waitForTaskToken',
      'arn:aws:lambda:cn-north-1:000000000000:function:screen',
      'arn:aws:states:::states:startExecution.sync:2',
    ]) {
      expect(compileDefinition(task({ Resource: resource, Parameters: { FunctionName: 'f', StateMachineArn: 'arn' } })).scopes.get('')).toBeDefined();
    }
  });

  it('rejects invalid ASL through asl-validator', () => {
    expect(() => compileDefinition('{"StartAt":"Missing","States":{"A":{"Type":"Pass","End":true}}}')).toThrow(InvalidDefinitionError);
    rejects('not json', /not valid JSON/);
  });

  it('rejects unsupported resources and features by name', () => {
    rejects(task({ Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: {} }), /dynamodb:putItem.*not supported/);
    rejects(task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'FULL' }] }), /JitterStrategy/);
    rejects(JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }), /JSONata/);
    rejects(
      JSON.stringify({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } }),
      /distributed Map/,
    );
  });

  it('rejects paths and intrinsic functions outside the subset', () => {
    rejects(JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'x.$': 'States.MathRandom(1, 2)' }, End: true } } }), /MathRandom is not supported/);
    rejects(JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$..deep', End: true } } }), /recursive descent/);
  });
});

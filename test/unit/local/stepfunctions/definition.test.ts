import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDefinition, InvalidDefinitionError } from '#infra/local/stepfunctions/definition.js';
import { createHarness, invoke, invokeWithToken } from './harness.js';

const machine = (states: Record<string, unknown>, top: Record<string, unknown> = {}) => JSON.stringify({ StartAt: Object.keys(states)[0], States: states, ...top });
const task = (fields: Record<string, unknown>) => machine({ T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'f', Payload: {} }, End: true, ...fields } });
const refused = (definition: string): string => {
  try {
    compileDefinition(definition);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    return (error as Error).message;
  }
  throw new Error('the definition was accepted');
};

describe('definition validation', () => {
  const projectMachines = readdirSync(new URL('../../../../statemachines/', import.meta.url)).filter((file) => file.endsWith('.asl.json'));

  it.each(projectMachines)('accepts the project state machine %s', (file) => {
    const text = readFileSync(new URL(`../../../../statemachines/${file}`, import.meta.url), 'utf8').replace(/\$\{\w+\}/g, 'tasks');
    expect(compileDefinition(text).scopes.get('')).toBeDefined();
  });

  it('rejects invalid ASL through asl-validator', () => {
    expect(refused('{"StartAt":"Missing","States":{"A":{"Type":"Pass","End":true}}}')).toMatch(/Invalid state machine definition/);
    expect(refused('not json')).toMatch(/not valid JSON/);
  });

  it('refuses the state types no project machine uses, naming the state', () => {
    const branch = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Pass', End: true } } });
    expect(refused(machine({ Both: { Type: 'Parallel', Branches: [branch('A'), branch('B')], End: true } }))).toMatch(/state 'Both': state type Parallel is not supported/);
    expect(refused(machine({ Stop: { Type: 'Fail', Error: 'Rejected' } }))).toMatch(/state 'Stop': state type Fail is not supported/);
  });

  it('refuses fields a state type does not support here, naming the state and the field', () => {
    expect(refused(machine({ P: { Type: 'Pass', Result: 1, End: true } }))).toMatch(/state 'P' \(Pass\): field Result is not supported/);
    expect(refused(machine({ P: { Type: 'Pass', InputPath: '$.a', End: true } }))).toMatch(/field InputPath is not supported/);
    expect(refused(machine({ W: { Type: 'Wait', Seconds: 5, End: true } }))).toMatch(/state 'W' \(Wait\): field Seconds is not supported/);
    expect(refused(task({ HeartbeatSeconds: 30, Resource: invokeWithToken }))).toMatch(/state 'T' \(Task\): field HeartbeatSeconds is not supported/);
    expect(refused(task({ InputPath: '$.x' }))).toMatch(/field InputPath is not supported/);
    expect(refused(machine({ P: { Type: 'Pass', End: true } }, { TimeoutSeconds: 60 }))).toMatch(/the state machine: field TimeoutSeconds is not supported/);
    expect(refused(machine({ P: { Type: 'Pass', End: true } }, { QueryLanguage: 'JSONata' }))).toMatch(/field QueryLanguage is not supported/);
  });

  it('refuses resources other than lambda:invoke and Parameters it would not pass on', () => {
    expect(refused(task({ Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: 'arn', Input: {} } }))).toMatch(/Resource 'arn:aws:states:::states:startExecution.sync:2' is not supported/);
    expect(refused(task({ Resource: 'arn:aws:lambda:cn-north-1:000000000000:function:screen', Parameters: { FunctionName: 'f' } }))).toMatch(/function:screen' is not supported/);
    expect(refused(task({ Resource: 'arn:aws:states:::dynamodb:putItem' }))).toMatch(/dynamodb:putItem' is not supported/);
    expect(refused(task({ Parameters: { FunctionName: 'f', Payload: {}, InvocationType: 'Event' } }))).toMatch(/Parameters: field InvocationType is not supported/);
    expect(refused(task({ Parameters: { 'FunctionName.$': '$.fn', Payload: {} } }))).toMatch(/literal FunctionName/);
  });

  it('refuses intrinsic functions, context paths it does not provide and paths outside the subset', () => {
    expect(refused(task({ Parameters: { FunctionName: 'f', Payload: { 'id.$': "States.Format('a-{}', $.id)" } } }))).toMatch(/Parameters.Payload.id.\$ .* is not a JSONPath \(intrinsic functions/);
    expect(refused(task({ Parameters: { FunctionName: 'f', Payload: { 'exec.$': '$$.Execution.Id' } } }))).toMatch(/the context path '\$\$.Execution.Id' is not supported here/);
    expect(refused(task({ Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } } }))).toMatch(/'\$\$.Task.Token' is not supported here/);
    expect(compileDefinition(task({ Resource: invokeWithToken, Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } } }))).toBeDefined();
    expect(refused(task({ ResultPath: '$.list[0]' }))).toMatch(/ResultPath: Unsupported or invalid JSONPath/);
    expect(refused(task({ OutputPath: '$..deep' }))).toMatch(/OutputPath: Unsupported or invalid JSONPath/);
    expect(refused(task({ ResultSelector: { 'code.$': '$$.State.Name' } }))).toMatch(/ResultSelector.code.\$/);
  });

  it('refuses Retry and Catch fields and States.* error names it would not match as AWS does', () => {
    expect(refused(task({ Retry: [{ ErrorEquals: ['Busy'], MaxDelaySeconds: 10 }] }))).toMatch(/state 'T' \(Task\) Retry\[0\]: field MaxDelaySeconds is not supported/);
    expect(refused(task({ Retry: [{ ErrorEquals: ['Busy'], JitterStrategy: 'FULL' }] }))).toMatch(/field JitterStrategy is not supported/);
    expect(refused(task({ Retry: [{ ErrorEquals: ['States.TaskFailed'] }] }))).toMatch(/error name States.TaskFailed is not supported/);
    expect(refused(machine({ T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'f' }, Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'E' }], End: true }, E: { Type: 'Succeed' } }))).toMatch(/Catch\[0\]: error name States.HeartbeatTimeout/);
  });

  it('refuses Choice rules beyond one comparison of StringEquals, BooleanEquals or NumericGreaterThan', () => {
    const choice = (rule: Record<string, unknown>) => machine({ C: { Type: 'Choice', Choices: [{ ...rule, Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } });
    expect(refused(choice({ Variable: '$.s', StringMatches: 'a*' }))).toMatch(/state 'C' \(Choice\) Choices\[0\]: Choice operator StringMatches is not supported/);
    expect(refused(choice({ Not: { Variable: '$.b', BooleanEquals: true } }))).toMatch(/Choice operator Not is not supported/);
    expect(refused(choice({ Variable: '$.n', NumericGreaterThanPath: '$.m' }))).toMatch(/NumericGreaterThanPath is not supported/);
    expect(refused(choice({ Variable: '$.a', IsPresent: true }))).toMatch(/IsPresent is not supported/);
  });

  it('refuses Map variants other than the inline ItemProcessor, naming the nested state', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    expect(refused(machine({ M: { Type: 'Map', ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } }, End: true } }))).toMatch(/Mode "DISTRIBUTED" is not supported/);
    expect(refused(machine({ M: { Type: 'Map', Iterator: processor, End: true } }))).toMatch(/state 'M' \(Map\): field Iterator is not supported/);
    expect(refused(machine({ M: { Type: 'Map', ItemProcessor: processor, Parameters: {}, End: true } }))).toMatch(/field Parameters is not supported/);
    expect(refused(machine({ M: { Type: 'Map', ItemProcessor: processor, ItemSelector: { 'i.$': '$$.Map.Item.Index' }, End: true } }))).toMatch(/'\$\$.Map.Item.Index' is not supported here/);
    expect(refused(machine({ M: { Type: 'Map', ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } }, End: true } }))).toMatch(/state 'M › W' \(Wait\): field Seconds/);
    expect(refused(machine({ M: { Type: 'Map', ItemProcessor: processor, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'E' }], Next: 'E' }, E: { Type: 'Succeed' } }))).toMatch(/state 'M' \(Map\): field Catch is not supported/);
  });

  it('lists every problem at once', () => {
    const message = refused(machine({ P: { Type: 'Pass', Result: 1, InputPath: '$', Next: 'F' }, F: { Type: 'Fail' } }));
    expect(message).toMatch(/field Result/);
    expect(message).toMatch(/field InputPath/);
    expect(message).toMatch(/state type Fail/);
  });

  it('refuses the definition when a state machine is registered, so an unsupported machine never starts', async () => {
    const h = createHarness();
    expect(() => h.register('seconds', JSON.parse(machine({ W: { Type: 'Wait', Seconds: 1, End: true } })))).toThrow(/Invalid state machine definition 'seconds': state 'W' \(Wait\): field Seconds is not supported/);
    expect(await h.callError('DescribeStateMachine', { stateMachineArn: 'arn:aws:states:cn-north-1:000000000000:stateMachine:seconds' })).toEqual({ status: 400, type: 'StateMachineDoesNotExist' });
  });
});

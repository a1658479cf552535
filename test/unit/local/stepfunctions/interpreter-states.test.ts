import { describe, expect, it } from 'vitest';
import { createHarness, invoke, namedError, taskMachine } from './harness.js';

describe('local Step Functions states', () => {
  it('runs Pass states with Result, Parameters, ResultPath and OutputPath', async () => {
    const h = createHarness();
    const result = await h.run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.fixed', Next: 'B' },
          B: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.fixed.x, $.n)', 'name.$': '$$.Execution.Name' }, ResultPath: '$.computed', Next: 'C' },
          C: { Type: 'Pass', InputPath: '$.computed', OutputPath: '$.sum', End: true },
        },
      },
      { n: 41 },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toBe(42);
  });

  it('keeps the input unchanged when ResultPath is null', async () => {
    const h = createHarness({ lambdas: { fn: () => 'ignored' } });
    const result = await h.run(taskMachine({ Resource: invoke, Parameters: { FunctionName: 'fn', Payload: {} }, ResultPath: null }), { keep: true });
    expect(result.output).toEqual({ keep: true });
  });

  it('follows the first matching Choice rule and falls back to Default', async () => {
    const h = createHarness();
    const definition = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { And: [{ Variable: '$.n', IsPresent: true }, { Variable: '$.n', NumericGreaterThanPath: '$.limit' }], Next: 'Big' },
            { Not: { Variable: '$.kind', StringMatches: 'draft*' }, Next: 'Final' },
          ],
          Default: 'Other',
        },
        Big: { Type: 'Pass', Result: 'big', End: true },
        Final: { Type: 'Pass', Result: 'final', End: true },
        Other: { Type: 'Pass', Result: 'other', End: true },
      },
    };
    expect((await h.run(definition, { n: 5, limit: 3 })).output).toBe('big');
    expect((await h.run(definition, { n: 1, limit: 3, kind: 'published' })).output).toBe('final');
    expect((await h.run(definition, { kind: 'draft-2' })).output).toBe('other');
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    const h = createHarness();
    const result = await h.run({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'E' }] }, E: { Type: 'Succeed' } } }, { a: false });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.NoChoiceMatched');
  });

  it('waits Seconds on the runtime clock and continues only after settle() past the instant', async () => {
    const h = createHarness();
    const arn = h.register('wait', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Pass', End: true } } });
    const executionArn = await h.start(arn, { v: 1 });
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('RUNNING');
    h.clock.advance(3599);
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('RUNNING');
    h.clock.advance(1);
    await h.sfn.settle();
    const done = await h.describe(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toEqual({ v: 1 });
    const types = (await h.history(executionArn)).map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('waits until a TimestampPath and uses SecondsPath', async () => {
    const h = createHarness();
    const arn = h.register('waits', {
      StartAt: 'W1',
      States: { W1: { Type: 'Wait', TimestampPath: '$.until', Next: 'W2' }, W2: { Type: 'Wait', SecondsPath: '$.pause', End: true } },
    });
    const executionArn = await h.start(arn, { until: '2026-11-26T00:00:00Z', pause: 10 });
    h.clock.advance(86_399);
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('RUNNING');
    h.clock.advance(1);
    await h.sfn.settle();
    h.clock.advance(10);
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('SUCCEEDED');
  });

  it('fails with the Fail state error and cause, including ErrorPath/CausePath', async () => {
    const h = createHarness();
    const fixed = await h.run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Rejected', Cause: 'not eligible' } } });
    expect(fixed).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'not eligible' });
    const dynamic = await h.run({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.code', CausePath: "States.Format('app {} failed', $.id)" } } }, { code: 'E1', id: 7 });
    expect(dynamic).toMatchObject({ status: 'FAILED', error: 'E1', cause: 'app 7 failed' });
  });

  it('fails with States.Runtime when a path matches nothing, even with a Catch on States.ALL', async () => {
    const h = createHarness();
    const result = await h.run({
      StartAt: 'T',
      States: {
        T: { Type: 'Pass', InputPath: '$.missing', Next: 'E' },
        E: { Type: 'Succeed' },
      },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('calls lambda:invoke with the Payload and returns the AWS-shaped result', async () => {
    const h = createHarness({ lambdas: { screen: (payload) => ({ eligible: payload.score > 60 }) } });
    const result = await h.run(
      taskMachine({ Resource: invoke, Parameters: { FunctionName: 'screen', 'Payload.$': '$' }, ResultSelector: { 'eligible.$': '$.Payload.eligible', 'code.$': '$.StatusCode' }, ResultPath: '$.screening' }),
      { score: 80 },
    );
    expect(result.output).toEqual({ score: 80, screening: { eligible: true, code: 200 } });
    expect(h.calls).toEqual([{ name: 'screen', payload: { score: 80 } }]);
  });

  it('returns the function result directly for a bare Lambda ARN resource', async () => {
    const arnOf = 'arn:aws:lambda:cn-north-1:000000000000:function:double';
    const h = createHarness({ lambdas: { [arnOf]: (payload) => payload.n * 2 } });
    const result = await h.run(taskMachine({ Resource: arnOf, Parameters: { 'n.$': '$.value' } }), { value: 21 });
    expect(result.output).toBe(42);
  });

  it('maps a lambda error to its name and an AWS-shaped cause, and Catch puts it at ResultPath', async () => {
    const h = createHarness({ lambdas: { fn: () => { throw namedError('ValidationError', 'score missing'); } } });
    const result = await h.run({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'fn', Payload: {} }, Catch: [{ ErrorEquals: ['ValidationError'], ResultPath: '$.failure', Next: 'Handled' }], End: true },
        Handled: { Type: 'Pass', End: true },
      },
    }, { id: 1 });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output.id).toBe(1);
    expect(result.output.failure.Error).toBe('ValidationError');
    expect(JSON.parse(result.output.failure.Cause)).toEqual({ errorMessage: 'score missing', errorType: 'ValidationError', trace: [] });
  });

  it('runs Parallel branches and returns their outputs in branch order', async () => {
    const h = createHarness({ lambdas: { slow: async () => { await new Promise((resolve) => setTimeout(resolve, 20)); return 'slow'; }, fast: () => 'fast' } });
    const branch = (fn: string) => ({ StartAt: fn, States: { [fn]: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: fn, Payload: {} }, OutputPath: '$.Payload', End: true } } });
    const result = await h.run({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch('slow'), branch('fast')], End: true } } });
    expect(result.output).toEqual(['slow', 'fast']);
  });

  it('runs a Map with ItemSelector, $$.Map.Item and MaxConcurrency, keeping results in item order', async () => {
    let running = 0;
    let peak = 0;
    const h = createHarness({
      lambdas: {
        work: async (payload) => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5 * (5 - payload.index)));
          running -= 1;
          return `${payload.index}:${payload.value}:${payload.round}`;
        },
      },
    });
    const result = await h.run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            MaxConcurrency: 2,
            ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'round.$': '$.round' },
            ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'work', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } },
            ResultPath: '$.results',
            End: true,
          },
        },
      },
      { round: 'r1', items: ['a', 'b', 'c', 'd', 'e'] },
    );
    expect(result.output.results).toEqual(['0:a:r1', '1:b:r1', '2:c:r1', '3:d:r1', '4:e:r1']);
    expect(peak).toBe(2);
  });

  it('supports the legacy Iterator and Parameters fields of Map and an empty item list', async () => {
    const h = createHarness();
    const map = (items: unknown[]) =>
      h.run(
        { StartAt: 'M', States: { M: { Type: 'Map', Parameters: { 'v.$': '$$.Map.Item.Value' }, Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', OutputPath: '$.v', End: true } } }, End: true } } },
        items,
      );
    expect((await map([1, 2])).output).toEqual([1, 2]);
    expect((await map([])).output).toEqual([]);
  });

  it('fails a Map when an iteration fails and lets the Map Catch it', async () => {
    const h = createHarness({ lambdas: { check: (payload) => { if (payload === 2) throw namedError('Bad', 'two'); return payload; } } });
    const result = await h.run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'check', 'Payload.$': '$' }, End: true } } },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      },
      [1, 2, 3],
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output.Error).toBe('Bad');
  });

  it('handles a Map of 200 items quickly', async () => {
    const h = createHarness({ lambdas: { id: (payload) => payload } });
    const started = Date.now();
    const items = Array.from({ length: 200 }, (_, index) => index);
    const result = await h.run(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'id', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } }, End: true } } },
      items,
    );
    expect(result.output).toEqual(items);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

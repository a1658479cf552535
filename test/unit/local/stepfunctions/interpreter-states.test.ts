import { describe, expect, it } from 'vitest';
import { createHarness, invoke, namedError, taskMachine } from './harness.js';

const echo = (payload: unknown) => payload;
const echoTask = (fields: Record<string, unknown> = {}) => ({ Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'echo', 'Payload.$': '$' }, OutputPath: '$.Payload', ...fields });

describe('local Step Functions states', () => {
  it('runs Pass states: Parameters build the output from the input, no Parameters pass it on', async () => {
    const h = createHarness();
    const result = await h.run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Parameters: { 'id.$': '$.application.id', fixed: { reminder: true } }, Next: 'B' },
          B: { Type: 'Pass', End: true },
        },
      },
      { application: { id: 'app-1' }, other: 1 },
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { id: 'app-1', fixed: { reminder: true } } });
  });

  it('keeps the input unchanged when ResultPath is null', async () => {
    const h = createHarness({ lambdas: { fn: () => 'ignored' } });
    const result = await h.run(taskMachine({ Resource: invoke, Parameters: { FunctionName: 'fn', Payload: {} }, ResultPath: null }), { keep: true });
    expect(result.output).toEqual({ keep: true });
  });

  it('follows the first matching Choice rule and falls back to Default', async () => {
    const h = createHarness();
    const leaf = (branch: string) => ({ Type: 'Pass', Parameters: { branch }, End: true });
    const definition = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.n', NumericGreaterThan: 3, Next: 'Big' },
            { Variable: '$.kind', StringEquals: 'final', Next: 'Final' },
            { Variable: '$.held', BooleanEquals: true, Next: 'Held' },
          ],
          Default: 'Other',
        },
        Big: leaf('big'),
        Final: leaf('final'),
        Held: leaf('held'),
        Other: leaf('other'),
      },
    };
    expect((await h.run(definition, { n: 5, kind: 'final' })).output).toEqual({ branch: 'big' });
    expect((await h.run(definition, { n: 1, kind: 'final' })).output).toEqual({ branch: 'final' });
    expect((await h.run(definition, { n: 1, kind: 'draft', held: true })).output).toEqual({ branch: 'held' });
    expect((await h.run(definition, { n: 1, kind: 'draft', held: false })).output).toEqual({ branch: 'other' });
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    const h = createHarness();
    const result = await h.run({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'E' }] }, E: { Type: 'Succeed' } } }, { a: false });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it('waits until a TimestampPath on the runtime clock and continues only after settle() past the instant', async () => {
    const h = createHarness();
    const arn = h.register('wait', { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.until', Next: 'Done' }, Done: { Type: 'Pass', End: true } } });
    const input = { until: new Date(h.clock.ms + 3_600_000).toISOString() };
    const executionArn = await h.start(arn, input);
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('RUNNING');
    h.clock.advance(3599);
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('RUNNING');
    h.clock.advance(1);
    await h.sfn.settle();
    expect(await h.describe(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: input });
    const types = (await h.history(executionArn)).map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('moves on at once from a Wait whose timestamp has passed, and fails on one that is not a timestamp', async () => {
    const h = createHarness();
    const definition = { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.until', End: true } } };
    expect((await h.run(definition, { until: '2020-01-01T00:00:00Z' })).status).toBe('SUCCEEDED');
    expect(await h.run(definition, { until: 'next week' })).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('fails with States.Runtime when a path matches nothing, even with a Catch on States.ALL', async () => {
    const h = createHarness({ lambdas: { echo } });
    const result = await h.run({
      StartAt: 'T',
      States: {
        T: echoTask({ Parameters: { FunctionName: 'echo', Payload: { 'id.$': '$.missing' } }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'E' }], End: true }),
        E: { Type: 'Succeed' },
      },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(h.calls).toHaveLength(0);
  });

  it('calls lambda:invoke with the Payload and returns the AWS-shaped result', async () => {
    const h = createHarness({ lambdas: { screen: (payload) => ({ eligible: payload.score > 60 }) } });
    const result = await h.run(
      taskMachine({ Resource: invoke, Parameters: { FunctionName: 'screen', Payload: { 'score.$': '$.score' } }, ResultSelector: { 'eligible.$': '$.Payload.eligible', 'code.$': '$.StatusCode' }, ResultPath: '$.screening' }),
      { score: 80 },
    );
    expect(result.output).toEqual({ score: 80, screening: { eligible: true, code: 200 } });
    expect(h.calls).toEqual([{ name: 'screen', payload: { score: 80 } }]);
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

  it('runs a Map with ItemSelector, $$.Map.Item.Value and MaxConcurrency, keeping results in item order', async () => {
    let running = 0;
    let peak = 0;
    const h = createHarness({
      lambdas: {
        work: async (payload) => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5 * (5 - payload.value.n)));
          running -= 1;
          return `${payload.value.n}:${payload.round}`;
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
            ItemSelector: { 'value.$': '$$.Map.Item.Value', 'round.$': '$.round' },
            ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'W', States: { W: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'work', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } },
            ResultPath: '$.results',
            End: true,
          },
        },
      },
      { round: 'r1', items: [0, 1, 2, 3, 4].map((n) => ({ n })) },
    );
    expect(result.output.results).toEqual(['0:r1', '1:r1', '2:r1', '3:r1', '4:r1']);
    expect(peak).toBe(2);
  });

  it('runs a Map of no items and discards its results with ResultPath null', async () => {
    const h = createHarness();
    const map = (items: unknown[]) =>
      h.run({ StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } }, { items });
    expect((await map([])).output).toEqual([]);
    expect((await map([1, 2])).output).toEqual([1, 2]);
    const discarded = await h.run(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, ResultPath: null, End: true } } },
      { items: [1] },
    );
    expect(discarded.output).toEqual({ items: [1] });
  });

  it('fails the Map and the execution with the error of the first iteration that fails', async () => {
    const h = createHarness({ lambdas: { check: (payload) => { if (payload === 2) throw namedError('Bad', 'two'); return payload; } } });
    const result = await h.run(
      {
        StartAt: 'M',
        States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'check', 'Payload.$': '$' }, End: true } } }, End: true } },
      },
      [1, 2, 3],
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'Bad' });
    const types = (await h.history(result.executionArn)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['MapIterationFailed', 'MapStateFailed']));
    expect(types.at(-1)).toBe('ExecutionFailed');
  });

  it('handles a Map of 200 items quickly', async () => {
    const h = createHarness({ lambdas: { echo } });
    const started = Date.now();
    const items = Array.from({ length: 200 }, (_, index) => index);
    const result = await h.run({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'T', States: { T: echoTask({ End: true }) } }, End: true } } }, items);
    expect(result.output).toEqual(items);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

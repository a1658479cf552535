import { describe, expect, it } from 'vitest';
import { createHarness, invoke, invokeWithToken, namedError, taskMachine } from './harness.js';

const tokenTask = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: invokeWithToken,
  Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token', 'input.$': '$' } },
  ...extra,
});

describe('local Step Functions tasks, retries and callbacks', () => {
  it('retries with exponential backoff timed on the runtime clock', async () => {
    let attempts = 0;
    const h = createHarness({ lambdas: { flaky: () => { attempts += 1; if (attempts < 3) throw namedError('Busy', 'try later'); return 'ok'; } } });
    const arn = h.register('retry', taskMachine({ Resource: invoke, Parameters: { FunctionName: 'flaky', Payload: {} }, OutputPath: '$.Payload', Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 }] }));
    const executionArn = await h.start(arn);
    await h.sfn.settle();
    expect(attempts).toBe(1);
    h.clock.advance(9);
    await h.sfn.settle();
    expect(attempts).toBe(1);
    h.clock.advance(1);
    await h.sfn.settle();
    expect(attempts).toBe(2);
    h.clock.advance(19);
    await h.sfn.settle();
    expect(attempts).toBe(2);
    h.clock.advance(1);
    await h.sfn.settle();
    expect(attempts).toBe(3);
    expect(await h.describe(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: 'ok' });
  });

  it('goes to Catch once the retrier has no attempts left', async () => {
    let attempts = 0;
    const h = createHarness({ lambdas: { down: () => { attempts += 1; throw namedError('Down', `attempt ${attempts}`); } } });
    const arn = h.register('exhaust', {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'down', Payload: {} }, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 5, BackoffRate: 3, MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Fallback' }], Next: 'Never' },
        Never: { Type: 'Pass', Parameters: { reached: true }, End: true },
        Fallback: { Type: 'Pass', End: true },
      },
    });
    const executionArn = await h.start(arn, { id: 'a' });
    await h.sfn.settle();
    h.clock.advance(5);
    await h.sfn.settle();
    expect(attempts).toBe(2);
    h.clock.advance(14);
    await h.sfn.settle();
    expect(attempts).toBe(2);
    h.clock.advance(1);
    await h.sfn.settle();
    expect(attempts).toBe(3);
    const result = await h.describe(executionArn);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ id: 'a', error: { Error: 'Down' } });
  });

  it('completes a waitForTaskToken task with SendTaskSuccess and rejects the used token afterwards', async () => {
    const h = createHarness({ lambdas: { notify: () => 'ignored' } });
    const arn = h.register('callback', taskMachine(tokenTask({ ResultPath: '$.decision' })));
    const executionArn = await h.start(arn, { app: 1 });
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('RUNNING');
    const [token] = h.tokens();
    expect(h.calls[0]?.payload.input).toEqual({ app: 1 });
    await h.call('SendTaskSuccess', { taskToken: token, output: JSON.stringify({ approved: true }) });
    await h.sfn.settle();
    expect(await h.describe(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: { app: 1, decision: { approved: true } } });
    expect(await h.callError('SendTaskSuccess', { taskToken: token, output: '{}' })).toEqual({ status: 400, type: 'TaskDoesNotExist' });
    expect(await h.callError('SendTaskSuccess', { taskToken: 'not-a-token', output: '{}' })).toEqual({ status: 400, type: 'InvalidToken' });
  });

  it('accepts a callback sent by the invoked function while it is still running', async () => {
    const h = createHarness();
    h.lambdas.notify = async (payload) => {
      await h.call('SendTaskSuccess', { taskToken: payload.token, output: '"instant"' });
      return 'done';
    };
    const result = await h.run(taskMachine(tokenTask()));
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'instant' });
  });

  it('fails the task with SendTaskFailure so Catch can route on the error', async () => {
    const h = createHarness({ lambdas: { notify: () => null } });
    const arn = h.register('decline', {
      StartAt: 'Invite',
      States: { Invite: tokenTask({ Catch: [{ ErrorEquals: ['Declined'], Next: 'Reassign' }], End: true }), Reassign: { Type: 'Pass', Parameters: { reassigned: true }, End: true } },
    });
    const executionArn = await h.start(arn);
    await h.sfn.settle();
    await h.call('SendTaskFailure', { taskToken: h.tokens()[0], error: 'Declined', cause: 'conflict of interest' });
    await h.sfn.settle();
    expect(await h.describe(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: { reassigned: true } });
  });

  it('catches States.Timeout of a waitForTaskToken task and then answers TaskTimedOut for its token', async () => {
    const h = createHarness({ lambdas: { notify: () => null } });
    const arn = h.register('timeout', {
      StartAt: 'Invite',
      States: {
        Invite: tokenTask({ TimeoutSecondsPath: '$.timeout', Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Remind' }], End: true }),
        Remind: { Type: 'Pass', End: true },
      },
    });
    const executionArn = await h.start(arn, { timeout: 3600 });
    await h.sfn.settle();
    h.clock.advance(3599);
    await h.sfn.settle();
    expect((await h.describe(executionArn)).status).toBe('RUNNING');
    h.clock.advance(1);
    await h.sfn.settle();
    const result = await h.describe(executionArn);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output.timedOut.Error).toBe('States.Timeout');
    expect(await h.callError('SendTaskSuccess', { taskToken: h.tokens()[0], output: '{}' })).toEqual({ status: 400, type: 'TaskTimedOut' });
    expect((await h.history(executionArn)).map((event) => event.type)).toContain('TaskTimedOut');
  });

  it('completes a Map of waitForTaskToken tasks answered out of order, results in item order', async () => {
    const h = createHarness({ lambdas: { notify: () => null } });
    const arn = h.register('map-callbacks', {
      StartAt: 'Reviews',
      States: {
        Reviews: {
          Type: 'Map',
          ItemsPath: '$.experts',
          ItemProcessor: { StartAt: 'Invite', States: { Invite: tokenTask({ End: true }) } },
          End: true,
        },
      },
    });
    const executionArn = await h.start(arn, { experts: ['e0', 'e1', 'e2', 'e3'] });
    await h.sfn.settle();
    const byExpert = new Map(h.calls.map((entry) => [entry.payload.input as string, entry.payload.token as string]));
    expect(byExpert.size).toBe(4);
    for (const expert of ['e2', 'e0', 'e3']) {
      await h.call('SendTaskSuccess', { taskToken: byExpert.get(expert), output: JSON.stringify({ expert }) });
      await h.sfn.settle();
      expect((await h.describe(executionArn)).status).toBe('RUNNING');
    }
    await h.call('SendTaskSuccess', { taskToken: byExpert.get('e1'), output: JSON.stringify({ expert: 'e1' }) });
    await h.sfn.settle();
    expect(await h.describe(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: [{ expert: 'e0' }, { expert: 'e1' }, { expert: 'e2' }, { expert: 'e3' }] });
  });

  it('stops an execution: status ABORTED, the tokens of all its Map iterations no longer accepted', async () => {
    const h = createHarness({ lambdas: { notify: () => null } });
    const arn = h.register('stop', { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: tokenTask({ End: true }) } }, End: true } } });
    const executionArn = await h.start(arn, ['a', 'b']);
    await h.sfn.settle();
    expect(h.tokens()).toHaveLength(2);
    const stopped = await h.call('StopExecution', { executionArn, error: 'Cancelled', cause: 'round withdrawn' });
    expect(typeof stopped.stopDate).toBe('number');
    expect(await h.describe(executionArn)).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'round withdrawn' });
    for (const token of h.tokens()) expect(await h.callError('SendTaskSuccess', { taskToken: token, output: '{}' })).toEqual({ status: 400, type: 'TaskDoesNotExist' });
    expect((await h.history(executionArn)).at(-1)?.type).toBe('ExecutionAborted');
    expect((await h.call('StopExecution', { executionArn })).stopDate).toBe(stopped.stopDate);
  });

  it('treats StartExecution with the same name and input as idempotent and a different input as ExecutionAlreadyExists', async () => {
    const h = createHarness({ lambdas: { notify: () => null } });
    const arn = h.register('idem', taskMachine(tokenTask()));
    const first = await h.start(arn, { a: 1 }, 'app-1');
    const again = await h.start(arn, { a: 1 }, 'app-1');
    expect(again).toBe(first);
    expect(await h.callError('StartExecution', { stateMachineArn: arn, name: 'app-1', input: '{"a":2}' })).toEqual({ status: 400, type: 'ExecutionAlreadyExists' });
    await h.sfn.settle();
    expect(h.calls).toHaveLength(1);
    expect((await h.call('ListExecutions', { stateMachineArn: arn })).executions).toHaveLength(1);
  });

  it('runs two executions independently', async () => {
    const h = createHarness({ lambdas: { notify: () => null } });
    const arn = h.register('pair', taskMachine(tokenTask()));
    const a = await h.start(arn, 'a');
    const b = await h.start(arn, 'b');
    await h.sfn.settle();
    const tokenFor = (input: string) => h.calls.find((entry) => entry.payload.input === input)?.payload.token as string;
    await h.call('SendTaskSuccess', { taskToken: tokenFor('b'), output: '"B"' });
    await h.sfn.settle();
    expect((await h.describe(a)).status).toBe('RUNNING');
    expect(await h.describe(b)).toMatchObject({ status: 'SUCCEEDED', output: 'B' });
  });

  it('handles 200 Map iterations waiting on task tokens, completed one by one', async () => {
    const h = createHarness({ lambdas: { notify: () => null } });
    const arn = h.register('wide', { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: tokenTask({ TimeoutSeconds: 3600, OutputPath: '$.n', End: true }) } }, End: true } } });
    const items = Array.from({ length: 200 }, (_, n) => ({ n }));
    const started = Date.now();
    const executionArn = await h.start(arn, items);
    await h.sfn.settle();
    expect(h.calls).toHaveLength(200);
    for (const entry of [...h.calls].reverse()) {
      await h.call('SendTaskSuccess', { taskToken: entry.payload.token, output: JSON.stringify(entry.payload.input) });
    }
    await h.sfn.settle();
    expect(await h.describe(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: items.map(({ n }) => n) });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

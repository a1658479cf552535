import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness, invoke, invokeWithToken, ManualClock } from './harness.js';

describe('local Step Functions restart', () => {
  it('resumes a Map waiting on task tokens and a one-day Wait after the service is recreated on the same dataDir', async () => {
    const clock = new ManualClock();
    const a = createHarness({ clock, lambdas: { notify: () => null } });
    const mapMachine = {
      StartAt: 'Reviews',
      States: {
        Reviews: {
          Type: 'Map',
          ItemsPath: '$.experts',
          ItemSelector: { 'expert.$': '$$.Map.Item.Value', 'round.$': '$.round' },
          ItemProcessor: {
            StartAt: 'Invite',
            States: { Invite: { Type: 'Task', Resource: invokeWithToken, Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token', 'expert.$': '$.expert' } }, TimeoutSeconds: 604800, End: true } },
          },
          ResultPath: '$.reviews',
          End: true,
        },
      },
    };
    const waitMachine = {
      StartAt: 'Publicity',
      States: { Publicity: { Type: 'Wait', TimestampPath: '$.until', Next: 'Publish' }, Publish: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'publish', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } },
    };
    const mapArn = a.register('reviews', mapMachine);
    const waitArn = a.register('publicity', waitMachine);
    const reviews = await a.start(mapArn, { round: 'r1', experts: ['x', 'y'] });
    const publicity = await a.start(waitArn, { round: 'r1', until: new Date(clock.ms + 86_400_000).toISOString() });
    await a.sfn.settle();
    const tokens = new Map(a.calls.map((entry) => [entry.payload.expert as string, entry.payload.token as string]));
    await a.call('SendTaskSuccess', { taskToken: tokens.get('y'), output: '{"score":70}' });
    await a.sfn.settle();
    await a.sfn.close();

    const b = createHarness({ clock, dataDir: a.dataDir, lambdas: { notify: () => null, publish: (payload) => ({ published: payload.round }) } });
    b.register('reviews', mapMachine);
    b.register('publicity', waitMachine);
    await b.sfn.resume();
    await b.sfn.settle();
    expect((await b.describe(reviews)).status).toBe('RUNNING');
    expect((await b.describe(publicity)).status).toBe('RUNNING');
    expect(b.calls).toHaveLength(0);

    await b.call('SendTaskSuccess', { taskToken: tokens.get('x'), output: '{"score":90}' });
    clock.advance(86400);
    await b.sfn.settle();

    expect(await b.describe(reviews)).toMatchObject({ status: 'SUCCEEDED', output: { round: 'r1', experts: ['x', 'y'], reviews: [{ score: 90 }, { score: 70 }] } });
    expect(await b.describe(publicity)).toMatchObject({ status: 'SUCCEEDED', output: { published: 'r1' } });
    expect(await b.callError('SendTaskSuccess', { taskToken: tokens.get('y'), output: '{}' })).toEqual({ status: 400, type: 'TaskDoesNotExist' });
    await b.sfn.close();
  });

  it('re-runs a Task that was mid-invocation when the service stopped', async () => {
    const clock = new ManualClock();
    let release: (value: unknown) => void = () => undefined;
    const a = createHarness({ clock, lambdas: { slow: () => new Promise((resolve) => { release = resolve; }) } });
    const machine = { StartAt: 'T', States: { T: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'slow', Payload: { n: 1 } }, OutputPath: '$.Payload', End: true } } };
    const arn = a.register('midway', machine);
    const executionArn = await a.start(arn);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.calls).toHaveLength(1);
    await a.sfn.close();
    release('too late');

    const b = createHarness({ clock, dataDir: a.dataDir, lambdas: { slow: (payload) => ({ again: payload.n }) } });
    b.register('midway', machine);
    await b.sfn.resume();
    await b.sfn.settle();
    expect(b.calls).toEqual([{ name: 'slow', payload: { n: 1 } }]);
    expect(await b.describe(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: { again: 1 } });
  });

  it('keeps finished executions and token timeouts across restarts', async () => {
    const clock = new ManualClock();
    const a = createHarness({ clock, lambdas: { notify: () => null } });
    const machine = { StartAt: 'T', States: { T: { Type: 'Task', Resource: invokeWithToken, Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } }, TimeoutSeconds: 100, End: true } } };
    const arn = a.register('deadline', machine);
    const done = await a.start(arn, {}, 'done');
    const late = await a.start(arn, {}, 'late');
    await a.sfn.settle();
    const [doneToken, lateToken] = a.tokens();
    await a.call('SendTaskSuccess', { taskToken: doneToken, output: '1' });
    await a.sfn.settle();
    await a.sfn.close();

    clock.advance(100);
    const b = createHarness({ clock, dataDir: a.dataDir, lambdas: { notify: () => null } });
    b.register('deadline', machine);
    await b.sfn.resume();
    await b.sfn.settle();
    expect(await b.describe(done)).toMatchObject({ status: 'SUCCEEDED', output: 1 });
    expect(await b.describe(late)).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(await b.callError('SendTaskSuccess', { taskToken: lateToken, output: '{}' })).toEqual({ status: 400, type: 'TaskTimedOut' });
    const machines = (await b.call('ListStateMachines', {})).stateMachines;
    expect(machines.map((entry: { name: string }) => entry.name)).toEqual(['deadline']);
  });

  it('fails, rather than runs differently, an execution persisted with a definition this runtime no longer supports', async () => {
    const clock = new ManualClock();
    const a = createHarness({ clock, lambdas: { notify: () => null } });
    const machine = { StartAt: 'T', States: { T: { Type: 'Task', Resource: invokeWithToken, Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } }, End: true } } };
    const executionArn = await a.start(a.register('legacy', machine), {}, 'old');
    await a.sfn.settle();
    await a.sfn.close();
    const directory = join(a.dataDir, 'executions');
    const [file] = readdirSync(directory);
    const path = join(directory, file ?? '');
    const record = JSON.parse(readFileSync(path, 'utf8'));
    record.definition = JSON.stringify({ ...machine, TimeoutSeconds: 60 });
    writeFileSync(path, JSON.stringify(record));

    const b = createHarness({ clock, dataDir: a.dataDir });
    await b.sfn.resume();
    await b.sfn.settle();
    const result = await b.describe(executionArn);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toMatch(/field TimeoutSeconds is not supported/);
    expect(await b.callError('SendTaskSuccess', { taskToken: a.tokens()[0], output: '{}' })).toEqual({ status: 400, type: 'TaskDoesNotExist' });
  });
});

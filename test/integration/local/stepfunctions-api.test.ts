import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStepFunctions, type LocalStepFunctions } from '#infra/local/stepfunctions/index.js';
import { scratchDir } from '#test/support/scratch-dir.js';

/** Runtime-style clock: real time plus an offset that tests can move forward. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

describe('local Step Functions over HTTP with the real SFN client', () => {
  let server: Server;
  let sfn: LocalStepFunctions;
  let client: SFNClient;
  let reviewArn: string;
  let flowArn: string;
  const invitations: { token: string; expert: string }[] = [];

  beforeAll(async () => {
    sfn = createLocalStepFunctions({
      dataDir: scratchDir('local-sfn-http-'),
      clock,
      region: 'cn-north-1',
      accountId: '000000000000',
      invokeLambda: async (name, payload) => {
        const event = payload as { token: string; expert: string };
        if (name === 'invite') invitations.push(event);
        return { invited: event.expert };
      },
    });
    reviewArn = sfn.registerStateMachine(
      'review',
      JSON.stringify({
        StartAt: 'Invite',
        States: {
          Invite: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: 'invite', Payload: { 'token.$': '$$.Task.Token', 'expert.$': '$.expert' } },
            ResultPath: '$.review',
            End: true,
          },
        },
      }),
    );
    flowArn = sfn.registerStateMachine(
      'flow',
      JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', TimestampPath: '$.until', Next: 'Done' }, Done: { Type: 'Pass', Parameters: { released: true }, End: true } } }),
    );
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        void sfn.handle(String(request.headers['x-amz-target']), text === '' ? {} : JSON.parse(text)).then(({ status, body }) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
          response.end(JSON.stringify(body));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new SFNClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
    await sfn.close();
  });

  it('starts, describes, lists and completes a callback execution', async () => {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: reviewArn, name: 'app-1', input: JSON.stringify({ expert: 'wang' }) }));
    expect(started.executionArn).toBe('arn:aws:states:cn-north-1:000000000000:execution:review:app-1');
    expect(started.startDate).toBeInstanceOf(Date);
    const again = await client.send(new StartExecutionCommand({ stateMachineArn: reviewArn, name: 'app-1', input: JSON.stringify({ expert: 'wang' }) }));
    expect(again.executionArn).toBe(started.executionArn);
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: reviewArn, name: 'app-1', input: '{}' }))).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    await sfn.settle();
    const invitation = invitations.find((entry) => entry.expert === 'wang');
    expect(invitation).toBeDefined();
    const running = await client.send(new ListExecutionsCommand({ stateMachineArn: reviewArn, statusFilter: 'RUNNING' }));
    expect(running.executions?.map((execution) => execution.name)).toEqual(['app-1']);

    await client.send(new SendTaskSuccessCommand({ taskToken: invitation?.token, output: JSON.stringify({ score: 91 }) }));
    await sfn.settle();
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? 'null')).toEqual({ expert: 'wang', review: { score: 91 } });
    expect(described.stopDate).toBeInstanceOf(Date);
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: invitation?.token, output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it('pages the history forwards and backwards', async () => {
    const executionArn = 'arn:aws:states:cn-north-1:000000000000:execution:review:app-1';
    const all = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = all.events?.map((event) => event.type);
    expect(types?.[0]).toBe('ExecutionStarted');
    expect(types).toContain('TaskScheduled');
    expect(types).toContain('TaskSucceeded');
    expect(types?.at(-1)).toBe('ExecutionSucceeded');
    expect(all.events?.[1]?.previousEventId).toBe(1);
    expect(all.events?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(all.events?.[1]?.stateEnteredEventDetails?.name).toBe('Invite');

    const first = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true }));
    expect(first.events?.map((event) => event.type)).toEqual([types?.at(-1), types?.at(-2)]);
    const second = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true, nextToken: first.nextToken }));
    expect(second.events?.[0]?.id).toBe((all.events?.length ?? 0) - 2);
  });

  it('fails tasks, stops executions and reports errors with AWS error types', async () => {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: reviewArn, input: JSON.stringify({ expert: 'li' }) }));
    await sfn.settle();
    const token = invitations.find((entry) => entry.expert === 'li')?.token;
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Declined', cause: 'conflict' }));
    await sfn.settle();
    const failed = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Declined', cause: 'conflict' });

    const other = await client.send(new StartExecutionCommand({ stateMachineArn: reviewArn, input: JSON.stringify({ expert: 'zhao' }) }));
    const stop = await client.send(new StopExecutionCommand({ executionArn: other.executionArn, cause: 'withdrawn' }));
    expect(stop.stopDate).toBeInstanceOf(Date);
    expect((await client.send(new DescribeExecutionCommand({ executionArn: other.executionArn }))).status).toBe('ABORTED');

    await expect(client.send(new DescribeExecutionCommand({ executionArn: `${reviewArn.replace('stateMachine', 'execution')}:nope` }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: 'x', output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);
  });

  it('describes and lists state machines', async () => {
    const machine = await client.send(new DescribeStateMachineCommand({ stateMachineArn: reviewArn }));
    expect(machine).toMatchObject({ name: 'review', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(machine.definition ?? '{}').StartAt).toBe('Invite');
    const list = await client.send(new ListStateMachinesCommand({}));
    expect(list.stateMachines?.map((entry) => entry.name)).toEqual(['flow', 'review']);
  });

  it('fires a due Wait on its own as real time passes, and at once after the clock jumps', async () => {
    const soon = await client.send(new StartExecutionCommand({ stateMachineArn: flowArn, input: JSON.stringify({ until: new Date(clock.now().getTime() + 150).toISOString() }) }));
    const later = await client.send(new StartExecutionCommand({ stateMachineArn: flowArn, input: JSON.stringify({ until: new Date(clock.now().getTime() + 86_400_000).toISOString() }) }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await client.send(new DescribeExecutionCommand({ executionArn: soon.executionArn }))).status).toBe('SUCCEEDED');
    expect((await client.send(new DescribeExecutionCommand({ executionArn: later.executionArn }))).status).toBe('RUNNING');
    clock.offsetMs += 86_400_000;
    await sfn.settle();
    const released = await client.send(new DescribeExecutionCommand({ executionArn: later.executionArn }));
    expect(released).toMatchObject({ status: 'SUCCEEDED', output: '{"released":true}' });
  });
});

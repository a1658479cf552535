/**
 * The review state machine's failure paths, run by the local Step Functions service with fake
 * task functions: a failed step of one slot waits for the staff retry, the others go on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reviewStepLabels } from '#shared/domain/workflow-failure.js';
import { createHarness, namedError } from '#test/unit/local/stepfunctions/harness.js';

const definition = readFileSync(new URL('../../../statemachines/review.asl.json', import.meta.url), 'utf8').replaceAll('${ReviewTasksFunctionArn}', 'reviewTasks');

function machine(failing: Record<string, number>) {
  const left = { ...failing };
  const harness = createHarness({
    lambdas: {
      reviewTasks: (payload: { task: string; taskId?: string }) => {
        const key = `${payload.task}:${payload.taskId ?? ''}`;
        if ((left[key] ?? 0) > 0) {
          left[key]! -= 1;
          throw new TypeError('Cannot read properties of undefined');
        }
        if (payload.task === 'listTasks') return { tasks: [{ taskId: 't1', timeoutSeconds: 60 }, { taskId: 't2', timeoutSeconds: 60 }] };
        if (payload.task === 'complete') return { validReviews: 2 };
        return {};
      },
    },
  });
  const arn = harness.sfn.registerStateMachine('review', definition);
  return { ...harness, arn, tasks: () => harness.calls.map((call) => `${call.payload.task}:${call.payload.taskId ?? call.payload.step ?? ''}`) };
}

describe('the review state machine when a step fails', () => {
  it('holds the failed slot for the staff retry while the other slot goes on, then completes', async () => {
    const run = machine({ 'invite:t2': 1 });
    const execution = await run.start(run.arn, { applicationId: 'app-1' });
    await run.sfn.settle();
    expect(run.tasks()).toEqual(expect.arrayContaining(['invite:t1', 'invite:t2', 'awaitRetry:t2']));
    const recorded = run.calls.find((call) => call.payload.task === 'awaitRetry')!.payload;
    expect(recorded).toMatchObject({ taskId: 't2', step: 'Invite', error: { Error: 'TypeError' } });
    const inviteTokens = run.calls.filter((call) => call.payload.task === 'invite').map((call) => call.payload.token as string);
    await run.call('SendTaskSuccess', { taskToken: inviteTokens[0], output: '{"status":"submitted"}' });
    await run.sfn.settle();
    expect((await run.describe(execution)).status).toBe('RUNNING');

    await run.call('SendTaskSuccess', { taskToken: recorded.token, output: '{}' });
    await run.sfn.settle();
    const again = run.calls.filter((call) => call.payload.task === 'invite' && call.payload.taskId === 't2').at(-1)!.payload.token as string;
    await run.call('SendTaskSuccess', { taskToken: again, output: '{"status":"submitted"}' });
    await run.sfn.settle();
    expect(run.tasks().at(-1)).toBe('complete:');
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
  });

  it('catches every task step, inside the slots too, and sends it back to that step after the retry', () => {
    type State = { Type: string; Catch?: { ErrorEquals: string[]; Next: string }[]; ItemProcessor?: { States: Record<string, State> } };
    const check = (states: Record<string, State>, key: string) => {
      for (const [name, state] of Object.entries(states)) {
        if (state.ItemProcessor) check(state.ItemProcessor.States, 'taskId.$');
        if (state.Type !== 'Task' || name.endsWith('Failed')) continue;
        expect(state.Catch?.at(-1), name).toMatchObject({ ErrorEquals: ['States.ALL'], Next: `${name}Failed` });
        expect(states[`${name}Failed`], name).toMatchObject({ Next: name, Parameters: { Payload: { task: 'awaitRetry', step: name, [key]: expect.any(String) } } });
        expect(Object.keys(reviewStepLabels), 'a Chinese label for the step').toContain(name);
      }
    };
    check(JSON.parse(definition).States, 'applicationId.$');
  });
});

describe('the review state machine when a task ends without a review', () => {
  it('fails the slot’s wait with ReviewDeclined (a decline, a conflict, staff reassigning by hand): the slot takes the replacement and waits on it', async () => {
    const harness = createHarness({
      lambdas: {
        reviewTasks: (payload: { task: string; taskId?: string }) => {
          if (payload.task === 'listTasks') return { tasks: [{ taskId: 't1', timeoutSeconds: 60 }] };
          if (payload.task === 'reassign') return { taskId: `${payload.taskId!}-replacement`, timeoutSeconds: 60, found: true };
          if (payload.task === 'complete') return { validReviews: 1 };
          return {};
        },
      },
    });
    const arn = harness.sfn.registerStateMachine('review', definition);
    const execution = await harness.start(arn, { applicationId: 'app-1' });
    await harness.sfn.settle();
    const waitOn = (taskId: string) => harness.calls.filter((call) => call.payload.task === 'invite' && call.payload.taskId === taskId).at(-1)!.payload.token as string;
    await harness.call('SendTaskFailure', { taskToken: waitOn('t1'), error: 'ReviewDeclined', cause: 'reassigned' });
    await harness.sfn.settle();
    const tasks = harness.calls.map((call) => `${call.payload.task}:${call.payload.taskId ?? ''}`);
    expect(tasks).toEqual(['listTasks:', 'invite:t1', 'reassign:t1', 'invite:t1-replacement']);
    expect((await harness.describe(execution)).status).toBe('RUNNING');
    await harness.call('SendTaskSuccess', { taskToken: waitOn('t1-replacement'), output: '{"status":"submitted"}' });
    await harness.sfn.settle();
    expect((await harness.describe(execution)).status).toBe('SUCCEEDED');
  });

  it('runs the Overdue step again when the task changed under it (staff replaced the expert as the wait ran out), without failing the slot', async () => {
    let conflicts = 1;
    const harness = createHarness({
      lambdas: {
        reviewTasks: (payload: { task: string; taskId?: string }) => {
          if (payload.task === 'listTasks') return { tasks: [{ taskId: 't1', timeoutSeconds: 60 }] };
          if (payload.task === 'overdue') {
            if (conflicts-- > 0) throw namedError('CONCURRENT_UPDATE', 'the task changed meanwhile');
            return { taskId: 't1', next: 'reassign', timeoutSeconds: 1 };
          }
          if (payload.task === 'reassign') return { taskId: 't2', timeoutSeconds: 60, found: true };
          return {};
        },
      },
    });
    const arn = harness.sfn.registerStateMachine('review', definition);
    await harness.start(arn, { applicationId: 'app-1' });
    await harness.sfn.settle();
    harness.clock.advance(61);
    await harness.sfn.settle();
    harness.clock.advance(2);
    await harness.sfn.settle();
    const tasks = harness.calls.map((call) => `${call.payload.task}:${call.payload.taskId ?? ''}`);
    expect(tasks).toEqual(['listTasks:', 'invite:t1', 'overdue:t1', 'overdue:t1', 'reassign:t1', 'invite:t2']);
  });
});

/**
 * The review state machine's failure paths, run by the local Step Functions service with fake
 * task functions: a failed step of one slot waits for the staff retry, the others go on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reviewStepLabels } from '../../../shared/domain/workflow-failure.js';
import { createHarness } from '../../unit/local/stepfunctions/harness.js';

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

/**
 * The round state machine's paths, run by the local Step Functions service with fake task
 * functions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roundStepLabels } from '#shared/domain/workflow-failure.js';
import { createHarness, namedError } from '#test/unit/local/stepfunctions/harness.js';

function definition(): string {
  return readFileSync(new URL('../../../statemachines/round.asl.json', import.meta.url), 'utf8')
    .replaceAll('${RoundTasksFunctionArn}', 'roundTasks');
}

/** `inReview`: applications still in review when the round starts waiting for reviews (none: the wait releases itself at once). */
function machine(answers: { notFoundTimes?: number; pendingScreening?: number[]; openObjections?: number[]; inReview?: number; publicity?: boolean; failing?: Record<string, number> }) {
  let notFound = answers.notFoundTimes ?? 0;
  const failing = { ...answers.failing };
  const pending = [...(answers.pendingScreening ?? [0])];
  const objections = [...(answers.openObjections ?? [0])];
  const harness = createHarness({
    lambdas: {
      roundTasks: (payload: { task: string; event?: string; token?: string }) => {
        if ((failing[payload.task] ?? 0) > 0) {
          failing[payload.task]! -= 1;
          throw namedError('ASSIGNMENT_SHORTFALL', '1 份申报分配不到最少 2 名评审专家');
        }
        switch (payload.task) {
          case 'prepare':
            if (notFound-- > 0) throw namedError('NOT_FOUND', 'round not found');
            return { secondsUntilClose: 3600 };
          case 'screeningProgress':
            return { pending: pending.shift() ?? 0 };
          case 'awaitEvent':
            // like the real task: nothing left, so it releases its own token at once
            if (payload.event === 'reviews' && (answers.inReview ?? 0) === 0) return harness.call('SendTaskSuccess', { taskToken: payload.token, output: '{}' }).then(() => ({}));
            return {};
          case 'confirmShortlist':
            return { publicity: answers.publicity ?? true };
          case 'openPublicity':
            return { endsAt: '2026-12-02T16:00:00Z' };
          case 'closePublicity':
            return { openObjections: objections.shift() ?? 0 };
          default:
            return {};
        }
      },
    },
  });
  const arn = harness.sfn.registerStateMachine('round', definition());
  /** Task names, with the decision or event a callback task waits for instead of its task name. */
  const nameOf = (payload: { task: string; decision?: string; event?: string }) => payload.decision ?? payload.event ?? payload.task;
  const tasks = () => harness.calls.map((call) => nameOf(call.payload));
  const tokenOf = (task: string) => harness.calls.filter((call) => nameOf(call.payload) === task).at(-1)?.payload.token as string;
  return { ...harness, arn, tasks, tokenOf };
}

describe('the round state machine', () => {
  it('waits for the round record when it started before the record was written', async () => {
    const run = machine({ notFoundTimes: 2 });
    const execution = await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    run.clock.advance(2);
    await run.sfn.settle();
    run.clock.advance(4);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['prepare', 'prepare', 'prepare', 'awaitIntakeClose']);
    expect((await run.describe(execution)).status).toBe('RUNNING');
  });

  it('closes intake at its deadline, waits for the last screening decision, then for the last review, then waits for the shortlist', async () => {
    const run = machine({ pendingScreening: [2, 0], inReview: 2 });
    await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    run.clock.advance(3601);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['prepare', 'awaitIntakeClose', 'closeIntake', 'screeningProgress', 'screening']);
    // No polling: time alone does not move the round on…
    run.clock.advance(3600);
    await run.sfn.settle();
    expect(run.tasks()).toHaveLength(5);
    // …the last screening decision does, at once.
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('screening'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(5)).toEqual(['screeningProgress', 'assign', 'reviews']);
    // The reviews are not waited for in the round's own history: the last one completing releases it.
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('reviews'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(8)).toEqual(['rank', 'shortlist']);
  });

  it('holds the round after publicity while objections are open, then waits for final approval and publishes', async () => {
    const run = machine({ openObjections: [1, 0] });
    const execution = await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitIntakeClose'), output: '{}' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('shortlist'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-1)).toEqual(['openPublicity']);
    run.clock.ms = Date.parse('2026-12-02T16:00:01Z');
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['closePublicity', 'objections']);
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('objections'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-4)).toEqual(['closePublicity', 'objections', 'closePublicity', 'finalApproval']);
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('finalApproval'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().at(-1)).toBe('publish');
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
  });
});

describe('the round state machine without publicity', () => {
  it('goes from the approved shortlist straight to the final approval, with no publicity, objections or wait, then publishes', async () => {
    const run = machine({ publicity: false });
    const execution = await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitIntakeClose'), output: '{}' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('shortlist'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-3)).toEqual(['shortlist', 'confirmShortlist', 'finalApproval']);
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('finalApproval'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['finalApproval', 'publish']);
    expect(run.tasks()).not.toContain('openPublicity');
    expect(run.tasks()).not.toContain('closePublicity');
    expect(run.tasks()).not.toContain('objections');
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
  });

  it('puts the shortlist on notice when the confirmation says publicity is held', async () => {
    const run = machine({ publicity: true });
    await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitIntakeClose'), output: '{}' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('shortlist'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-3)).toEqual(['shortlist', 'confirmShortlist', 'openPublicity']);
  });
});

describe('the round state machine waiting for people', () => {
  it('re-checks screening only as a daily backstop when no event came', async () => {
    const run = machine({ pendingScreening: [1, 1] });
    await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitIntakeClose'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['screeningProgress', 'screening']);
    run.clock.advance(86_400 + 1);
    await run.sfn.settle();
    expect(run.tasks().slice(-4)).toEqual(['screeningProgress', 'screening', 'screeningProgress', 'screening']);
  });

  it('has no Wait loop: every Wait state waits for a time, never to poll', () => {
    const states = Object.values(JSON.parse(definition()).States as Record<string, { Type: string; Seconds?: number; TimestampPath?: string }>);
    expect(states.filter((state) => state.Type === 'Wait')).toEqual([expect.objectContaining({ TimestampPath: '$.publicity.endsAt' })]);
  });
});

describe('the round state machine waiting for reviews', () => {
  it('re-counts the reviews as a daily backstop when no review completed', async () => {
    const run = machine({ inReview: 1 });
    await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitIntakeClose'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['assign', 'reviews']);
    run.clock.advance(86_400 + 1);
    await run.sfn.settle();
    expect(run.tasks().slice(-3)).toEqual(['assign', 'reviews', 'reviews']);
  });

  it('starts no review execution itself: the assignment does', () => {
    expect(definition()).not.toContain('states:startExecution');
  });
});

describe('the round state machine when a step fails', () => {
  it('records the failure, waits for the staff retry, then runs the failed step again', async () => {
    const run = machine({ failing: { assign: 2 } });
    const execution = await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitIntakeClose'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['assign', 'awaitRetry']);
    const recorded = run.calls.at(-1)!.payload;
    expect(recorded).toMatchObject({ roundId: 'r', step: 'Assign', error: { Error: 'ASSIGNMENT_SHORTFALL' } });
    expect(JSON.parse(recorded.error.Cause).errorMessage).toContain('评审专家');
    expect((await run.describe(execution)).status).toBe('RUNNING');

    // The cause is still there at the first retry: the step fails again and waits again.
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitRetry'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['assign', 'awaitRetry']);
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitRetry'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-4)).toEqual(['assign', 'reviews', 'rank', 'shortlist']);
  });

  it('mails staff again when a failure waits a week without a retry', async () => {
    const run = machine({ failing: { rank: 1 } });
    await run.start(run.arn, { roundId: 'r' });
    await run.sfn.settle();
    await run.call('SendTaskSuccess', { taskToken: run.tokenOf('awaitIntakeClose'), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['rank', 'awaitRetry']);
    run.clock.advance(7 * 86_400 + 1);
    await run.sfn.settle();
    expect(run.tasks().slice(-2)).toEqual(['awaitRetry', 'awaitRetry']);
    expect(run.calls.at(-1)!.payload).toMatchObject({ step: 'Rank' });
  });

  it('catches every failing task step of the machine and sends it back to that step after the retry', () => {
    const states = JSON.parse(definition()).States as Record<string, { Type: string; Catch?: { ErrorEquals: string[]; Next: string }[]; Next?: string; Parameters?: { Payload?: { step?: string } } }>;
    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== 'Task' || name.endsWith('Failed')) continue;
      expect(state.Catch?.at(-1), name).toMatchObject({ ErrorEquals: ['States.ALL'], Next: `${name}Failed` });
      expect(states[`${name}Failed`], name).toMatchObject({ Next: name, Parameters: { Payload: { task: 'awaitRetry', step: name } } });
      expect(Object.keys(roundStepLabels), 'a Chinese label for the step').toContain(name);
    }
  });
});

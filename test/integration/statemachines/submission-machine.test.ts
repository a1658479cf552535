/**
 * The submission state machine's paths, run by the local Step Functions service with fake
 * task functions: which tasks run, in which order, for each screening outcome.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { submissionStepLabels } from '#shared/domain/workflow-failure.js';
import { createHarness } from '#test/unit/local/stepfunctions/harness.js';

const definition = readFileSync(new URL('../../../statemachines/submission.asl.json', import.meta.url), 'utf8').replaceAll('${SubmissionTasksFunctionArn}', 'submissionTasks');

function machine(answers: { evidence: string[]; screen: 'formal_review' | 'done'; stillWaiting?: boolean; failing?: Record<string, number> }) {
  const states = [...answers.evidence];
  const failing = { ...answers.failing };
  const harness = createHarness({
    lambdas: {
      submissionTasks: (payload: { task: string }) => {
        if ((failing[payload.task] ?? 0) > 0) {
          failing[payload.task]! -= 1;
          throw new RangeError('Maximum call stack size exceeded');
        }
        if (payload.task === 'checkEvidence') return { state: states.shift() ?? 'verified' };
        if (payload.task === 'screen') return { next: answers.screen };
        if (payload.task === 'formalReviewOverdue') return { stillWaiting: answers.stillWaiting ?? false };
        return {};
      },
    },
  });
  const arn = harness.sfn.registerStateMachine('submission', definition);
  const tasks = () => harness.calls.map((call) => call.payload.task as string);
  return { ...harness, arn, tasks };
}

describe('the submission state machine', () => {
  it('notifies the applicant of an automatic decision without waiting for staff', async () => {
    const run = machine({ evidence: ['verified'], screen: 'done' });
    const execution = await run.start(run.arn, { applicationId: 'app-1' });
    await run.sfn.settle();
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
    expect(run.tasks()).toEqual(['checkEvidence', 'screen', 'notifyScreening']);
  });

  it('waits for evidence still being checked (released by the checks, a timeout only as backstop), then for the staff decision, then notifies', async () => {
    const run = machine({ evidence: ['pending', 'pending', 'verified'], screen: 'formal_review' });
    const execution = await run.start(run.arn, { applicationId: 'app-1' });
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['checkEvidence', 'awaitEvidence']);
    run.clock.advance(30);
    await run.sfn.settle();
    expect(run.tasks()).toHaveLength(2);
    // The backstop after five minutes looks again…
    run.clock.advance(300);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['checkEvidence', 'awaitEvidence', 'checkEvidence', 'awaitEvidence']);
    // …but the last check releases the wait at once.
    await run.call('SendTaskSuccess', { taskToken: run.tokens().at(-1), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(4)).toEqual(['checkEvidence', 'screen', 'awaitFormalReview']);
    expect((await run.describe(execution)).status).toBe('RUNNING');
    await run.call('SendTaskSuccess', { taskToken: run.tokens().at(-1), output: JSON.stringify({ outcome: 'accept' }) });
    await run.sfn.settle();
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
    expect(run.tasks().at(-1)).toBe('notifyScreening');
  });

  it('stops when the evidence failed its checks (the application was returned)', async () => {
    const run = machine({ evidence: ['failed'], screen: 'formal_review' });
    const execution = await run.start(run.arn, { applicationId: 'app-1' });
    await run.sfn.settle();
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
    expect(run.tasks()).toEqual(['checkEvidence']);
  });

  it('keeps a silent formal review waiting a week at a time while the application is still in screening', async () => {
    const run = machine({ evidence: ['verified'], screen: 'formal_review', stillWaiting: true });
    const execution = await run.start(run.arn, { applicationId: 'app-1' });
    await run.sfn.settle();
    run.clock.advance(7 * 86_400 + 1);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['checkEvidence', 'screen', 'awaitFormalReview', 'formalReviewOverdue', 'awaitFormalReview']);
    expect((await run.describe(execution)).status).toBe('RUNNING');
  });
});

describe('the submission state machine when a step fails', () => {
  it('records the failure on the application, waits for the staff retry, then runs the step again', async () => {
    const run = machine({ evidence: ['verified'], screen: 'done', failing: { screen: 1 } });
    const execution = await run.start(run.arn, { applicationId: 'app-1' });
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['checkEvidence', 'screen', 'awaitRetry']);
    expect(run.calls.at(-1)!.payload).toMatchObject({ applicationId: 'app-1', step: 'Screen', error: { Error: 'RangeError' } });
    expect((await run.describe(execution)).status).toBe('RUNNING');
    await run.call('SendTaskSuccess', { taskToken: run.tokens().at(-1), output: '{}' });
    await run.sfn.settle();
    expect(run.tasks().slice(3)).toEqual(['screen', 'notifyScreening']);
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
  });

  it('catches every task step and sends it back to that step after the retry', () => {
    const states = JSON.parse(definition).States as Record<string, { Type: string; Catch?: { ErrorEquals: string[]; Next: string }[] }>;
    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== 'Task' || name.endsWith('Failed')) continue;
      expect(state.Catch?.at(-1), name).toMatchObject({ ErrorEquals: ['States.ALL'], Next: `${name}Failed` });
      expect(states[`${name}Failed`], name).toMatchObject({ Next: name, Parameters: { Payload: { task: 'awaitRetry', step: name } } });
      expect(Object.keys(submissionStepLabels), 'a Chinese label for the step').toContain(name);
    }
  });
});

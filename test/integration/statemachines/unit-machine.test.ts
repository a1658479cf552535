/**
 * The unit state machine, run by the local Step Functions service with a fake task function:
 * one leg of a cycle per execution (the next leg is started by a task, with the leg's end as
 * its start), the cycle ended in the last leg, and a failed step reported to staff and tried
 * again at the time the report names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unitStepLabels } from '#shared/domain/workflow-failure.js';
import { createHarness, type FakeLambda } from '#test/unit/local/stepfunctions/harness.js';

const definition = readFileSync(new URL('../../../statemachines/unit.asl.json', import.meta.url), 'utf8').replaceAll('${UnitTasksFunctionArn}', 'unitTasks');
const DAY_S = 86_400;

function machine(unitTasks: FakeLambda) {
  const harness = createHarness({ lambdas: { unitTasks } });
  const arn = harness.sfn.registerStateMachine('unit', definition);
  const tasks = () => harness.calls.map((call) => `${call.payload.task as string}${call.payload.step ? `:${call.payload.step as string}` : ''}`);
  return { ...harness, arn, tasks };
}

const at = (ms: number) => new Date(ms).toISOString();

describe('the unit state machine', () => {
  it('reminds the duties of its leg, waits for the leg’s end and hands the rest to the next leg', async () => {
    const run = machine((payload: { task: string }) => {
      const now = run.clock.now().getTime();
      if (payload.task === 'schedule') {
        return { duties: [{ year: 2027, kind: 'plan', dueAt: at(now + 10 * DAY_S * 1000) }], cycleEndsAt: at(now + 1000 * DAY_S * 1000), lastLeg: false, until: at(now + 300 * DAY_S * 1000) };
      }
      return {};
    });
    const started = run.clock.now().getTime();
    const execution = await run.start(run.arn, { unitId: 'unit-1', chain: 'unit-1-duties', from: null });
    await run.sfn.settle();
    expect(run.calls[0]!.payload).toEqual({ task: 'schedule', unitId: 'unit-1', from: null });
    run.clock.advance(10 * DAY_S);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['schedule', 'remind']);
    run.clock.advance(290 * DAY_S);
    await run.sfn.settle();
    expect(run.calls.at(-1)!.payload).toEqual({ task: 'startNextLeg', unitId: 'unit-1', chain: 'unit-1-duties', from: at(started + 300 * DAY_S * 1000) });
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
    expect(run.tasks()).not.toContain('endCycle');
  });

  it('ends the cycle in the last leg, after its last duty and the cycle’s end', async () => {
    const run = machine((payload: { task: string }) => {
      const now = run.clock.now().getTime();
      if (payload.task === 'schedule') return { duties: [], cycleEndsAt: at(now + 20 * DAY_S * 1000), lastLeg: true, until: at(now + 300 * DAY_S * 1000) };
      return {};
    });
    const execution = await run.start(run.arn, { unitId: 'unit-1', chain: 'unit-1-duties', from: '2027-01-01T00:00:00.000Z' });
    await run.sfn.settle();
    run.clock.advance(20 * DAY_S - 1);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['schedule']);
    run.clock.advance(1);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['schedule', 'endCycle']);
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
  });

  it('reports a failed step to staff and tries it again at the time the report names', async () => {
    let failures = 1;
    const run = machine((payload: { task: string }) => {
      const now = run.clock.now().getTime();
      if (payload.task === 'schedule') return { duties: [{ year: 2027, kind: 'plan', dueAt: at(now) }], cycleEndsAt: at(now), lastLeg: true, until: at(now + 300 * DAY_S * 1000) };
      if (payload.task === 'remind' && failures-- > 0) throw new TypeError('Cannot read properties of undefined');
      if (payload.task === 'reportFailure') return { retryAt: at(now + DAY_S * 1000) };
      return {};
    });
    const execution = await run.start(run.arn, { unitId: 'unit-1', chain: 'unit-1-duties', from: null });
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['schedule', 'remind', 'reportFailure:RemindIfOpen']);
    expect(run.calls.at(-1)!.payload).toMatchObject({ unitId: 'unit-1', error: { Error: 'TypeError' } });
    run.clock.advance(DAY_S);
    await run.sfn.settle();
    expect(run.tasks()).toEqual(['schedule', 'remind', 'reportFailure:RemindIfOpen', 'remind', 'endCycle']);
    expect((await run.describe(execution)).status).toBe('SUCCEEDED');
  });

  it('catches every task step, inside the duties too, and comes back to it after the wait', () => {
    type State = { Type: string; Next?: string; Catch?: { ErrorEquals: string[]; Next: string }[]; ItemProcessor?: { States: Record<string, State> }; Parameters?: unknown };
    const check = (states: Record<string, State>) => {
      for (const [name, state] of Object.entries(states)) {
        if (state.ItemProcessor) check(state.ItemProcessor.States);
        if (state.Type !== 'Task' || name.endsWith('Failed')) continue;
        expect(state.Catch?.at(-1), name).toMatchObject({ ErrorEquals: ['States.ALL'], Next: `${name}Failed` });
        expect(states[`${name}Failed`], name).toMatchObject({ Next: `${name}Retry`, Parameters: { Payload: { task: 'reportFailure', step: name } } });
        expect(states[`${name}Retry`], name).toMatchObject({ Type: 'Wait', Next: name });
        expect(Object.keys(unitStepLabels), 'a Chinese label for the step').toContain(name);
      }
    };
    check(JSON.parse(definition).States);
  });
});

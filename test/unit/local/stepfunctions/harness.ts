import type { Clock } from '#shared/ports/clock.js';
import { createLocalStepFunctions, type LocalStepFunctions } from '#infra/local/stepfunctions/index.js';
import { scratchDir } from '#test/support/scratch-dir.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(public ms = Date.parse('2026-11-25T00:00:00.000Z')) {}

  now(): Date {
    return new Date(this.ms);
  }

  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** A fake Lambda: receives the payload, returns a value or throws. */
export type FakeLambda = (payload: any) => unknown;

/** Builds an Error with a given name, as a handler would throw. */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A service on a temporary directory with fake lambdas and a manual clock, plus terse helpers. */
export function createHarness(options: { dataDir?: string; clock?: ManualClock; lambdas?: Record<string, FakeLambda> } = {}) {
  const dataDir = options.dataDir ?? scratchDir('local-sfn-');
  const clock = options.clock ?? new ManualClock();
  const lambdas: Record<string, FakeLambda> = options.lambdas ?? {};
  const calls: { name: string; payload: any }[] = [];
  const sfn: LocalStepFunctions = createLocalStepFunctions({
    dataDir,
    clock,
    region: 'cn-north-1',
    accountId: '000000000000',
    invokeLambda: async (name, payload) => {
      calls.push({ name, payload });
      const lambda = lambdas[name];
      if (!lambda) throw namedError('ResourceNotFoundException', `Function not found: ${name}`);
      return lambda(payload);
    },
  });

  async function call(operation: string, body: Record<string, unknown>): Promise<any> {
    const response = await sfn.handle(`AWSStepFunctions.${operation}`, body);
    if (response.status !== 200) throw Object.assign(new Error(JSON.stringify(response.body)), { response });
    return response.body;
  }

  async function callError(operation: string, body: Record<string, unknown>): Promise<{ status: number; type: string }> {
    const response = await sfn.handle(`AWSStepFunctions.${operation}`, body);
    return { status: response.status, type: (response.body as { __type: string }).__type };
  }

  const register = (name: string, definition: object): string => sfn.registerStateMachine(name, JSON.stringify(definition));

  async function start(stateMachineArn: string, input: unknown = {}, name?: string): Promise<string> {
    const body = await call('StartExecution', { stateMachineArn, input: JSON.stringify(input), ...(name ? { name } : {}) });
    return body.executionArn as string;
  }

  async function describe(executionArn: string): Promise<any> {
    const body = await call('DescribeExecution', { executionArn });
    return { ...body, output: body.output === undefined ? undefined : JSON.parse(body.output) };
  }

  async function history(executionArn: string): Promise<any[]> {
    return (await call('GetExecutionHistory', { executionArn, maxResults: 1000 })).events as any[];
  }

  /** Registers a one-off machine, runs it to quiescence and returns DescribeExecution (output parsed). */
  async function run(definition: object, input: unknown = {}): Promise<any> {
    const arn = register(`m${Math.random().toString(36).slice(2, 10)}`, definition);
    const executionArn = await start(arn, input);
    await sfn.settle();
    return describe(executionArn);
  }

  /** The task tokens the fake lambdas received so far (from payload.token). */
  const tokens = (): string[] => calls.map((entry) => entry.payload?.token).filter((token): token is string => typeof token === 'string');

  return { sfn, clock, dataDir, calls, lambdas, call, callError, register, start, describe, history, run, tokens };
}

/** A one-state machine around a Task state. */
export function taskMachine(task: Record<string, unknown>): object {
  return { StartAt: 'T', States: { T: { Type: 'Task', End: true, ...task } } };
}

export const invoke = 'arn:aws:states:::lambda:invoke';
export const invokeWithToken = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

import { randomUUID } from 'node:crypto';
import type { TaskState } from './definition.js';
import { runtimeError, StatesError, StatesErrors } from './errors.js';
import type { ExecutionRecord, TaskWait, ThreadRecord, TokenOutcome } from './execution-record.js';
import { readPath } from './json-path.js';
import { lambdaError, lambdaInvokeResult, parseTaskResource } from './lambda-invoke.js';
import { applyOutputPath, applyPayloadTemplate, applyResultPath } from './paths-and-parameters.js';
import type { Scheduler } from './scheduler.js';
import { ServiceError } from './service-error.js';
import type { ThreadControl } from './thread-control.js';
import { isWellFormedToken, newTaskToken, type TaskTokens } from './task-tokens.js';

/** What {@link LambdaTasks} needs besides the threads. */
export interface LambdaTasksDependencies {
  scheduler: Scheduler;
  tokens: TaskTokens;
  /** Shown in TaskScheduled events. */
  region: string;
  invokeLambda(functionName: string, payload: unknown): Promise<unknown>;
  executionOf(executionArn: string): ExecutionRecord | undefined;
}

const toJson = (value: unknown): string => JSON.stringify(value === undefined ? null : value);

function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw runtimeError(`${field} must resolve to a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Task states (`lambda:invoke` and `lambda:invoke.waitForTaskToken`) and their task
 * tokens: schedules the Task, calls the function once the Task is on disk, applies
 * ResultSelector/ResultPath/OutputPath to the result, fails the Task at its timeout, and
 * answers SendTaskSuccess/SendTaskFailure.
 */
export class LambdaTasks {
  /** Creates the Task runner of the threads `control` runs. */
  constructor(
    private readonly control: ThreadControl,
    private readonly deps: LambdaTasksDependencies,
  ) {}

  /** Enters a Task state: builds its Parameters (with `$$.Task.Token`), records it as scheduled and queues the call. */
  start(record: ExecutionRecord, thread: ThreadRecord, state: TaskState, input: unknown): void {
    const resource = parseTaskResource(state.Resource);
    if (!resource) throw runtimeError(`Unsupported resource ${state.Resource}`);
    const token = resource.waitForTaskToken ? newTaskToken() : undefined;
    const parameters = applyPayloadTemplate(state.Parameters, input, token ? { Task: { Token: token } } : {});
    const timeoutSeconds = state.TimeoutSeconds ?? (state.TimeoutSecondsPath !== undefined ? nonNegativeInteger(readPath(state.TimeoutSecondsPath, input), 'TimeoutSecondsPath') : undefined);
    const wait: TaskWait = {
      kind: 'task',
      phase: 'invoking',
      resource: state.Resource,
      parameters,
      ...(token ? { token } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutAt: this.control.now() + timeoutSeconds * 1000 } : {}),
    };
    this.control.setWait(thread, wait);
    if (token) this.deps.tokens.wait(token, { executionArn: record.executionArn, threadId: thread.id });
    this.control.event(record, thread, 'TaskScheduled', {
      ...resource.label,
      region: this.deps.region,
      parameters: toJson(parameters),
      ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
    });
    this.armTimeout(record, thread);
    const epoch = thread.epoch;
    this.control.queue.enqueue(() => this.invoke(record, thread, epoch));
  }

  /** Carries on a Task after a restart: a call that was in progress is made again, a token becomes valid again. */
  resume(record: ExecutionRecord, thread: ThreadRecord): void {
    const wait = thread.wait;
    if (wait?.kind !== 'task') return;
    if (wait.phase === 'invoking') {
      this.release(record, thread, 'closed');
      this.control.setWait(thread, undefined);
      this.control.queue.markDirty(record);
      return this.control.wake(record, thread);
    }
    if (wait.token) this.deps.tokens.wait(wait.token, { executionArn: record.executionArn, threadId: thread.id });
    this.armTimeout(record, thread);
  }

  /** Ends the thread's Task, if it is in one: cancels its timeout and retires its token with `outcome`. */
  release(record: ExecutionRecord, thread: ThreadRecord, outcome: TokenOutcome): void {
    if (thread.wait?.kind !== 'task') return;
    this.deps.scheduler.cancel(this.timeoutKey(record, thread));
    if (thread.wait.token) this.deps.tokens.release(record, thread.wait.token, outcome);
  }

  /** SendTaskSuccess: completes the Task waiting on `token` with `output` (a JSON string). */
  sendTaskSuccess(token: unknown, output: unknown): void {
    const { record, thread } = this.taskForToken(token);
    let result: unknown;
    try {
      result = JSON.parse(String(output));
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid Output: output is not valid JSON');
    }
    this.succeed(record, thread, result);
  }

  /** SendTaskFailure: fails the Task waiting on `token` with the given error and cause. */
  sendTaskFailure(token: unknown, error?: string, cause?: string): void {
    const { record, thread } = this.taskForToken(token);
    this.fail(record, thread, new StatesError(error ?? '', cause ?? ''), 'TaskFailed');
  }

  /** Calls the function (after the write-ahead queue has persisted the Task as scheduled). */
  private invoke(record: ExecutionRecord, thread: ThreadRecord, epoch: number): void {
    const wait = thread.wait;
    if (!this.control.isCurrent(record, thread, epoch) || wait?.kind !== 'task') return;
    const label = parseTaskResource(wait.resource)?.label;
    this.control.event(record, thread, 'TaskStarted', label);
    this.control.queue.markDirty(record);
    const { FunctionName, Payload } = wait.parameters as { FunctionName: string; Payload?: unknown };
    const invocation = Promise.resolve().then(() => this.deps.invokeLambda(FunctionName, Payload ?? {}));
    this.control.queue.track(
      invocation.then(
        (value) => {
          if (!this.control.isCurrent(record, thread, epoch)) return;
          if (!wait.token) return this.succeed(record, thread, lambdaInvokeResult(value, randomUUID()));
          wait.phase = 'token';
          this.control.event(record, thread, 'TaskSubmitted', { ...label, output: toJson(value) });
          this.control.queue.markDirty(record);
        },
        (error: unknown) => {
          if (this.control.isCurrent(record, thread, epoch)) this.fail(record, thread, lambdaError(error), 'TaskFailed');
        },
      ),
    );
  }

  private succeed(record: ExecutionRecord, thread: ThreadRecord, result: unknown): void {
    const wait = thread.wait as TaskWait;
    this.release(record, thread, 'completed');
    this.control.setWait(thread, undefined);
    this.control.event(record, thread, 'TaskSucceeded', { ...parseTaskResource(wait.resource)?.label, output: toJson(result), outputDetails: { truncated: false } });
    this.control.guard(record, thread, () => {
      const state = this.control.stateOf(record, thread) as TaskState;
      const selected = state.ResultSelector !== undefined ? applyPayloadTemplate(state.ResultSelector, result) : result;
      this.control.advance(record, thread, state, applyOutputPath(state.OutputPath, applyResultPath(state.ResultPath, thread.input, selected)));
    });
    this.control.wake(record, thread);
  }

  private fail(record: ExecutionRecord, thread: ThreadRecord, error: StatesError, eventType: 'TaskFailed' | 'TaskTimedOut'): void {
    const wait = thread.wait as TaskWait;
    this.release(record, thread, eventType === 'TaskTimedOut' ? 'timedOut' : 'completed');
    this.control.setWait(thread, undefined);
    this.control.event(record, thread, eventType, { ...parseTaskResource(wait.resource)?.label, error: error.error, cause: error.cause });
    this.control.fail(record, thread, error);
    this.control.queue.markDirty(record);
  }

  private armTimeout(record: ExecutionRecord, thread: ThreadRecord): void {
    const wait = thread.wait;
    if (wait?.kind !== 'task' || wait.timeoutAt === undefined) return;
    const epoch = thread.epoch;
    const error = new StatesError(StatesErrors.timeout, 'The task did not complete within its TimeoutSeconds');
    this.deps.scheduler.schedule(this.timeoutKey(record, thread), wait.timeoutAt, () => {
      if (!this.control.isCurrent(record, thread, epoch)) return;
      this.fail(record, thread, error, 'TaskTimedOut');
      this.control.queue.markDirty(record);
    });
  }

  private timeoutKey(record: ExecutionRecord, thread: ThreadRecord): string {
    return `${record.executionArn}#${thread.id}#timeout`;
  }

  private taskForToken(token: unknown): { record: ExecutionRecord; thread: ThreadRecord } {
    if (!isWellFormedToken(token)) throw new ServiceError('InvalidToken', 'Invalid Token: the task token is malformed');
    const waiter = this.deps.tokens.waiter(token);
    const record = waiter && this.deps.executionOf(waiter.executionArn);
    const thread = waiter && record?.threads[waiter.threadId];
    if (!record || !thread || thread.wait?.kind !== 'task' || thread.wait.token !== token) {
      if (this.deps.tokens.outcome(token) === 'timedOut') throw new ServiceError('TaskTimedOut', 'Task Timed Out: the task has already timed out');
      throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist: the task token is unknown or already used');
    }
    return { record, thread };
  }
}

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/ports/clock.js';
import { evaluateChoiceRule } from './choice-rules.js';
import { branchScope, classifyResource, compileDefinition, mapScope, type CompiledDefinition, type StateDefinition } from './definition.js';
import { isRecoverable, runtimeError, StatesError, StatesErrors } from './errors.js';
import {
  appendEvent,
  type BranchesWait,
  type ExecutionRecord,
  type ExecutionStatus,
  type TaskWait,
  type ThreadRecord,
  type ThreadWait,
  type TokenOutcome,
} from './execution-record.js';
import type { ExecutionStore } from './execution-store.js';
import { readPath } from './json-path.js';
import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath, evaluateDynamicValue } from './paths-and-parameters.js';
import { findCatcher, planRetry } from './retry-catch.js';
import { Scheduler } from './scheduler.js';
import { ServiceError } from './service-error.js';
import type { StateMachineRegistry } from './state-machine-registry.js';
import { describeChildExecution, lambdaError, lambdaInvokeResult, resourceLabel } from './task-results.js';
import { isWellFormedToken, newTaskToken } from './task-tokens.js';

/** What the interpreter needs from its surroundings. */
export interface InterpreterDependencies {
  store: ExecutionStore;
  registry: StateMachineRegistry;
  clock: Clock;
  /** `arn:aws:states:<region>:<account>` */
  arnPrefix: string;
  roleArn: string;
  invokeLambda(functionArnOrName: string, payload: unknown): Promise<unknown>;
  log(message: string, fields?: Record<string, unknown>): void;
  /** Told of each execution started and each billed state transition (a state entered or retried), by state machine name. */
  count?(what: 'execution' | 'transition', stateMachineName: string): void;
}

/** A request to start an execution (from the API or from a `states:startExecution` Task). */
export interface StartRequest {
  stateMachineArn: string;
  name?: string;
  input?: string;
  parent?: { executionArn: string; threadId: string };
}

/* AWS forbids whitespace, brackets, wildcards, these punctuation marks and control characters. */
const executionNamePattern = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
const closedStatusEvents: Record<Exclude<ExecutionStatus, 'RUNNING'>, string> = {
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
};

function toJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

function toStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  return runtimeError(error instanceof Error ? error.message : String(error));
}

function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw runtimeError(`${field} must resolve to a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The ASL interpreter: runs executions as trees of threads (the execution, Map
 * iterations, Parallel branches), persists each execution after every transition,
 * schedules Wait/Retry/timeout/heartbeat instants on the runtime clock and resumes
 * everything from disk after a restart.
 *
 * All state changes happen synchronously; outside work (Lambda calls, starting queued
 * threads) is queued and run by a pump that first flushes dirty executions to disk.
 */
export class Interpreter {
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly definitions = new Map<string, CompiledDefinition>();
  private readonly parsedInputs = new WeakMap<ExecutionRecord, unknown>();
  private readonly tokens = new Map<string, { executionArn: string; threadId: string }>();
  private readonly tokenOutcomes = new Map<string, TokenOutcome>();
  private readonly scheduler: Scheduler;
  private readonly dirty = new Set<ExecutionRecord>();
  private readonly queue: (() => void)[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private pumpScheduled = false;
  private resumed = false;
  private closed = false;

  /** Creates an interpreter with no executions loaded (see {@link Interpreter.resume}). */
  constructor(private readonly deps: InterpreterDependencies) {
    this.scheduler = new Scheduler(deps.clock, (error) => this.deps.log('Step Functions timer failed', { error: String(error) }));
  }

  // ---------------------------------------------------------------- executions

  /** The execution with this ARN, if known. */
  getExecution(executionArn: string): ExecutionRecord | undefined {
    return this.executions.get(executionArn);
  }

  /** Every known execution. */
  listExecutions(): ExecutionRecord[] {
    return [...this.executions.values()];
  }

  /**
   * Starts an execution, or returns the existing one when the same name was already
   * used with the same input (idempotent); a different input is ExecutionAlreadyExists.
   */
  startExecution(request: StartRequest): ExecutionRecord {
    const machine = this.deps.registry.get(request.stateMachineArn);
    if (!machine) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    const name = request.name ?? randomUUID();
    if (!executionNamePattern.test(name)) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    try {
      JSON.parse(input);
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: input is not valid JSON');
    }
    const executionArn = `${this.deps.arnPrefix}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.input === input) return existing;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const compiled = compileDefinition(machine.definition);
    const { definition } = compiled;
    const now = this.now();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      stateMachineName: machine.name,
      name,
      definition: machine.definition,
      status: 'RUNNING',
      startDate: now,
      input,
      ...(definition.TimeoutSeconds !== undefined ? { timeoutAt: now + definition.TimeoutSeconds * 1000 } : {}),
      ...(request.parent ? { parent: request.parent } : {}),
      threads: {},
      nextThreadId: 1,
      tokenOutcomes: {},
      history: [],
    };
    this.executions.set(executionArn, record);
    this.definitions.set(executionArn, compiled);
    this.deps.count?.('execution', machine.name);
    const startedId = appendEvent(record, 'ExecutionStarted', now, 0, {
      input,
      inputDetails: { truncated: false },
      roleArn: this.deps.roleArn,
    });
    const root = this.newThread(record, { scope: '', state: definition.StartAt, input: JSON.parse(input) as unknown, lastEventId: startedId });
    this.armExecutionTimeout(record);
    this.markDirty(record);
    this.wake(record, root);
    this.deps.log('Step Functions execution started', { executionArn });
    return record;
  }

  /** Stops a running execution (ExecutionAborted); a closed one is left as it is. */
  stopExecution(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.requireExecution(executionArn);
    if (record.status === 'RUNNING') {
      this.closeExecution(record, 'ABORTED', {
        ...(error !== undefined ? { error } : {}),
        ...(cause !== undefined ? { cause } : {}),
      });
      this.flush();
    }
    return record;
  }

  // ---------------------------------------------------------------- task tokens

  /** Completes the Task waiting on `token` with `output` (a JSON string). */
  sendTaskSuccess(token: unknown, output: unknown): void {
    const { record, thread } = this.taskForToken(token);
    let result: unknown;
    try {
      result = JSON.parse(String(output));
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid Output: output is not valid JSON');
    }
    this.succeedTask(record, thread, result);
    this.flush();
  }

  /** Fails the Task waiting on `token` with the given error and cause. */
  sendTaskFailure(token: unknown, error?: string, cause?: string): void {
    const { record, thread } = this.taskForToken(token);
    this.failTask(record, thread, new StatesError(error ?? '', cause ?? ''), 'TaskFailed');
    this.flush();
  }

  /** Restarts the heartbeat period of the Task waiting on `token`. */
  sendTaskHeartbeat(token: unknown): void {
    const { record, thread } = this.taskForToken(token);
    const wait = thread.wait as TaskWait;
    if (wait.heartbeatSeconds !== undefined) {
      wait.heartbeatAt = this.now() + wait.heartbeatSeconds * 1000;
      this.armThreadTimers(record, thread);
      this.markDirty(record);
      this.flush();
    }
  }

  private taskForToken(token: unknown): { record: ExecutionRecord; thread: ThreadRecord } {
    if (!isWellFormedToken(token)) throw new ServiceError('InvalidToken', 'Invalid Token: the task token is malformed');
    const entry = this.tokens.get(token);
    const record = entry && this.executions.get(entry.executionArn);
    const thread = entry && record?.threads[entry.threadId];
    if (!record || !thread || thread.wait?.kind !== 'task' || thread.wait.token !== token) {
      if (this.tokenOutcomes.get(token) === 'timedOut') throw new ServiceError('TaskTimedOut', 'Task Timed Out: the task has already timed out');
      throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist: the task token is unknown or already used');
    }
    return { record, thread };
  }

  private releaseToken(record: ExecutionRecord, thread: ThreadRecord, outcome: TokenOutcome): void {
    const token = thread.wait?.kind === 'task' ? thread.wait.token : undefined;
    if (!token) return;
    this.tokens.delete(token);
    this.tokenOutcomes.set(token, outcome);
    record.tokenOutcomes[token] = outcome;
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Loads every persisted execution and carries on the running ones: ready threads run
   * again, waits and timeouts are rescheduled, waiting tokens become valid again, and a
   * Task that was mid-invocation is re-run from its start. Only the first call has an effect.
   */
  resume(): void {
    if (this.resumed) return;
    this.resumed = true;
    const records = this.deps.store.loadExecutions().filter((record) => !this.executions.has(record.executionArn));
    for (const record of records) {
      this.executions.set(record.executionArn, record);
      for (const [token, outcome] of Object.entries(record.tokenOutcomes)) this.tokenOutcomes.set(token, outcome);
    }
    for (const record of records) {
      if (record.status !== 'RUNNING') continue;
      this.armExecutionTimeout(record);
      for (const thread of Object.values(record.threads)) this.resumeThread(record, thread);
    }
    this.deps.log('Step Functions executions resumed', { executions: records.length });
  }

  private resumeThread(record: ExecutionRecord, thread: ThreadRecord): void {
    const wait = thread.wait;
    if (!wait) return this.wake(record, thread);
    if (wait.kind === 'timer') return this.armThreadTimers(record, thread);
    if (wait.kind === 'branches') return this.guard(record, thread, () => this.launchBranches(record, thread));
    if (wait.phase === 'invoking') {
      this.releaseToken(record, thread, 'closed');
      this.setWait(thread, undefined);
      this.markDirty(record);
      return this.wake(record, thread);
    }
    if (wait.token) this.tokens.set(wait.token, { executionArn: record.executionArn, threadId: thread.id });
    this.armThreadTimers(record, thread);
    const child = wait.childExecutionArn ? this.executions.get(wait.childExecutionArn) : undefined;
    if (wait.phase === 'execution' && child && child.status !== 'RUNNING') this.enqueue(() => this.completeSyncTask(record, thread, child));
  }

  /**
   * Fires every due timer and waits until no execution can progress without outside
   * input (a task token callback or more time).
   */
  async settle(): Promise<void> {
    for (;;) {
      this.scheduler.fireDue();
      if (this.inflight.size === 0 && this.queue.length === 0 && !this.pumpScheduled && !this.scheduler.hasDue()) break;
      await Promise.allSettled([...this.inflight]);
    }
    this.flush();
  }

  /** Stops timers and writes what is pending; later callbacks are ignored. */
  close(): void {
    this.flush();
    this.closed = true;
    this.scheduler.close();
  }

  // ---------------------------------------------------------------- pump and persistence

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private markDirty(record: ExecutionRecord): void {
    this.dirty.add(record);
    this.schedulePump();
  }

  private flush(): void {
    if (this.closed) return;
    for (const record of this.dirty) this.deps.store.saveExecution(record);
    this.dirty.clear();
  }

  private track<T>(promise: Promise<T>): void {
    this.inflight.add(promise);
    const forget = (): void => {
      this.inflight.delete(promise);
    };
    promise.then(forget, forget);
  }

  private enqueue(work: () => void): void {
    this.queue.push(work);
    this.schedulePump();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.closed) return;
    this.pumpScheduled = true;
    this.track(
      new Promise<void>((resolve) => {
        setImmediate(() => {
          this.pumpScheduled = false;
          this.pump();
          resolve();
        });
      }),
    );
  }

  /** Flushes dirty executions, then runs queued work, until the queue is empty. */
  private pump(): void {
    for (;;) {
      this.flush();
      if (this.closed || this.queue.length === 0) return;
      for (const work of this.queue.splice(0)) {
        try {
          work();
        } catch (error) {
          this.deps.log('Step Functions internal error', { error: String(error) });
        }
      }
    }
  }

  // ---------------------------------------------------------------- threads

  private definition(record: ExecutionRecord): CompiledDefinition {
    let compiled = this.definitions.get(record.executionArn);
    if (!compiled) {
      compiled = compileDefinition(record.definition);
      this.definitions.set(record.executionArn, compiled);
    }
    return compiled;
  }

  private stateOf(record: ExecutionRecord, thread: ThreadRecord): StateDefinition {
    const state = this.definition(record).scopes.get(thread.scope)?.States[thread.state];
    if (!state) throw runtimeError(`State '${thread.state}' does not exist`);
    return state;
  }

  private newThread(
    record: ExecutionRecord,
    fields: Pick<ThreadRecord, 'scope' | 'state' | 'input' | 'lastEventId'> & Partial<Pick<ThreadRecord, 'parentId' | 'index'>>,
  ): ThreadRecord {
    const thread: ThreadRecord = {
      id: `t${record.nextThreadId}`,
      ...fields,
      entered: false,
      enteredAt: this.now(),
      retryAttempts: [],
      retryCount: 0,
      epoch: 0,
    };
    record.nextThreadId += 1;
    record.threads[thread.id] = thread;
    return thread;
  }

  private isCurrent(record: ExecutionRecord, thread: ThreadRecord, epoch?: number): boolean {
    return (
      !this.closed && record.status === 'RUNNING' && record.threads[thread.id] === thread && (epoch === undefined || thread.epoch === epoch)
    );
  }

  private setWait(thread: ThreadRecord, wait: ThreadWait | undefined): void {
    thread.epoch += 1;
    if (wait) thread.wait = wait;
    else delete thread.wait;
  }

  private event(record: ExecutionRecord, thread: ThreadRecord | undefined, type: string, details?: Record<string, unknown>): void {
    const id = appendEvent(record, type, this.now(), thread?.lastEventId ?? record.history.length, details);
    if (thread) thread.lastEventId = id;
  }

  private wake(record: ExecutionRecord, thread: ThreadRecord): void {
    this.enqueue(() => this.run(record, thread));
  }

  private guard(record: ExecutionRecord, thread: ThreadRecord, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.handleError(record, thread, toStatesError(error));
    }
    this.markDirty(record);
  }

  /** Runs a ready thread until it waits, ends or fails. */
  private run(record: ExecutionRecord, thread: ThreadRecord): void {
    while (this.isCurrent(record, thread) && !thread.wait) {
      this.guard(record, thread, () => this.step(record, thread));
    }
  }

  private context(record: ExecutionRecord, thread: ThreadRecord, extra: Record<string, unknown> = {}): Record<string, unknown> {
    let input = this.parsedInputs.get(record);
    if (input === undefined) {
      input = JSON.parse(record.input) as unknown;
      this.parsedInputs.set(record, input);
    }
    return {
      Execution: { Id: record.executionArn, Input: input, Name: record.name, RoleArn: this.deps.roleArn, StartTime: new Date(record.startDate).toISOString() },
      State: { EnteredTime: new Date(thread.enteredAt).toISOString(), Name: thread.state, RetryCount: thread.retryCount },
      StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
      ...extra,
    };
  }

  private step(record: ExecutionRecord, thread: ThreadRecord): void {
    const state = this.stateOf(record, thread);
    if (!thread.entered) {
      thread.entered = true;
      thread.enteredAt = this.now();
      this.event(record, thread, `${state.Type}StateEntered`, { name: thread.state, input: toJson(thread.input), inputDetails: { truncated: false } });
      this.deps.count?.('transition', record.stateMachineName);
    }
    const context = this.context(record, thread);
    const effective = (): unknown => applyInputPath(state.InputPath, thread.input, context);
    switch (state.Type) {
      case 'Pass': {
        const result =
          state.Result !== undefined ? state.Result : state.Parameters !== undefined ? applyPayloadTemplate(state.Parameters, effective(), context) : effective();
        return this.advance(record, thread, state, applyOutputPath(state.OutputPath, applyResultPath(state.ResultPath, thread.input, result)));
      }
      case 'Choice': {
        const input = effective();
        const match = (state.Choices ?? []).find((rule) => evaluateChoiceRule(rule, input));
        const next = match?.Next ?? state.Default;
        if (!next) throw new StatesError(StatesErrors.noChoiceMatched, `No Choice rule matched in state '${thread.state}'`);
        return this.advance(record, thread, state, applyOutputPath(state.OutputPath, input), next);
      }
      case 'Wait':
        return this.startWait(record, thread, state, effective());
      case 'Succeed':
        return this.advance(record, thread, state, applyOutputPath(state.OutputPath, effective()));
      case 'Fail': {
        const text = (value: string | undefined, path: string | undefined): string =>
          value ?? (path !== undefined ? String(evaluateDynamicValue(path, thread.input, context)) : '');
        throw new StatesError(text(state.Error, state.ErrorPath), text(state.Cause, state.CausePath));
      }
      case 'Task':
        return this.startTask(record, thread, state, effective());
      case 'Map':
      case 'Parallel':
        return this.startBranches(record, thread, state, effective());
    }
  }

  /**
   * Leaves the current state with `output` and moves to `next` (a Choice or Catch
   * target) or else to the state's Next; a terminal state ends the thread.
   */
  private advance(record: ExecutionRecord, thread: ThreadRecord, state: StateDefinition, output: unknown, next?: string): void {
    this.event(record, thread, `${state.Type}StateExited`, { name: thread.state, output: toJson(output), outputDetails: { truncated: false } });
    const target = next ?? (state.End || state.Type === 'Succeed' ? undefined : state.Next);
    if (target === undefined) return this.endThread(record, thread, output);
    this.setWait(thread, undefined);
    thread.state = target;
    thread.input = output;
    thread.entered = false;
    thread.retryAttempts = [];
    thread.retryCount = 0;
  }

  private endThread(record: ExecutionRecord, thread: ThreadRecord, output: unknown): void {
    if (thread.parentId === undefined) return this.closeExecution(record, 'SUCCEEDED', { output: toJson(output) });
    const parent = record.threads[thread.parentId];
    if (!parent) return;
    delete record.threads[thread.id];
    const wait = parent.wait as BranchesWait;
    wait.results[thread.index ?? 0] = output;
    wait.running -= 1;
    wait.completed += 1;
    if (wait.stateType === 'Map') this.event(record, parent, 'MapIterationSucceeded', { name: parent.state, index: thread.index });
    this.guard(record, parent, () => this.launchBranches(record, parent));
    this.wake(record, parent);
  }

  // ---------------------------------------------------------------- errors

  /** Applies Retry, then Catch, of the thread's current state; otherwise fails upwards. */
  private handleError(record: ExecutionRecord, thread: ThreadRecord, error: StatesError): void {
    if (!this.isCurrent(record, thread)) return;
    const state = this.stateOf(record, thread);
    if (isRecoverable(error.error)) {
      const retry = planRetry(state.Retry, error.error, thread.retryAttempts);
      if (retry) {
        thread.retryAttempts[retry.retrierIndex] = (thread.retryAttempts[retry.retrierIndex] ?? 0) + 1;
        thread.retryCount += 1;
        this.deps.count?.('transition', record.stateMachineName);
        this.setWait(thread, retry.delayMs > 0 ? { kind: 'timer', purpose: 'retry', dueAt: this.now() + retry.delayMs } : undefined);
        this.armThreadTimers(record, thread);
        if (!thread.wait) this.wake(record, thread);
        return;
      }
      const catcher = findCatcher(state.Catch, error.error);
      if (catcher) {
        try {
          const output = applyResultPath(catcher.ResultPath, thread.input, { Error: error.error, Cause: error.cause });
          this.advance(record, thread, state, output, catcher.Next);
          this.wake(record, thread);
          return;
        } catch (pathError) {
          return this.failUpwards(record, thread, toStatesError(pathError));
        }
      }
    }
    this.failUpwards(record, thread, error);
  }

  private failUpwards(record: ExecutionRecord, thread: ThreadRecord, error: StatesError): void {
    if (thread.parentId === undefined) return this.closeExecution(record, 'FAILED', { error: error.error, cause: error.cause });
    const parent = record.threads[thread.parentId];
    if (!parent) return;
    const wait = parent.wait as BranchesWait;
    if (wait.stateType === 'Map') this.event(record, parent, 'MapIterationFailed', { name: parent.state, index: thread.index });
    this.abortChildren(record, parent);
    this.event(record, parent, wait.stateType === 'Map' ? 'MapStateFailed' : 'ParallelStateFailed');
    this.setWait(parent, undefined);
    this.handleError(record, parent, error);
  }

  /** Removes every descendant thread of `thread`, releasing their tokens, timers and `.sync` children. */
  private abortChildren(record: ExecutionRecord, thread: ThreadRecord): void {
    for (const child of Object.values(record.threads)) {
      if (child.parentId !== thread.id) continue;
      this.abortChildren(record, child);
      this.releaseThread(record, child, 'closed');
      delete record.threads[child.id];
    }
  }

  private releaseThread(record: ExecutionRecord, thread: ThreadRecord, outcome: TokenOutcome): void {
    this.cancelThreadTimers(record, thread);
    this.releaseToken(record, thread, outcome);
    const childArn = thread.wait?.kind === 'task' ? thread.wait.childExecutionArn : undefined;
    const child = childArn ? this.executions.get(childArn) : undefined;
    if (child?.status === 'RUNNING' && child.parent?.executionArn === record.executionArn) {
      this.closeExecution(child, 'ABORTED', { cause: `Stopped by its parent execution ${record.executionArn}` });
    }
  }

  private closeExecution(record: ExecutionRecord, status: Exclude<ExecutionStatus, 'RUNNING'>, fields: { output?: string; error?: string; cause?: string }): void {
    if (record.status !== 'RUNNING') return;
    for (const thread of Object.values(record.threads)) this.releaseThread(record, thread, status === 'TIMED_OUT' ? 'timedOut' : 'closed');
    this.scheduler.cancel(`${record.executionArn}#timeout`);
    Object.assign(record, fields);
    record.status = status;
    record.stopDate = this.now();
    record.threads = {};
    const details =
      status === 'SUCCEEDED'
        ? { output: fields.output, outputDetails: { truncated: false } }
        : { ...(fields.error !== undefined ? { error: fields.error } : {}), ...(fields.cause !== undefined ? { cause: fields.cause } : {}) };
    this.event(record, undefined, closedStatusEvents[status], details);
    this.markDirty(record);
    this.deps.log('Step Functions execution closed', { executionArn: record.executionArn, status });
    const parentLink = record.parent;
    const parent = parentLink && this.executions.get(parentLink.executionArn);
    const waiting = parent?.threads[parentLink?.threadId ?? ''];
    if (parent && waiting?.wait?.kind === 'task' && waiting.wait.childExecutionArn === record.executionArn) {
      this.enqueue(() => this.completeSyncTask(parent, waiting, record));
    }
  }

  // ---------------------------------------------------------------- timers

  private armExecutionTimeout(record: ExecutionRecord): void {
    if (record.timeoutAt === undefined) return;
    this.scheduler.schedule(`${record.executionArn}#timeout`, record.timeoutAt, () =>
      this.closeExecution(record, 'TIMED_OUT', { error: StatesErrors.timeout, cause: 'The execution ran longer than its TimeoutSeconds' }),
    );
  }

  private cancelThreadTimers(record: ExecutionRecord, thread: ThreadRecord): void {
    for (const purpose of ['timer', 'timeout', 'heartbeat']) this.scheduler.cancel(`${record.executionArn}#${thread.id}#${purpose}`);
  }

  /** Schedules what the thread's wait needs (Wait/Retry instant, Task timeout and heartbeat). */
  private armThreadTimers(record: ExecutionRecord, thread: ThreadRecord): void {
    this.cancelThreadTimers(record, thread);
    const wait = thread.wait;
    const epoch = thread.epoch;
    const key = (purpose: string): string => `${record.executionArn}#${thread.id}#${purpose}`;
    const when = (work: () => void) => (): void => {
      if (!this.isCurrent(record, thread, epoch)) return;
      work();
      this.markDirty(record);
    };
    if (wait?.kind === 'timer') {
      this.scheduler.schedule(key('timer'), wait.dueAt, when(() => this.timerElapsed(record, thread, wait.purpose)));
    } else if (wait?.kind === 'task') {
      if (wait.timeoutAt !== undefined) {
        const error = new StatesError(StatesErrors.timeout, 'The task did not complete within its TimeoutSeconds');
        this.scheduler.schedule(key('timeout'), wait.timeoutAt, when(() => this.failTask(record, thread, error, 'TaskTimedOut')));
      }
      if (wait.heartbeatAt !== undefined) {
        const error = new StatesError(StatesErrors.heartbeatTimeout, 'The task sent no heartbeat within its HeartbeatSeconds');
        this.scheduler.schedule(key('heartbeat'), wait.heartbeatAt, when(() => this.failTask(record, thread, error, 'TaskTimedOut')));
      }
    }
  }

  private timerElapsed(record: ExecutionRecord, thread: ThreadRecord, purpose: 'wait' | 'retry'): void {
    this.setWait(thread, undefined);
    if (purpose === 'wait') {
      this.guard(record, thread, () => {
        const state = this.stateOf(record, thread);
        this.advance(record, thread, state, applyOutputPath(state.OutputPath, applyInputPath(state.InputPath, thread.input, this.context(record, thread))));
      });
    }
    this.wake(record, thread);
  }

  private startWait(record: ExecutionRecord, thread: ThreadRecord, state: StateDefinition, input: unknown): void {
    const now = this.now();
    let dueAt: number;
    if (state.Seconds !== undefined || state.SecondsPath !== undefined) {
      const seconds = state.Seconds ?? nonNegativeInteger(readPath(state.SecondsPath ?? '$', input), 'SecondsPath');
      dueAt = now + seconds * 1000;
    } else {
      const timestamp = state.Timestamp ?? readPath(state.TimestampPath ?? '$', input);
      dueAt = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
      if (Number.isNaN(dueAt)) throw runtimeError(`Wait state '${thread.state}' has an invalid timestamp ${JSON.stringify(timestamp)}`);
    }
    if (dueAt <= now) return this.advance(record, thread, state, applyOutputPath(state.OutputPath, input));
    this.setWait(thread, { kind: 'timer', purpose: 'wait', dueAt });
    this.armThreadTimers(record, thread);
  }

  // ---------------------------------------------------------------- tasks

  private startTask(record: ExecutionRecord, thread: ThreadRecord, state: StateDefinition, input: unknown): void {
    const resourceArn = state.Resource ?? '';
    const resource = classifyResource(resourceArn);
    if (!resource) throw runtimeError(`Unsupported resource ${resourceArn}`);
    const usesToken = (resource.kind === 'lambda-invoke' && resource.waitForTaskToken) || (resource.kind === 'start-execution' && resource.mode === 'waitForTaskToken');
    const token = usesToken ? newTaskToken() : undefined;
    const context = this.context(record, thread, token ? { Task: { Token: token } } : {});
    const parameters = state.Parameters !== undefined ? applyPayloadTemplate(state.Parameters, input, context) : input;
    const timeoutSeconds = state.TimeoutSeconds ?? (state.TimeoutSecondsPath ? nonNegativeInteger(readPath(state.TimeoutSecondsPath, input), 'TimeoutSecondsPath') : undefined);
    const heartbeatSeconds =
      state.HeartbeatSeconds ?? (state.HeartbeatSecondsPath ? nonNegativeInteger(readPath(state.HeartbeatSecondsPath, input), 'HeartbeatSecondsPath') : undefined);
    const now = this.now();
    const wait: TaskWait = {
      kind: 'task',
      phase: 'invoking',
      resource: resourceArn,
      parameters,
      ...(token ? { token } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutAt: now + timeoutSeconds * 1000 } : {}),
      ...(token && heartbeatSeconds !== undefined ? { heartbeatSeconds, heartbeatAt: now + heartbeatSeconds * 1000 } : {}),
    };
    this.setWait(thread, wait);
    if (token) this.tokens.set(token, { executionArn: record.executionArn, threadId: thread.id });
    this.event(record, thread, 'TaskScheduled', {
      ...resourceLabel(resourceArn),
      region: this.deps.arnPrefix.split(':')[3],
      parameters: toJson(parameters),
      ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
      ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
    });
    this.armThreadTimers(record, thread);
    const epoch = thread.epoch;
    this.enqueue(() => this.dispatchTask(record, thread, epoch));
  }

  /** Calls the Task's resource (after the pump has persisted the Task as scheduled). */
  private dispatchTask(record: ExecutionRecord, thread: ThreadRecord, epoch: number): void {
    if (!this.isCurrent(record, thread, epoch) || thread.wait?.kind !== 'task') return;
    const wait = thread.wait;
    const resource = classifyResource(wait.resource);
    this.event(record, thread, 'TaskStarted', resourceLabel(wait.resource));
    this.markDirty(record);
    if (resource?.kind === 'start-execution') {
      return this.guard(record, thread, () => this.startChildExecution(record, thread, wait, resource.mode));
    }
    const parameters = (wait.parameters ?? {}) as Record<string, unknown>;
    const functionName = resource?.kind === 'lambda-function' ? resource.functionArn : String(parameters.FunctionName ?? '');
    const payload = resource?.kind === 'lambda-function' ? wait.parameters : (parameters.Payload ?? {});
    const invocation = Promise.resolve().then(() => this.deps.invokeLambda(functionName, payload));
    this.track(
      invocation.then(
        (value) => {
          if (!this.isCurrent(record, thread, epoch)) return;
          if (wait.token) {
            wait.phase = 'token';
            this.event(record, thread, 'TaskSubmitted', { ...resourceLabel(wait.resource), output: toJson(value) });
            this.markDirty(record);
          } else {
            this.succeedTask(record, thread, resource?.kind === 'lambda-invoke' ? lambdaInvokeResult(value, randomUUID()) : value);
          }
        },
        (error: unknown) => {
          if (this.isCurrent(record, thread, epoch)) this.failTask(record, thread, lambdaError(error), 'TaskFailed');
        },
      ),
    );
  }

  private startChildExecution(record: ExecutionRecord, thread: ThreadRecord, wait: TaskWait, mode: 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken'): void {
    const parameters = (wait.parameters ?? {}) as Record<string, unknown>;
    const input = parameters.Input === undefined ? '{}' : typeof parameters.Input === 'string' ? parameters.Input : JSON.stringify(parameters.Input);
    const sync = mode === 'sync' || mode === 'sync:2';
    let child: ExecutionRecord;
    try {
      child = this.startExecution({
        stateMachineArn: String(parameters.StateMachineArn ?? ''),
        input,
        ...(typeof parameters.Name === 'string' ? { name: parameters.Name } : {}),
        ...(sync ? { parent: { executionArn: record.executionArn, threadId: thread.id } } : {}),
      });
    } catch (error) {
      if (error instanceof ServiceError) return this.failTask(record, thread, new StatesError(`StepFunctions.${error.type}Exception`, error.message), 'TaskFailed');
      throw error;
    }
    if (mode === 'request-response') {
      return this.succeedTask(record, thread, { ExecutionArn: child.executionArn, StartDate: new Date(child.startDate).toISOString() });
    }
    wait.phase = sync ? 'execution' : 'token';
    if (sync) wait.childExecutionArn = child.executionArn;
    this.event(record, thread, 'TaskSubmitted', { ...resourceLabel(wait.resource), output: toJson({ ExecutionArn: child.executionArn }) });
    if (sync && child.status !== 'RUNNING') this.enqueue(() => this.completeSyncTask(record, thread, child));
  }

  private completeSyncTask(record: ExecutionRecord, thread: ThreadRecord, child: ExecutionRecord): void {
    const wait = thread.wait;
    if (!this.isCurrent(record, thread) || wait?.kind !== 'task' || wait.childExecutionArn !== child.executionArn) return;
    const description = describeChildExecution(child, wait.resource.endsWith(':2'));
    if (child.status === 'SUCCEEDED') return this.succeedTask(record, thread, description);
    this.failTask(record, thread, new StatesError(StatesErrors.taskFailed, JSON.stringify(describeChildExecution(child, false))), 'TaskFailed');
  }

  private succeedTask(record: ExecutionRecord, thread: ThreadRecord, result: unknown): void {
    const wait = thread.wait as TaskWait;
    this.cancelThreadTimers(record, thread);
    this.releaseToken(record, thread, 'completed');
    this.setWait(thread, undefined);
    this.event(record, thread, 'TaskSucceeded', { ...resourceLabel(wait.resource), output: toJson(result), outputDetails: { truncated: false } });
    this.guard(record, thread, () => {
      const state = this.stateOf(record, thread);
      const selected = state.ResultSelector !== undefined ? applyPayloadTemplate(state.ResultSelector, result, this.context(record, thread)) : result;
      this.advance(record, thread, state, applyOutputPath(state.OutputPath, applyResultPath(state.ResultPath, thread.input, selected)));
    });
    this.wake(record, thread);
  }

  private failTask(record: ExecutionRecord, thread: ThreadRecord, error: StatesError, eventType: 'TaskFailed' | 'TaskTimedOut'): void {
    const wait = thread.wait as TaskWait;
    this.releaseThread(record, thread, eventType === 'TaskTimedOut' ? 'timedOut' : 'completed');
    this.setWait(thread, undefined);
    this.event(record, thread, eventType, { ...resourceLabel(wait.resource), error: error.error, cause: error.cause });
    this.handleError(record, thread, error);
    this.markDirty(record);
  }

  // ---------------------------------------------------------------- Map and Parallel

  private startBranches(record: ExecutionRecord, thread: ThreadRecord, state: StateDefinition, input: unknown): void {
    const context = this.context(record, thread);
    let wait: BranchesWait;
    if (state.Type === 'Map') {
      const items = readPath(state.ItemsPath ?? '$', input, context);
      if (!Array.isArray(items)) throw runtimeError(`ItemsPath of Map state '${thread.state}' did not select an array`);
      const maxConcurrency = state.MaxConcurrency ?? (state.MaxConcurrencyPath ? nonNegativeInteger(readPath(state.MaxConcurrencyPath, input), 'MaxConcurrencyPath') : 0);
      wait = { kind: 'branches', stateType: 'Map', items, input, total: items.length, nextIndex: 0, running: 0, completed: 0, maxConcurrency, results: items.map(() => null) };
      this.event(record, thread, 'MapStateStarted', { length: items.length });
    } else {
      const branchInput = state.Parameters !== undefined ? applyPayloadTemplate(state.Parameters, input, context) : input;
      const total = state.Branches?.length ?? 0;
      wait = { kind: 'branches', stateType: 'Parallel', items: [], input: branchInput, total, nextIndex: 0, running: 0, completed: 0, maxConcurrency: 0, results: Array.from({ length: total }, () => null) };
      this.event(record, thread, 'ParallelStateStarted');
    }
    this.setWait(thread, wait);
    this.launchBranches(record, thread);
  }

  /** Starts iterations/branches up to MaxConcurrency, or completes the state when all are done. */
  private launchBranches(record: ExecutionRecord, thread: ThreadRecord): void {
    const wait = thread.wait;
    if (!this.isCurrent(record, thread) || wait?.kind !== 'branches') return;
    const state = this.stateOf(record, thread);
    while (wait.nextIndex < wait.total && (wait.maxConcurrency === 0 || wait.running < wait.maxConcurrency)) {
      const index = wait.nextIndex;
      let child: ThreadRecord;
      if (wait.stateType === 'Map') {
        const processor = state.ItemProcessor ?? state.Iterator;
        const selector = state.ItemSelector ?? state.Parameters;
        const item = wait.items[index];
        const iterationInput =
          selector !== undefined ? applyPayloadTemplate(selector, wait.input, this.context(record, thread, { Map: { Item: { Index: index, Value: item } } })) : item;
        this.event(record, thread, 'MapIterationStarted', { name: thread.state, index });
        child = this.newThread(record, { scope: mapScope(thread.scope, thread.state), state: processor?.StartAt ?? '', input: iterationInput, lastEventId: thread.lastEventId, parentId: thread.id, index });
      } else {
        const branch = state.Branches?.[index];
        child = this.newThread(record, { scope: branchScope(thread.scope, thread.state, index), state: branch?.StartAt ?? '', input: wait.input, lastEventId: thread.lastEventId, parentId: thread.id, index });
      }
      wait.nextIndex += 1;
      wait.running += 1;
      this.wake(record, child);
    }
    if (wait.completed === wait.total) {
      this.event(record, thread, wait.stateType === 'Map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded');
      this.setWait(thread, undefined);
      const selected = state.ResultSelector !== undefined ? applyPayloadTemplate(state.ResultSelector, wait.results, this.context(record, thread)) : wait.results;
      this.advance(record, thread, state, applyOutputPath(state.OutputPath, applyResultPath(state.ResultPath, thread.input, selected)));
    }
  }

  private requireExecution(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (!record) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }
}

import type { Clock } from '#shared/ports/clock.js';
import { evaluateChoiceRule } from './choice-rules.js';
import { compileDefinition, type CompiledDefinition, type StateDefinition } from './definition.js';
import { isRecoverable, runtimeError, StatesError, StatesErrors } from './errors.js';
import { appendEvent, type ClosedStatus, type ExecutionRecord, type ThreadRecord, type ThreadWait, type TokenOutcome } from './execution-record.js';
import { InlineMap } from './inline-map.js';
import { LambdaTasks, type LambdaTasksDependencies } from './lambda-tasks.js';
import { applyPayloadTemplate, applyResultPath } from './paths-and-parameters.js';
import { findCatcher, planRetry } from './retry-catch.js';
import type { NewThread, ThreadControl } from './thread-control.js';
import { ThreadTimers } from './wait-and-retry-timers.js';
import type { WriteAheadQueue } from './write-ahead-queue.js';

/** What the {@link ThreadRunner} needs. */
export interface ThreadRunnerDependencies extends LambdaTasksDependencies {
  clock: Clock;
  queue: WriteAheadQueue;
  log(message: string, fields?: Record<string, unknown>): void;
  /** Told of each billed state transition (a state entered or retried), by state machine name. */
  count?(what: 'transition', stateMachineName: string): void;
}

const closedStatusEvents: Record<ClosedStatus, string> = { SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', ABORTED: 'ExecutionAborted' };

const toJson = (value: unknown): string => JSON.stringify(value === undefined ? null : value);

function toStatesError(error: unknown): StatesError {
  return error instanceof StatesError ? error : runtimeError(error instanceof Error ? error.message : String(error));
}

/**
 * Runs the threads of executions (the execution itself and its Map iterations) from
 * state to state: Pass, Choice and Succeed itself, Task, Wait and Map through their
 * modules; applies Retry and Catch; ends the execution when its root thread ends or
 * fails. Every change is synchronous and marks the execution dirty in the write-ahead
 * queue; running a thread is queued work.
 */
export class ThreadRunner implements ThreadControl {
  readonly queue: WriteAheadQueue;
  /** The Task states, also answering task-token callbacks. */
  readonly tasks: LambdaTasks;
  private readonly timers: ThreadTimers;
  private readonly map: InlineMap;
  private readonly definitions = new Map<string, CompiledDefinition>();

  /** Creates the runner and the state modules it drives. */
  constructor(private readonly deps: ThreadRunnerDependencies) {
    this.queue = deps.queue;
    this.timers = new ThreadTimers(this, deps.scheduler);
    this.tasks = new LambdaTasks(this, deps);
    this.map = new InlineMap(this);
  }

  now(): number {
    return this.deps.clock.now().getTime();
  }

  /** The compiled definition an execution runs (throws InvalidDefinitionError when it is no longer supported). */
  definition(record: ExecutionRecord): CompiledDefinition {
    let compiled = this.definitions.get(record.executionArn);
    if (!compiled) {
      compiled = compileDefinition(record.definition);
      this.definitions.set(record.executionArn, compiled);
    }
    return compiled;
  }

  stateOf(record: ExecutionRecord, thread: ThreadRecord): StateDefinition {
    const state = this.definition(record).scopes.get(thread.scope)?.States[thread.state];
    if (!state) throw runtimeError(`State '${thread.state}' does not exist`);
    return state;
  }

  newThread(record: ExecutionRecord, fields: NewThread): ThreadRecord {
    const thread: ThreadRecord = { id: `t${record.nextThreadId}`, ...fields, entered: false, retryAttempts: [], epoch: 0 };
    record.nextThreadId += 1;
    record.threads[thread.id] = thread;
    return thread;
  }

  isCurrent(record: ExecutionRecord, thread: ThreadRecord, epoch?: number): boolean {
    return !this.queue.isClosed && record.status === 'RUNNING' && record.threads[thread.id] === thread && (epoch === undefined || thread.epoch === epoch);
  }

  setWait(thread: ThreadRecord, wait: ThreadWait | undefined): void {
    thread.epoch += 1;
    if (wait) thread.wait = wait;
    else delete thread.wait;
  }

  event(record: ExecutionRecord, thread: ThreadRecord, type: string, details?: Record<string, unknown>): void {
    thread.lastEventId = appendEvent(record, type, this.now(), thread.lastEventId, details);
  }

  wake(record: ExecutionRecord, thread: ThreadRecord): void {
    this.queue.enqueue(() => this.run(record, thread));
  }

  guard(record: ExecutionRecord, thread: ThreadRecord, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.fail(record, thread, toStatesError(error));
    }
    this.queue.markDirty(record);
  }

  advance(record: ExecutionRecord, thread: ThreadRecord, state: StateDefinition, output: unknown, next?: string): void {
    this.event(record, thread, `${state.Type}StateExited`, { name: thread.state, output: toJson(output), outputDetails: { truncated: false } });
    const target = next ?? ('Next' in state ? state.Next : undefined);
    if (target === undefined) return this.endThread(record, thread, output);
    this.setWait(thread, undefined);
    thread.state = target;
    thread.input = output;
    thread.entered = false;
    thread.retryAttempts = [];
  }

  fail(record: ExecutionRecord, thread: ThreadRecord, error: StatesError): void {
    if (!this.isCurrent(record, thread)) return;
    const state = this.stateOf(record, thread);
    if (state.Type === 'Task' && isRecoverable(error.error)) {
      const retry = planRetry(state.Retry, error.error, thread.retryAttempts);
      if (retry) {
        thread.retryAttempts[retry.retrierIndex] = (thread.retryAttempts[retry.retrierIndex] ?? 0) + 1;
        this.deps.count?.('transition', record.stateMachineName);
        return this.timers.retryAfter(record, thread, retry.delayMs);
      }
      const catcher = findCatcher(state.Catch, error.error);
      if (catcher) {
        try {
          this.advance(record, thread, state, applyResultPath(catcher.ResultPath, thread.input, { Error: error.error, Cause: error.cause }), catcher.Next);
          return this.wake(record, thread);
        } catch (pathError) {
          return this.failUpwards(record, thread, toStatesError(pathError));
        }
      }
    }
    this.failUpwards(record, thread, error);
  }

  abortChildren(record: ExecutionRecord, thread: ThreadRecord): void {
    for (const child of Object.values(record.threads)) {
      if (child.parentId !== thread.id) continue;
      this.abortChildren(record, child);
      this.release(record, child, 'closed');
      delete record.threads[child.id];
    }
  }

  /** Ends a running execution: its threads stop, its tokens are retired and the closing event is recorded. */
  closeExecution(record: ExecutionRecord, status: ClosedStatus, fields: { output?: string; error?: string; cause?: string }): void {
    if (record.status !== 'RUNNING') return;
    for (const thread of Object.values(record.threads)) this.release(record, thread, 'closed');
    Object.assign(record, fields);
    record.status = status;
    record.stopDate = this.now();
    record.threads = {};
    const details =
      status === 'SUCCEEDED'
        ? { output: fields.output, outputDetails: { truncated: false } }
        : { ...(fields.error !== undefined ? { error: fields.error } : {}), ...(fields.cause !== undefined ? { cause: fields.cause } : {}) };
    appendEvent(record, closedStatusEvents[status], this.now(), record.history.length, details);
    this.queue.markDirty(record);
    this.deps.log('Step Functions execution closed', { executionArn: record.executionArn, status });
  }

  /** Carries on a thread loaded from disk: runs it, re-arms its timer or Task, or relaunches its Map. */
  resumeThread(record: ExecutionRecord, thread: ThreadRecord): void {
    const wait = thread.wait;
    if (!wait) return this.wake(record, thread);
    switch (wait.kind) {
      case 'timer':
        return this.timers.arm(record, thread);
      case 'task':
        return this.tasks.resume(record, thread);
      case 'map':
        return this.guard(record, thread, () => this.map.launch(record, thread));
      default:
        throw new Error(`thread ${thread.id} waits on '${(wait as { kind: string }).kind}', which this runtime does not know`);
    }
  }

  /** Runs a ready thread until it waits, ends or fails. */
  private run(record: ExecutionRecord, thread: ThreadRecord): void {
    while (this.isCurrent(record, thread) && !thread.wait) this.guard(record, thread, () => this.step(record, thread));
  }

  private step(record: ExecutionRecord, thread: ThreadRecord): void {
    const state = this.stateOf(record, thread);
    if (!thread.entered) {
      thread.entered = true;
      this.event(record, thread, `${state.Type}StateEntered`, { name: thread.state, input: toJson(thread.input), inputDetails: { truncated: false } });
      this.deps.count?.('transition', record.stateMachineName);
    }
    const input = thread.input;
    switch (state.Type) {
      case 'Pass':
        return this.advance(record, thread, state, state.Parameters !== undefined ? applyPayloadTemplate(state.Parameters, input) : input);
      case 'Choice': {
        const next = state.Choices.find((rule) => evaluateChoiceRule(rule, input))?.Next ?? state.Default;
        if (next === undefined) throw new StatesError(StatesErrors.noChoiceMatched, `No Choice rule matched in state '${thread.state}'`);
        return this.advance(record, thread, state, input, next);
      }
      case 'Succeed':
        return this.advance(record, thread, state, input);
      case 'Wait':
        return this.timers.startWait(record, thread, state, input);
      case 'Task':
        return this.tasks.start(record, thread, state, input);
      case 'Map':
        return this.map.start(record, thread, state, input);
    }
  }

  private endThread(record: ExecutionRecord, thread: ThreadRecord, output: unknown): void {
    if (thread.parentId === undefined) return this.closeExecution(record, 'SUCCEEDED', { output: toJson(output) });
    const map = record.threads[thread.parentId];
    delete record.threads[thread.id];
    if (map) this.map.iterationSucceeded(record, map, thread, output);
  }

  private failUpwards(record: ExecutionRecord, thread: ThreadRecord, error: StatesError): void {
    if (thread.parentId === undefined) return this.closeExecution(record, 'FAILED', { error: error.error, cause: error.cause });
    const map = record.threads[thread.parentId];
    if (map) this.map.iterationFailed(record, map, thread, error);
  }

  private release(record: ExecutionRecord, thread: ThreadRecord, outcome: TokenOutcome): void {
    this.timers.cancel(record, thread);
    this.tasks.release(record, thread, outcome);
  }
}

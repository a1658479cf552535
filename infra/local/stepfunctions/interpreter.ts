import { randomUUID } from 'node:crypto';
import type { Clock } from '#shared/ports/clock.js';
import { compileDefinition } from './definition.js';
import { StatesErrors } from './errors.js';
import { appendEvent, type ExecutionRecord } from './execution-record.js';
import type { ExecutionStore } from './execution-store.js';
import { Scheduler } from './scheduler.js';
import { ServiceError } from './service-error.js';
import type { StateMachineRegistry } from './state-machine-registry.js';
import { TaskTokens } from './task-tokens.js';
import { ThreadRunner } from './thread-runner.js';
import { WriteAheadQueue } from './write-ahead-queue.js';

/** What the interpreter needs from its surroundings. */
export interface InterpreterDependencies {
  store: ExecutionStore;
  registry: StateMachineRegistry;
  clock: Clock;
  /** `arn:aws:states:<region>:<account>` */
  arnPrefix: string;
  roleArn: string;
  invokeLambda: (functionName: string, payload: unknown) => Promise<unknown>;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** Told of each execution started and each billed state transition (a state entered or retried), by state machine name. */
  count?: (what: 'execution' | 'transition', stateMachineName: string) => void;
}

/** A request to start an execution. */
export interface StartRequest {
  stateMachineArn: string;
  name?: string;
  input?: string;
}

/* AWS forbids whitespace, brackets, wildcards, these punctuation marks and control characters. */
// eslint-disable-next-line no-control-regex -- the control characters are what the pattern refuses
const executionNamePattern = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

/**
 * The lifecycle of executions: starts (idempotently by name), stops, describes and lists
 * them, hands task-token callbacks to the Task runner, and after a restart reloads every
 * persisted execution and carries the running ones on. The threads themselves are run by
 * the {@link ThreadRunner}; time comes only from the runtime clock.
 */
export class Interpreter {
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly scheduler: Scheduler;
  private readonly queue: WriteAheadQueue;
  private readonly tokens = new TaskTokens();
  private readonly runner: ThreadRunner;
  private resumed = false;

  /** Creates an interpreter with no executions loaded (see {@link Interpreter.resume}). */
  constructor(private readonly deps: InterpreterDependencies) {
    this.scheduler = new Scheduler(deps.clock, (error) => deps.log('Step Functions timer failed', { error: String(error) }));
    this.queue = new WriteAheadQueue(deps.store, (error) => deps.log('Step Functions internal error', { error: String(error) }));
    this.runner = new ThreadRunner({
      clock: deps.clock,
      queue: this.queue,
      scheduler: this.scheduler,
      tokens: this.tokens,
      region: deps.arnPrefix.split(':')[3] ?? '',
      invokeLambda: deps.invokeLambda,
      executionOf: (executionArn) => this.executions.get(executionArn),
      log: deps.log,
      ...(deps.count ? { count: deps.count } : {}),
    });
  }

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
   * The new execution is on disk when this returns.
   */
  startExecution(request: StartRequest): ExecutionRecord {
    const machine = this.deps.registry.get(request.stateMachineArn);
    if (!machine) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    const name = request.name ?? randomUUID();
    if (!executionNamePattern.test(name)) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: input is not valid JSON');
    }
    const executionArn = `${this.deps.arnPrefix}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.input === input) return existing;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const { definition } = compileDefinition(machine.definition);
    const now = this.deps.clock.now().getTime();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      stateMachineName: machine.name,
      name,
      definition: machine.definition,
      status: 'RUNNING',
      startDate: now,
      input,
      threads: {},
      nextThreadId: 1,
      tokenOutcomes: {},
      history: [],
    };
    this.executions.set(executionArn, record);
    this.deps.count?.('execution', machine.name);
    const startedId = appendEvent(record, 'ExecutionStarted', now, 0, { input, inputDetails: { truncated: false }, roleArn: this.deps.roleArn });
    const root = this.runner.newThread(record, { scope: '', state: definition.StartAt, input: parsedInput, lastEventId: startedId });
    this.queue.markDirty(record);
    this.queue.flush();
    this.runner.wake(record, root);
    this.deps.log('Step Functions execution started', { executionArn });
    return record;
  }

  /** Stops a running execution (ExecutionAborted); a closed one is left as it is. */
  stopExecution(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (!record) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (record.status === 'RUNNING') {
      this.runner.closeExecution(record, 'ABORTED', { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
      this.queue.flush();
    }
    return record;
  }

  /** SendTaskSuccess; the outcome is on disk when this returns. */
  sendTaskSuccess(token: unknown, output: unknown): void {
    this.runner.tasks.sendTaskSuccess(token, output);
    this.queue.flush();
  }

  /** SendTaskFailure; the outcome is on disk when this returns. */
  sendTaskFailure(token: unknown, error?: string, cause?: string): void {
    this.runner.tasks.sendTaskFailure(token, error, cause);
    this.queue.flush();
  }

  /**
   * Loads every persisted execution and carries on the running ones: ready threads run
   * again, waits and timeouts are rescheduled, waiting tokens become valid again, and a
   * Task that was mid-invocation is re-run from its start. An execution that cannot be
   * resumed (its definition is no longer supported) fails with States.Runtime. Only the
   * first call has an effect.
   */
  resume(): void {
    if (this.resumed) return;
    this.resumed = true;
    const records = this.deps.store.loadExecutions().filter((record) => !this.executions.has(record.executionArn));
    for (const record of records) {
      this.executions.set(record.executionArn, record);
      this.tokens.restore(record);
    }
    for (const record of records.filter((loaded) => loaded.status === 'RUNNING')) {
      try {
        this.runner.definition(record);
        for (const thread of Object.values(record.threads)) this.runner.resumeThread(record, thread);
      } catch (error) {
        this.runner.closeExecution(record, 'FAILED', { error: StatesErrors.runtime, cause: `The local runtime cannot resume this execution: ${(error as Error).message}` });
      }
    }
    this.deps.log('Step Functions executions resumed', { executions: records.length });
  }

  /** Fires every due timer and resolves once no execution can progress without outside input (a callback or more time). */
  async settle(): Promise<void> {
    await this.queue.settle(this.scheduler);
  }

  /** Stops timers and writes what is pending; later callbacks are ignored. */
  close(): void {
    this.queue.close();
    this.scheduler.close();
  }
}

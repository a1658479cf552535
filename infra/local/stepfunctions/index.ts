import type { Clock } from '#shared/ports/clock.js';
import { createApiHandler } from './api.js';
import { ExecutionStore } from './execution-store.js';
import { Interpreter } from './interpreter.js';
import { StateMachineRegistry } from './state-machine-registry.js';

/** Options of {@link createLocalStepFunctions}. */
export interface LocalStepFunctionsOptions {
  /** Persistence directory (created when missing). */
  dataDir: string;
  /** The only source of time: Wait states, timeouts, heartbeats, history timestamps. */
  clock: Clock;
  region: string;
  accountId: string;
  /** In-process handler call; a throw is a Lambda function error (`error.name` → error type, `error.message` → message). */
  invokeLambda: (functionArnOrName: string, payload: unknown) => Promise<unknown>;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Told of each execution started and each billed state transition, by state machine name (benchmarks). */
  count?: (what: 'execution' | 'transition', stateMachineName: string) => void;
}

/** The sizes of the executions' histories. */
export interface HistoryStatistics {
  readonly executions: number;
  /** The execution with the most history events (Step Functions keeps at most 25,000). */
  readonly largest?: { readonly executionArn: string; readonly stateMachineName: string; readonly events: number };
}

/** A local, persisted Step Functions service speaking the real JSON API. */
export interface LocalStepFunctions {
  /** Registers (or updates) a state machine; returns `arn:aws:states:<region>:<account>:stateMachine:<name>`. Throws on invalid or unsupported ASL. */
  registerStateMachine(name: string, definition: string): string;
  /** Handles one API call (`target` from X-Amz-Target, `body` the JSON body) with AWS JSON 1.0 semantics. */
  handle(target: string, body: unknown): Promise<{ status: number; body: unknown }>;
  /** Reloads persisted executions after a restart and carries them on. */
  resume(): Promise<void>;
  /** Fires every due timer and resolves once nothing can progress without outside input. */
  settle(): Promise<void>;
  /** Stops timers and flushes state to disk. */
  close(): Promise<void>;
  /** How many executions there are and which one has the longest history. */
  historyStatistics(): HistoryStatistics;
}

/**
 * Creates the local Step Functions service.
 *
 * @example
 * const sfn = createLocalStepFunctions({ dataDir: '.data/sfn', clock, region: 'cn-north-1', accountId: '000000000000', invokeLambda });
 * const arn = sfn.registerStateMachine('review', definitionJson);
 * await sfn.resume();
 * const { body } = await sfn.handle('AWSStepFunctions.StartExecution', { stateMachineArn: arn, input: '{}' });
 */
export function createLocalStepFunctions(options: LocalStepFunctionsOptions): LocalStepFunctions {
  const arnPrefix = `arn:aws:states:${options.region}:${options.accountId}`;
  const roleArn = `arn:aws:iam::${options.accountId}:role/local-step-functions`;
  const log = options.log ?? (() => undefined);
  const store = new ExecutionStore(options.dataDir);
  const registry = new StateMachineRegistry(store, arnPrefix);
  const interpreter = new Interpreter({
    store,
    registry,
    clock: options.clock,
    arnPrefix,
    roleArn,
    invokeLambda: options.invokeLambda,
    log,
    ...(options.count ? { count: options.count } : {}),
  });
  const handle = createApiHandler({ interpreter, registry, roleArn });
  return {
    registerStateMachine: (name, definition) => registry.register(name, definition, options.clock.now().getTime()),
    handle,
    resume: async () => interpreter.resume(),
    settle: () => interpreter.settle(),
    close: async () => interpreter.close(),
    historyStatistics: () => {
      const executions = interpreter.listExecutions();
      const largest = executions.reduce<(typeof executions)[number] | undefined>((best, record) => (!best || record.history.length > best.history.length ? record : best), undefined);
      return {
        executions: executions.length,
        ...(largest && { largest: { executionArn: largest.executionArn, stateMachineName: largest.stateMachineName, events: largest.history.length } }),
      };
    },
  };
}

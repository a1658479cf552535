/**
 * The handler of a workflow's Lambda tasks. The state machine passes `{"task": "<name>", …}`;
 * the payload is validated and dispatched to the task's function. Domain errors are rethrown
 * with their code as the error name so that the state machine's Retry/Catch can match them
 * (e.g. `CONCURRENT_UPDATE`).
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { dependencies, type Dependencies } from '../composition-root.js';
import { isDomainError } from '#shared/domain/errors.js';
import { invocationLogging } from '../invocation-logging.js';
import { logger } from '../logger.js';

/** One task: the schema of its payload (without `task`) and what it does. */
export interface WorkflowTask<S extends z.ZodObject> {
  readonly payload: S;
  run(payload: z.output<S>, deps: Dependencies): Promise<unknown>;
}

/** Declares a task with a typed payload. */
export function task<S extends z.ZodObject>(payload: S, run: (payload: z.output<S>, deps: Dependencies) => Promise<unknown>): WorkflowTask<S> {
  return { payload, run };
}

/** An error whose name is a domain code, so that ASL `ErrorEquals` can match it. */
class WorkflowTaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The Lambda handler dispatching to `tasks` by the payload's `task` field, with the
 * invocation's log context (its request id and the task's name on every line).
 */
export function workflowTasks(tasks: Record<string, WorkflowTask<z.ZodObject>>) {
  const dispatch = async (event: unknown): Promise<unknown> => {
    const name = z.object({ task: z.string() }).passthrough().parse(event).task;
    logger.appendKeys({ task: name });
    const definition = tasks[name];
    if (!definition) throw new WorkflowTaskError('UnknownTask', `unknown workflow task ${name}`);
    const { task: _name, ...rest } = event as Record<string, unknown>;
    const payload = definition.payload.parse(rest);
    try {
      return (await definition.run(payload, dependencies())) ?? {};
    } catch (error) {
      if (isDomainError(error)) {
        // `message` is the log line's own key (Powertools drops a second one): the refusal's text goes as `reason`.
        logger.warn('workflow task refused', { code: error.code, reason: error.message });
        throw new WorkflowTaskError(error.code, error.message);
      }
      throw error;
    }
  };
  const handler = middy(dispatch).use(invocationLogging());
  // Callable in-process without a Lambda context too (tests call tasks directly).
  return (event: unknown, context: Context = {} as Context): Promise<unknown> => handler(event, context);
}

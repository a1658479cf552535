/** Starting workflow executions under deterministic names, so that a retried step starts nothing twice. */
import type { WorkflowName } from '#shared/ports/workflow-engine.js';
import type { Dependencies } from '../composition-root.js';

/** Executions started at once (well inside the StartExecution rate). */
const startsAtOnce = 10;

/**
 * Starts one execution per item, a few at a time. A running execution of the same name and input
 * is found started, and one already ended under that name (ExecutionAlreadyExists) needs no second one.
 */
export async function startEachOnce<T>(deps: Dependencies, workflow: WorkflowName, items: readonly T[], execution: (item: T) => { name: string; input: unknown }): Promise<void> {
  for (let from = 0; from < items.length; from += startsAtOnce) {
    await Promise.all(
      items.slice(from, from + startsAtOnce).map(async (item) => {
        const { name, input } = execution(item);
        try {
          await deps.workflows.start(workflow, name, input);
        } catch (error) {
          if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
        }
      }),
    );
  }
}

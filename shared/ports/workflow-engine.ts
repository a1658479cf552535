/** The orchestration engine (Step Functions in AWS, the local runtime's service locally). */
export type WorkflowName = 'submission' | 'round' | 'review' | 'unit';

export interface WorkflowEngine {
  /**
   * Starts an execution; starting twice with the same name and input is harmless
   * (returns the existing execution), which makes retried API calls idempotent.
   */
  start(workflow: WorkflowName, name: string, input: unknown): Promise<{ executionArn: string }>;
  /** Completes a callback task with its output. */
  succeedTask(taskToken: string, output: unknown): Promise<void>;
  /**
   * Completes a callback task that may no longer be waiting (completed by someone else, timed
   * out, or its execution ended); resolves whether it was still waiting.
   */
  resumeIfWaiting(taskToken: string, output: unknown): Promise<boolean>;
  /**
   * Stops the named execution of `workflow` (e.g. a cancelled round's); resolves whether it was
   * still running. An execution that never started or already ended is left as it is.
   */
  stop(workflow: WorkflowName, name: string, cause: string): Promise<boolean>;
  /** Fails a callback task with an error name the state machine catches. */
  failTask(taskToken: string, error: string, cause: string): Promise<void>;
}

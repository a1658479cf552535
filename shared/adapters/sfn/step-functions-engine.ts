/** The {@link WorkflowEngine} on AWS Step Functions (or the local runtime's compatible service). */
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { WorkflowEngine, WorkflowName } from '#shared/ports/workflow-engine.js';

export class StepFunctionsEngine implements WorkflowEngine {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArns: Record<WorkflowName, string>,
  ) {}

  async start(workflow: WorkflowName, name: string, input: unknown) {
    const result = await this.client.send(
      new StartExecutionCommand({ stateMachineArn: this.stateMachineArns[workflow], name, input: JSON.stringify(input) }),
    );
    return { executionArn: result.executionArn ?? '' };
  }

  async succeedTask(taskToken: string, output: unknown): Promise<void> {
    await this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
  }

  async resumeIfWaiting(taskToken: string, output: unknown): Promise<boolean> {
    try {
      await this.succeedTask(taskToken, output);
      return true;
    } catch (error) {
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist) return false;
      throw error;
    }
  }

  async stop(workflow: WorkflowName, name: string, cause: string): Promise<boolean> {
    const executionArn = executionArnOf(this.stateMachineArns[workflow], name);
    try {
      const { status } = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      if (status !== 'RUNNING') return false;
      await this.client.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause }));
      return true;
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return false;
      throw error;
    }
  }

  async failTask(taskToken: string, error: string, cause: string): Promise<void> {
    await this.client.send(new SendTaskFailureCommand({ taskToken, error, cause }));
  }
}

/**
 * The ARN of the execution `name` of the state machine `stateMachineArn`
 * (`arn:aws:states:r:a:stateMachine:M` → `arn:aws:states:r:a:execution:M:name`).
 */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

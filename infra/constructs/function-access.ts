import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { FunctionAccess, StateMachineName } from '../definitions/catalog.js';
import { environmentNames } from '../definitions/environment.js';
import type { DataTable } from './data-table.js';
import type { EvidenceBucket } from './evidence-bucket.js';
import type { HandlerFunction } from './handler-function.js';
import type { MailSender } from './mail-sender.js';
import { executionsArn, stateMachineArnOf } from './state-machines.js';

/** The shared resources a catalogue access entry can refer to. */
export interface AccessTargets {
  readonly dataTable: DataTable;
  readonly evidenceBucket: EvidenceBucket;
  readonly stateMachines: Readonly<Record<StateMachineName, StateMachine>>;
  readonly mail: MailSender;
}

const stateMachineArnVariable: Record<StateMachineName, string> = {
  submission: environmentNames.submissionStateMachineArn,
  round: environmentNames.roundStateMachineArn,
  review: environmentNames.reviewStateMachineArn,
  unit: environmentNames.unitStateMachineArn,
};

/**
 * Gives a function exactly what its catalogue access entry lists: the IAM grants, and the
 * environment variables naming the resources it was granted (a function only learns the name
 * of what it may use, which also keeps task functions from referencing their own state machine).
 *
 * @example
 * applyFunctionAccess(handlers.adminApi, definition.access, { dataTable, evidenceBucket, stateMachines, mail });
 */
export function applyFunctionAccess(handler: HandlerFunction, access: FunctionAccess, targets: AccessTargets): void {
  const fn = handler.function;
  targets.dataTable.grant(fn, access.table);
  fn.addEnvironment(environmentNames.tableName, targets.dataTable.table.tableName);

  if (access.bucket && access.bucket.length > 0) {
    for (const prefixAccess of access.bucket) targets.evidenceBucket.grantPrefix(fn, prefixAccess);
    fn.addEnvironment(environmentNames.bucketName, targets.evidenceBucket.bucket.bucketName);
  }

  for (const name of access.startExecution ?? []) {
    const machine = targets.stateMachines[name];
    machine.grantStartExecution(fn);
    fn.addEnvironment(stateMachineArnVariable[name], machine.stateMachineArn);
  }

  for (const name of access.startNextExecution ?? []) {
    const arn = stateMachineArnOf(fn, name);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [arn] }));
    fn.addEnvironment(stateMachineArnVariable[name], arn);
  }

  for (const name of access.stopExecution ?? []) {
    const machine = targets.stateMachines[name];
    fn.addToRolePolicy(new PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executionsArn(machine)] }));
    fn.addEnvironment(stateMachineArnVariable[name], machine.stateMachineArn);
  }

  if (access.sendTaskResult && access.sendTaskResult.length > 0) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: access.sendTaskResult.map((name) => stateMachineArnOf(fn, name)),
      }),
    );
  }

  if (access.sendMail) {
    targets.mail.grantSend(fn);
    for (const [name, value] of Object.entries(targets.mail.environment)) fn.addEnvironment(name, value);
  }
}

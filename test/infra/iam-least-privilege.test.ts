import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionAccess, type FunctionName, functions, stateMachines, substitutionsOf } from '#infra/definitions/catalog.js';
import { dataTable } from '#infra/definitions/data-store.js';
import type { ProvinceStack } from '#infra/stacks/province-stack.js';
import { grantsOf, logicalId, type Statement, statementsOfRole, synthProvince } from './synth-province.js';
import { executionsArn, stateMachineArnOf } from '#infra/constructs/state-machines.js';

let stack: ProvinceStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synthProvince());
});

const tableRead = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const tableWrite = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const objectAction = { read: 's3:GetObject', write: 's3:PutObject', delete: 's3:DeleteObject' } as const;
const taskResponse = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
/** The only actions AWS offers no resource-level permissions for that a function needs. */
const xray = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** Every `action resource` pair the catalogue allows a function, written out independently of the constructs. */
function allowedGrants(name: FunctionName, access: FunctionAccess): Set<string> {
  const resolved = (value: string) => JSON.stringify(stack.resolve(value));
  const allowed = new Set<string>();
  const allow = (actions: readonly string[], resources: readonly string[]) => {
    for (const action of actions) for (const resource of resources) allowed.add(`${action} ${resource}`);
  };
  const handler = stack.handlers[name];
  allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [resolved(handler.logGroup.logGroupArn)]);
  allow(xray, ['"*"']);
  const tableArn = stack.dataTable.table.tableArn;
  const indexArns = dataTable.globalSecondaryIndexes.map((index) => resolved(`${tableArn}/index/${index.indexName}`));
  allow(tableRead, [resolved(tableArn), ...indexArns]);
  if (access.table === 'readWrite') allow(tableWrite, [resolved(tableArn)]);
  for (const { prefix, actions } of access.bucket ?? []) {
    allow(actions.map((action) => objectAction[action]), [resolved(stack.evidenceBucket.bucket.arnForObjects(`${prefix}*`))]);
  }
  const machines = stack.workflows.machines;
  for (const machine of access.startExecution ?? []) allow(['states:StartExecution'], [resolved(machines[machine].stateMachineArn)]);
  allow(['states:StartExecution'], (access.startNextExecution ?? []).map((machine) => resolved(stateMachineArnOf(stack, machine))));
  for (const machine of access.stopExecution ?? []) allow(['states:DescribeExecution', 'states:StopExecution'], [resolved(executionsArn(machines[machine]))]);
  allow(taskResponse, (access.sendTaskResult ?? []).map((machine) => resolved(stateMachineArnOf(stack, machine))));
  // The upload processor's on-failure destination: Lambda sends the events it failed on with the function's role.
  if (name === 'evidenceProcessor') allow(['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], [resolved(stack.evidenceBucket.failedUploadEvents.queueArn)]);
  if (access.sendMail) {
    allow(['ses:SendEmail'], [
      resolved(stack.formatArn({ service: 'ses', resource: 'identity', resourceName: 'example.gov.cn' })),
      resolved(stack.formatArn({ service: 'ses', resource: 'identity', resourceName: 'noreply@example.gov.cn' })),
    ]);
  }
  return allowed;
}

function functionStatements(name: FunctionName): Statement[] {
  return statementsOfRole(template, logicalId(stack.handlers[name].role));
}

function functionGrants(name: FunctionName): string[] {
  return grantsOf(functionStatements(name)).map(([action, resource]) => `${action} ${resource}`);
}

describe('function roles', () => {
  it.each(functions.map((definition) => [definition.name, definition.access] as const))(
    '%s may do only what its catalogue access lists, on exactly those resources',
    (name, access) => {
      const allowed = allowedGrants(name, access);
      const granted = functionGrants(name);
      expect(granted.filter((grant) => !allowed.has(grant))).toEqual([]);
      expect([...allowed].filter((grant) => !granted.includes(grant))).toEqual([]);
    },
  );

  it.each(functions.map((definition) => [definition.name] as const))(
    '%s uses "Resource": "*" only for X-Ray, has no managed policy and only Allow statements',
    (name) => {
      for (const statement of functionStatements(name)) {
        expect(statement.Effect).toBe('Allow');
        if (JSON.stringify(statement.Resource) === '"*"') expect([statement.Action].flat().sort()).toEqual([...xray].sort());
        expect([statement.Action].flat().filter((action) => action.includes('*'))).toEqual([]);
      }
      const role = template.toJSON().Resources[logicalId(stack.handlers[name].role)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.Policies).toBeUndefined();
    },
  );

  it('does not let the institution API read verified evidence (it only uploads to quarantine)', () => {
    const evidenceObjects = JSON.stringify(stack.resolve(stack.evidenceBucket.bucket.arnForObjects('evidence/*')));
    const grants = grantsOf(functionStatements('institutionApi'));
    expect(grants.filter(([, resource]) => resource === evidenceObjects)).toEqual([]);
    expect(grants.filter(([action]) => action === 's3:GetObject')).toEqual([]);
    expect(grants.filter(([action]) => action.startsWith('s3:')).map(([action]) => action)).toEqual(['s3:PutObject']);
  });

  it('lets each workflow task function answer callbacks of its own state machine only (submissions also release the round waiting for screening, reviews the round waiting for the last review)', () => {
    const answers = { submissionTasks: ['submission', 'round'], roundTasks: ['round'], reviewTasks: ['review', 'round'] } as const;
    for (const [name, machines] of Object.entries(answers) as [keyof typeof answers, readonly ('submission' | 'round' | 'review')[]][]) {
      const resources = grantsOf(functionStatements(name))
        .filter(([action]) => action === 'states:SendTaskSuccess')
        .map(([, resource]) => resource);
      expect(resources.sort()).toEqual(machines.map((machine) => JSON.stringify(stack.resolve(stateMachineArnOf(stack, machine)))).sort());
    }
  });

  it('lets the unit tasks start the next leg of the unit workflow only, by the machine’s name-derived ARN (the machine invokes them: no dependency cycle)', () => {
    const starts = grantsOf(functionStatements('unitTasks')).filter(([action]) => action === 'states:StartExecution').map(([, resource]) => resource);
    expect(starts).toEqual([JSON.stringify(stack.resolve(stateMachineArnOf(stack, 'unit')))]);
    const variables = template.toJSON().Resources[logicalId(stack.handlers.unitTasks.function)].Properties.Environment.Variables;
    expect(variables.UNIT_STATE_MACHINE_ARN).toEqual(stack.resolve(stateMachineArnOf(stack, 'unit')));
  });

  it('does not let the review API start executions or write to the bucket', () => {
    const actions = grantsOf(functionStatements('reviewApi')).map(([action]) => action);
    expect(actions).not.toContain('states:StartExecution');
    expect(actions).not.toContain('s3:PutObject');
    expect(actions).toContain('states:SendTaskSuccess');
  });

  it('keeps read-only functions read-only and out of the bucket', () => {
    for (const name of ['programsApi', 'webPages'] as const) {
      const actions = grantsOf(functionStatements(name)).map(([action]) => action);
      expect(actions.filter((action) => tableWrite.includes(action))).toEqual([]);
      expect(actions.filter((action) => action.startsWith('s3:') || action.startsWith('states:'))).toEqual([]);
    }
  });

  it('lets only the institution API start submissions, only the admin API start rounds and only the round tasks (the assignment) start reviews', () => {
    const starters = (machine: 'submission' | 'round' | 'review') =>
      functions
        .filter(({ name }) =>
          grantsOf(functionStatements(name)).some(
            ([action, resource]) =>
              action === 'states:StartExecution' &&
              resource === JSON.stringify(stack.resolve(stack.workflows.machines[machine].stateMachineArn)),
          ),
        )
        .map(({ name }) => name);
    expect(starters('submission')).toEqual(['institutionApi']);
    expect(starters('round')).toEqual(['adminApi']);
    expect(starters('review')).toEqual(['roundTasks']);
  });
});

describe('state machine roles', () => {
  /** Logging delivery and X-Ray: AWS documents them as needing `*`. */
  const wildcardOnly = [
    'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
    'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
  ];

  it.each(stateMachines.map((definition) => [definition.name, definition] as const))(
    '%s may invoke only the functions it names',
    (name, definition) => {
      const machine = stack.workflows.machines[name];
      const grants = grantsOf(statementsOfRole(template, logicalId(machine.role)));
      const resolved = (value: string) => JSON.stringify(stack.resolve(value));
      const invocable = substitutionsOf(definition).map(([, target]) => resolved(stack.handlers[target.function].function.functionArn));

      for (const [action, resource] of grants) {
        if (resource === '"*"') {
          expect(wildcardOnly).toContain(action);
        } else if (action === 'lambda:InvokeFunction') {
          expect(invocable).toContain(resource);
        } else {
          throw new Error(`${name} has an unexpected grant: ${action} on ${resource}`);
        }
      }
      expect(grants.filter(([action]) => action === 'lambda:InvokeFunction').map(([, resource]) => resource).sort()).toEqual(
        [...invocable].sort(),
      );
    },
  );
});

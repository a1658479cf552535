import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { type FunctionName, type StateMachineName, stateMachines, substitutionsOf } from '../definitions/catalog.js';

/**
 * Service-integration resources (`arn:aws:states:::lambda:invoke`)
 * are written for the `aws` partition in the shared definition files, which the local runtime
 * also reads; at synthesis they are rewritten to the deployment's partition (`aws-cn` in China).
 */
const serviceIntegrationPrefix = 'arn:aws:states:::';

/** The physical name of a workflow's state machine in this stack, e.g. `CjrhRecognition-gx-prod-review`. */
export function stateMachineNameOf(scope: Construct, name: StateMachineName): string {
  return `${Stack.of(scope).stackName}-${name}`;
}

/**
 * The ARN of a workflow's state machine built from its name alone, without referring to the
 * resource: task functions that answer callbacks of the machine that invokes them can be
 * granted on it without a dependency cycle (machine → function → policy → machine).
 */
export function stateMachineArnOf(scope: Construct, name: StateMachineName): string {
  return Stack.of(scope).formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineNameOf(scope, name), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/** Props of {@link WorkflowStateMachines}. */
export interface WorkflowStateMachinesProps {
  /** Absolute path of the project root; the definition files are relative to it. */
  readonly projectRoot: string;
  /** The catalogue functions, by name. */
  readonly functions: Readonly<Record<FunctionName, IFunction>>;
}

/**
 * The Standard state machines of `stateMachines` in `definitions/catalog.ts`. Each definition
 * is read from its `statemachines/*.asl.json` file and put inline in the template (not as an
 * S3 asset, so the template shows the whole workflow and needs no asset upload) with every
 * `${Placeholder}` mapped through `DefinitionSubstitutions` to the named function's ARN;
 * execution history is logged (ALL, with data) and traced. A machine's role may invoke only
 * the functions it names.
 */
export class WorkflowStateMachines extends Construct {
  /** The state machines, by catalogue name. */
  readonly machines: Readonly<Record<StateMachineName, StateMachine>>;

  constructor(scope: Construct, id: string, props: WorkflowStateMachinesProps) {
    super(scope, id);
    this.machines = Object.fromEntries(stateMachines.map((definition) => [definition.name, this.createMachine(definition, props)])) as Record<
      StateMachineName,
      StateMachine
    >;
  }

  private createMachine(definition: (typeof stateMachines)[number], props: WorkflowStateMachinesProps): StateMachine {
    const { name } = definition;
    const file = path.join(props.projectRoot, definition.file);
    const body = readFileSync(file, 'utf8');
    const targets = substitutionsOf(definition);
    checkPlaceholders(definition.file, body, targets.map(([placeholder]) => placeholder));

    const invoked: IFunction[] = [];
    const substitutions: Record<string, string> = {};
    for (const [placeholder, target] of targets) {
      const fn = props.functions[target.function];
      invoked.push(fn);
      substitutions[placeholder] = fn.functionArn;
    }

    const logGroup = new LogGroup(this, `${name}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const machine = new StateMachine(this, name, {
      stateMachineName: stateMachineNameOf(this, name),
      definitionBody: DefinitionBody.fromString(
        body.replaceAll(serviceIntegrationPrefix, `arn:${Aws.PARTITION}:states:::`),
      ),
      definitionSubstitutions: substitutions,
      stateMachineType: StateMachineType.STANDARD,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    if (invoked.length > 0) {
      machine.addToRolePolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: invoked.map((fn) => fn.functionArn) }),
      );
    }
    return machine;
  }
}

/** ARN pattern of every execution of a state machine (execution names are chosen at start). */
export function executionsArn(machine: StateMachine): string {
  const stack = Stack.of(machine);
  const machineName = stack.splitArn(machine.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName;
  return stack.formatArn({
    service: 'states',
    resource: 'execution',
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    resourceName: `${machineName}:*`,
  });
}

/** Fails synthesis when a definition's placeholders and its catalogue substitutions differ. */
function checkPlaceholders(file: string, body: string, substituted: readonly string[]): void {
  const used = new Set([...body.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1] ?? ''));
  const missing = [...used].filter((placeholder) => !substituted.includes(placeholder));
  const unused = substituted.filter((placeholder) => !used.has(placeholder));
  if (missing.length > 0 || unused.length > 0) {
    throw new Error(
      `${file}: placeholders without a substitution in catalog.ts: [${missing.join(', ')}]; ` +
        `substitutions the file does not use: [${unused.join(', ')}].`,
    );
  }
}

import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  type FunctionAccess,
  type FunctionName,
  functions,
  type StateMachineName,
  stateMachines,
  substitutionsOf,
} from '../definitions/catalog.js';
import { operationalMetrics } from '../definitions/operational-metrics.js';

/** The period every alarm evaluates (one period, any occurrence alarms, unless {@link sustainedErrors} says otherwise). */
const alarmPeriod = Duration.minutes(5);
/**
 * When the errors of a workflow task function alarm: at least this many in each of this many
 * periods in a row. The task functions rethrow domain errors (e.g. CONCURRENT_UPDATE) for the
 * state machine to retry or catch, so a few errors are normal contention; a task that finally
 * fails is an ExecutionsFailed alarm anyway. Only errors going on for 15 minutes are a fault.
 */
const sustainedErrors = { threshold: 5, periods: 3 };
/** Overdue reviews are counted per hour: one alarm an hour at most for a round whose experts run late. */
const overdueReviewsPeriod = Duration.hours(1);

/**
 * State machines whose executions are stopped on purpose (a function may stop them, e.g. when a
 * round is cancelled): an aborted execution of those is no fault, so only the others alarm on it.
 */
const stoppedOnPurpose: ReadonlySet<StateMachineName> = new Set(
  functions.flatMap((definition) => (definition.access as FunctionAccess).stopExecution ?? []),
);

/** The functions the state machines invoke as their tasks. */
const workflowTaskFunctions: ReadonlySet<FunctionName> = new Set(
  stateMachines.flatMap((machine) => substitutionsOf(machine).map(([, target]) => target.function)),
);

/** A dead-letter queue and what ends up in it. */
export interface DeadLetterQueue {
  /** A name for the alarm and the dashboard, e.g. `FailedUploadEvents`. */
  readonly name: string;
  readonly queue: IQueue;
}

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  /** The deployment's province code, named on the dashboard. */
  readonly province: string;
  /** Where alarm notifications are mailed (an SNS e-mail subscription to confirm); none: subscribe later. */
  readonly alarmEmail: string | undefined;
  readonly httpApi: HttpApi;
  readonly functions: Readonly<Record<FunctionName, IFunction>>;
  readonly stateMachines: Readonly<Record<StateMachineName, StateMachine>>;
  readonly deadLetterQueues: readonly DeadLetterQueue[];
}

/**
 * The CloudWatch alarms and the dashboard of a deployment. Alarms (any occurrence in five
 * minutes, missing data is fine): failed and timed-out executions of every state machine and
 * aborted ones of those no function stops on purpose ({@link stoppedOnPurpose}); errors and
 * throttles of every function (of the workflow task functions only sustained errors,
 * {@link sustainedErrors}); 5xx answers of the HTTP API; messages in every dead-letter queue; overdue reviews (the
 * operational metric the review workflow publishes, per hour). Every alarm notifies one SNS topic,
 * encrypted with its own KMS key (CloudWatch may use it to publish), optionally with an e-mail
 * subscription. The dashboard, named after the stack (so after the province and stage), graphs
 * the API's 4xx/5xx and latency, executions started and failed, function errors, throttles and
 * duration, dead-letter queue depth and overdue reviews.
 */
export class Monitoring extends Construct {
  /** The topic every alarm notifies. */
  readonly alarmTopic: Topic;
  /** The dashboard. */
  readonly dashboard: Dashboard;
  /** The overdue-reviews metric of this deployment. */
  readonly overdueReviews: Metric;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const topicKey = new Key(this, 'AlarmTopicKey', {
      description: `Encrypts the alarm topic of ${stackName}`,
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic with this key.
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: `${stackName} alarms`, masterKey: topicKey, enforceSSL: true });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    this.overdueReviews = new Metric({
      namespace: operationalMetrics.namespace,
      metricName: operationalMetrics.overdueReviews,
      dimensionsMap: { [operationalMetrics.serviceDimension]: stackName },
      statistic: 'Sum',
      period: overdueReviewsPeriod,
    });

    const alarmOn = (name: string, metric: IMetric, description: string, { threshold, periods } = { threshold: 1, periods: 1 }) => {
      const alarm = new Alarm(this, `${name}Alarm`, {
        alarmName: `${stackName}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    };
    const sum = { period: alarmPeriod, statistic: 'Sum' };
    for (const [name, machine] of Object.entries(props.stateMachines) as [StateMachineName, StateMachine][]) {
      alarmOn(`${name}-ExecutionsFailed`, machine.metricFailed(sum), `An execution of the ${name} workflow failed.`);
      alarmOn(`${name}-ExecutionsTimedOut`, machine.metricTimedOut(sum), `An execution of the ${name} workflow timed out.`);
      if (!stoppedOnPurpose.has(name)) {
        alarmOn(`${name}-ExecutionsAborted`, machine.metricAborted(sum), `An execution of the ${name} workflow was stopped, which nothing does on purpose.`);
      }
    }
    for (const [name, fn] of Object.entries(props.functions) as [FunctionName, IFunction][]) {
      if (workflowTaskFunctions.has(name)) {
        alarmOn(
          `${name}-Errors`,
          fn.metricErrors(sum),
          `The ${name} workflow task function failed at least ${sustainedErrors.threshold} invocations in each of ${sustainedErrors.periods} five-minute periods in a row ` +
            '(its workflows retry contention errors; a task that finally fails raises the ExecutionsFailed alarm).',
          sustainedErrors,
        );
      } else {
        alarmOn(`${name}-Errors`, fn.metricErrors(sum), `The ${name} function failed an invocation (an uncaught error, a timeout or running out of memory).`);
      }
      alarmOn(`${name}-Throttles`, fn.metricThrottles(sum), `Invocations of the ${name} function were throttled (account or reserved concurrency used up).`);
    }
    for (const { name, queue } of props.deadLetterQueues) {
      alarmOn(
        `${name}-Messages`,
        queue.metricApproximateNumberOfMessagesVisible({ period: alarmPeriod, statistic: 'Maximum' }),
        `Events in the ${name} dead-letter queue: their processing failed after every retry (docs/RESTORE.md says how to replay them).`,
      );
    }
    alarmOn(
      'Api-5xx',
      props.httpApi.metricServerError(sum),
      'The HTTP API answered 5xx: a handler hit an unexpected error (it answers 500 INTERNAL_ERROR, which Lambda does not count as an error), or an integration failed.',
    );
    alarmOn('OverdueReviews', this.overdueReviews, 'Review tasks went past their due time without a submission (the workflow invites alternates; staff may want to follow up).');

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: stackName,
      defaultInterval: Duration.days(1),
      widgets: [
        [new TextWidget({ markdown: `# ${stackName} (province ${props.province})\nAlarms notify the SNS topic ${this.alarmTopic.topicName}.`, width: 24, height: 2 })],
        [...this.apiWidgets(props.httpApi), ...this.workflowWidgets(props.stateMachines)],
        this.functionWidgets(props.functions),
        [
          new GraphWidget({
            title: 'Dead-letter queue depth',
            left: props.deadLetterQueues.map(({ name, queue }) => queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: name })),
            width: 12,
          }),
          new GraphWidget({ title: 'Overdue reviews (per hour)', left: [this.overdueReviews.with({ label: 'Overdue reviews' })], width: 12 }),
        ],
      ],
    });
  }

  private apiWidgets(api: HttpApi): GraphWidget[] {
    return [
      new GraphWidget({
        title: 'API 4xx and 5xx',
        left: [api.metricClientError({ statistic: 'Sum', label: '4xx' }), api.metricServerError({ statistic: 'Sum', label: '5xx' })],
        width: 8,
      }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [api.metricLatency({ statistic: 'p50', label: 'p50' }), api.metricLatency({ statistic: 'p99', label: 'p99' })],
        width: 8,
      }),
    ];
  }

  private workflowWidgets(machines: Readonly<Record<StateMachineName, StateMachine>>): GraphWidget[] {
    const entries = Object.entries(machines) as [StateMachineName, StateMachine][];
    return [
      new GraphWidget({
        title: 'Executions started and failed',
        left: entries.map(([name, machine]) => machine.metricStarted({ statistic: 'Sum', label: `${name} started` })),
        right: entries.map(([name, machine]) => machine.metricFailed({ statistic: 'Sum', label: `${name} failed` })),
        width: 8,
      }),
    ];
  }

  private functionWidgets(fns: Readonly<Record<FunctionName, IFunction>>): GraphWidget[] {
    const entries = Object.entries(fns) as [FunctionName, IFunction][];
    const graph = (title: string, metricOf: (fn: IFunction, label: string) => IMetric) =>
      new GraphWidget({ title, left: entries.map(([name, fn]) => metricOf(fn, name)), width: 8 });
    return [
      graph('Function errors', (fn, label) => fn.metricErrors({ statistic: 'Sum', label })),
      graph('Function throttles', (fn, label) => fn.metricThrottles({ statistic: 'Sum', label })),
      graph('Function duration p99 (ms)', (fn, label) => fn.metricDuration({ statistic: 'p99', label })),
    ];
  }
}

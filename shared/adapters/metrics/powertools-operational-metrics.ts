/** {@link OperationalMetrics} as CloudWatch metrics, written to stdout in the embedded metric format by Powertools Metrics. */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { operationalMetrics } from '#infra/definitions/operational-metrics.js';
import type { OperationalMetrics } from '#shared/ports/operational-metrics.js';

/**
 * Publishes each event at once (one EMF line per call), so that no handler needs a flushing
 * middleware and an event is published even when the invocation fails afterwards.
 *
 * @example
 * const metrics = new PowertoolsOperationalMetrics('CjrhRecognition-gx-prod');
 * metrics.countOverdueReviews(1); // {"_aws":{…"Namespace":"CjrhRecognition"…},"service":"CjrhRecognition-gx-prod","OverdueReviews":1}
 */
export class PowertoolsOperationalMetrics implements OperationalMetrics {
  private readonly metrics: Metrics;

  /** @param service the deployment's name, published as the `service` dimension */
  constructor(service: string) {
    this.metrics = new Metrics({ namespace: operationalMetrics.namespace, serviceName: service });
  }

  countOverdueReviews(count: number): void {
    this.metrics.addMetric(operationalMetrics.overdueReviews, MetricUnit.Count, count);
    this.metrics.publishStoredMetrics();
  }
}

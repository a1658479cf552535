/** The handlers' operational metrics in the local runtime: counted with the runtime's own counters (`GET /_local/metrics`). */
import { operationalMetrics } from '#infra/definitions/operational-metrics.js';
import type { OperationalMetrics } from '#shared/ports/operational-metrics.js';
import type { RuntimeMetrics } from './runtime-metrics.js';

/**
 * {@link OperationalMetrics} counted under `operational`, by CloudWatch metric name.
 *
 * @example
 * overrideDependencies({ metrics: new RuntimeOperationalMetrics(runtimeMetrics) });
 */
export class RuntimeOperationalMetrics implements OperationalMetrics {
  constructor(private readonly counters: RuntimeMetrics) {}

  countOverdueReviews(count: number): void {
    this.counters.count('operational', operationalMetrics.overdueReviews, count);
  }
}

/**
 * `GET /_local/metrics` of the local runtime: the {@link RuntimeMetrics} counters and the
 * Step Functions history sizes as JSON, for benchmarks. Like the other emulator endpoints it
 * answers only calls signed (SigV4, signing name `metrics`) with the runtime's own
 * credentials; others get 403 in the JSON protocol's error shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseUnsignedJsonCall } from '../auth/auth-refusals.js';
import type { SigV4Verifier } from '../auth/sigv4-verifier.js';
import type { HistoryStatistics } from '../stepfunctions/index.js';
import type { CounterSnapshot, RuntimeMetrics } from './runtime-metrics.js';

/** The path of the endpoint. */
export const metricsPath = '/_local/metrics';

/** The signing name of the endpoint's SigV4 scope. */
export const metricsSigningName = 'metrics';

/** What the endpoint answers. */
export interface MetricsReport {
  readonly counters: CounterSnapshot;
  readonly stepFunctions: HistoryStatistics;
}

/** What the endpoint reads from. */
export interface MetricsSources {
  readonly metrics: RuntimeMetrics;
  readonly historyStatistics: () => HistoryStatistics;
  readonly verifier: SigV4Verifier;
}

/** Handles `GET /_local/metrics`; returns false for other requests. */
export async function handleMetrics(sources: MetricsSources, request: IncomingMessage, url: URL, body: Buffer, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET' || url.pathname !== metricsPath) return false;
  const refusal = await refuseUnsignedJsonCall(sources.verifier, request, body);
  const answer: { status: number; body: unknown } = refusal ?? { status: 200, body: { counters: sources.metrics.snapshot(), stepFunctions: sources.historyStatistics() } satisfies MetricsReport };
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
  return true;
}

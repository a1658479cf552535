import { afterEach, describe, expect, it, vi } from 'vitest';
import { operationalMetrics } from '#infra/definitions/operational-metrics.js';
import { PowertoolsOperationalMetrics } from '#shared/adapters/metrics/powertools-operational-metrics.js';

/** The JSON lines written to stdout while `run` runs. */
function stdoutLines(run: () => void): unknown[] {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return written.join('').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('PowertoolsOperationalMetrics', () => {
  it('writes one embedded-metric-format line per overdue-review count, under the deployment’s service dimension the alarm watches', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const metrics = new PowertoolsOperationalMetrics('CjrhRecognition-gx-prod');
    const lines = stdoutLines(() => {
      metrics.countOverdueReviews(1);
      metrics.countOverdueReviews(2);
    });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: operationalMetrics.namespace,
            Dimensions: [[operationalMetrics.serviceDimension]],
            Metrics: [{ Name: operationalMetrics.overdueReviews, Unit: 'Count' }],
          },
        ],
      },
      [operationalMetrics.serviceDimension]: 'CjrhRecognition-gx-prod',
      [operationalMetrics.overdueReviews]: 2,
    });
  });
});

/**
 * Reads `GET /_local/metrics` of a running local runtime, signed (SigV4) with the runtime's
 * credentials (`<data>/aws-credentials.json`), for benchmarks and tests.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../auth/sigv4-verifier.js';
import type { RuntimeCredentials } from '../auth/runtime-credentials.js';
import { metricsPath, metricsSigningName, type MetricsReport } from './metrics-route.js';

/**
 * The runtime's metrics; throws when the endpoint refuses the call.
 *
 * @example
 * const credentials = JSON.parse(readFileSync(join(dataDir, 'aws-credentials.json'), 'utf8'));
 * const { counters } = await readRuntimeMetrics('http://localhost:3000', credentials);
 */
export async function readRuntimeMetrics(baseUrl: string, credentials: RuntimeCredentials, region = 'us-east-1'): Promise<MetricsReport> {
  const url = new URL(metricsPath, baseUrl);
  const signer = new SignatureV4({ credentials, region, service: metricsSigningName, sha256: Sha256 });
  const signed = await signer.sign({ method: 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host } });
  const response = await fetch(url, { headers: signed.headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`${metricsPath} answered ${response.status}: ${text}`);
  return JSON.parse(text) as MetricsReport;
}

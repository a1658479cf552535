/** Who is calling, for per-client rate limits. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { edgeOriginSecretHeader } from '#infra/definitions/environment.js';
import type { Settings } from '#functions/composition-root.js';
import type { HttpEvent } from './http-event.js';

/** The address in a `CloudFront-Viewer-Address` value: `203.0.113.7:4711` or `2001:db8::1:4711` without the port. */
function withoutPort(value: string): string {
  const cut = value.lastIndexOf(':');
  return cut > 0 ? value.slice(0, cut) : value;
}

/** Whether the request carries the edge's secret (compared in constant time). */
function cameThroughEdge(event: Pick<HttpEvent, 'headers'>, secret: string): boolean {
  const sent = event.headers?.[edgeOriginSecretHeader];
  if (!sent) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(secret));
}

/**
 * The caller's address: as API Gateway saw the connection (`requestContext.http.sourceIp`;
 * the local gateway fills it from the socket), or, on a request that came through the
 * CloudFront edge (it carries the edge's secret), the client address CloudFront puts in
 * {@link Settings.clientAddressHeader}. A caller going straight to the API endpoint is counted
 * by its own address whatever headers it sends.
 */
export function clientAddressOf(event: Pick<HttpEvent, 'headers' | 'requestContext'>, settings: Pick<Settings, 'clientAddressHeader' | 'edgeOriginSecret'>): string {
  const trusted = settings.clientAddressHeader && settings.edgeOriginSecret && cameThroughEdge(event, settings.edgeOriginSecret);
  const forwarded = trusted ? event.headers?.[settings.clientAddressHeader] : undefined;
  if (forwarded) return withoutPort(forwarded.trim()).slice(0, 64);
  return event.requestContext?.http?.sourceIp || 'unknown';
}

/** Who is calling, for per-client rate limits. */
import type { Settings } from '../../composition-root.js';
import type { HttpEvent } from './http-api.js';

/** The address in a `CloudFront-Viewer-Address` value: `203.0.113.7:4711` or `2001:db8::1:4711` without the port. */
function withoutPort(value: string): string {
  const cut = value.lastIndexOf(':');
  return cut > 0 ? value.slice(0, cut) : value;
}

/**
 * The caller's address: as API Gateway saw the connection (`requestContext.http.sourceIp`;
 * the local gateway fills it from the socket), or, behind the CloudFront edge, the client
 * address CloudFront puts in {@link Settings.clientAddressHeader}.
 */
export function clientAddressOf(event: HttpEvent, settings: Pick<Settings, 'clientAddressHeader'>): string {
  const forwarded = settings.clientAddressHeader ? event.headers?.[settings.clientAddressHeader] : undefined;
  if (forwarded) return withoutPort(forwarded.trim()).slice(0, 64);
  return event.requestContext?.http?.sourceIp || 'unknown';
}

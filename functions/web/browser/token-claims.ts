/**
 * The claims of a JWT (its payload, base64url-decoded JSON), read without verifying the
 * signature: the browser only reads who signed in; the API verifies every token it is sent.
 * Pure (only `atob`/`TextDecoder`, which browsers and Node share), so unit tests import it.
 */

/** The claims of `token`, or undefined when it is not a JWT with a JSON object payload. */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

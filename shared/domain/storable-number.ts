/**
 * Which numbers the record store can keep exactly as given. DynamoDB stores up to 38
 * significant digits with magnitudes between 1e-130 and 9.99e125; the AWS SDK's marshaller
 * refuses numbers beyond ±`Number.MAX_SAFE_INTEGER`. Every number a client sends must pass
 * {@link isStorableNumber} before it reaches a record.
 */

/** Smallest non-zero magnitude DynamoDB stores. */
const MIN_MAGNITUDE = 1e-130;

/**
 * Whether `value` can be written to the record store: finite, zero or of magnitude at least
 * 1e-130, and within ±`Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * isStorableNumber(9.5) // true
 * isStorableNumber(5e-324) // false
 * isStorableNumber(9007199254740992) // false
 */
export function isStorableNumber(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const magnitude = Math.abs(value);
  return magnitude <= Number.MAX_SAFE_INTEGER && (magnitude === 0 || magnitude >= MIN_MAGNITUDE);
}

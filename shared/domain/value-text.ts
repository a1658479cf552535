/**
 * A stored value in words for messages and pages: a string, number or boolean as it is, anything
 * else (an object a form should not hold) as its JSON rather than `[object Object]`.
 *
 * @example
 * valueText(12); // '12'
 * valueText({ a: 1 }); // '{"a":1}'
 */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

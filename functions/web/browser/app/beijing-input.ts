/**
 * `<input type="datetime-local">` values read as Beijing time: staff type the wall-clock time
 * of Beijing whatever the computer's time zone, and the API gets it as ISO 8601 with `+08:00`.
 */

const localValue = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const beijingOffsetMs = 8 * 3600_000;

/**
 * The ISO time of a `datetime-local` value read as Beijing time; undefined when it is not one.
 *
 * @example
 * beijingInputToIso('2026-12-01T09:30'); // '2026-12-01T09:30:00+08:00'
 */
export function beijingInputToIso(value: string): string | undefined {
  const parts = localValue.exec(value.trim());
  if (!parts) return undefined;
  const iso = `${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6] ?? '00'}+08:00`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/**
 * The `datetime-local` value (Beijing wall-clock, to the minute) of a time.
 *
 * @example
 * isoToBeijingInput('2026-12-01T01:30:00Z'); // '2026-12-01T09:30'
 */
export function isoToBeijingInput(time: Date | string): string {
  const shifted = new Date(new Date(time).getTime() + beijingOffsetMs);
  return shifted.toISOString().slice(0, 16);
}

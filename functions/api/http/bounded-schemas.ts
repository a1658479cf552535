/**
 * Bounded zod building blocks for request schemas: every id, string and number a client
 * sends is bounded here so nothing a client writes can break a store limit (DynamoDB keys of
 * at most 2048 bytes, numbers of at most 38 digits between 1e-130 and 1e126, the SDK's safe
 * integers) or slip a prototype key into a record. Use them in every new schema.
 *
 * @example
 * const body = z.object({ roundId: boundedId, note: boundedText(2000), weight: finiteNumber({ min: 0, max: 100 }) }).strict();
 */
import * as z from 'zod';
import { isStorableNumber } from '#shared/domain/storable-number.js';

/** Longest id accepted anywhere; ours are far shorter (`app_<time><random>`, 43-char link ids). */
export const ID_MAX_LENGTH = 128;

/**
 * What an id may contain: letters, digits and `_ - . :`, not starting with `.` or `:` (no
 * `..`-style path segment). `_` and `-` may start one: link ids are base64url, and one in 32
 * begins with either.
 */
const ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]*$/;

/**
 * An id (entity id, link id, program id, material key): non-empty, at most
 * {@link ID_MAX_LENGTH} characters of a safe charset (ASCII letters, digits, `_ - . :`).
 */
export const boundedId = z.string().min(1).max(ID_MAX_LENGTH).regex(ID_PATTERN);

/** Whether `value` has the form {@link boundedId} accepts (for path parameters and keys). */
export function isBoundedId(value: string): boolean {
  return value.length <= ID_MAX_LENGTH && ID_PATTERN.test(value);
}

/**
 * A string of at most `max` characters, trimmed when `trim` is set, at least `min`
 * (after trimming) when given.
 *
 * @example
 * boundedText(2000, { min: 1, trim: true }) // a required note
 */
export function boundedText(max: number, options: { min?: number; trim?: boolean } = {}): z.ZodString {
  const base = options.trim ? z.string().trim() : z.string();
  return (options.min === undefined ? base : base.min(options.min)).max(max);
}

/** The body of a route that takes none: empty, or `{}` (any field is refused). */
export const emptyBody = z.object({}).strict();

/** The range and kind of a {@link finiteNumber}. */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  /** Only whole numbers. */
  readonly int?: boolean;
}

/**
 * A number within `[min, max]` that DynamoDB can store: refuses NaN, ±Infinity, values out of
 * range and non-zero magnitudes below 1e-130 (e.g. `5e-324`). Bounds beyond the safe integers
 * are clamped to them.
 *
 * @example
 * finiteNumber({ min: 0, max: 100 })          // a score
 * finiteNumber({ min: 1, max: 200, int: true }) // a capacity
 */
export function finiteNumber(bounds: NumberBounds): z.ZodType<number> {
  const min = Math.max(bounds.min, Number.MIN_SAFE_INTEGER);
  const max = Math.min(bounds.max, Number.MAX_SAFE_INTEGER);
  const base = bounds.int ? z.number().int() : z.number();
  return base
    .min(min)
    .max(max)
    .refine(isStorableNumber, { message: '数值精度超出可保存的范围' });
}

/** Keys that would reach an object's prototype instead of becoming an own field. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether `key` is safe as an own key of a plain object (not `__proto__`, `constructor`, `prototype`). */
export function isSafeKey(key: string): boolean {
  return !PROTOTYPE_KEYS.has(key);
}

/** The key and size bounds of a {@link strictRecord}. */
export interface RecordBounds {
  /** Most entries. */
  readonly maxKeys: number;
  /** Longest key; {@link ID_MAX_LENGTH} by default. */
  readonly maxKeyLength?: number;
}

/**
 * A record (e.g. scores by indicator code) whose keys are bounded ids and never
 * `__proto__`/`constructor`/`prototype` (refused, not silently dropped), with at most
 * `maxKeys` entries.
 *
 * @example
 * strictRecord(finiteNumber({ min: 0, max: 100 }), { maxKeys: 200 }) // {"1.1": 8, "1.2": 9.5}
 */
export function strictRecord<V extends z.ZodType>(value: V, bounds: RecordBounds) {
  const maxKeyLength = bounds.maxKeyLength ?? ID_MAX_LENGTH;
  return z
    .custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), { message: '类型错误，应为 object' })
    .superRefine((input, context) => {
      // Checked on the raw input: zod's record drops a `__proto__` key without a word.
      const keys = Object.keys(input);
      if (keys.length > bounds.maxKeys) context.addIssue({ code: 'custom', message: `最多 ${String(bounds.maxKeys)} 项` });
      for (const key of keys.slice(0, bounds.maxKeys + 1)) {
        if (!isSafeKey(key) || key.length === 0 || key.length > maxKeyLength) context.addIssue({ code: 'custom', path: [key], message: '不允许的字段名' });
      }
    })
    .pipe(z.record(z.string(), value));
}

import { runtimeError, StatesError } from './errors.js';
import { readPath, writePath } from './json-path.js';

/** A path field as written in ASL: absent means `$`, `null` (ResultPath only) means "discard". */
export type OptionalPath = string | null | undefined;

/**
 * Instantiates a payload template (Parameters, ResultSelector, ItemSelector): fields
 * ending in `.$` are replaced by the value their path selects from `data` (`$`) or
 * `context` (`$$`).
 *
 * @example applyPayloadTemplate({ 'id.$': '$.a', kind: 'x' }, { a: 7 }) // { id: 7, kind: 'x' }
 */
export function applyPayloadTemplate(template: unknown, data: unknown, context: unknown = {}): unknown {
  if (Array.isArray(template)) return template.map((item) => applyPayloadTemplate(item, data, context));
  if (template === null || typeof template !== 'object') return template;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template as Record<string, unknown>)) {
    if (!key.endsWith('.$')) {
      result[key] = applyPayloadTemplate(value, data, context);
      continue;
    }
    if (typeof value !== 'string') throw runtimeError(`The value of field '${key}' must be a path`);
    try {
      result[key.slice(0, -2)] = readPath(value, data, context);
    } catch (error) {
      if (error instanceof StatesError) throw new StatesError(error.error, `${error.cause} (field '${key}')`);
      throw error;
    }
  }
  return result;
}

/**
 * Applies ResultPath: absent or `$` → the result replaces the input, `null` → the
 * input passes through unchanged, otherwise the result is placed inside the input.
 *
 * @example applyResultPath('$.review', { id: 1 }, { score: 90 }) // { id: 1, review: { score: 90 } }
 */
export function applyResultPath(path: OptionalPath, input: unknown, result: unknown): unknown {
  if (path === undefined || path === '$') return result;
  if (path === null) return input;
  return writePath(path, input, result);
}

/** Applies OutputPath: absent or `$` → the whole output, otherwise the selected value. */
export function applyOutputPath(path: string | undefined, output: unknown): unknown {
  return path === undefined || path === '$' ? output : readPath(path, output);
}

import { runtimeError, StatesError } from './errors.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.js';
import { readPath, writePath } from './json-path.js';

/** A path field as written in ASL: absent means `$`, `null` means "discard". */
export type OptionalPath = string | null | undefined;

/**
 * Applies InputPath: absent → the whole input, `null` → `{}`, otherwise the selected value.
 *
 * @example applyInputPath('$.order', { order: { id: 1 } }) // { id: 1 }
 */
export function applyInputPath(path: OptionalPath, input: unknown, context: unknown = {}): unknown {
  if (path === undefined || path === '$') return input;
  if (path === null) return {};
  return readPath(path, input, context);
}

/** Evaluates the value of a `.$` field: a JSONPath or an intrinsic function call. */
export function evaluateDynamicValue(expression: string, data: unknown, context: unknown): unknown {
  return isIntrinsic(expression) ? evaluateIntrinsic(expression, data, context) : readPath(expression, data, context);
}

/**
 * Instantiates a payload template (Parameters, ResultSelector, ItemSelector): fields
 * ending in `.$` are replaced by the value of their path or intrinsic function.
 *
 * @example applyPayloadTemplate({ 'id.$': '$.a', kind: 'x' }, { a: 7 }, {}) // { id: 7, kind: 'x' }
 */
export function applyPayloadTemplate(template: unknown, data: unknown, context: unknown): unknown {
  if (Array.isArray(template)) return template.map((item) => applyPayloadTemplate(item, data, context));
  if (template === null || typeof template !== 'object') return template;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template as Record<string, unknown>)) {
    if (key.endsWith('.$')) {
      if (typeof value !== 'string') throw runtimeError(`The value of field '${key}' must be a path or intrinsic function`);
      try {
        result[key.slice(0, -2)] = evaluateDynamicValue(value, data, context);
      } catch (error) {
        if (error instanceof StatesError) {
          throw new StatesError(error.error, `${error.cause} (field '${key}')`);
        }
        throw error;
      }
    } else {
      result[key] = applyPayloadTemplate(value, data, context);
    }
  }
  return result;
}

/**
 * Applies ResultPath: absent or `$` → the result replaces the input, `null` → the
 * input passes through unchanged, otherwise the result is placed inside the input.
 */
export function applyResultPath(path: OptionalPath, rawInput: unknown, result: unknown): unknown {
  if (path === undefined || path === '$') return result;
  if (path === null) return rawInput;
  return writePath(path, rawInput, result);
}

/** Applies OutputPath with the same rules as {@link applyInputPath}. */
export function applyOutputPath(path: OptionalPath, output: unknown): unknown {
  return applyInputPath(path, output);
}

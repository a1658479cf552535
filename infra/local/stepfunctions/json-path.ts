import { runtimeError } from './errors.js';

/** A parsed path of the supported subset: a root and the field names after it. */
export interface CompiledPath {
  /** The original text, for error messages. */
  text: string;
  /** `$` reads the data, `$$` the context object. */
  root: '$' | '$$';
  fields: string[];
}

/** Raised when a path's text is outside the supported subset. */
export class PathSyntaxError extends Error {
  /** Creates the error for the given path text. */
  constructor(path: string, reason: string) {
    super(`Unsupported or invalid JSONPath '${path}': ${reason}`);
    this.name = 'PathSyntaxError';
  }
}

const cache = new Map<string, CompiledPath>();
const fieldName = /^[^.[\]\s'"()?@,*$]+$/;

/**
 * Parses a path of the subset `$` or `$$` followed by `.name` steps (no brackets, indexes,
 * wildcards, filters or recursive descent).
 *
 * @example compilePath('$.review.tasks') // { text: '$.review.tasks', root: '$', fields: ['review', 'tasks'] }
 */
export function compilePath(text: string): CompiledPath {
  const cached = cache.get(text);
  if (cached) return cached;
  const root = text.startsWith('$$') ? '$$' : text.startsWith('$') ? '$' : undefined;
  if (!root) throw new PathSyntaxError(text, 'a path starts with $ or $$');
  const rest = text.slice(root.length);
  if (rest !== '' && !rest.startsWith('.')) throw new PathSyntaxError(text, `only .name steps may follow ${root}`);
  const fields = rest === '' ? [] : rest.slice(1).split('.');
  const bad = fields.find((field) => !fieldName.test(field));
  if (bad !== undefined) throw new PathSyntaxError(text, `'${bad}' is not a plain field name (brackets, indexes, wildcards and '..' are not supported)`);
  const compiled: CompiledPath = { text, root, fields };
  cache.set(text, compiled);
  return compiled;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a path from the data (`$`) or the context object (`$$`); a path that matches
 * nothing is a `States.Runtime` error, as in AWS.
 *
 * @example readPath('$.a.b', { a: { b: 2 } }) // 2
 */
export function readPath(text: string, data: unknown, context: unknown = {}): unknown {
  const path = compilePath(text);
  let value = path.root === '$$' ? context : data;
  for (const field of path.fields) {
    if (!isRecord(value) || !Object.hasOwn(value, field)) throw runtimeError(`The JSONPath '${text}' could not be found in the input`);
    value = value[field];
  }
  return value;
}

/**
 * Returns a copy of `target` with `value` placed at a `$`-rooted path, creating missing
 * objects on the way (the ResultPath rule).
 *
 * @example writePath('$.result', { a: 1 }, 2) // { a: 1, result: 2 }
 */
export function writePath(text: string, target: unknown, value: unknown): unknown {
  const path = compilePath(text);
  if (path.root !== '$') throw runtimeError(`'${text}' cannot be used as a ResultPath`);
  const write = (current: unknown, index: number): unknown => {
    const field = path.fields[index];
    if (field === undefined) return value;
    if (current !== undefined && !isRecord(current)) throw runtimeError(`Unable to apply ResultPath '${text}': '${field}' is set on a non-object`);
    const base = current ?? {};
    return { ...base, [field]: write(base[field], index + 1) };
  };
  return write(target, 0);
}

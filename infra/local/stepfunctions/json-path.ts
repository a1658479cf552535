import { runtimeError } from './errors.js';

/** One step of a compiled path. */
export type PathSegment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' };

/** A parsed JSONPath of the supported subset. */
export interface CompiledPath {
  /** The original text, for error messages. */
  text: string;
  /** `$` reads the data, `$$` the context object. */
  root: '$' | '$$';
  segments: PathSegment[];
  /** False when a wildcard makes the path select a list of values. */
  definite: boolean;
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
const identifier = /^[^.[\]\s'"()?@,]+/;

/**
 * Parses a path of the subset `$`, `$$`, `.name`, `['name']`, `[n]`, `[*]` and `.*`.
 *
 * @example compilePath("$.items[0]['id']")
 */
export function compilePath(text: string): CompiledPath {
  const cached = cache.get(text);
  if (cached) return cached;
  const root = text.startsWith('$$') ? '$$' : text.startsWith('$') ? '$' : undefined;
  if (!root) throw new PathSyntaxError(text, 'a path starts with $ or $$');
  const segments: PathSegment[] = [];
  let rest = text.slice(root.length);
  while (rest.length > 0) {
    if (rest.startsWith('..')) throw new PathSyntaxError(text, 'recursive descent (..) is not supported');
    if (rest.startsWith('.*')) {
      segments.push({ kind: 'wildcard' });
      rest = rest.slice(2);
    } else if (rest.startsWith('.')) {
      const match = identifier.exec(rest.slice(1));
      if (!match) throw new PathSyntaxError(text, `cannot read a field name at '${rest}'`);
      segments.push({ kind: 'field', name: match[0] });
      rest = rest.slice(1 + match[0].length);
    } else if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close < 0) throw new PathSyntaxError(text, 'unclosed [');
      const inner = rest.slice(1, close).trim();
      rest = rest.slice(close + 1);
      if (inner === '*') segments.push({ kind: 'wildcard' });
      else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) {
        segments.push({ kind: 'field', name: inner.slice(1, -1) });
      } else throw new PathSyntaxError(text, `bracket expression [${inner}] is not supported`);
    } else {
      throw new PathSyntaxError(text, `unexpected '${rest}'`);
    }
  }
  const compiled: CompiledPath = {
    text,
    root,
    segments,
    definite: segments.every((segment) => segment.kind !== 'wildcard'),
  };
  cache.set(text, compiled);
  return compiled;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function step(values: unknown[], segment: PathSegment): unknown[] {
  const next: unknown[] = [];
  for (const value of values) {
    if (segment.kind === 'field') {
      if (isRecord(value) && Object.hasOwn(value, segment.name)) next.push(value[segment.name]);
    } else if (segment.kind === 'index') {
      if (Array.isArray(value) && segment.index < value.length) next.push(value[segment.index]);
    } else if (Array.isArray(value)) {
      for (const item of value) next.push(item);
    } else if (isRecord(value)) {
      for (const item of Object.values(value)) next.push(item);
    }
  }
  return next;
}

/** Collects what a path selects; `found` is false when a definite path stops early. */
function select(path: CompiledPath, data: unknown, context: unknown): { found: boolean; values: unknown[] } {
  let values = [path.root === '$$' ? context : data];
  for (const segment of path.segments) {
    values = step(values, segment);
    if (path.definite && values.length === 0) return { found: false, values };
  }
  return { found: true, values };
}

/**
 * Reads a path; a definite path that matches nothing is a `States.Runtime` error,
 * an indefinite one (with a wildcard) yields the list of matches.
 *
 * @example readPath('$.a[1]', { a: [1, 2] }, {}) // 2
 */
export function readPath(text: string, data: unknown, context: unknown = {}): unknown {
  const path = compilePath(text);
  const { found, values } = select(path, data, context);
  if (!path.definite) return values;
  if (!found) throw runtimeError(`The JSONPath '${text}' could not be found in the input`);
  return values[0];
}

/** Whether a path selects something (used by the Choice `IsPresent` test). */
export function pathExists(text: string, data: unknown, context: unknown = {}): boolean {
  const path = compilePath(text);
  const { found, values } = select(path, data, context);
  return path.definite ? found : values.length > 0;
}

/**
 * Returns a copy of `target` with `value` placed at a definite `$`-rooted path,
 * creating missing objects on the way (the ResultPath rule).
 *
 * @example writePath('$.result', { a: 1 }, 2) // { a: 1, result: 2 }
 */
export function writePath(text: string, target: unknown, value: unknown): unknown {
  const path = compilePath(text);
  if (path.root !== '$' || !path.definite) throw runtimeError(`'${text}' cannot be used as a ResultPath`);
  const write = (current: unknown, index: number): unknown => {
    const segment = path.segments[index];
    if (!segment) return value;
    if (segment.kind === 'field') {
      if (current !== undefined && !isRecord(current)) {
        throw runtimeError(`Unable to apply ResultPath '${text}': '${segment.name}' is set on a non-object`);
      }
      const base = current ?? {};
      return { ...base, [segment.name]: write(base[segment.name], index + 1) };
    }
    if (segment.kind === 'index' && Array.isArray(current) && segment.index < current.length) {
      const copy = [...current];
      copy[segment.index] = write(current[segment.index], index + 1);
      return copy;
    }
    throw runtimeError(`Unable to apply ResultPath '${text}' to the state input`);
  };
  return write(target, 0);
}

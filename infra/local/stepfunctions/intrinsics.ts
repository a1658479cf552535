import { createHash, randomUUID } from 'node:crypto';
import { StatesError, StatesErrors } from './errors.js';
import { compilePath, readPath } from './json-path.js';

/** A parsed argument of an intrinsic function call. */
export type IntrinsicArgument =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; path: string }
  | { kind: 'call'; call: IntrinsicCall };

/** A parsed `States.Xxx(...)` call. */
export interface IntrinsicCall {
  name: string;
  args: IntrinsicArgument[];
}

/** Raised when an intrinsic expression cannot be parsed or names an unsupported function. */
export class IntrinsicSyntaxError extends Error {
  /** Creates the error for the given expression. */
  constructor(expression: string, reason: string) {
    super(`Invalid intrinsic function '${expression}': ${reason}`);
    this.name = 'IntrinsicSyntaxError';
  }
}

/* Escaped braces inside string literals are kept apart from the `{}` placeholders of States.Format. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const unescapeBraces = (text: string): string => text.replaceAll(OPEN, '{').replaceAll(CLOSE, '}');

const hashAlgorithms: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function fail(name: string, message: string): never {
  throw new StatesError(StatesErrors.intrinsicFailure, `${name}: ${message}`);
}

function expectArgs(name: string, args: unknown[], count: number): void {
  if (args.length !== count) fail(name, `expects ${count} argument(s), got ${args.length}`);
}

function asNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(name, `expects a number, got ${JSON.stringify(value)}`);
  return value;
}

function asString(name: string, value: unknown): string {
  if (typeof value !== 'string') fail(name, `expects a string, got ${JSON.stringify(value)}`);
  return value;
}

function asArray(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) fail(name, `expects an array, got ${JSON.stringify(value)}`);
  return value;
}

function format(args: unknown[]): string {
  const [template, ...values] = args;
  const pieces = asString('States.Format', template).split('{}');
  if (pieces.length - 1 !== values.length) {
    fail('States.Format', `the template has ${pieces.length - 1} placeholder(s) for ${values.length} argument(s)`);
  }
  const rendered = values.map((value) => {
    if (value !== null && typeof value === 'object') fail('States.Format', 'arguments must be strings, numbers, booleans or null');
    return typeof value === 'string' ? unescapeBraces(value) : JSON.stringify(value);
  });
  return unescapeBraces(pieces.map((piece, index) => piece + (rendered[index] ?? '')).join(''));
}

type Implementation = (args: unknown[]) => unknown;

const functions: Record<string, Implementation> = {
  'States.Format': format,
  'States.StringToJson': (args) => {
    expectArgs('States.StringToJson', args, 1);
    try {
      return JSON.parse(asString('States.StringToJson', args[0])) as unknown;
    } catch {
      return fail('States.StringToJson', 'the argument is not valid JSON');
    }
  },
  'States.JsonToString': (args) => {
    expectArgs('States.JsonToString', args, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => [...args],
  'States.ArrayLength': (args) => {
    expectArgs('States.ArrayLength', args, 1);
    return asArray('States.ArrayLength', args[0]).length;
  },
  'States.ArrayGetItem': (args) => {
    expectArgs('States.ArrayGetItem', args, 2);
    const array = asArray('States.ArrayGetItem', args[0]);
    const index = asNumber('States.ArrayGetItem', args[1]);
    if (!Number.isInteger(index) || index < 0 || index >= array.length) fail('States.ArrayGetItem', `index ${index} is out of range`);
    return array[index];
  },
  'States.ArrayContains': (args) => {
    expectArgs('States.ArrayContains', args, 2);
    const needle = JSON.stringify(args[1]);
    return asArray('States.ArrayContains', args[0]).some((item) => JSON.stringify(item) === needle);
  },
  'States.ArrayPartition': (args) => {
    expectArgs('States.ArrayPartition', args, 2);
    const array = asArray('States.ArrayPartition', args[0]);
    const size = asNumber('States.ArrayPartition', args[1]);
    if (!Number.isInteger(size) || size < 1) fail('States.ArrayPartition', 'the chunk size must be a positive integer');
    const chunks: unknown[][] = [];
    for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
    return chunks;
  },
  'States.ArrayUnique': (args) => {
    expectArgs('States.ArrayUnique', args, 1);
    const seen = new Set<string>();
    return asArray('States.ArrayUnique', args[0]).filter((item) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  'States.MathAdd': (args) => {
    expectArgs('States.MathAdd', args, 2);
    return asNumber('States.MathAdd', args[0]) + asNumber('States.MathAdd', args[1]);
  },
  'States.StringSplit': (args) => {
    expectArgs('States.StringSplit', args, 2);
    const text = asString('States.StringSplit', args[0]);
    const separators = [...asString('States.StringSplit', args[1])];
    return separators.reduce<string[]>((parts, separator) => parts.flatMap((part) => part.split(separator)), [text]).filter((part) => part !== '');
  },
  'States.Base64Encode': (args) => {
    expectArgs('States.Base64Encode', args, 1);
    return Buffer.from(asString('States.Base64Encode', args[0]), 'utf8').toString('base64');
  },
  'States.Base64Decode': (args) => {
    expectArgs('States.Base64Decode', args, 1);
    return Buffer.from(asString('States.Base64Decode', args[0]), 'base64').toString('utf8');
  },
  'States.Hash': (args) => {
    expectArgs('States.Hash', args, 2);
    const algorithm = hashAlgorithms[asString('States.Hash', args[1])];
    if (!algorithm) fail('States.Hash', `unsupported algorithm ${JSON.stringify(args[1])}`);
    const data = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
    return createHash(algorithm).update(data).digest('hex');
  },
  'States.UUID': (args) => {
    expectArgs('States.UUID', args, 0);
    return randomUUID();
  },
};

class Parser {
  private position = 0;
  constructor(private readonly text: string) {}

  parse(): IntrinsicCall {
    const call = this.call();
    this.skipSpaces();
    if (this.position !== this.text.length) this.error('unexpected text after the closing parenthesis');
    return call;
  }

  private error(reason: string): never {
    throw new IntrinsicSyntaxError(this.text, `${reason} (at ${this.position})`);
  }

  private skipSpaces(): void {
    while (this.text[this.position] === ' ') this.position += 1;
  }

  private call(): IntrinsicCall {
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.position));
    if (!match) this.error('expected States.<Function>(');
    const name = match[0];
    if (!functions[name]) this.error(`${name} is not supported`);
    this.position += name.length;
    if (this.text[this.position] !== '(') this.error('expected (');
    this.position += 1;
    const args: IntrinsicArgument[] = [];
    this.skipSpaces();
    if (this.text[this.position] === ')') {
      this.position += 1;
      return { name, args };
    }
    for (;;) {
      this.skipSpaces();
      args.push(this.argument());
      this.skipSpaces();
      const next = this.text[this.position];
      this.position += 1;
      if (next === ')') return { name, args };
      if (next !== ',') this.error('expected , or )');
    }
  }

  private argument(): IntrinsicArgument {
    const rest = this.text.slice(this.position);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.stringLiteral() };
    if (rest.startsWith('States.')) return { kind: 'call', call: this.call() };
    if (rest.startsWith('$')) {
      let end = this.position;
      let depth = 0;
      while (end < this.text.length) {
        const char = this.text[end];
        if (char === '[') depth += 1;
        else if (char === ']') depth -= 1;
        else if (depth === 0 && (char === ',' || char === ')')) break;
        end += 1;
      }
      const path = this.text.slice(this.position, end).trim();
      try {
        compilePath(path);
      } catch (error) {
        this.error((error as Error).message);
      }
      this.position = end;
      return { kind: 'path', path };
    }
    const literal = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(rest);
    if (!literal) this.error('expected a string, number, boolean, null, path or function call');
    this.position += literal[0].length;
    return { kind: 'literal', value: JSON.parse(literal[0]) as number | boolean | null };
  }

  private stringLiteral(): string {
    let value = '';
    this.position += 1;
    while (this.position < this.text.length) {
      const char = this.text[this.position] ?? '';
      if (char === '\\') {
        const escaped = this.text[this.position + 1];
        if (escaped === undefined) this.error('dangling escape');
        value += escaped === '{' ? OPEN : escaped === '}' ? CLOSE : escaped;
        this.position += 2;
      } else if (char === "'") {
        this.position += 1;
        return value;
      } else {
        value += char;
        this.position += 1;
      }
    }
    return this.error('unterminated string literal');
  }
}

/** Whether a `.$` value is an intrinsic function call rather than a path. */
export function isIntrinsic(expression: string): boolean {
  return expression.startsWith('States.');
}

/**
 * Parses an intrinsic expression, throwing {@link IntrinsicSyntaxError} when it is
 * malformed or uses a function that is not implemented.
 */
export function parseIntrinsic(expression: string): IntrinsicCall {
  return new Parser(expression).parse();
}

function evaluateCall(call: IntrinsicCall, data: unknown, context: unknown): unknown {
  const args = call.args.map((arg) => {
    if (arg.kind === 'literal') {
      const keepPlaceholders = call.name === 'States.Format';
      return typeof arg.value === 'string' && !keepPlaceholders ? unescapeBraces(arg.value) : arg.value;
    }
    if (arg.kind === 'path') return readPath(arg.path, data, context);
    return evaluateCall(arg.call, data, context);
  });
  const implementation = functions[call.name];
  if (!implementation) throw new IntrinsicSyntaxError(call.name, 'not supported');
  return implementation(args);
}

/**
 * Evaluates an intrinsic expression against the state data and the context object.
 *
 * @example evaluateIntrinsic("States.Format('Hi {}', $.name)", { name: 'Li' }, {}) // 'Hi Li'
 */
export function evaluateIntrinsic(expression: string, data: unknown, context: unknown): unknown {
  return evaluateCall(parseIntrinsic(expression), data, context);
}

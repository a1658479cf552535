/**
 * DynamoDB AttributeValue JSON (as on the wire: numbers as strings, binaries as base64)
 * and the value semantics the expression evaluators need: equality, ordering and
 * exact decimal arithmetic on `N`.
 */

/** One DynamoDB attribute value in wire JSON form. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

/** An item: attribute name → value. */
export type Item = Record<string, AttributeValue>;

/** The data type descriptors DynamoDB uses (`attribute_type` accepts exactly these). */
export const ATTRIBUTE_TYPES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'] as const;
/** A data type descriptor. */
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** The type descriptor of a value (its single key). */
export function attributeType(value: AttributeValue): AttributeType {
  return Object.keys(value)[0] as AttributeType;
}

/** The payload of a value regardless of its type. */
export function attributePayload(value: AttributeValue): unknown {
  return (value as Record<string, unknown>)[attributeType(value)];
}

/** True for the three set types. */
export function isSetType(type: AttributeType): type is 'SS' | 'NS' | 'BS' {
  return type === 'SS' || type === 'NS' || type === 'BS';
}

// ---------------------------------------------------------------- decimals

/** An exact decimal `mantissa × 10^exponent`, normalised (no trailing zeros in the mantissa). */
export interface Decimal {
  readonly mantissa: bigint;
  readonly exponent: number;
}

const NUMBER_PATTERN = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/** Parses a DynamoDB number string; undefined when it is not a number. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = NUMBER_PATTERN.exec(text);
  if (!match) return undefined;
  const [, sign = '', intPart = '', fracPart = '', exp = '0'] = match;
  if (intPart.length + fracPart.length === 0) return undefined;
  const digits = `${intPart}${fracPart}`;
  const mantissa = BigInt(digits) * (sign === '-' ? -1n : 1n);
  return normalise({ mantissa, exponent: Number(exp) - fracPart.length });
}

function normalise(d: Decimal): Decimal {
  if (d.mantissa === 0n) return { mantissa: 0n, exponent: 0 };
  let { mantissa, exponent } = d;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  return { mantissa, exponent };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [
    a.mantissa * 10n ** BigInt(a.exponent - exponent),
    b.mantissa * 10n ** BigInt(b.exponent - exponent),
    exponent,
  ];
}

/** Compares two decimals: negative, zero or positive. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact sum of two decimals. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, exponent] = align(a, b);
  return normalise({ mantissa: x + y, exponent });
}

/** Exact negation. */
export function negateDecimal(a: Decimal): Decimal {
  return { mantissa: -a.mantissa, exponent: a.exponent };
}

/** Plain (non-exponent) string form, as DynamoDB returns numbers. */
export function formatDecimal(d: Decimal): string {
  const negative = d.mantissa < 0n;
  const digits = (negative ? -d.mantissa : d.mantissa).toString();
  let text: string;
  if (d.exponent >= 0) text = digits + '0'.repeat(d.exponent);
  else {
    const point = digits.length + d.exponent;
    text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/** A problem with a number as DynamoDB would report it, or undefined when it is storable. */
export function checkNumberRange(d: Decimal): string | undefined {
  if (d.mantissa === 0n) return undefined;
  const digits = (d.mantissa < 0n ? -d.mantissa : d.mantissa).toString().length;
  const magnitude = d.exponent + digits - 1;
  if (digits > 38) return 'Attempting to store more than 38 significant digits in a Number';
  if (magnitude > 125) return 'Number overflow. Attempting to store a number with magnitude larger than supported range';
  if (magnitude < -130) return 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
  return undefined;
}

function decimalOf(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new Error(`not a number: ${text}`);
  return d;
}

// ------------------------------------------------------------ comparisons

function bytesOf(value: string, type: 'S' | 'B'): Buffer {
  return type === 'S' ? Buffer.from(value, 'utf8') : Buffer.from(value, 'base64');
}

function scalarKey(value: string, type: 'S' | 'N' | 'B'): string {
  if (type === 'N') return formatDecimal(decimalOf(value));
  if (type === 'B') return Buffer.from(value, 'base64').toString('base64');
  return value;
}

/** Deep equality with DynamoDB semantics (numbers by value, sets order-insensitive). */
export function attributeValuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = attributeType(a);
  if (type !== attributeType(b)) return false;
  const x = attributePayload(a);
  const y = attributePayload(b);
  switch (type) {
    case 'S':
    case 'BOOL':
    case 'NULL':
      return x === y;
    case 'N':
      return compareDecimal(decimalOf(x as string), decimalOf(y as string)) === 0;
    case 'B':
      return bytesOf(x as string, 'B').equals(bytesOf(y as string, 'B'));
    case 'SS':
    case 'NS':
    case 'BS': {
      const scalar = type === 'SS' ? 'S' : type === 'NS' ? 'N' : 'B';
      const left = new Set((x as string[]).map((v) => scalarKey(v, scalar)));
      const right = new Set((y as string[]).map((v) => scalarKey(v, scalar)));
      return left.size === right.size && [...left].every((v) => right.has(v));
    }
    case 'L': {
      const left = x as AttributeValue[];
      const right = y as AttributeValue[];
      return left.length === right.length && left.every((v, i) => attributeValuesEqual(v, right[i] as AttributeValue));
    }
    case 'M': {
      const left = x as Record<string, AttributeValue>;
      const right = y as Record<string, AttributeValue>;
      const keys = Object.keys(left);
      return (
        keys.length === Object.keys(right).length &&
        keys.every((k) => right[k] !== undefined && attributeValuesEqual(left[k] as AttributeValue, right[k] as AttributeValue))
      );
    }
  }
}

/**
 * Orders two scalar values of the same type (N numerically, S and B by unsigned bytes);
 * undefined when they are not comparable (different types or not N/S/B).
 */
export function compareAttributeValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const type = attributeType(a);
  if (type !== attributeType(b)) return undefined;
  const x = attributePayload(a) as string;
  const y = attributePayload(b) as string;
  if (type === 'N') return compareDecimal(decimalOf(x), decimalOf(y));
  if (type === 'S' || type === 'B') return Buffer.compare(bytesOf(x, type), bytesOf(y, type));
  return undefined;
}

/** The `size()` of a value: bytes for S (UTF-8) and B, element count for sets, lists and maps. */
export function attributeSize(value: AttributeValue): number | undefined {
  const type = attributeType(value);
  const payload = attributePayload(value);
  switch (type) {
    case 'S':
      return Buffer.byteLength(payload as string, 'utf8');
    case 'B':
      return Buffer.from(payload as string, 'base64').length;
    case 'SS':
    case 'NS':
    case 'BS':
    case 'L':
      return (payload as unknown[]).length;
    case 'M':
      return Object.keys(payload as object).length;
    default:
      return undefined;
  }
}

/** Set membership / substring test used by `contains` and the set update actions. */
export function setHas(set: AttributeValue, element: string): boolean {
  const type = attributeType(set);
  const scalar = type === 'SS' ? 'S' : type === 'NS' ? 'N' : 'B';
  const key = scalarKey(element, scalar);
  return (attributePayload(set) as string[]).some((v) => scalarKey(v, scalar) === key);
}

// ------------------------------------------------------------- validation

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

/** Validates one value like DynamoDB does; returns the error message or undefined. */
export function validateAttributeValue(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  if (keys.length > 1) {
    return 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
  }
  const type = keys[0] as string;
  const payload = (value as Record<string, unknown>)[type];
  const isStringArray = (p: unknown): p is string[] => Array.isArray(p) && p.every((v) => typeof v === 'string');
  switch (type) {
    case 'S':
      return typeof payload === 'string' ? undefined : 'Invalid S value';
    case 'N': {
      const d = typeof payload === 'string' ? parseDecimal(payload) : undefined;
      return d ? checkNumberRange(d) : 'The parameter cannot be converted to a numeric value';
    }
    case 'B':
      return typeof payload === 'string' && BASE64_PATTERN.test(payload) ? undefined : 'Invalid B value';
    case 'BOOL':
      return typeof payload === 'boolean' ? undefined : 'Invalid BOOL value';
    case 'NULL':
      return payload === true
        ? undefined
        : 'One or more parameter values were invalid: Null attribute value types must have the value of true';
    case 'SS':
    case 'NS':
    case 'BS': {
      if (!isStringArray(payload)) return `Invalid ${type} value`;
      if (payload.length === 0) return `One or more parameter values were invalid: An ${type} set may not be empty`;
      const scalar = type === 'SS' ? 'S' : type === 'NS' ? 'N' : 'B';
      for (const element of payload) {
        const problem = validateAttributeValue({ [scalar]: element });
        if (problem) return problem;
      }
      const unique = new Set(payload.map((v) => scalarKey(v, scalar)));
      return unique.size === payload.length ? undefined : 'One or more parameter values were invalid: Input collection contains duplicates';
    }
    case 'L':
      if (!Array.isArray(payload)) return 'Invalid L value';
      for (const element of payload) {
        const problem = validateAttributeValue(element);
        if (problem) return problem;
      }
      return undefined;
    case 'M':
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return 'Invalid M value';
      for (const element of Object.values(payload)) {
        const problem = validateAttributeValue(element);
        if (problem) return problem;
      }
      return undefined;
    default:
      return `Supplied AttributeValue has an unknown data type: ${type}`;
  }
}

function valueSize(value: AttributeValue): number {
  const type = attributeType(value);
  const payload = attributePayload(value);
  switch (type) {
    case 'S':
    case 'B':
      return attributeSize(value) ?? 0;
    case 'N':
      return Math.ceil((payload as string).replace(/[^0-9]/g, '').length / 2) + 1;
    case 'SS':
      return (payload as string[]).reduce((sum, v) => sum + Buffer.byteLength(v, 'utf8'), 0);
    case 'BS':
      return (payload as string[]).reduce((sum, v) => sum + Buffer.from(v, 'base64').length, 0);
    case 'NS':
      return (payload as string[]).reduce((sum, v) => sum + valueSize({ N: v }), 0);
    case 'L':
      return 3 + (payload as AttributeValue[]).reduce((sum, v) => sum + 1 + valueSize(v), 0);
    case 'M':
      return 3 + itemSize(payload as Item) + Object.keys(payload as Item).length;
    default:
      return 1;
  }
}

/** Approximate stored size of an item in bytes (names + values, per the DynamoDB sizing rules). */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name, 'utf8') + valueSize(value), 0);
}

/** DynamoDB's maximum item size. */
export const MAX_ITEM_SIZE = 400 * 1024;

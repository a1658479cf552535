/**
 * DynamoDB ConditionExpression: tokenizer-based recursive-descent parser, evaluator
 * and printer.
 *
 * Grammar (precedence from loosest to tightest: OR, AND, NOT, then comparisons/functions):
 * ```
 * condition  := or
 * or         := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | primary
 * primary    := '(' condition ')'
 *             | attribute_exists(path) | attribute_not_exists(path) | attribute_type(path, :v)
 *             | begins_with(path, operand) | contains(path, operand)
 *             | operand comparator operand | operand BETWEEN operand AND operand
 *             | operand IN '(' operand (',' operand)* ')'
 * operand    := path | :value | size(path)
 * comparator := = | <> | < | <= | > | >=
 * ```
 * Anything else is rejected with a ValidationException (never a silent pass).
 */
import {
  ATTRIBUTE_TYPES,
  attributeSize,
  attributeType,
  attributeValuesEqual,
  compareAttributeValues,
  setHas,
  type AttributeValue,
  type Item,
} from './attribute-value.js';
import { getPath, parsePath, printPath, startsPath, type DocumentPath } from './document-path.js';
import { ExpressionContext } from './expression-context.js';
import { TokenCursor, tokenize } from './expression-lexer.js';

/** A comparison operator. */
export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** An operand of a comparison. */
export type Operand =
  | { readonly kind: 'path'; readonly path: DocumentPath }
  | { readonly kind: 'value'; readonly placeholder: string; readonly value: AttributeValue }
  | { readonly kind: 'size'; readonly path: DocumentPath };

/** Names of the boolean functions. */
export type ConditionFunction = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

/** Parsed condition (parentheses are implicit in the tree). */
export type ConditionNode =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly name: ConditionFunction; readonly path: DocumentPath; readonly argument?: Operand }
  | { readonly kind: 'and' | 'or'; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly kind: 'not'; readonly operand: ConditionNode };

const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];
const BOOLEAN_FUNCTIONS: readonly string[] = [
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
];
const ORDERED_TYPES: readonly string[] = ['N', 'S', 'B'];

class ConditionParser {
  constructor(
    private readonly cursor: TokenCursor,
    private readonly context: ExpressionContext,
  ) {}

  parse(): ConditionNode {
    const node = this.or();
    this.cursor.expectEnd();
    return node;
  }

  private or(): ConditionNode {
    let left = this.and();
    while (this.cursor.isKeyword('OR')) {
      this.cursor.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): ConditionNode {
    let left = this.not();
    while (this.cursor.isKeyword('AND')) {
      this.cursor.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): ConditionNode {
    if (this.cursor.isKeyword('NOT')) {
      this.cursor.next();
      return { kind: 'not', operand: this.not() };
    }
    return this.primary();
  }

  private primary(): ConditionNode {
    const cursor = this.cursor;
    if (cursor.isPunct('(')) {
      cursor.next();
      const inner = this.or();
      cursor.expectPunct(')');
      return inner;
    }
    const token = cursor.peek();
    if (cursor.isFunctionCall()) {
      if (BOOLEAN_FUNCTIONS.includes(token.text)) return this.booleanFunction();
      if (token.text !== 'size') throw cursor.invalid(`Invalid function name; function: ${token.text}`);
    }
    const left = this.operand();
    if (cursor.isKeyword('BETWEEN')) {
      cursor.next();
      const low = this.operand();
      cursor.expectKeyword('AND');
      const high = this.operand();
      this.checkOrdered('BETWEEN', [left, low, high]);
      if (low.kind === 'value' && high.kind === 'value') {
        const order = compareAttributeValues(low.value, high.value);
        if (order === undefined || order > 0) {
          throw cursor.invalid(
            'The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ' +
              `lower bound operand: AttributeValue: ${JSON.stringify(low.value)}, ` +
              `upper bound operand: AttributeValue: ${JSON.stringify(high.value)}`,
          );
        }
      }
      return { kind: 'between', operand: left, low, high };
    }
    if (cursor.isKeyword('IN')) {
      cursor.next();
      cursor.expectPunct('(');
      const list: Operand[] = [this.operand()];
      while (cursor.isPunct(',')) {
        cursor.next();
        list.push(this.operand());
      }
      cursor.expectPunct(')');
      if (list.length > 100) {
        throw cursor.invalid('The IN operator is provided with too many operands; number of operands: ' + list.length);
      }
      return { kind: 'in', operand: left, list };
    }
    const op = cursor.peek();
    if (op.kind === 'punct' && COMPARATORS.includes(op.text)) {
      cursor.next();
      const right = this.operand();
      if (op.text !== '=' && op.text !== '<>') this.checkOrdered(op.text, [left, right]);
      return { kind: 'compare', op: op.text as Comparator, left, right };
    }
    throw cursor.unexpected();
  }

  private checkOrdered(operator: string, operands: readonly Operand[]): void {
    for (const operand of operands) {
      if (operand.kind === 'value' && !ORDERED_TYPES.includes(attributeType(operand.value))) {
        throw this.cursor.invalid(
          `Incorrect operand type for operator or function; operator: ${operator}, operand type: ${attributeType(operand.value)}`,
        );
      }
    }
  }

  private operand(): Operand {
    const cursor = this.cursor;
    const token = cursor.peek();
    if (token.kind === 'value') {
      cursor.next();
      return { kind: 'value', placeholder: token.text, value: this.context.resolveValue(token.text) };
    }
    if (cursor.isFunctionCall()) {
      if (token.text !== 'size') {
        if (BOOLEAN_FUNCTIONS.includes(token.text)) {
          throw cursor.invalid(`The function is not allowed to be used this way in an expression; function: ${token.text}`);
        }
        throw cursor.invalid(`Invalid function name; function: ${token.text}`);
      }
      const args = this.functionArguments('size');
      if (args.length !== 1) throw this.arity('size', args.length);
      return { kind: 'size', path: this.requirePath('size', args[0] as Operand) };
    }
    if (startsPath(cursor)) return { kind: 'path', path: parsePath(cursor, this.context) };
    throw cursor.unexpected();
  }

  private functionArguments(name: string): Operand[] {
    const cursor = this.cursor;
    cursor.next(); // function name
    cursor.expectPunct('(');
    const args: Operand[] = [];
    if (cursor.isPunct(')')) throw this.arity(name, 0);
    args.push(this.operand());
    while (cursor.isPunct(',')) {
      cursor.next();
      args.push(this.operand());
    }
    cursor.expectPunct(')');
    return args;
  }

  private booleanFunction(): ConditionNode {
    const name = this.cursor.peek().text as ConditionFunction;
    const args = this.functionArguments(name);
    const expected = name === 'attribute_exists' || name === 'attribute_not_exists' ? 1 : 2;
    if (args.length !== expected) throw this.arity(name, args.length);
    const path = this.requirePath(name, args[0] as Operand);
    if (expected === 1) return { kind: 'function', name, path };
    const argument = args[1] as Operand;
    if (name === 'attribute_type') {
      if (argument.kind !== 'value') {
        throw this.cursor.invalid(`Incorrect operand type for operator or function; operator or function: ${name}`);
      }
      const type = 'S' in argument.value ? argument.value.S : undefined;
      if (type === undefined || !(ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
        throw this.cursor.invalid(
          `Invalid attribute type name found; type: ${type ?? attributeType(argument.value)}, valid types: { ${ATTRIBUTE_TYPES.join(',')} }`,
        );
      }
    }
    if (name === 'begins_with' && argument.kind === 'value') {
      const type = attributeType(argument.value);
      if (type !== 'S' && type !== 'B') {
        throw this.cursor.invalid(
          `Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${type}`,
        );
      }
    }
    if (argument.kind === 'size') {
      throw this.cursor.invalid(`Incorrect operand type for operator or function; operator or function: ${name}`);
    }
    return { kind: 'function', name, path, argument };
  }

  private requirePath(name: string, operand: Operand): DocumentPath {
    if (operand.kind !== 'path') {
      throw this.cursor.invalid(`Operator or function requires a document path; operator or function: ${name}`);
    }
    return operand.path;
  }

  private arity(name: string, count: number) {
    return this.cursor.invalid(
      `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${count}`,
    );
  }
}

/**
 * Parses a condition. Placeholders are resolved (and marked used) through `context`;
 * `label` names the expression in error messages.
 */
export function parseConditionExpression(
  expression: string,
  context: ExpressionContext,
  label = 'ConditionExpression',
): ConditionNode {
  if (expression.trim() === '') throw new TokenCursor([], label, expression).invalid('The expression can not be empty;');
  const cursor = new TokenCursor(tokenize(expression, label), label, expression);
  return new ConditionParser(cursor, context).parse();
}

function resolveOperand(operand: Operand, item: Item): AttributeValue | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return getPath(item, operand.path);
    case 'size': {
      const value = getPath(item, operand.path);
      const size = value === undefined ? undefined : attributeSize(value);
      return size === undefined ? undefined : { N: String(size) };
    }
  }
}

function compare(op: Comparator, left: AttributeValue | undefined, right: AttributeValue | undefined): boolean {
  if (op === '=' || op === '<>') {
    const equal = left !== undefined && right !== undefined && attributeValuesEqual(left, right);
    return op === '=' ? equal : !equal;
  }
  if (left === undefined || right === undefined) return false;
  const order = compareAttributeValues(left, right);
  if (order === undefined) return false;
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function contains(haystack: AttributeValue, needle: AttributeValue): boolean {
  const type = attributeType(haystack);
  const needleType = attributeType(needle);
  if (type === 'S' && needleType === 'S') return (haystack as { S: string }).S.includes((needle as { S: string }).S);
  if (type === 'B' && needleType === 'B') {
    return Buffer.from((haystack as { B: string }).B, 'base64').includes(Buffer.from((needle as { B: string }).B, 'base64'));
  }
  if ((type === 'SS' && needleType === 'S') || (type === 'NS' && needleType === 'N') || (type === 'BS' && needleType === 'B')) {
    return setHas(haystack, Object.values(needle)[0] as string);
  }
  if (type === 'L') return (haystack as { L: AttributeValue[] }).L.some((element) => attributeValuesEqual(element, needle));
  return false;
}

function evaluateFunction(node: Extract<ConditionNode, { kind: 'function' }>, item: Item): boolean {
  const value = getPath(item, node.path);
  const argument = node.argument === undefined ? undefined : resolveOperand(node.argument, item);
  switch (node.name) {
    case 'attribute_exists':
      return value !== undefined;
    case 'attribute_not_exists':
      return value === undefined;
    case 'attribute_type':
      return value !== undefined && argument !== undefined && 'S' in argument && attributeType(value) === argument.S;
    case 'begins_with': {
      if (value === undefined || argument === undefined) return false;
      const type = attributeType(value);
      if (type !== attributeType(argument)) return false;
      if ('S' in value && 'S' in argument) return value.S.startsWith(argument.S);
      if ('B' in value && 'B' in argument) {
        const bytes = Buffer.from(value.B, 'base64');
        const prefix = Buffer.from(argument.B, 'base64');
        return bytes.subarray(0, prefix.length).equals(prefix);
      }
      return false;
    }
    case 'contains':
      return value !== undefined && argument !== undefined && contains(value, argument);
  }
}

/** Evaluates a parsed condition against `item` (an absent item is `{}`). */
export function evaluateCondition(node: ConditionNode, item: Item): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateCondition(node.left, item) && evaluateCondition(node.right, item);
    case 'or':
      return evaluateCondition(node.left, item) || evaluateCondition(node.right, item);
    case 'not':
      return !evaluateCondition(node.operand, item);
    case 'compare':
      return compare(node.op, resolveOperand(node.left, item), resolveOperand(node.right, item));
    case 'between': {
      const value = resolveOperand(node.operand, item);
      return compare('>=', value, resolveOperand(node.low, item)) && compare('<=', value, resolveOperand(node.high, item));
    }
    case 'in': {
      const value = resolveOperand(node.operand, item);
      return (
        value !== undefined &&
        node.list.some((candidate) => {
          const other = resolveOperand(candidate, item);
          return other !== undefined && attributeValuesEqual(value, other);
        })
      );
    }
    case 'function':
      return evaluateFunction(node, item);
  }
}

function printOperand(operand: Operand): string {
  switch (operand.kind) {
    case 'value':
      return operand.placeholder;
    case 'path':
      return printPath(operand.path);
    case 'size':
      return `size(${printPath(operand.path)})`;
  }
}

function printNested(node: ConditionNode): string {
  return node.kind === 'and' || node.kind === 'or' ? `(${printCondition(node)})` : printCondition(node);
}

/** Prints a condition back to expression syntax (placeholders as parsed); parsing the result yields the same tree. */
export function printCondition(node: ConditionNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${printNested(node.left)} ${node.kind.toUpperCase()} ${printNested(node.right)}`;
    case 'not':
      return `NOT ${printNested(node.operand)}`;
    case 'compare':
      return `${printOperand(node.left)} ${node.op} ${printOperand(node.right)}`;
    case 'between':
      return `${printOperand(node.operand)} BETWEEN ${printOperand(node.low)} AND ${printOperand(node.high)}`;
    case 'in':
      return `${printOperand(node.operand)} IN (${node.list.map(printOperand).join(', ')})`;
    case 'function':
      return node.argument === undefined
        ? `${node.name}(${printPath(node.path)})`
        : `${node.name}(${printPath(node.path)}, ${printOperand(node.argument)})`;
  }
}

/** Input of {@link evaluateConditionExpression}. */
export interface ConditionInput {
  readonly expression: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, AttributeValue>;
}

/**
 * Parses and evaluates a stand-alone condition (validating that every supplied
 * placeholder is used). Throws a ValidationException `DynamoDbError` on invalid input.
 */
export function evaluateConditionExpression(input: ConditionInput, item: Item | undefined): boolean {
  const context = new ExpressionContext(input.names, input.values);
  const node = parseConditionExpression(input.expression, context);
  context.assertAllUsed();
  return evaluateCondition(node, item ?? {});
}

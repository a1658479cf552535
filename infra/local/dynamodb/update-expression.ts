/**
 * DynamoDB UpdateExpression: parser, applier and printer.
 *
 * ```
 * update    := clause+                       (each of SET/REMOVE/ADD/DELETE at most once)
 * clause    := SET set (',' set)* | REMOVE path (',' path)*
 *            | ADD path :value (',' path :value)* | DELETE path :value (',' path :value)*
 * set       := path '=' operand ( ('+' | '-') operand )?
 * operand   := path | :value | if_not_exists(path, operand) | list_append(operand, operand)
 * ```
 * All right-hand sides are evaluated against the item as it was before the update,
 * like DynamoDB does.
 */
import {
  addDecimal,
  attributeType,
  checkNumberRange,
  formatDecimal,
  isSetType,
  negateDecimal,
  parseDecimal,
  setHas,
  type AttributeValue,
  type Item,
} from './attribute-value.js';
import {
  describePath,
  getPath,
  parsePath,
  pathsOverlap,
  printPath,
  startsPath,
  type DocumentPath,
  type PathSegment,
} from './document-path.js';
import { validationError, type DynamoDbError } from './errors.js';
import { ExpressionContext } from './expression-context.js';
import { TokenCursor, tokenize } from './expression-lexer.js';

/** An operand on the right-hand side of SET. */
export type UpdateOperand =
  | { readonly kind: 'path'; readonly path: DocumentPath }
  | { readonly kind: 'value'; readonly placeholder: string; readonly value: AttributeValue }
  | { readonly kind: 'if_not_exists'; readonly path: DocumentPath; readonly fallback: UpdateOperand }
  | { readonly kind: 'list_append'; readonly first: UpdateOperand; readonly second: UpdateOperand };

/** The value assigned by SET: an operand, or a sum/difference of two operands. */
export type SetValue =
  | { readonly kind: 'operand'; readonly operand: UpdateOperand }
  | { readonly kind: '+' | '-'; readonly left: UpdateOperand; readonly right: UpdateOperand };

/** One action of an update. */
export type UpdateAction =
  | { readonly kind: 'SET'; readonly path: DocumentPath; readonly value: SetValue }
  | { readonly kind: 'REMOVE'; readonly path: DocumentPath }
  | { readonly kind: 'ADD' | 'DELETE'; readonly path: DocumentPath; readonly placeholder: string; readonly value: AttributeValue };

/** A parsed update expression: its actions grouped by clause, in clause order. */
export interface UpdateExpressionNode {
  readonly actions: readonly UpdateAction[];
}

const CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
type Clause = (typeof CLAUSES)[number];

class UpdateParser {
  constructor(
    private readonly cursor: TokenCursor,
    private readonly context: ExpressionContext,
  ) {}

  parse(): UpdateExpressionNode {
    const cursor = this.cursor;
    const seen = new Set<Clause>();
    const actions: UpdateAction[] = [];
    do {
      const clause = CLAUSES.find((c) => cursor.isKeyword(c));
      if (!clause) throw cursor.unexpected();
      if (seen.has(clause)) throw cursor.invalid(`The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      cursor.next();
      do {
        actions.push(this.action(clause));
        if (!cursor.isPunct(',')) break;
        cursor.next();
      } while (true);
    } while (cursor.peek().kind !== 'eof');
    this.checkOverlaps(actions);
    return { actions };
  }

  private action(clause: Clause): UpdateAction {
    const cursor = this.cursor;
    if (!startsPath(cursor)) throw cursor.unexpected();
    const path = parsePath(cursor, this.context);
    switch (clause) {
      case 'SET': {
        cursor.expectPunct('=');
        const left = this.operand();
        if (cursor.isPunct('+') || cursor.isPunct('-')) {
          const kind = cursor.next().text as '+' | '-';
          const right = this.operand();
          for (const side of [left, right]) {
            if (side.kind === 'value' && attributeType(side.value) !== 'N') {
              throw cursor.invalid(
                `Incorrect operand type for operator or function; operator or function: ${kind}, operand type: ${attributeType(side.value)}`,
              );
            }
          }
          return { kind: 'SET', path, value: { kind, left, right } };
        }
        return { kind: 'SET', path, value: { kind: 'operand', operand: left } };
      }
      case 'REMOVE':
        return { kind: 'REMOVE', path };
      case 'ADD':
      case 'DELETE': {
        const token = cursor.peek();
        if (token.kind !== 'value') throw cursor.unexpected();
        cursor.next();
        const value = this.context.resolveValue(token.text);
        const type = attributeType(value);
        if (!(isSetType(type) || (clause === 'ADD' && type === 'N'))) {
          throw cursor.invalid(
            `Incorrect operand type for operator or function; operator: ${clause}, operand type: ${type}`,
          );
        }
        return { kind: clause, path, placeholder: token.text, value };
      }
    }
  }

  private operand(): UpdateOperand {
    const cursor = this.cursor;
    const token = cursor.peek();
    if (token.kind === 'value') {
      cursor.next();
      return { kind: 'value', placeholder: token.text, value: this.context.resolveValue(token.text) };
    }
    if (cursor.isFunctionCall()) {
      if (token.text !== 'if_not_exists' && token.text !== 'list_append') {
        throw cursor.invalid(`Invalid function name; function: ${token.text}`);
      }
      cursor.next();
      cursor.expectPunct('(');
      const first = this.operand();
      cursor.expectPunct(',');
      const second = this.operand();
      cursor.expectPunct(')');
      if (token.text === 'list_append') return { kind: 'list_append', first, second };
      if (first.kind !== 'path') {
        throw cursor.invalid('Operator or function requires a document path; operator or function: if_not_exists');
      }
      return { kind: 'if_not_exists', path: first.path, fallback: second };
    }
    if (startsPath(cursor)) return { kind: 'path', path: parsePath(cursor, this.context) };
    throw cursor.unexpected();
  }

  private checkOverlaps(actions: readonly UpdateAction[]): void {
    for (let i = 0; i < actions.length; i += 1) {
      for (let j = i + 1; j < actions.length; j += 1) {
        const a = (actions[i] as UpdateAction).path;
        const b = (actions[j] as UpdateAction).path;
        if (pathsOverlap(a, b)) {
          throw this.cursor.invalid(
            'Two document paths overlap with each other; must remove or rewrite one of these paths; ' +
              `path one: ${describePath(a)}, path two: ${describePath(b)}`,
          );
        }
      }
    }
  }
}

/** Parses an update expression; placeholders are resolved and marked used through `context`. */
export function parseUpdateExpression(expression: string, context: ExpressionContext): UpdateExpressionNode {
  const label = 'UpdateExpression';
  if (expression.trim() === '') throw new TokenCursor([], label, expression).invalid('The expression can not be empty;');
  const cursor = new TokenCursor(tokenize(expression, label), label, expression);
  return new UpdateParser(cursor, context).parse();
}

/** Top-level attribute names an update writes (for key and index checks). */
export function updatedAttributes(node: UpdateExpressionNode): { name: string; nested: boolean; action: UpdateAction }[] {
  return node.actions.map((action) => {
    const first = action.path[0] as Extract<PathSegment, { kind: 'attribute' }>;
    return { name: first.name, nested: action.path.length > 1, action };
  });
}

// ------------------------------------------------------------------ apply

const INCORRECT_TYPE = 'An operand in the update expression has an incorrect data type';
const MISSING_ATTRIBUTE = 'The provided expression refers to an attribute that does not exist in the item';
const INVALID_PATH = 'The document path provided in the update expression is invalid for update';

function fail(message: string): DynamoDbError {
  return validationError(message);
}

function evaluateOperand(operand: UpdateOperand, item: Item): AttributeValue {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path': {
      const value = getPath(item, operand.path);
      if (value === undefined) throw fail(MISSING_ATTRIBUTE);
      return value;
    }
    case 'if_not_exists':
      return getPath(item, operand.path) ?? evaluateOperand(operand.fallback, item);
    case 'list_append': {
      const first = evaluateOperand(operand.first, item);
      const second = evaluateOperand(operand.second, item);
      if (!('L' in first) || !('L' in second)) throw fail(INCORRECT_TYPE);
      return { L: [...first.L, ...second.L] };
    }
  }
}

function arithmetic(kind: '+' | '-', left: AttributeValue, right: AttributeValue): AttributeValue {
  if (!('N' in left) || !('N' in right)) throw fail(INCORRECT_TYPE);
  const a = parseDecimal(left.N);
  const b = parseDecimal(right.N);
  if (!a || !b) throw fail(INCORRECT_TYPE);
  const result = addDecimal(a, kind === '+' ? b : negateDecimal(b));
  const problem = checkNumberRange(result);
  if (problem) throw fail(problem);
  return { N: formatDecimal(result) };
}

function evaluateSetValue(value: SetValue, item: Item): AttributeValue {
  if (value.kind === 'operand') return evaluateOperand(value.operand, item);
  return arithmetic(value.kind, evaluateOperand(value.left, item), evaluateOperand(value.right, item));
}

/** The container holding the last segment of `path`, or undefined when a step is missing/mistyped. */
function parentOf(item: Item, path: DocumentPath): AttributeValue | undefined {
  return getPath(item, path.slice(0, -1)) ?? (path.length === 1 ? { M: item } : undefined);
}

function writePath(item: Item, path: DocumentPath, value: AttributeValue): void {
  const parent = path.length === 1 ? { M: item } : getPath(item, path.slice(0, -1));
  const last = path[path.length - 1] as PathSegment;
  if (last.kind === 'attribute') {
    if (!parent || !('M' in parent)) throw fail(INVALID_PATH);
    parent.M[last.name] = value;
  } else {
    if (!parent || !('L' in parent)) throw fail(INVALID_PATH);
    if (last.index >= parent.L.length) parent.L.push(value);
    else parent.L[last.index] = value;
  }
}

function removePath(item: Item, path: DocumentPath): void {
  const parent = parentOf(item, path);
  const last = path[path.length - 1] as PathSegment;
  if (!parent) return;
  if (last.kind === 'attribute') {
    if ('M' in parent) delete parent.M[last.name];
  } else if ('L' in parent && last.index < parent.L.length) {
    parent.L.splice(last.index, 1);
  }
}

function addToPath(item: Item, path: DocumentPath, value: AttributeValue): void {
  const current = getPath(item, path);
  if (current === undefined) {
    writePath(item, path, value);
    return;
  }
  const type = attributeType(value);
  if (attributeType(current) !== type) throw fail(INCORRECT_TYPE);
  if (type === 'N') {
    writePath(item, path, arithmetic('+', current, value));
    return;
  }
  const existing = Object.values(current)[0] as string[];
  const additions = (Object.values(value)[0] as string[]).filter((element) => !setHas(current, element));
  writePath(item, path, { [type]: [...existing, ...additions] } as AttributeValue);
}

function deleteFromPath(item: Item, path: DocumentPath, value: AttributeValue): void {
  const current = getPath(item, path);
  if (current === undefined) return;
  const type = attributeType(value);
  if (attributeType(current) !== type) throw fail(INCORRECT_TYPE);
  const remaining = (Object.values(current)[0] as string[]).filter((element) => !setHas(value, element));
  if (remaining.length === 0) removePath(item, path);
  else writePath(item, path, { [type]: remaining } as AttributeValue);
}

/** Orders REMOVE actions so that removing list elements does not shift later indexes. */
function compareRemovalOrder(a: DocumentPath, b: DocumentPath): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a[i] as PathSegment;
    const y = b[i] as PathSegment;
    if (x.kind === 'index' && y.kind === 'index' && x.index !== y.index) return y.index - x.index;
    if (x.kind === 'attribute' && y.kind === 'attribute' && x.name !== y.name) return 0;
  }
  return 0;
}

/**
 * Applies an update to `item` (undefined = the item does not exist yet: it is created
 * from `key`). Returns the new item; the input is not modified. Throws a ValidationException
 * `DynamoDbError` when the update does not fit the item (wrong types, invalid paths).
 */
export function applyUpdate(node: UpdateExpressionNode, item: Item | undefined, key: Item): Item {
  const before: Item = item ?? {};
  const after: Item = structuredClone(item ?? key);
  const sets = node.actions
    .filter((a): a is Extract<UpdateAction, { kind: 'SET' }> => a.kind === 'SET')
    .map((a) => ({ path: a.path, value: evaluateSetValue(a.value, before) }));
  for (const { path, value } of sets) writePath(after, path, structuredClone(value));
  const removals = node.actions.filter((a) => a.kind === 'REMOVE').map((a) => a.path);
  for (const path of [...removals].sort(compareRemovalOrder)) removePath(after, path);
  for (const action of node.actions) {
    if (action.kind === 'ADD') addToPath(after, action.path, action.value);
    if (action.kind === 'DELETE') deleteFromPath(after, action.path, action.value);
  }
  return after;
}

function printOperand(operand: UpdateOperand): string {
  switch (operand.kind) {
    case 'value':
      return operand.placeholder;
    case 'path':
      return printPath(operand.path);
    case 'if_not_exists':
      return `if_not_exists(${printPath(operand.path)}, ${printOperand(operand.fallback)})`;
    case 'list_append':
      return `list_append(${printOperand(operand.first)}, ${printOperand(operand.second)})`;
  }
}

function printAction(action: UpdateAction): string {
  switch (action.kind) {
    case 'SET':
      return action.value.kind === 'operand'
        ? `${printPath(action.path)} = ${printOperand(action.value.operand)}`
        : `${printPath(action.path)} = ${printOperand(action.value.left)} ${action.value.kind} ${printOperand(action.value.right)}`;
    case 'REMOVE':
      return printPath(action.path);
    case 'ADD':
    case 'DELETE':
      return `${printPath(action.path)} ${action.placeholder}`;
  }
}

/** Prints an update back to expression syntax; parsing the result yields the same tree. */
export function printUpdate(node: UpdateExpressionNode): string {
  const sections: string[] = [];
  let previous: UpdateAction['kind'] | undefined;
  for (const action of node.actions) {
    sections.push(action.kind === previous ? `, ${printAction(action)}` : ` ${action.kind} ${printAction(action)}`);
    previous = action.kind;
  }
  return sections.join('').trim();
}

/** Input of {@link applyUpdateExpression}. */
export interface UpdateInput {
  readonly expression: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, AttributeValue>;
}

/** Parses (checking that every placeholder is used) and applies a stand-alone update expression. */
export function applyUpdateExpression(input: UpdateInput, item: Item | undefined, key: Item): Item {
  const context = new ExpressionContext(input.names, input.values);
  const node = parseUpdateExpression(input.expression, context);
  context.assertAllUsed();
  return applyUpdate(node, item, key);
}

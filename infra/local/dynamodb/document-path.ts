/**
 * Document paths (`a.b[0].#c`): parsing from tokens, reading from an item,
 * and printing back to expression syntax.
 */
import type { AttributeValue, Item } from './attribute-value.js';
import type { ExpressionContext } from './expression-context.js';
import type { TokenCursor } from './expression-lexer.js';
import { isReservedWord } from './reserved-words.js';

/** One step of a document path. */
export type PathSegment =
  | { readonly kind: 'attribute'; readonly name: string; readonly source: string }
  | { readonly kind: 'index'; readonly index: number };

/** A document path: the first segment is always an attribute. */
export type DocumentPath = readonly PathSegment[];

function parseAttribute(cursor: TokenCursor, context: ExpressionContext): PathSegment {
  const token = cursor.peek();
  if (token.kind === 'name') {
    cursor.next();
    return { kind: 'attribute', name: context.resolveName(token.text), source: token.text };
  }
  if (token.kind === 'identifier') {
    if (isReservedWord(token.text)) {
      throw cursor.invalid(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
    }
    cursor.next();
    return { kind: 'attribute', name: token.text, source: token.text };
  }
  throw cursor.unexpected();
}

/** True when the current token can start a document path. */
export function startsPath(cursor: TokenCursor): boolean {
  const kind = cursor.peek().kind;
  return kind === 'name' || kind === 'identifier';
}

/** Parses `attr ( .attr | [n] )*`. */
export function parsePath(cursor: TokenCursor, context: ExpressionContext): DocumentPath {
  const segments: PathSegment[] = [parseAttribute(cursor, context)];
  for (;;) {
    if (cursor.isPunct('.')) {
      cursor.next();
      segments.push(parseAttribute(cursor, context));
    } else if (cursor.isPunct('[')) {
      cursor.next();
      const token = cursor.peek();
      if (token.kind !== 'number') throw cursor.unexpected();
      cursor.next();
      cursor.expectPunct(']');
      segments.push({ kind: 'index', index: Number(token.text) });
    } else {
      return segments;
    }
  }
}

/** Reads the value at `path`, or undefined when any step is missing or of the wrong type. */
export function getPath(item: Item, path: DocumentPath): AttributeValue | undefined {
  let current: AttributeValue | undefined = { M: item };
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (segment.kind === 'attribute') {
      current = 'M' in current ? current.M[segment.name] : undefined;
    } else {
      current = 'L' in current ? current.L[segment.index] : undefined;
    }
  }
  return current;
}

/** Expression syntax of a path (using the original `#name` aliases). */
export function printPath(path: DocumentPath): string {
  return path
    .map((segment, i) =>
      segment.kind === 'index' ? `[${segment.index}]` : i === 0 ? segment.source : `.${segment.source}`,
    )
    .join('');
}

/** Human form used in DynamoDB error messages: `[a, b, [0]]`. */
export function describePath(path: DocumentPath): string {
  return `[${path.map((s) => (s.kind === 'attribute' ? s.name : `[${s.index}]`)).join(', ')}]`;
}

/** True when one path is a prefix of (or equal to) the other. */
export function pathsOverlap(a: DocumentPath, b: DocumentPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a[i] as PathSegment;
    const y = b[i] as PathSegment;
    if (x.kind !== y.kind) return false;
    if (x.kind === 'attribute' ? x.name !== (y as typeof x).name : x.index !== (y as typeof x).index) return false;
  }
  return true;
}

/**
 * Tokenizer and parsing helpers shared by the condition, update and projection
 * expression parsers (DynamoDB expression syntax).
 */
import { validationError, type DynamoDbError } from './errors.js';

/** Kinds of tokens in a DynamoDB expression. */
export type TokenKind = 'identifier' | 'name' | 'value' | 'number' | 'punct' | 'eof';

/** One token with its offset in the source. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: number;
}

const PUNCTUATION = ['<>', '<=', '>=', '<', '>', '=', '(', ')', '[', ']', ',', '.', '+', '-'];

/**
 * Splits an expression into tokens. `label` names the expression in error
 * messages (e.g. `ConditionExpression`).
 */
export function tokenize(source: string, label: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const take = (kind: TokenKind, pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    const match = pattern.exec(source);
    if (!match) return false;
    tokens.push({ kind, text: match[0], position: i });
    i += match[0].length;
    return true;
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (take('name', /#[0-9A-Za-z_]+/y) || take('value', /:[0-9A-Za-z_]+/y)) continue;
    if (take('identifier', /[A-Za-z_][0-9A-Za-z_]*/y) || take('number', /[0-9]+/y)) continue;
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, position: i });
      i += punct.length;
      continue;
    }
    throw syntaxError(label, source, { kind: 'punct', text: ch, position: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', position: source.length });
  return tokens;
}

/** The ValidationException DynamoDB returns for a syntax error at `token`. */
export function syntaxError(label: string, source: string, token: Token): DynamoDbError {
  const near = source.slice(Math.max(0, token.position - 8), token.position + token.text.length + 8);
  return validationError(`Invalid ${label}: Syntax error; token: "${token.text}", near: "${near}"`);
}

/** Cursor over a token list with the small helpers every recursive-descent parser needs. */
export class TokenCursor {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    /** Expression label for error messages. */
    readonly label: string,
    /** The source text for error messages. */
    readonly source: string,
  ) {}

  /** The current token (not consumed). */
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  /** True when the current token is the punctuation `text`. */
  isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  /** True when the current token names a function: an identifier followed by `(`. */
  isFunctionCall(): boolean {
    const next = this.peek(1);
    return this.peek().kind === 'identifier' && next.kind === 'punct' && next.text === '(';
  }

  /** True when the current token is the keyword `word` (case-insensitive). */
  isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'identifier' && token.text.toUpperCase() === word;
  }

  /** Consumes the punctuation `text` or fails with a syntax error. */
  expectPunct(text: string): void {
    if (!this.isPunct(text)) throw this.unexpected();
    this.next();
  }

  /** Consumes the keyword `word` or fails with a syntax error. */
  expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw this.unexpected();
    this.next();
  }

  /** Fails unless all tokens were consumed. */
  expectEnd(): void {
    if (this.peek().kind !== 'eof') throw this.unexpected();
  }

  /** A syntax error at the current token. */
  unexpected(): DynamoDbError {
    return syntaxError(this.label, this.source, this.peek());
  }

  /** A ValidationException prefixed with the expression label. */
  invalid(message: string): DynamoDbError {
    return validationError(`Invalid ${this.label}: ${message}`);
  }
}

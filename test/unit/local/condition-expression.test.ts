import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeValue, Item } from '../../../infra/local/dynamodb/attribute-value.js';
import {
  evaluateCondition,
  evaluateConditionExpression,
  parseConditionExpression,
  printCondition,
} from '../../../infra/local/dynamodb/condition-expression.js';
import { DynamoDbError } from '../../../infra/local/dynamodb/errors.js';
import { ExpressionContext } from '../../../infra/local/dynamodb/expression-context.js';

const item: Item = {
  pk: { S: 'APP#1' },
  version: { N: '10' },
  status: { S: 'submitted' },
  score: { N: '87.5' },
  tags: { SS: ['a', 'b'] },
  nums: { NS: ['1', '2.0'] },
  entries: { L: [{ S: 'one' }, { N: '2' }, { M: { deep: { S: 'x' } } }] },
  doc: { M: { holder: { S: 'alice' }, 'odd-name': { BOOL: true }, child: { M: { stage: { N: '3' } } } } },
  flag: { BOOL: false },
  nothing: { NULL: true },
  bin: { B: Buffer.from('hello').toString('base64') },
};

function holds(expression: string, values?: Record<string, AttributeValue>, names?: Record<string, string>, on: Item = item): boolean {
  return evaluateConditionExpression({ expression, ...(values && { values }), ...(names && { names }) }, on);
}

function rejects(expression: string, values?: Record<string, AttributeValue>, names?: Record<string, string>): string {
  try {
    holds(expression, values, names);
  } catch (error) {
    expect(error).toBeInstanceOf(DynamoDbError);
    expect((error as DynamoDbError).name).toBe('ValidationException');
    return (error as DynamoDbError).message;
  }
  throw new Error(`expected ${expression} to be rejected`);
}

describe('condition expressions: evaluation', () => {
  it('compares numbers by value, strings and binaries by bytes', () => {
    expect(holds('version = :v', { ':v': { N: '10.0' } })).toBe(true);
    expect(holds('version > :v', { ':v': { N: '9' } })).toBe(true);
    expect(holds('version < :v', { ':v': { N: '1e2' } })).toBe(true);
    expect(holds('score >= :a AND score <= :b', { ':a': { N: '87.5' }, ':b': { N: '87.50' } })).toBe(true);
    expect(holds('#s < :v', { ':v': { S: 'zzz' } }, { '#s': 'status' })).toBe(true);
    expect(holds('bin = :b', { ':b': { B: Buffer.from('hello').toString('base64') } })).toBe(true);
  });

  it('treats comparisons across types and with absent attributes as false (and <> as true)', () => {
    expect(holds('version = :v', { ':v': { S: '10' } })).toBe(false);
    expect(holds('version > :v', { ':v': { S: '1' } })).toBe(false);
    expect(holds('absent = :v', { ':v': { S: 'x' } })).toBe(false);
    expect(holds('absent <> :v', { ':v': { S: 'x' } })).toBe(true);
    expect(holds('absent < :v', { ':v': { N: '1' } })).toBe(false);
  });

  it('compares sets regardless of order and numbers inside sets by value', () => {
    expect(holds('tags = :t', { ':t': { SS: ['b', 'a'] } })).toBe(true);
    expect(holds('nums = :n', { ':n': { NS: ['2', '1'] } })).toBe(true);
  });

  it('supports BETWEEN, IN, and precedence of NOT over AND over OR', () => {
    expect(holds('version BETWEEN :a AND :b', { ':a': { N: '1' }, ':b': { N: '10' } })).toBe(true);
    expect(holds('version BETWEEN :a AND :b', { ':a': { N: '11' }, ':b': { N: '20' } })).toBe(false);
    expect(holds('#s IN (:a, :b)', { ':a': { S: 'draft' }, ':b': { S: 'submitted' } }, { '#s': 'status' })).toBe(true);
    expect(holds('#s in (:a)', { ':a': { S: 'draft' } }, { '#s': 'status' })).toBe(false);
    const v = { ':t': { N: '10' }, ':f': { N: '0' } };
    expect(holds('version = :f OR version = :t AND version = :f', v)).toBe(false);
    expect(holds('(version = :f OR version = :t) and NOT version = :f', v)).toBe(true);
    expect(holds('NOT version = :t AND version = :f', v)).toBe(false);
    expect(holds('not not version = :t', { ':t': { N: '10' } })).toBe(true);
  });

  it('supports the functions and size()', () => {
    expect(holds('attribute_exists(pk) AND attribute_not_exists(nope)')).toBe(true);
    expect(holds('attribute_exists(nothing)')).toBe(true);
    expect(holds('attribute_type(tags, :t)', { ':t': { S: 'SS' } })).toBe(true);
    expect(holds('attribute_type(version, :t)', { ':t': { S: 'S' } })).toBe(false);
    expect(holds('begins_with(pk, :p)', { ':p': { S: 'APP#' } })).toBe(true);
    expect(holds('begins_with(bin, :p)', { ':p': { B: Buffer.from('he').toString('base64') } })).toBe(true);
    expect(holds('contains(tags, :t)', { ':t': { S: 'a' } })).toBe(true);
    expect(holds('contains(nums, :n)', { ':n': { N: '2' } })).toBe(true);
    expect(holds('contains(#s, :t)', { ':t': { S: 'mitt' } }, { '#s': 'status' })).toBe(true);
    expect(holds('contains(entries, :t)', { ':t': { S: 'one' } })).toBe(true);
    expect(holds('size(tags) = :two AND size(entries) > :two', { ':two': { N: '2' } })).toBe(true);
    expect(holds('size(absent) = :zero OR size(#s) = :nine', { ':zero': { N: '0' }, ':nine': { N: '9' } }, { '#s': 'status' })).toBe(true);
  });

  it('reads nested maps and list elements', () => {
    expect(holds('doc.holder = :o', { ':o': { S: 'alice' } })).toBe(true);
    expect(holds('doc.#n = :t', { ':t': { BOOL: true } }, { '#n': 'odd-name' })).toBe(true);
    expect(holds('doc.child.stage = :l', { ':l': { N: '3' } })).toBe(true);
    expect(holds('entries[0] = :f AND entries[2].deep = :x', { ':f': { S: 'one' }, ':x': { S: 'x' } })).toBe(true);
    expect(holds('attribute_not_exists(entries[7]) AND attribute_not_exists(doc.holder.child)')).toBe(true);
  });

  it('evaluates against an absent item as an empty one', () => {
    expect(evaluateConditionExpression({ expression: 'attribute_not_exists(pk)' }, undefined)).toBe(true);
  });
});

describe('condition expressions: validation', () => {
  it('rejects syntax errors and unsupported constructs instead of passing', () => {
    expect(rejects('version = ')).toMatch(/Syntax error/);
    expect(rejects('version = :a + :a', { ':a': { N: '1' } })).toMatch(/Syntax error; token: "\+"/);
    expect(rejects('version')).toMatch(/Syntax error/);
    expect(rejects('(version = :a', { ':a': { N: '1' } })).toMatch(/Syntax error/);
    expect(rejects('version == :a', { ':a': { N: '1' } })).toMatch(/Syntax error/);
    expect(rejects('version = :a;', { ':a': { N: '1' } })).toMatch(/Syntax error; token: ";"/);
    expect(rejects('')).toMatch(/can not be empty/);
    expect(rejects('frobnicate(pk)')).toMatch(/Invalid function name; function: frobnicate/);
    expect(rejects('size(pk) = attribute_exists(pk)')).toMatch(/not allowed/);
    expect(rejects('attribute_exists(:a)', { ':a': { S: 'x' } })).toMatch(/requires a document path/);
    expect(rejects('attribute_exists(pk, pk)')).toMatch(/Incorrect number of operands/);
  });

  it('rejects undefined, unused and invalid placeholders and reserved words', () => {
    expect(rejects('pk = :missing')).toMatch(/attribute value: :missing/);
    expect(rejects('#x = :a', { ':a': { S: 'x' } })).toMatch(/attribute name: #x/);
    expect(rejects('pk = :a', { ':a': { S: 'x' }, ':b': { S: 'y' } })).toMatch(/unused in expressions: keys: \{:b\}/);
    expect(rejects('pk = :a', { ':a': { S: 'x' } }, { '#n': 'name' })).toMatch(/ExpressionAttributeNames unused/);
    expect(rejects('status = :a', { ':a': { S: 'x' } })).toMatch(/reserved keyword; reserved keyword: status/);
    expect(rejects('pk = :a', { ':a': { N: 'abc' } })).toMatch(/ExpressionAttributeValues contains invalid value/);
  });

  it('checks operand types like DynamoDB', () => {
    expect(rejects('version BETWEEN :b AND :a', { ':a': { N: '1' }, ':b': { N: '5' } })).toMatch(/BETWEEN operator requires/);
    expect(rejects('attribute_type(pk, :t)', { ':t': { S: 'STRING' } })).toMatch(/Invalid attribute type name/);
    expect(rejects('begins_with(pk, :n)', { ':n': { N: '1' } })).toMatch(/operand type: N/);
    expect(rejects('tags < :t', { ':t': { SS: ['a'] } })).toMatch(/Incorrect operand type/);
  });
});

// ------------------------------------------------------------------ properties

const VALUES: Record<string, AttributeValue> = {
  ':n1': { N: '1' },
  ':n2': { N: '2.50' },
  ':n3': { N: '-3' },
  ':s1': { S: 'a' },
  ':s2': { S: 'ab' },
  ':t': { BOOL: true },
  ':l': { L: [{ S: 'a' }] },
};
const NAMES = { '#a': 'a', '#b': 'b' };
const ORDERED = [':n1', ':n2', ':n3', ':s1', ':s2'];

const pathArb = fc.constantFrom('#a', '#b', 'c', 'm.x', 'l[0]', 'l[1]');
const operandArb = fc.oneof(pathArb, fc.constantFrom(...Object.keys(VALUES)), pathArb.map((p) => `size(${p})`));
const orderedOperandArb = fc.oneof(pathArb, fc.constantFrom(...ORDERED), pathArb.map((p) => `size(${p})`));
const leafArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(operandArb, fc.constantFrom('=', '<>'), operandArb).map(([l, op, r]) => `${l} ${op} ${r}`),
  fc.tuple(orderedOperandArb, fc.constantFrom('<', '<=', '>', '>='), orderedOperandArb).map(([l, op, r]) => `${l} ${op} ${r}`),
  fc.tuple(orderedOperandArb, orderedOperandArb).map(([l, r]) => `${l} BETWEEN ${r} AND ${r}`),
  fc.tuple(operandArb, fc.array(operandArb, { minLength: 1, maxLength: 3 })).map(([l, list]) => `${l} IN (${list.join(', ')})`),
  pathArb.map((p) => `attribute_exists(${p})`),
  pathArb.map((p) => `attribute_not_exists(${p})`),
  fc.tuple(pathArb, fc.constantFrom(':s1', ':s2')).map(([p, v]) => `begins_with(${p}, ${v})`),
  fc.tuple(pathArb, operandArb.filter((o) => !o.startsWith('size'))).map(([p, v]) => `contains(${p}, ${v})`),
);
const conditionArb: fc.Arbitrary<string> = fc.letrec<{ cond: string }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.tuple(tie('cond'), fc.constantFrom('AND', 'OR', 'and', 'or'), tie('cond')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    tie('cond').map((c) => `NOT (${c})`),
    fc.tuple(tie('cond'), tie('cond')).map(([l, r]) => `${l} AND ${r}`),
  ),
})).cond;

const valueArb: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom('0', '1', '2.5', '-3', '1e0', '100').map((N): AttributeValue => ({ N })),
  fc.constantFrom('', 'a', 'ab', 'b').map((S): AttributeValue => ({ S })),
  fc.boolean().map((BOOL): AttributeValue => ({ BOOL })),
  fc.constant<AttributeValue>({ L: [{ S: 'a' }, { N: '1' }] }),
  fc.constant<AttributeValue>({ SS: ['a', 'ab'] }),
);
const itemArb: fc.Arbitrary<Item> = fc.record(
  {
    a: valueArb,
    b: valueArb,
    c: valueArb,
    m: fc.record({ x: valueArb }, { requiredKeys: [] }).map((M) => ({ M })),
    l: fc.array(valueArb, { maxLength: 2 }).map((L) => ({ L })),
  },
  { requiredKeys: [] },
);

function parse(expression: string) {
  return parseConditionExpression(expression, new ExpressionContext(NAMES, VALUES));
}

describe('condition expressions: properties', () => {
  it('NOT (x) is always the negation of x', () => {
    fc.assert(
      fc.property(conditionArb, itemArb, (expression, subject) => {
        expect(evaluateCondition(parse(`NOT (${expression})`), subject)).toBe(!evaluateCondition(parse(expression), subject));
      }),
      { numRuns: 500 },
    );
  });

  it('De Morgan: NOT (x AND y) = NOT x OR NOT y', () => {
    fc.assert(
      fc.property(conditionArb, conditionArb, itemArb, (x, y, subject) => {
        const left = evaluateCondition(parse(`NOT ((${x}) AND (${y}))`), subject);
        const right = evaluateCondition(parse(`NOT (${x}) OR NOT (${y})`), subject);
        expect(left).toBe(right);
      }),
      { numRuns: 300 },
    );
  });

  it('a = b and a <> b are complementary', () => {
    fc.assert(
      fc.property(operandArb, operandArb, itemArb, (l, r, subject) => {
        expect(evaluateCondition(parse(`${l} = ${r}`), subject)).toBe(!evaluateCondition(parse(`${l} <> ${r}`), subject));
      }),
    );
  });

  it('printing then parsing gives back the same tree', () => {
    fc.assert(
      fc.property(conditionArb, (expression) => {
        const tree = parse(expression);
        const printed = printCondition(tree);
        expect(parse(printed)).toEqual(tree);
        expect(printCondition(parse(printed))).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeValue, Item } from '../../../infra/local/dynamodb/attribute-value.js';
import { DynamoDbError } from '../../../infra/local/dynamodb/errors.js';
import { ExpressionContext } from '../../../infra/local/dynamodb/expression-context.js';
import {
  applyUpdate,
  applyUpdateExpression,
  parseUpdateExpression,
  printUpdate,
} from '../../../infra/local/dynamodb/update-expression.js';
import { errorOf } from '../../support/error-of.js';

const key: Item = { pk: { S: 'K' } };
const base: Item = {
  pk: { S: 'K' },
  version: { N: '3' },
  price: { N: '0.1' },
  tags: { SS: ['a', 'b'] },
  nums: { NS: ['1', '2'] },
  elems: { L: [{ S: 'x' }, { S: 'y' }, { S: 'z' }] },
  doc: { M: { holder: { S: 'alice' }, child: { M: { stage: { N: '1' } } } } },
  note: { S: 'text' },
};

/** Applies `expression` to `item` (default: `base`; `null`: the item does not exist). */
function update(expression: string, values?: Record<string, AttributeValue>, names?: Record<string, string>, item: Item | null = base): Item {
  return applyUpdateExpression({ expression, ...(values && { values }), ...(names && { names }) }, item ?? undefined, key);
}

function rejects(expression: string, values?: Record<string, AttributeValue>, names?: Record<string, string>, item: Item = base): string {
  try {
    update(expression, values, names, item);
  } catch (error) {
    expect(error).toBeInstanceOf(DynamoDbError);
    expect((error as DynamoDbError).name).toBe('ValidationException');
    return (error as DynamoDbError).message;
  }
  throw new Error(`expected ${expression} to be rejected`);
}

describe('update expressions: SET', () => {
  it('sets attributes and does exact decimal arithmetic', () => {
    const next = update('SET #v = #v + :one, price = price + :p, note = :n, fresh = :one - price', {
      ':one': { N: '1' },
      ':p': { N: '0.2' },
      ':n': { S: 'new' },
    }, { '#v': 'version' });
    expect(next.version).toEqual({ N: '4' });
    expect(next.price).toEqual({ N: '0.3' });
    expect(next.note).toEqual({ S: 'new' });
    expect(next.fresh).toEqual({ N: '0.9' });
  });

  it('evaluates every right-hand side against the item before the update', () => {
    const next = update('SET a1 = note, note = :n', { ':n': { S: 'changed' } });
    expect(next.a1).toEqual({ S: 'text' });
    expect(next.note).toEqual({ S: 'changed' });
  });

  it('supports if_not_exists and list_append', () => {
    const next = update('SET created = if_not_exists(created, :now), note = if_not_exists(note, :now), elems = list_append(:front, elems)', {
      ':now': { S: '2024' },
      ':front': { L: [{ S: 'w' }] },
    });
    expect(next.created).toEqual({ S: '2024' });
    expect(next.note).toEqual({ S: 'text' });
    expect(next.elems).toEqual({ L: [{ S: 'w' }, { S: 'x' }, { S: 'y' }, { S: 'z' }] });
  });

  it('sets nested map members and list elements (past the end appends)', () => {
    const next = update('SET doc.child.stage = :two, doc.added = :two, elems[1] = :two, elems[10] = :two', { ':two': { N: '2' } });
    expect(next.doc).toEqual({ M: { holder: { S: 'alice' }, child: { M: { stage: { N: '2' } } }, added: { N: '2' } } });
    expect(next.elems).toEqual({ L: [{ S: 'x' }, { N: '2' }, { S: 'z' }, { N: '2' }] });
  });

  it('creates the item from its key when it does not exist', () => {
    expect(update('SET hits = :one', { ':one': { N: '1' } }, undefined, null)).toEqual({ pk: { S: 'K' }, hits: { N: '1' } });
  });

  it('does not modify its input', () => {
    const copy = structuredClone(base);
    update('SET doc.child.stage = :v REMOVE elems[0] ADD tags :t', { ':v': { N: '9' }, ':t': { SS: ['q'] } });
    expect(base).toEqual(copy);
  });
});

describe('update expressions: REMOVE, ADD, DELETE', () => {
  it('removes attributes, nested members and list elements by their original index', () => {
    const next = update('REMOVE note, doc.holder, elems[0], elems[2], absent');
    expect(next.note).toBeUndefined();
    expect(next.doc).toEqual({ M: { child: { M: { stage: { N: '1' } } } } });
    expect(next.elems).toEqual({ L: [{ S: 'y' }] });
  });

  it('adds to numbers and sets, creating them when absent', () => {
    const next = update('ADD version :n, tags :t, counter2 :n, newset :s, nums :ns', {
      ':n': { N: '-1.5' },
      ':t': { SS: ['b', 'c'] },
      ':s': { SS: ['only'] },
      ':ns': { NS: ['2.0', '3'] },
    });
    expect(next.version).toEqual({ N: '1.5' });
    expect(next.tags).toEqual({ SS: ['a', 'b', 'c'] });
    expect(next.counter2).toEqual({ N: '-1.5' });
    expect(next.newset).toEqual({ SS: ['only'] });
    expect(next.nums).toEqual({ NS: ['1', '2', '3'] });
  });

  it('deletes set elements and removes the attribute when the set becomes empty', () => {
    const next = update('DELETE tags :ab, nums :one', { ':ab': { SS: ['a', 'b'] }, ':one': { NS: ['1.0'] } });
    expect(next.tags).toBeUndefined();
    expect(next.nums).toEqual({ NS: ['2'] });
  });

  it('accepts clauses in any order and keywords in any case', () => {
    const next = update('remove note set x1 = :v add version :v', { ':v': { N: '1' } });
    expect(next).toMatchObject({ x1: { N: '1' }, version: { N: '4' } });
    expect(next.note).toBeUndefined();
  });
});

describe('update expressions: validation', () => {
  it('rejects syntax errors and unsupported constructs', () => {
    expect(rejects('SET')).toMatch(/Syntax error/);
    expect(rejects('SET a1 = :v * :v', { ':v': { N: '1' } })).toMatch(/Syntax error; token: "\*"/);
    expect(rejects('UPSERT a1 = :v', { ':v': { N: '1' } })).toMatch(/Syntax error/);
    expect(rejects('SET a1 = max(a1, :v)', { ':v': { N: '1' } })).toMatch(/Invalid function name; function: max/);
    expect(rejects('SET a1 = :v SET b1 = :v', { ':v': { N: '1' } })).toMatch(/"SET" section can only be used once/);
    expect(rejects('ADD a1 b1')).toMatch(/Syntax error/);
    expect(rejects('SET a1 = if_not_exists(:v, :v)', { ':v': { N: '1' } })).toMatch(/requires a document path/);
  });

  it('rejects overlapping paths, reserved words and bad placeholders', () => {
    expect(rejects('SET doc.holder = :v REMOVE doc', { ':v': { S: 'x' } })).toMatch(/Two document paths overlap/);
    expect(rejects('SET #n = :v', { ':v': { S: 'x' } }, { '#n': 'note', '#unused': 'x' })).toMatch(/unused/);
    expect(rejects('SET name = :v', { ':v': { S: 'x' } })).toMatch(/reserved keyword: name/);
    expect(rejects('SET note = :nope')).toMatch(/attribute value: :nope/);
  });

  it('rejects operand types that can never work', () => {
    expect(rejects('ADD note :s', { ':s': { S: 'x' } })).toMatch(/operator: ADD, operand type: S/);
    expect(rejects('DELETE nums :n', { ':n': { N: '1' } })).toMatch(/operator: DELETE, operand type: N/);
    expect(rejects('SET note = note + :s', { ':s': { S: 'x' } })).toMatch(/operand type: S/);
  });

  it('rejects updates that do not fit the stored item', () => {
    expect(rejects('SET note = note + :one', { ':one': { N: '1' } })).toMatch(/incorrect data type/);
    expect(rejects('SET v2 = absent + :one', { ':one': { N: '1' } })).toMatch(/attribute that does not exist/);
    expect(rejects('SET absent.child = :one', { ':one': { N: '1' } })).toMatch(/document path provided in the update expression is invalid/);
    expect(rejects('SET note[0] = :one', { ':one': { N: '1' } })).toMatch(/invalid for update/);
    expect(rejects('ADD tags :n', { ':n': { NS: ['1'] } })).toMatch(/incorrect data type/);
    expect(rejects('SET elems = list_append(elems, :s)', { ':s': { S: 'x' } })).toMatch(/incorrect data type/);
  });
});

// ------------------------------------------------------------------ properties

const decimalArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 10 }))
  .map(([mantissa, scale]) => {
    const negative = mantissa < 0n;
    const digits = (negative ? -mantissa : mantissa).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  });

describe('update expressions: properties', () => {
  it('x + a - a = x exactly, for any decimals', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (x, a) => {
        const canonical = update('SET n1 = :x + :zero', { ':x': { N: x }, ':zero': { N: '0' } }, undefined, null).n1;
        const added = update('SET n1 = n1 + :a', { ':a': { N: a } }, undefined, { ...key, n1: { N: x } });
        const back = update('SET n1 = n1 - :a', { ':a': { N: a } }, undefined, added);
        expect(back.n1).toEqual(canonical);
        const negated = update('SET n1 = :zero - :x', { ':zero': { N: '0' }, ':x': { N: x } }, undefined, null);
        expect(update('ADD n1 :x', { ':x': { N: x } }, undefined, negated).n1).toEqual({ N: '0' });
        expect(Number((canonical as { N: string }).N)).toBeCloseTo(Number(x));
      }),
    );
  });

  it('ADD of two sets is their union, DELETE of the same set removes exactly it', () => {
    const setArb = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1 });
    fc.assert(
      fc.property(setArb, setArb, (x, y) => {
        const added = update('ADD s1 :y', { ':y': { SS: y } }, undefined, { ...key, s1: { SS: x } });
        expect(new Set((added.s1 as { SS: string[] }).SS)).toEqual(new Set([...x, ...y]));
        const removed = update('DELETE s1 :y', { ':y': { SS: y } }, undefined, added);
        const expected = [...new Set([...x, ...y])].filter((v) => !y.includes(v));
        if (expected.length === 0) expect(removed.s1).toBeUndefined();
        else expect(new Set((removed.s1 as { SS: string[] }).SS)).toEqual(new Set(expected));
      }),
    );
  });

  it('printing then parsing gives back the same tree', () => {
    const values: Record<string, AttributeValue> = { ':n': { N: '1' }, ':l': { L: [] }, ':s': { SS: ['a'] } };
    const names = { '#a': 'alpha' };
    const pathArb = fc.constantFrom('#a', 'b1', 'c1.d1', 'e1[0]', 'f1.#a[2]');
    const operandArb = fc.oneof(
      pathArb,
      fc.constantFrom(':n', ':l'),
      fc.tuple(pathArb, fc.constantFrom(':n', ':l')).map(([p, v]) => `if_not_exists(${p}, ${v})`),
      fc.tuple(pathArb, fc.constantFrom(':l')).map(([p, v]) => `list_append(${p}, ${v})`),
    );
    const setArb = fc.tuple(pathArb, operandArb, fc.option(fc.tuple(fc.constantFrom('+', '-'), pathArb))).map(
      ([p, o, tail]) => `${p} = ${o}${tail ? ` ${tail[0]} ${tail[1]}` : ''}`,
    );
    const clauseArb = fc.oneof(
      setArb.map((s) => ['SET', s] as const),
      pathArb.map((p) => ['REMOVE', p] as const),
      fc.tuple(pathArb, fc.constantFrom(':n', ':s')).map(([p, v]) => ['ADD', `${p} ${v}`] as const),
      pathArb.map((p) => ['DELETE', `${p} :s`] as const),
    );
    const outcomes = { roundTripped: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(clauseArb, { minLength: 1, maxLength: 4 }), (clauses) => {
        const first = clauses[0] as readonly [string, string];
        const sameClause = clauses.filter(([c]) => c === first[0]).map(([, body]) => body);
        const expression = `${first[0]} ${sameClause.join(', ')}`;
        const refusal = errorOf(() => parseUpdateExpression(expression, new ExpressionContext(names, values)));
        if (refusal !== undefined) {
          // Only overlapping paths and wrong operand types may refuse a generated expression.
          outcomes.refused += 1;
          expect((refusal as Error).message).toMatch(/overlap|operand type/);
          return;
        }
        outcomes.roundTripped += 1;
        const tree = parseUpdateExpression(expression, new ExpressionContext(names, values));
        expect(parseUpdateExpression(printUpdate(tree), new ExpressionContext(names, values))).toEqual(tree);
      }),
      { numRuns: 300 },
    );
    // Most generated expressions are valid, so the round trip is what the property mostly checks; some are refused.
    expect(outcomes.roundTripped).toBeGreaterThan(outcomes.refused);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('never applies a parsed update partially: it either returns a full new item or throws', () => {
    const node = parseUpdateExpression('SET a1 = :v, b1 = note + :v', new ExpressionContext(undefined, { ':v': { N: '1' } }));
    const before = structuredClone(base);
    expect(() => applyUpdate(node, base, key)).toThrow(/incorrect data type/);
    expect(base).toEqual(before);
  });
});

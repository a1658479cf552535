import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedId, boundedText, finiteNumber, isBoundedId, strictRecord } from '#functions/api/http/bounded-schemas.js';
import { parseInput } from '#functions/api/http/validation.js';
import { isStorableNumber } from '#shared/domain/storable-number.js';
import { errorOf } from '#test/support/error-of.js';

describe('bounded ids', () => {
  it('accept the ids the product makes', () => {
    for (const id of ['app_0mfx1a2b3c4d5e6f7a8b9c', 'sh-collab-base', 'k3JZ-_x9Qw'.repeat(4), '_k3JZx9Qw', '-k3JZx9Qw', '1.2', 'application_form']) {
      expect(boundedId.safeParse(id).success).toBe(true);
      expect(isBoundedId(id)).toBe(true);
    }
  });

  it('refuse empty, long and unsafe ids', () => {
    for (const id of ['', 'a'.repeat(129), 'a'.repeat(2049), '%ZZ', 'a/b', '../x', ' a', 'a\u0000', '申报']) {
      expect(boundedId.safeParse(id).success).toBe(false);
      expect(isBoundedId(id)).toBe(false);
    }
  });
});

describe('bounded text', () => {
  it('trims, then checks both ends', () => {
    const note = boundedText(5, { min: 1, trim: true });
    expect(note.parse('  ab  ')).toBe('ab');
    expect(note.safeParse('   ').success).toBe(false);
    expect(note.safeParse('abcdef').success).toBe(false);
    expect(boundedText(3).parse('')).toBe('');
  });
});

describe('finite numbers', () => {
  it('refuse what DynamoDB cannot store and what lies outside the range', () => {
    const any = finiteNumber({ min: -Number.MAX_VALUE, max: Number.MAX_VALUE });
    for (const value of [9007199254740992, -9007199254740992, 1e-131, 5e-324, 1e300, Number.NaN, Infinity]) {
      expect(any.safeParse(value).success).toBe(false);
    }
    for (const value of [0, -0, 1e-130, 9007199254740991, -3.25]) expect(any.safeParse(value).success).toBe(true);
    expect(finiteNumber({ min: 0, max: 10 }).safeParse(10.5).success).toBe(false);
    expect(finiteNumber({ min: 0, max: 10, int: true }).safeParse(2.5).success).toBe(false);
  });

  it('accept exactly the storable doubles within range', () => {
    const score = finiteNumber({ min: 0, max: 100 });
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(score.safeParse(value).success).toBe(value >= 0 && value <= 100 && isStorableNumber(value));
      }),
    );
  });
});

describe('strict records', () => {
  const scores = strictRecord(finiteNumber({ min: 0, max: 10 }), { maxKeys: 3 });

  it('refuse prototype keys instead of dropping them', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const error = errorOf(() => parseInput(scores, JSON.parse(`{"1.1": 5, "${key}": 1}`)));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, details: [{ path: key, message: '不允许的字段名' }] });
    }
  });

  it('refuse too many entries, long keys, non-objects and bad values', () => {
    expect(scores.safeParse({ a: 1, b: 1, c: 1, d: 1 }).success).toBe(false);
    expect(scores.safeParse({ ['k'.repeat(129)]: 1 }).success).toBe(false);
    expect(scores.safeParse([1]).success).toBe(false);
    expect(scores.safeParse(null).success).toBe(false);
    expect(scores.safeParse({ a: 5e-324 }).success).toBe(false);
    expect(scores.parse({ '1.1': 5, '1.2': 9.5 })).toEqual({ '1.1': 5, '1.2': 9.5 });
  });
});

import { describe, expect, it } from 'vitest';
import { StatesError } from '../../../../infra/local/stepfunctions/errors.js';
import { evaluateIntrinsic, IntrinsicSyntaxError, parseIntrinsic } from '../../../../infra/local/stepfunctions/intrinsics.js';

const run = (expression: string, data: unknown = {}, context: unknown = {}) => evaluateIntrinsic(expression, data, context);

describe('intrinsic functions', () => {
  it('formats strings with paths, numbers and escaped characters', () => {
    expect(run("States.Format('Hello {}, you are {} ({})', $.name, $.age, $.ok)", { name: '李雷', age: 30, ok: true })).toBe('Hello 李雷, you are 30 (true)');
    expect(run("States.Format('literal \\{\\} and \\'quote\\' {}', 'x')")).toBe("literal {} and 'quote' x");
  });

  it('converts between JSON text and values', () => {
    expect(run('States.StringToJson($.text)', { text: '{"a":[1,2]}' })).toEqual({ a: [1, 2] });
    expect(run('States.JsonToString($.value)', { value: { a: 1 } })).toBe('{"a":1}');
  });

  it('builds arrays, measures them and adds numbers', () => {
    expect(run("States.Array('a', 1, $.b, States.Array())", { b: null })).toEqual(['a', 1, null, []]);
    expect(run('States.ArrayLength($.items)', { items: [1, 2, 3] })).toBe(3);
    expect(run('States.MathAdd($.n, -1)', { n: 5 })).toBe(4);
    expect(run('States.ArrayPartition($.items, 2)', { items: [1, 2, 3] })).toEqual([[1, 2], [3]]);
    expect(run('States.ArrayContains($.items, 2)', { items: [1, 2, 3] })).toBe(true);
  });

  it('creates UUIDs and hashes', () => {
    expect(run('States.UUID()')).toMatch(/^[0-9a-f-]{36}$/);
    expect(run("States.Hash('abc', 'SHA-256')")).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reads the context object', () => {
    expect(run("States.Format('{}', $$.Execution.Name)", {}, { Execution: { Name: 'run-1' } })).toBe('run-1');
  });

  it('rejects unknown functions and malformed calls at parse time', () => {
    expect(() => parseIntrinsic('States.Nope(1)')).toThrow(IntrinsicSyntaxError);
    expect(() => parseIntrinsic("States.Format('x'")).toThrow(IntrinsicSyntaxError);
  });

  it('raises States.IntrinsicFailure for bad arguments at run time', () => {
    expect(() => run('States.MathAdd($.a, 1)', { a: 'x' })).toThrow(StatesError);
    expect(() => run("States.Format('{} {}', 1)")).toThrow(/placeholder/);
  });
});

import { describe, expect, it } from 'vitest';
import { StatesError } from '../../../../infra/local/stepfunctions/errors.js';
import { compilePath, pathExists, PathSyntaxError, readPath, writePath } from '../../../../infra/local/stepfunctions/json-path.js';

describe('json-path', () => {
  const data = { a: { b: [10, { c: 'x' }] }, 'odd key': 1, list: [{ id: 1 }, { id: 2 }] };

  it('reads $, fields, indexes and bracketed names', () => {
    expect(readPath('$', data)).toBe(data);
    expect(readPath('$.a.b[0]', data)).toBe(10);
    expect(readPath("$.a.b[1]['c']", data)).toBe('x');
    expect(readPath("$['odd key']", data)).toBe(1);
  });

  it('reads the context object through $$', () => {
    const context = { Execution: { Id: 'arn' }, Task: { Token: 't' }, Map: { Item: { Index: 2, Value: 'v' } } };
    expect(readPath('$$.Execution.Id', data, context)).toBe('arn');
    expect(readPath('$$.Task.Token', data, context)).toBe('t');
    expect(readPath('$$.Map.Item.Index', data, context)).toBe(2);
  });

  it('returns a list for wildcard paths', () => {
    expect(readPath('$.list[*].id', data)).toEqual([1, 2]);
  });

  it('raises States.Runtime when a definite path matches nothing', () => {
    expect(() => readPath('$.a.missing', data)).toThrow(StatesError);
    expect(() => readPath('$.a.b[5]', data)).toThrow(/could not be found/);
    expect(pathExists('$.a.missing', data)).toBe(false);
    expect(pathExists('$.a.b', data)).toBe(true);
  });

  it('rejects syntax outside the subset', () => {
    expect(() => compilePath('$..a')).toThrow(PathSyntaxError);
    expect(() => compilePath('$.a[?(@.b)]')).toThrow(PathSyntaxError);
    expect(() => compilePath('a.b')).toThrow(PathSyntaxError);
  });

  it('writes a result into a copy, creating intermediate objects', () => {
    const input = { keep: 1 };
    expect(writePath('$.x.y', input, 2)).toEqual({ keep: 1, x: { y: 2 } });
    expect(input).toEqual({ keep: 1 });
    expect(() => writePath('$.x', 'text', 1)).toThrow(StatesError);
  });
});

import { describe, expect, it } from 'vitest';
import { StatesError } from '#infra/local/stepfunctions/errors.js';
import { compilePath, PathSyntaxError, readPath, writePath } from '#infra/local/stepfunctions/json-path.js';

describe('json-path', () => {
  const data = { a: { b: { c: 'x' }, list: [1, 2] } };

  it('reads $ and chains of fields', () => {
    expect(readPath('$', data)).toBe(data);
    expect(readPath('$.a.b.c', data)).toBe('x');
    expect(readPath('$.a.list', data)).toEqual([1, 2]);
  });

  it('reads the context object through $$', () => {
    const context = { Task: { Token: 't' }, Map: { Item: { Value: { id: 3 } } } };
    expect(readPath('$$.Task.Token', data, context)).toBe('t');
    expect(readPath('$$.Map.Item.Value.id', data, context)).toBe(3);
  });

  it('raises States.Runtime when a path matches nothing', () => {
    expect(() => readPath('$.a.missing', data)).toThrow(StatesError);
    expect(() => readPath('$.a.b.c.d', data)).toThrow(/could not be found/);
  });

  it('rejects brackets, indexes, wildcards, filters and recursive descent', () => {
    for (const path of ['$..a', '$.a[0]', "$['a']", '$.a.*', '$.list[*]', '$.a[?(@.b)]', 'a.b', '$a']) {
      expect(() => compilePath(path), path).toThrow(PathSyntaxError);
    }
  });

  it('writes a result into a copy, creating intermediate objects', () => {
    const input = { keep: 1 };
    expect(writePath('$.x.y', input, 2)).toEqual({ keep: 1, x: { y: 2 } });
    expect(input).toEqual({ keep: 1 });
    expect(() => writePath('$.x', 'text', 1)).toThrow(StatesError);
    expect(() => writePath('$$.x', {}, 1)).toThrow(StatesError);
  });
});

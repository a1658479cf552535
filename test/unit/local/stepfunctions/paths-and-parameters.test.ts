import { describe, expect, it } from 'vitest';
import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath } from '../../../../infra/local/stepfunctions/paths-and-parameters.js';

describe('input and output processing', () => {
  const input = { order: { id: 7, items: [1, 2] }, user: 'u' };

  it('applies InputPath and OutputPath, with null meaning an empty object', () => {
    expect(applyInputPath(undefined, input)).toBe(input);
    expect(applyInputPath('$.order', input)).toEqual({ id: 7, items: [1, 2] });
    expect(applyInputPath(null, input)).toEqual({});
    expect(applyOutputPath('$.user', input)).toBe('u');
  });

  it('instantiates nested payload templates with paths, context and intrinsics', () => {
    const template = { static: 1, 'id.$': '$.order.id', nested: { 'count.$': 'States.ArrayLength($.order.items)' }, list: [{ 'who.$': '$.user' }], 'exec.$': '$$.Execution.Id' };
    expect(applyPayloadTemplate(template, input, { Execution: { Id: 'arn:x' } })).toEqual({ static: 1, id: 7, nested: { count: 2 }, list: [{ who: 'u' }], exec: 'arn:x' });
  });

  it('names the field when a template path is missing', () => {
    expect(() => applyPayloadTemplate({ 'x.$': '$.nope' }, input, {})).toThrow(/field 'x\.\$'/);
  });

  it('applies ResultPath: replace, merge and discard', () => {
    expect(applyResultPath(undefined, input, 5)).toBe(5);
    expect(applyResultPath('$.result', { a: 1 }, 5)).toEqual({ a: 1, result: 5 });
    expect(applyResultPath(null, input, 5)).toBe(input);
  });
});

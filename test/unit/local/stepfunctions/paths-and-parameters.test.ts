import { describe, expect, it } from 'vitest';
import { applyOutputPath, applyPayloadTemplate, applyResultPath } from '#infra/local/stepfunctions/paths-and-parameters.js';

describe('input and output processing', () => {
  const input = { order: { id: 7, items: [1, 2] }, user: 'u' };

  it('instantiates nested payload templates from the input and the context object', () => {
    const template = { static: 1, 'id.$': '$.order.id', nested: { 'items.$': '$.order.items' }, list: [{ 'who.$': '$.user' }], 'token.$': '$$.Task.Token' };
    expect(applyPayloadTemplate(template, input, { Task: { Token: 'tok' } })).toEqual({ static: 1, id: 7, nested: { items: [1, 2] }, list: [{ who: 'u' }], token: 'tok' });
  });

  it('names the field when a template path is missing', () => {
    expect(() => applyPayloadTemplate({ 'x.$': '$.nope' }, input)).toThrow(/field 'x\.\$'/);
  });

  it('applies ResultPath: replace, merge and discard', () => {
    expect(applyResultPath(undefined, input, 5)).toBe(5);
    expect(applyResultPath('$', input, 5)).toBe(5);
    expect(applyResultPath('$.result', { a: 1 }, 5)).toEqual({ a: 1, result: 5 });
    expect(applyResultPath(null, input, 5)).toBe(input);
  });

  it('applies OutputPath', () => {
    expect(applyOutputPath(undefined, input)).toBe(input);
    expect(applyOutputPath('$.order.id', input)).toBe(7);
  });
});

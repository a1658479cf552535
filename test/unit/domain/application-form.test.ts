import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFormSchema, checkForm, validateForm } from '#shared/domain/application-form.js';
import { isFieldApplicable } from '#shared/domain/form-condition.js';
import { isDomainError, type DomainError } from '#shared/domain/errors.js';
import { isStorableNumber } from '#shared/domain/storable-number.js';
import { errorOf } from '#test/support/error-of.js';
import { completeForm, makeProgram } from './program-fixture.js';

const program = makeProgram();

function issuesOf(form: unknown, partial = false) {
  const check = checkForm(program, form, { partial });
  return check.ok ? [] : check.issues;
}

describe('application form', () => {
  it('accepts a complete form and trims text', () => {
    const form = validateForm(program, { ...completeForm, applicantName: '  某某大学 ' }, { partial: false });
    expect(form).toEqual(completeForm);
  });

  it('refuses a missing required field with a Chinese message', () => {
    const { applicantName: _omit, ...rest } = completeForm;
    expect(issuesOf(rest)).toEqual([{ path: 'applicantName', message: '请填写「申报单位」', kind: 'missing' }]);
  });

  it('throws FORM_INVALID (422) with details from validateForm', () => {
    const error = errorOf(() => validateForm(program, {}, { partial: false }));
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'FORM_INVALID', status: 422, message: '申报表填写不完整或有误' });
    expect((error as DomainError).details.map((d) => d.path)).toContain('enterpriseMentors');
  });

  it('refuses a part larger than its whole (maxField), in drafts and complete forms', () => {
    const expected = [{ path: 'enterpriseMentors', message: '「企业导师人数」（13）不能多于「导师团队总人数」（12）', kind: 'invalid' }];
    expect(issuesOf({ ...completeForm, enterpriseMentors: 13, totalMentors: 12 })).toEqual(expected);
    expect(issuesOf({ enterpriseMentors: 13, totalMentors: 12 }, true)).toEqual(expected);
    expect(issuesOf({ ...completeForm, enterpriseMentors: 12, totalMentors: 12 })).toEqual([]);
    // only compared when both are filled in
    expect(issuesOf({ enterpriseMentors: 13 }, true)).toEqual([]);
  });

  it('never accepts a form whose part exceeds its whole, for any numbers', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (part, whole) => {
        const check = checkForm(program, { ...completeForm, enterpriseMentors: part, totalMentors: whole }, { partial: false });
        expect(check.ok).toBe(part <= whole);
      }),
    );
  });

  it('lets a draft omit required fields but still checks types', () => {
    expect(checkForm(program, { applicantName: '某某大学' }, { partial: true })).toEqual({
      ok: true,
      form: { applicantName: '某某大学' },
    });
    expect(issuesOf({ totalMentors: '10' }, true)).toEqual([
      { path: 'totalMentors', message: '「导师团队总人数」应为数字', kind: 'invalid' },
    ]);
  });

  it('refuses unknown keys', () => {
    expect(issuesOf({ ...completeForm, secret: 1 })).toEqual([
      { path: 'secret', message: '「secret」不是本项目申报表中的字段', kind: 'unknown' },
    ]);
  });

  it('treats null, blank strings and empty lists as not filled in', () => {
    const form = validateForm(program, { ...completeForm, summary: '   ', startDate: null, fields: [] }, { partial: false });
    expect(form).toEqual(completeForm);
    expect(issuesOf({ ...completeForm, applicantName: '  ' })).toEqual([
      { path: 'applicantName', message: '请填写「申报单位」', kind: 'missing' },
    ]);
  });

  it('checks number ranges, integers, text length, dates and options', () => {
    const issues = issuesOf({
      ...completeForm,
      placements: 2.5,
      collaborationYears: -1,
      projectTitle: '一二三四五六七八九十一二三四五六七八九十一',
      startDate: '2025-02-30',
      baseType: 'employment',
      fields: ['ai', 'ai'],
      hasAgreement: 'yes',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'placements', message: '「年接收就业人数」应为整数', kind: 'invalid' },
        { path: 'collaborationYears', message: '「合作年限」不能小于 0年', kind: 'invalid' },
        { path: 'projectTitle', message: '「项目名称」不能超过 20 个字', kind: 'invalid' },
        { path: 'startDate', message: '「合作开始日期」应为有效日期（YYYY-MM-DD）', kind: 'invalid' },
        { path: 'fields', message: '「合作领域」的选项有重复', kind: 'invalid' },
        { path: 'hasAgreement', message: '「已签订合作协议」应为“是”或“否”', kind: 'invalid' },
      ]),
    );
    expect(issuesOf({ ...completeForm, fields: ['ai', 'boats'] })).toEqual([
      { path: 'fields.1', message: '「合作领域」的选项无效', kind: 'invalid' },
    ]);
    expect(issuesOf({ ...completeForm, baseType: 'practice' })[0]?.message).toBe('「基地类型」的选项无效');
  });

  it('requires a conditional field only when its condition holds', () => {
    const { placements: _omit, ...noPlacements } = completeForm;
    expect(issuesOf(noPlacements)).toEqual([{ path: 'placements', message: '请填写「年接收就业人数」', kind: 'missing' }]);
    expect(issuesOf({ ...noPlacements, baseType: 'teaching' })).toEqual([]);
  });

  it('drops a value sent for a field whose condition does not hold', () => {
    const { placements: _dropped, ...rest } = completeForm;
    const form = validateForm(program, { ...completeForm, baseType: 'teaching', courses: 3 }, { partial: false });
    expect(form).toEqual({ ...rest, baseType: 'teaching', courses: 3 });
  });

  it('checks a text field against its pattern as a whole', () => {
    expect(issuesOf({ ...completeForm, phone: '13800138000' })).toEqual([]);
    expect(issuesOf({ ...completeForm, phone: '138001380001' })).toEqual([
      { path: 'phone', message: '「联系电话」格式不正确', kind: 'invalid' },
    ]);
  });

  it('applies a field conditioned on a multiselect when the list contains the value', () => {
    expect(issuesOf({ ...completeForm, fields: ['auto', 'ai'] })).toEqual([
      { path: 'aiLab', message: '请填写「人工智能实训室名称」', kind: 'missing' },
    ]);
    expect(validateForm(program, { ...completeForm, fields: ['auto'], aiLab: '实训室' }, { partial: false })).toEqual({
      ...completeForm,
      fields: ['auto'],
    });
  });

  it('still type-checks a value for a field that does not apply', () => {
    expect(issuesOf({ ...completeForm, baseType: 'teaching', placements: 'many' })).toEqual([
      { path: 'placements', message: '「年接收就业人数」应为数字', kind: 'invalid' },
    ]);
  });

  it('refuses a form that is not an object', () => {
    for (const input of [null, [], 'form', 3]) {
      expect(issuesOf(input)).toEqual([{ path: '', message: '申报表应为对象', kind: 'invalid' }]);
    }
  });

  it('evaluates chained and cyclic conditions', () => {
    const fields = makeProgram().form;
    expect(isFieldApplicable(fields, 'placements', { baseType: 'employment' })).toBe(true);
    expect(isFieldApplicable(fields, 'placements', { baseType: 'teaching' })).toBe(false);
    expect(isFieldApplicable(fields, 'nonexistent', {})).toBe(false);
    const cyclic = makeProgram({
      form: [
        { key: 'applicantName', label: '申报单位', type: 'text' },
        { key: 'projectTitle', label: '项目名称', type: 'text' },
        { key: 'a', label: 'A', type: 'boolean', when: { field: 'b', equals: true } },
        { key: 'b', label: 'B', type: 'boolean', when: { field: 'a', equals: true } },
      ],
      eligibility: [],
    }).form;
    expect(isFieldApplicable(cyclic, 'a', { a: true, b: true })).toBe(false);
  });

  /** Drafts whose every field has the right type (any subset of them). */
  const wellTypedDraft = fc.record(
    {
      applicantName: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() === s && s !== ''),
      enterpriseMentors: fc.nat(1000),
      collaborationYears: fc.double({ min: 0, max: 100, noNaN: true }).filter(isStorableNumber),
      hasAgreement: fc.boolean(),
      baseType: fc.constantFrom('employment', 'teaching'),
    },
    { requiredKeys: [] },
  );

  it('never throws on arbitrary input and only ever returns known keys', () => {
    const schema = buildFormSchema(program.form, { partial: true });
    const keys = new Set(program.form.map((f) => f.key));
    let acceptedWithFields = 0;
    const input = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.constantFrom(...keys, 'x'), fc.anything()),
      wellTypedDraft,
      fc.tuple(wellTypedDraft, fc.anything()).map(([draft, extra]) => ({ ...draft, x: extra })),
    );
    fc.assert(
      fc.property(input, (value) => {
        const result = schema.safeParse(value);
        if (!result.success) return;
        if (Object.keys(result.data).length > 0) acceptedWithFields += 1;
        for (const key of Object.keys(result.data)) expect(keys.has(key)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // The key check only bites on accepted forms with fields: make sure there were some.
    expect(acceptedWithFields).toBeGreaterThan(0);
  });

  it('refuses numbers the store cannot keep, within the field\'s range or not', () => {
    for (const [key, value] of [['enterpriseMentors', 9007199254740992], ['collaborationYears', 1e-131], ['collaborationYears', 5e-324]] as const) {
      expect(issuesOf({ ...completeForm, [key]: value }, true)).toEqual([{ path: key, message: expect.stringContaining('无法保存'), kind: 'invalid' }]);
    }
    expect(issuesOf({ ...completeForm, enterpriseMentors: 9007199254740991, totalMentors: 9007199254740991 })).toEqual([]);
  });

  it('accepts every well-typed draft built from the field definitions', () => {
    const schema = buildFormSchema(program.form, { partial: true });
    fc.assert(
      fc.property(wellTypedDraft, (value) => {
        expect(schema.safeParse(value)).toEqual({ success: true, data: value });
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from '#shared/domain/eligibility.js';
import { completeForm, makeProgram } from './program-fixture.js';

const program = makeProgram();
const outcomes = (form: Record<string, unknown>) =>
  Object.fromEntries(evaluateEligibility(program, form).results.map((r) => [r.code, r.outcome]));
const result = (form: Record<string, unknown>, code: string) =>
  evaluateEligibility(program, form).results.find((r) => r.code === code);

describe('eligibility', () => {
  it('passes an eligible form and leaves checklist rules pending', () => {
    const report = evaluateEligibility(program, completeForm);
    expect(report.passed).toBe(true);
    expect(outcomes(completeForm)).toEqual({
      mentors: 'pass',
      years: 'pass',
      platform: 'pass',
      type: 'pass',
      placements: 'pass',
      integrity: 'pending',
      'teaching-plan': 'not_applicable',
    });
    expect(report.results[0]).toMatchObject({ code: 'mentors', kind: 'auto', text: '企业导师占导师团队比例不低于 1/3' });
  });

  it('explains a ratio below the threshold in Chinese', () => {
    const form = { ...completeForm, enterpriseMentors: 1, totalMentors: 4 };
    expect(evaluateEligibility(program, form).passed).toBe(false);
    expect(result(form, 'mentors')).toMatchObject({
      outcome: 'fail',
      detail: '「企业导师人数」占「导师团队总人数」的 25.0%，低于 33.3%',
    });
  });

  it('accepts exactly one third against a threshold of 1/3', () => {
    expect(result({ ...completeForm, enterpriseMentors: 5, totalMentors: 15 }, 'mentors')?.outcome).toBe('pass');
    expect(result({ ...completeForm, enterpriseMentors: 1, totalMentors: 3 }, 'mentors')?.outcome).toBe('pass');
  });

  it('fails a ratio whose denominator is 0', () => {
    expect(result({ ...completeForm, enterpriseMentors: 0, totalMentors: 0 }, 'mentors')).toMatchObject({
      outcome: 'fail',
      detail: '「导师团队总人数」为 0，无法计算比例',
    });
  });

  it('fails a ratio whose part is larger than its whole, saying so in Chinese', () => {
    expect(result({ ...completeForm, enterpriseMentors: 40, totalMentors: 30 }, 'mentors')).toMatchObject({
      outcome: 'fail',
      detail: '「企业导师人数」为 40，多于「导师团队总人数」30，部分不能超过总数',
    });
  });

  it('fails numeric checks on missing values', () => {
    const { collaborationYears: _omit, ...form } = completeForm;
    expect(result(form, 'years')).toMatchObject({ outcome: 'fail', detail: '未填写「合作年限」' });
    expect(result({ ...completeForm, collaborationYears: 2.5 }, 'years')).toMatchObject({
      outcome: 'fail',
      detail: '「合作年限」为 2.5，低于 3',
    });
    expect(result({ ...completeForm, collaborationYears: 3 }, 'years')?.outcome).toBe('pass');
  });

  it('needs at least one true field for any_true', () => {
    expect(result({ ...completeForm, hasAgreement: false }, 'platform')).toMatchObject({
      outcome: 'fail',
      detail: '「已签订合作协议」、「共建实验室」均不满足',
    });
    expect(result({ ...completeForm, hasAgreement: false, hasJointLab: true }, 'platform')?.outcome).toBe('pass');
  });

  it('checks one_of against the allowed values', () => {
    expect(result({ ...completeForm, baseType: 'practice' }, 'type')).toMatchObject({
      outcome: 'fail',
      detail: '「基地类型」为“practice”，不在允许范围内',
    });
    expect(result(completeForm, 'type')?.detail).toBe('「基地类型」为“就业型”，符合要求');
    expect(result({ ...completeForm, baseType: undefined }, 'type')?.detail).toBe('未填写「基地类型」');
  });

  it('skips rules whose condition does not hold', () => {
    const form = { ...completeForm, baseType: 'teaching', placements: 0 };
    const report = evaluateEligibility(program, form);
    expect(outcomes(form)['placements']).toBe('not_applicable');
    expect(outcomes(form)['teaching-plan']).toBe('pending');
    expect(report.passed).toBe(true);
  });

  it('passes exactly when no applicable auto rule fails, for any numbers', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.double({ min: 0, max: 10, noNaN: true }), (mentors, total, years) => {
        const form = { ...completeForm, enterpriseMentors: mentors, totalMentors: total, collaborationYears: years };
        const report = evaluateEligibility(program, form);
        const expected = total > 0 && mentors <= total && mentors / total >= 1 / 3 - 1e-9 && years >= 3;
        expect(report.passed).toBe(expected);
        expect(report.results.filter((r) => r.kind === 'checklist').every((r) => r.outcome !== 'pass' && r.outcome !== 'fail')).toBe(true);
      }),
    );
  });
});

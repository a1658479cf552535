import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admittedOrganizationKinds, isCreditCode, requireAdmittedApplicant, saveOrganizationProfile } from '#shared/domain/organization.js';
import { organizationKinds } from '#shared/domain/organization-kinds.js';
import { listPrograms } from '#shared/programs/registry.js';
import { applicantKindSchema } from '#shared/programs/schema.js';
import { at, school, staff } from './records-fixture.js';

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const validCodes = ['91350100M000100Y43', '91110000600037341L', '91440300708461136T', '12100000400000624D'];

describe('统一社会信用代码', () => {
  it('accepts real codes and refuses another length or a letter outside the alphabet', () => {
    for (const code of validCodes) expect(isCreditCode(code), code).toBe(true);
    expect(isCreditCode('91350100M000100Y4')).toBe(false);
    expect(isCreditCode('91350100M000100O43')).toBe(false);
  });

  it('notices any single changed character (the check character covers every position)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validCodes), fc.nat(17), fc.integer({ min: 1, max: 30 }), (code, position, shift) => {
        const changed = alphabet[(alphabet.indexOf(code[position]!) + shift) % 31]!;
        expect(isCreditCode(code.slice(0, position) + changed + code.slice(position + 1))).toBe(false);
      }),
    );
  });
});

describe('saving a profile', () => {
  const context = { id: 'org-1', actor: school, now: at(1) };

  it('creates the record, then changes nothing for the same profile and names the fields of a change', () => {
    const created = saveOrganizationProfile(undefined, { name: ' 柳州市人民政府 ', kind: 'city_government', creditCode: '91350100m000100y43' }, context)!;
    expect(created.entity).toMatchObject({ id: 'org-1', name: '柳州市人民政府', kind: 'city_government', creditCode: '91350100M000100Y43', version: 1 });
    expect(saveOrganizationProfile(created.entity, { name: '柳州市人民政府', kind: 'city_government', creditCode: '91350100M000100Y43' }, context)).toBeUndefined();
    const corrected = saveOrganizationProfile(created.entity, { name: '柳州市人民政府', kind: 'other' }, { ...context, actor: staff, now: at(2) })!;
    expect(corrected.entity).not.toHaveProperty('creditCode');
    expect(corrected.events[0]).toMatchObject({ action: 'organization.updated', detail: { fields: ['kind', 'creditCode'] } });
  });

  it('refuses a 统一社会信用代码 that fails its check', () => {
    expect(() => saveOrganizationProfile(undefined, { name: '某单位', kind: 'enterprise', creditCode: '91350100M000100Y44' }, context)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }),
    );
  });
});

describe('who may apply', () => {
  const cityOnly = { applicantKinds: [{ code: 'city_government', label: '设区市人民政府' }] };

  it('asks for a profile first, refuses another kind naming who may apply, and admits a listed kind', () => {
    expect(() => requireAdmittedApplicant(cityOnly, undefined)).toThrow(expect.objectContaining({ code: 'PROFILE_INCOMPLETE', status: 422 }));
    expect(() => requireAdmittedApplicant(cityOnly, {})).toThrow(expect.objectContaining({ code: 'PROFILE_INCOMPLETE' }));
    expect(() => requireAdmittedApplicant(cityOnly, { kind: 'vocational_college' })).toThrow(
      expect.objectContaining({ code: 'APPLICANT_KIND_NOT_ALLOWED', status: 422, message: '本项目仅限设区市人民政府申报' }),
    );
    expect(() => requireAdmittedApplicant(cityOnly, { kind: 'city_government' })).not.toThrow();
  });

  it('maps an applicant kind to its organisation kinds, or to its own code', () => {
    const program = { applicantKinds: [{ code: 'leading_enterprise', label: '行业龙头企业', organizationKinds: ['enterprise' as const] }, { code: 'research_institute', label: '科研院所' }] };
    expect([...admittedOrganizationKinds(program)]).toEqual(['enterprise', 'research_institute']);
  });

  it('needs a mapping for an applicant kind outside the vocabulary', () => {
    const parsed = applicantKindSchema.safeParse({ code: 'school', label: '学校' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['organizationKinds']);
  });

  it('admits somebody in every built-in program, every kind of the vocabulary being admissible somewhere but 其他单位', () => {
    const admittedSomewhere = new Set(listPrograms().flatMap((program) => [...admittedOrganizationKinds(program)]));
    for (const program of listPrograms()) expect(admittedOrganizationKinds(program).size, program.id).toBeGreaterThan(0);
    expect(organizationKinds.filter((kind) => !admittedSomewhere.has(kind))).toEqual(['other']);
  });
});

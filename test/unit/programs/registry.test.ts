import { describe, expect, it } from 'vitest';
import { findProgram, listPrograms, programSummary, programTemplateInputs } from '#shared/programs/registry.js';
import { indicatorNodes, programTemplateSchema, type EligibilityCheck, type ProgramTemplateInput } from '#shared/programs/schema.js';
import { gxCityConsortium } from '#shared/programs/templates/gx-city-consortium.js';
import { normalise, normalisedSeed } from './seed-text.js';

/** A deep copy of a valid template to break in one place. */
function variant(change: (template: ProgramTemplateInput) => void): ProgramTemplateInput {
  const copy = structuredClone(gxCityConsortium);
  change(copy);
  return copy;
}

function issues(input: ProgramTemplateInput): string[] {
  const result = programTemplateSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('the program registry', () => {
  it('parses every template with the schema', () => {
    for (const input of programTemplateInputs) {
      expect(programTemplateSchema.safeParse(input).success, String(input.id)).toBe(true);
    }
    expect(listPrograms()).toHaveLength(programTemplateInputs.length);
  });

  it('gives every program a unique id', () => {
    const ids = listPrograms().map((program) => program.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds a program by id and nothing for an unknown id', () => {
    expect(findProgram('gx-city-consortium')?.name).toBe('广西壮族自治区市域产教联合体');
    expect(findProgram('no-such-program')).toBeUndefined();
  });

  it('builds the two Shanghai programs seed 002 names but does not detail, saying in their notes what the office must complete', () => {
    for (const id of ['sh-benchmark-school', 'sh-industry-enterprise']) {
      const program = findProgram(id);
      expect(program?.province, id).toBe('sh');
      expect(program!.notes.filter((note) => /办公室须[^。]*补全/.test(note)).length, id).toBeGreaterThanOrEqual(2);
    }
    expect(findProgram('sh-industry-enterprise')!.notes.some((note) => note.includes('发改社会〔2019〕590号'))).toBe(true);
  });

  it('summarises a program for lists', () => {
    const program = findProgram('gx-city-consortium');
    expect(program).toBeDefined();
    expect(programSummary(program!)).toEqual({
      id: 'gx-city-consortium',
      name: '广西壮族自治区市域产教联合体',
      issuer: '广西壮族自治区人民政府办公厅',
      policyRef: '桂政办发〔2023〕70号',
      applicantKinds: [{ code: 'city_government', label: '设区市人民政府' }],
    });
  });

  it('hands out programs that callers cannot change', () => {
    const program = listPrograms()[0]!;
    expect(() => {
      (program as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});

/** Whether an automatic check reads form fields of the types it needs. Exhaustive: a new kind of check does not compile until it is handled. */
function fieldTypesFit(check: EligibilityCheck, types: ReadonlyMap<string, string>): boolean {
  switch (check.type) {
    case 'min':
      return types.get(check.field) === 'number';
    case 'ratio_min':
      return types.get(check.numerator) === 'number' && types.get(check.denominator) === 'number';
    case 'any_true':
      return check.fields.every((field) => types.get(field) === 'boolean');
    case 'one_of':
      return ['select', 'text'].includes(types.get(check.field) ?? '');
    default: {
      const unchecked: never = check;
      throw new Error(`no field-type check for ${JSON.stringify(unchecked)}`);
    }
  }
}

describe.each(listPrograms().map((program) => [program.id, program] as const))('program %s', (_id, program) => {
  it('has unique indicator codes, field keys, material keys and rule codes', () => {
    const unique = (values: string[]): boolean => new Set(values).size === values.length;
    expect(unique(indicatorNodes(program.indicators).map((node) => node.code))).toBe(true);
    expect(unique(program.form.map((field) => field.key))).toBe(true);
    expect(unique(program.materials.map((material) => material.key))).toBe(true);
    expect(unique(program.eligibility.map((rule) => rule.code))).toBe(true);
  });

  it('checks its auto rules on form fields of the right type', () => {
    const types = new Map(program.form.map((field) => [field.key, field.type]));
    const mistyped = program.eligibility.flatMap((rule) => (rule.kind === 'auto' && !fieldTypesFit(rule.check, types) ? [rule.code] : []));
    expect(mistyped).toEqual([]);
  });

  it('caps the shortlist only where its seed names a number of units, and says where in its notes', () => {
    const quotaNote = program.notes.find((note) => note.includes('认定数量'));
    expect(quotaNote).toBeDefined();
    if (program.quota === undefined) {
      expect(quotaNote).toMatch(/未规定[^。]*认定数量|未规定认定数量/);
      return;
    }
    expect(quotaNote).toContain(`（quota ${program.quota}）`);
    const quoted = [...quotaNote!.matchAll(/“([^”]+)”/g)].map((match) => normalise(match[1]!)).filter((quote) => quote.includes(`${program.quota}个`));
    expect(quoted.length).toBeGreaterThan(0);
    for (const quote of quoted) expect(normalisedSeed(program.seed)).toContain(quote);
  });

  it('names who signs its notices, as its seed does, and says where in its notes', () => {
    const issuer = program.noticeIssuer?.name;
    expect(issuer).toBeDefined();
    const note = program.notes.find((candidate) => candidate.includes('（noticeIssuer）'));
    expect(note).toContain(issuer);
    const seed = normalisedSeed(program.seed);
    for (const [, quote] of note!.matchAll(/“([^”]+)”/g)) expect(seed).toContain(normalise(quote!));
  });

  it('reads tags, related organisations, the avoid list and the region for the assignment from its own form', () => {
    const keys = new Set(program.form.map((field) => field.key));
    const assignment = program.assignment!;
    expect(assignment.tagFields.length).toBeGreaterThan(0);
    expect(assignment.avoidListField).toBe('avoidList');
    expect([...assignment.tagFields, ...assignment.relatedOrganizationFields, assignment.avoidListField].every((key) => key !== undefined && keys.has(key))).toBe(true);
    const avoid = program.form.find((field) => field.key === 'avoidList')!;
    expect(avoid).toMatchObject({ label: '申请回避的专家或单位', type: 'textarea', required: false });
    // a Guangxi applicant names its city; the notes say where the city list comes from
    if (program.province === 'gx') {
      expect(assignment.regionField).toBe('city');
      const city = program.form.find((field) => field.key === 'city');
      expect(city?.type === 'select' ? city.options.map((option) => option.label) : []).toHaveLength(14);
      expect(program.notes.some((note) => note.includes('14个设区市'))).toBe(true);
    }
    expect(program.notes.some((note) => note.includes('评审分配'))).toBe(true);
  });

  it('asks for the applicant, the project title and a contact person, phone and e-mail', () => {
    const keys = program.form.map((field) => field.key);
    expect(keys).toEqual(expect.arrayContaining(['applicantName', 'projectTitle', 'contactName', 'contactPhone', 'contactEmail']));
  });

  it('uses the review and publicity defaults and has a required application document', () => {
    expect(program.review).toMatchObject({ expertsPerApplication: 5, minValidReviews: 3, aggregation: 'trimmed_mean' });
    expect(program.publicity.workingDays).toBe(5);
    expect(program.scoring).toEqual({ leafMaxScore: 10, total: 100 });
    expect(program.materials.some((material) => material.required && material.when === undefined)).toBe(true);
  });

  it('limits documents to 50 MiB and archives to 200 MiB', () => {
    for (const material of program.materials) {
      expect(material.maxBytes).toBe(material.formats.includes('zip') ? 200 * 1024 * 1024 : 50 * 1024 * 1024);
    }
  });

  it('validates phone numbers and e-mail addresses with patterns', () => {
    const pattern = (key: string): RegExp => {
      const field = program.form.find((candidate) => candidate.key === key);
      if (field?.type !== 'text' || field.pattern === undefined) throw new Error(`${key} has no pattern`);
      return new RegExp(field.pattern);
    };
    expect(pattern('contactPhone').test('13800138000')).toBe(true);
    expect(pattern('contactPhone').test('0771-5815234')).toBe(true);
    expect(pattern('contactPhone').test('12345')).toBe(false);
    expect(pattern('contactEmail').test('office@gxedu.gov.cn')).toBe(true);
    expect(pattern('contactEmail').test('office.gxedu.gov.cn')).toBe(false);
  });
});

describe('the template schema', () => {
  it('accepts the unchanged sample template', () => {
    expect(issues(variant(() => undefined))).toEqual([]);
  });

  it('rejects an auto rule on a form field that does not exist', () => {
    const bad = variant((template) => {
      template.eligibility.push({ code: 'x', text: '企业导师占比', kind: 'auto', check: { type: 'min', field: 'noSuchField', value: 1 } });
    });
    expect(issues(bad)).toContain('unknown form field noSuchField');
  });

  it('rejects a repeated indicator code', () => {
    const bad = variant((template) => {
      template.indicators[0]!.children![1]!.code = '1.1';
    });
    expect(issues(bad)).toContain('duplicate indicator code 1.1');
  });

  it('rejects repeated form keys and material keys', () => {
    const bad = variant((template) => {
      template.form.push({ key: 'parkName', label: '园区', type: 'text' });
      template.materials.push({ ...template.materials[0]! });
    });
    expect(issues(bad)).toEqual(expect.arrayContaining(['duplicate form field key parkName', 'duplicate material key application_form']));
  });

  it('rejects a condition on an unknown field or on a value the select does not offer', () => {
    const unknownField = variant((template) => {
      template.materials[1]!.when = { field: 'baseKind', equals: 'employment' };
    });
    expect(issues(unknownField)).toContain('condition on unknown form field baseKind');
    const unknownValue = variant((template) => {
      template.indicators[0]!.when = { field: 'industryCluster', equals: 'mining' };
    });
    expect(issues(unknownValue)).toContain('condition value mining is not an option of industryCluster');
  });

  it('rejects a form without the applicant name', () => {
    const bad = variant((template) => {
      template.form = template.form.filter((field) => field.key !== 'applicantName');
    });
    expect(issues(bad).some((message) => message.includes('applicantName'))).toBe(true);
  });

  it('rejects a text pattern that is not a regular expression', () => {
    const bad = variant((template) => {
      template.form.push({ key: 'code', label: '代码', type: 'text', pattern: '([' });
    });
    expect(issues(bad)).toContain('invalid regular expression');
  });

  it('rejects a share rule (ratio_min) whose part is not bounded by its whole', () => {
    const bad = variant((template) => {
      template.eligibility.push({ code: 'x', text: '中职学校占比', kind: 'auto', check: { type: 'ratio_min', numerator: 'universities', denominator: 'enterprises', value: 0.1 } });
    });
    expect(issues(bad)).toContain('ratio numerator universities needs maxField enterprises');
  });

  it('rejects a maxField that is not another number field', () => {
    const bad = variant((template) => {
      const field = template.form.find((candidate) => candidate.key === 'universities');
      if (field?.type === 'number') field.maxField = 'parkName';
    });
    expect(issues(bad)).toContain('maxField parkName is not another number field');
  });

  it('rejects an assignment section naming unknown fields or fields it cannot read', () => {
    const bad = variant((template) => {
      template.assignment = { tagFields: ['industryCluster', 'noSuchTag'], relatedOrganizationFields: ['enterprises'], avoidListField: 'missingList', regionField: 'summary' };
    });
    expect(issues(bad)).toEqual(
      expect.arrayContaining([
        'unknown form field noSuchTag',
        'relatedOrganizationFields cannot read the number field enterprises',
        'unknown form field missingList',
        'regionField cannot read the textarea field summary',
      ]),
    );
    expect(issues(bad)).toHaveLength(4);
  });

  it('rejects region avoidance without a region field', () => {
    const bad = variant((template) => {
      template.assignment = { tagFields: ['industryCluster'], avoidSameRegion: true };
    });
    expect(issues(bad)).toEqual(['avoidSameRegion needs a regionField']);
  });

  it('rejects more required valid reviews than experts', () => {
    const bad = variant((template) => {
      template.review = { expertsPerApplication: 2, minValidReviews: 3 };
    });
    expect(issues(bad)).toContain('exceeds expertsPerApplication');
  });
});

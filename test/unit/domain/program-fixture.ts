/** A small program template for domain tests (the 校企协同育人示范基地 shape, trimmed). */
import { programTemplateSchema, type ProgramTemplate, type ProgramTemplateInput } from '#shared/programs/schema.js';

export const baseProgram: ProgramTemplateInput = {
  id: 'test-base',
  name: '校企协同育人示范基地（测试）',
  issuer: '测试厅',
  policyRef: '测试〔2026〕1号',
  seed: '000_638fa3aa698fd086.txt',
  applicantKinds: [{ code: 'university', label: '高校', organizationKinds: ['undergraduate_university'] }],
  form: [
    { key: 'applicantName', label: '申报单位', type: 'text' },
    { key: 'projectTitle', label: '项目名称', type: 'text', maxLength: 20 },
    { key: 'baseType', label: '基地类型', type: 'select', options: [
      { value: 'employment', label: '就业型' },
      { value: 'teaching', label: '教学型' },
    ] },
    { key: 'placements', label: '年接收就业人数', type: 'number', integer: true, min: 0, unit: '人', when: { field: 'baseType', equals: 'employment' } },
    { key: 'courses', label: '共建课程门数', type: 'number', integer: true, min: 0, required: false, when: { field: 'baseType', equals: 'teaching' } },
    { key: 'enterpriseMentors', label: '企业导师人数', type: 'number', integer: true, min: 0, maxField: 'totalMentors' },
    { key: 'totalMentors', label: '导师团队总人数', type: 'number', integer: true, min: 0 },
    { key: 'collaborationYears', label: '合作年限', type: 'number', min: 0, max: 100, unit: '年' },
    { key: 'hasAgreement', label: '已签订合作协议', type: 'boolean' },
    { key: 'hasJointLab', label: '共建实验室', type: 'boolean', required: false },
    { key: 'startDate', label: '合作开始日期', type: 'date', required: false },
    { key: 'fields', label: '合作领域', type: 'multiselect', required: false, options: [
      { value: 'ai', label: '人工智能' },
      { value: 'auto', label: '汽车' },
    ] },
    { key: 'summary', label: '建设概况', type: 'textarea', required: false },
    { key: 'phone', label: '联系电话', type: 'text', required: false, pattern: '1\\d{10}' },
    { key: 'aiLab', label: '人工智能实训室名称', type: 'text', when: { field: 'fields', equals: 'ai' } },
  ],
  eligibility: [
    { code: 'mentors', text: '企业导师占导师团队比例不低于 1/3', kind: 'auto', check: { type: 'ratio_min', numerator: 'enterpriseMentors', denominator: 'totalMentors', value: 1 / 3 } },
    { code: 'years', text: '合作 3 年以上', kind: 'auto', check: { type: 'min', field: 'collaborationYears', value: 3 } },
    { code: 'platform', text: '有合作协议或共建实验室', kind: 'auto', check: { type: 'any_true', fields: ['hasAgreement', 'hasJointLab'] } },
    { code: 'type', text: '基地类型为就业型或教学型', kind: 'auto', check: { type: 'one_of', field: 'baseType', values: ['employment', 'teaching'] } },
    { code: 'placements', text: '就业型基地年接收就业不少于 20 人', kind: 'auto', when: { field: 'baseType', equals: 'employment' }, check: { type: 'min', field: 'placements', value: 20 } },
    { code: 'integrity', text: '近三年无重大安全事故', kind: 'checklist' },
    { code: 'teaching-plan', text: '教学型基地有共建培养方案', kind: 'checklist', when: { field: 'baseType', equals: 'teaching' } },
  ],
  materials: [{ key: 'report', title: '申报书', required: true, formats: ['pdf'], maxBytes: 10_000_000 }],
  indicators: [
    { code: '1', title: '合作基础', children: [{ code: '1.1', title: '协议' }, { code: '1.2', title: '机制' }] },
    { code: '2', title: '育人成效', children: [{ code: '2.1', title: '就业' }, { code: '2.2', title: '课程' }, { code: '2.3', title: '师资' }] },
  ],
  review: {},
  steps: [{ kind: 'application', title: '高校申报' }],
  publicity: {},
};

/** Parses {@link baseProgram} with the given top-level overrides. */
export function makeProgram(overrides: Partial<ProgramTemplateInput> = {}): ProgramTemplate {
  return programTemplateSchema.parse({ ...baseProgram, ...overrides });
}

/** A complete, eligible employment-base form. */
export const completeForm = {
  applicantName: '某某大学',
  projectTitle: '智能制造协同育人基地',
  baseType: 'employment',
  placements: 30,
  enterpriseMentors: 4,
  totalMentors: 10,
  collaborationYears: 5,
  hasAgreement: true,
};

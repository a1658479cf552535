/**
 * What the four guidelines of 桂政办发〔2023〕70号 (seed 004) share word for word: the
 * recognition procedure after the application (组织认定 by the leadership group's office,
 * 审定 by the leadership group), the 10 key industries of the observation points 1.1, and
 * the evidence upload organised by indicator; and Guangxi's 14 cities (所在设区市), which the
 * seed does not list. Each template keeps its own application and
 * promotion steps, which the seed words differently per program.
 */
import type { ProgramTemplateInput } from '../schema.js';
import { ARCHIVE_MAX_BYTES, DOCUMENT_MAX_BYTES } from '../common-fields.js';

type Step = ProgramTemplateInput['steps'][number];
type Material = ProgramTemplateInput['materials'][number];
type FormField = ProgramTemplateInput['form'][number];
type SelectOption = { value: string; label: string };
type EvaluationSection = NonNullable<ProgramTemplateInput['evaluation']>;

/**
 * The procedure of a Guangxi program: its own application step, then 组织认定 and 审定 as the
 * seed words them for `unitName` (e.g. 市域产教联合体), then its own promotion step.
 */
export function guangxiRecognitionSteps(unitName: string, application: Omit<Step, 'kind'>, promotion: Omit<Step, 'kind'>): Step[] {
  return [
    { kind: 'application', ...application },
    {
      kind: 'expert_review',
      title: '组织认定',
      description: `由广西职业教育创新发展领导小组办公室组织有关单位,对上报的${unitName}进行评选,提出拟入围名单。`,
    },
    { kind: 'approval', title: '审定', description: '拟入围名单报广西职业教育创新发展领导小组审定。' },
    { kind: 'promotion', ...promotion },
  ];
}

/**
 * The seed names no publicity (公示) in the procedure: the platform holds its default 5 working
 * days, and a round may hold none.
 */
export const guangxiPublicity: NonNullable<ProgramTemplateInput['publicity']> = { workingDays: 5, optional: true };

/** The final decision as the seed words it: 拟入围名单报广西职业教育创新发展领导小组审定. */
export const guangxiApproval: NonNullable<ProgramTemplateInput['approval']> = { body: '广西职业教育创新发展领导小组', decisionTitle: '领导小组审定' };

/** The key industries named in observation point 1.1 of the 行业共同体 and 技术创新学院 indicators. */
export const guangxiKeyIndustries: readonly SelectOption[] = [
  { value: 'modern_agriculture', label: '现代农业' },
  { value: 'electronics', label: '电子信息' },
  { value: 'advanced_manufacturing', label: '先进制造业' },
  { value: 'automobile', label: '汽车(含工业设计)' },
  { value: 'transport', label: '交通运输' },
  { value: 'light_chemical', label: '轻工化工' },
  { value: 'food_drug', label: '食品药品' },
  { value: 'business_services', label: '商务服务' },
  { value: 'health', label: '医疗卫生' },
  { value: 'culture_tourism', label: '文化旅游' },
  { value: 'other', label: '其他重点行业' },
];

/** The key of {@link guangxiCityField}. */
export const GUANGXI_CITY_KEY = 'city';

/**
 * 所在设区市: the applicant's city among Guangxi's 14 prefecture-level cities, by their
 * administrative division code (行政区划代码). The seed does not list them; the list is
 * Guangxi's administrative division (民政部行政区划, 14 个设区市). The expert assignment reads it as
 * the applicant's region (the option label, e.g. 柳州市).
 */
export function guangxiCityField(label = '所在设区市'): FormField {
  return {
    key: GUANGXI_CITY_KEY,
    label,
    type: 'select',
    required: false,
    help: '申报单位所在的设区市；开启同地区专家回避的批次不安排同一设区市的专家。',
    options: [
      { value: '450100', label: '南宁市' },
      { value: '450200', label: '柳州市' },
      { value: '450300', label: '桂林市' },
      { value: '450400', label: '梧州市' },
      { value: '450500', label: '北海市' },
      { value: '450600', label: '防城港市' },
      { value: '450700', label: '钦州市' },
      { value: '450800', label: '贵港市' },
      { value: '450900', label: '玉林市' },
      { value: '451000', label: '百色市' },
      { value: '451100', label: '贺州市' },
      { value: '451200', label: '河池市' },
      { value: '451300', label: '来宾市' },
      { value: '451400', label: '崇左市' },
    ],
  };
}

/** The evidence upload (佐证材料), several files organised by indicator number. */
export function indicatorEvidence(description = '按观测点编号组织的佐证材料'): Material {
  return { key: 'evidence', title: '佐证材料', required: false, formats: ['pdf', 'zip', 'jpg', 'png'], maxBytes: ARCHIVE_MAX_BYTES, multiple: true, description };
}

/**
 * The 建设成效 evaluation of a Guangxi program (seed 004, 总结推广): experts score the program's own
 * recognition indicators (the same data, not a copy) on the unit's 建设成效; the unit files
 * `report` (e.g. 年度建设成效报告) and evidence organised by indicator. The form is the evaluation
 * view's default (the unit's name and title, a summary, the contact fields).
 */
export function guangxiEffectivenessEvaluation(indicators: EvaluationSection['indicators'], report: { title: string; description: string }): EvaluationSection {
  return {
    indicators,
    materials: [
      { key: 'effectiveness_report', title: report.title, required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES, description: report.description },
      indicatorEvidence('按认定指标编号组织的建设成效佐证材料'),
    ],
  };
}

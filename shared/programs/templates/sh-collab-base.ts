/**
 * 上海市产教融合协同育人基地 (沪教委高〔2021〕64号, seed 002): a city-level base of one of
 * three kinds — 就业型, 教学型 or 践习型 — as defined in item 10 of the action plan. The kind
 * is a required select; the materials, fields, rules and indicators of one kind apply only
 * when it is chosen. The seed defines the kinds but gives no conditions, indicator table or
 * procedure; what the template takes from elsewhere is said in its notes.
 */
import { ARCHIVE_MAX_BYTES, AVOID_LIST_KEY, avoidListField, contactFields, cycleSummaryField, DOCUMENT_MAX_BYTES } from '../common-fields.js';
import type { ProgramTemplateInput } from '../schema.js';
import { shanghaiAnnualReport, shanghaiAvoidListNote, shanghaiIssuance, shanghaiSchoolApplicantKinds, shanghaiSteps } from './shanghai-procedure.js';

const employment = { field: 'baseKind', equals: 'employment' } as const;
const teaching = { field: 'baseKind', equals: 'teaching' } as const;
const practice = { field: 'baseKind', equals: 'practice' } as const;

/** The Shanghai industry–education collaborative education base program. */
export const shCollabBase: ProgramTemplateInput = {
  id: 'sh-collab-base',
  name: '上海市产教融合协同育人基地',
  ...shanghaiIssuance,
  applicantKinds: shanghaiSchoolApplicantKinds,
  form: [
    { key: 'applicantName', label: '申报学校', type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: '协同育人基地名称', type: 'text', maxLength: 100 },
    {
      key: 'baseKind',
      label: '基地类型',
      type: 'select',
      options: [
        { value: 'employment', label: '就业型基地' },
        { value: 'teaching', label: '教学型基地' },
        { value: 'practice', label: '践习型基地' },
      ],
      help: '就业型：由企业提供准员工待遇并签订就业意向协议，学生毕业后优先求职基地企业；教学型：承担教学方案中实践类校外教学任务；践习型：接收学生开展行业见习、专业实习、顶岗实践等活动',
    },
    { key: 'partnerEnterprise', label: '合作企业名称', type: 'text', maxLength: 200 },
    { key: 'disciplines', label: '面向学科专业', type: 'textarea', maxLength: 1000 },
    {
      key: 'providesQuasiEmployeeTreatment',
      label: '企业为基地学生提供准员工待遇',
      type: 'boolean',
      when: employment,
    },
    {
      key: 'signsEmploymentIntentAgreement',
      label: '企业与学生签订就业意向协议',
      type: 'boolean',
      when: employment,
    },
    {
      key: 'employmentIntentStudents',
      label: '签订就业意向协议的学生数（上一学年）',
      type: 'number',
      integer: true,
      min: 0,
      unit: '人',
      when: employment,
    },
    {
      key: 'undertakesOffCampusPracticalTeaching',
      label: '基地承担教学方案中实践类校外教学任务',
      type: 'boolean',
      when: teaching,
    },
    {
      key: 'practicalCourses',
      label: '承担的实践类课程',
      type: 'textarea',
      maxLength: 2000,
      help: '每行一门课程，注明学分或学时',
      when: teaching,
    },
    {
      key: 'enterpriseExpertTeachers',
      label: '联合校内教师承担课程教学的企业专家数',
      type: 'number',
      integer: true,
      min: 0,
      unit: '人',
      when: teaching,
    },
    {
      key: 'practiceActivities',
      label: '接收学生开展的活动',
      type: 'multiselect',
      options: [
        { value: 'industry_observation', label: '行业见习' },
        { value: 'professional_internship', label: '专业实习' },
        { value: 'placement', label: '顶岗实践' },
        { value: 'other', label: '其他' },
      ],
      when: practice,
    },
    {
      key: 'practiceStudentsPerYear',
      label: '每年接收学生人数',
      type: 'number',
      integer: true,
      min: 0,
      unit: '人',
      when: practice,
    },
    { key: 'summary', label: '基地建设基础与方案概述', type: 'textarea', maxLength: 5000 },
    avoidListField(),
    ...contactFields(),
  ],
  eligibility: [
    {
      code: 'employment-treatment',
      kind: 'auto',
      text: '由企业提供准员工待遇',
      check: { type: 'any_true', fields: ['providesQuasiEmployeeTreatment'] },
      when: employment,
    },
    {
      code: 'employment-agreement',
      kind: 'auto',
      text: '签订就业意向协议',
      check: { type: 'any_true', fields: ['signsEmploymentIntentAgreement'] },
      when: employment,
    },
    { code: 'employment-priority', kind: 'checklist', text: '学生毕业后优先求职基地企业', when: employment },
    {
      code: 'teaching-task',
      kind: 'auto',
      text: '承担教学方案中实践类校外教学任务',
      check: { type: 'any_true', fields: ['undertakesOffCampusPracticalTeaching'] },
      when: teaching,
    },
    {
      code: 'practice-activities',
      kind: 'checklist',
      text: '接收学生开展行业见习、专业实习、顶岗实践等活动',
      when: practice,
    },
  ],
  materials: [
    { key: 'application_form', title: '协同育人基地申报书', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES },
    { key: 'cooperation_agreement', title: '校企合作协议', required: true, formats: ['pdf'], maxBytes: DOCUMENT_MAX_BYTES },
    {
      key: 'employment_intent_agreements',
      title: '就业意向协议（样本及签约名单）',
      required: true,
      formats: ['pdf'],
      maxBytes: DOCUMENT_MAX_BYTES,
      multiple: true,
      when: employment,
    },
    {
      key: 'quasi_employee_terms',
      title: '准员工待遇说明',
      required: true,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
      when: employment,
    },
    {
      key: 'teaching_plan',
      title: '教学方案（含基地承担的实践类校外教学任务）',
      required: true,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
      when: teaching,
    },
    {
      key: 'practice_arrangements',
      title: '学生行业见习、专业实习、顶岗实践安排',
      required: true,
      formats: ['pdf', 'docx', 'xlsx'],
      maxBytes: DOCUMENT_MAX_BYTES,
      when: practice,
    },
    {
      key: 'evidence',
      title: '佐证材料',
      required: false,
      formats: ['pdf', 'zip', 'jpg', 'png'],
      maxBytes: ARCHIVE_MAX_BYTES,
      multiple: true,
    },
  ],
  indicators: [
    {
      code: 'base',
      title: '市级产教融合协同育人基地',
      children: [
        { code: 'base-1', title: '依托国内外知名企业、产业龙头企业' },
        { code: 'base-2', title: '具有国内行业影响力' },
      ],
    },
    {
      code: 'employment',
      title: '就业型基地',
      when: employment,
      children: [
        { code: 'employment-1', title: '由企业提供准员工待遇' },
        { code: 'employment-2', title: '签订就业意向协议' },
        { code: 'employment-3', title: '学生毕业后优先求职基地企业' },
      ],
    },
    {
      code: 'teaching',
      title: '教学型基地',
      when: teaching,
      children: [
        { code: 'teaching-1', title: '承担教学方案中实践类校外教学任务' },
        { code: 'teaching-2', title: '鼓励符合条件的企业专家联合校内教师承担课程教学' },
      ],
    },
    {
      code: 'practice',
      title: '践习型基地',
      when: practice,
      children: [
        { code: 'practice-1', title: '行业见习' },
        { code: 'practice-2', title: '专业实习' },
        { code: 'practice-3', title: '顶岗实践' },
      ],
    },
  ],
  review: {},
  steps: shanghaiSteps('学校申报'),
  publicity: { workingDays: 5 },
  postRecognition: shanghaiAnnualReport('种子写“鼓励学校和产教融合型企业发布产教融合协同育人年度报告,并将其作为相关单位实施产教融合项目绩效评价、予以财政资金支持的依据之一”；项目资金“年度动态调整”。'),
  evaluation: {
    indicators: [
      {
        code: 'E1',
        title: '年度报告与绩效目标',
        children: [
          { code: 'E1.1', title: '产教融合协同育人年度报告发布情况' },
          { code: 'E1.2', title: '项目绩效目标执行与资金使用' },
        ],
      },
      {
        code: 'E2',
        title: '协同育人成效',
        children: [
          { code: 'E2.1', title: '依托知名企业、产业龙头企业的资源投入与行业影响力' },
          { code: 'E2.2', title: '基地类型任务落实（就业型：准员工待遇与就业；教学型：实践类校外教学任务；践习型：见习、实习、顶岗实践）' },
        ],
      },
      {
        code: 'E3',
        title: '协同育人机制',
        children: [{ code: 'E3.1', title: '组织机构、实施与管理流程及考核评价、激励约束制度' }],
      },
    ],
    form: [
      { key: 'applicantName', label: '认定学校', type: 'text', maxLength: 100 },
      { key: 'projectTitle', label: '协同育人基地名称', type: 'text', maxLength: 100 },
      { key: 'partnerEnterprise', label: '合作企业名称', type: 'text', maxLength: 200 },
      { key: 'disciplines', label: '面向学科专业', type: 'textarea', maxLength: 1000 },
      cycleSummaryField(),
      avoidListField(),
      ...contactFields(),
    ],
    materials: [
      { key: 'annual_reports', title: '产教融合协同育人年度报告', required: true, formats: ['pdf'], maxBytes: DOCUMENT_MAX_BYTES, multiple: true, description: '周期内各年度报告' },
      { key: 'performance_report', title: '项目绩效自评报告（含资金使用情况）', required: true, formats: ['pdf', 'docx', 'xlsx'], maxBytes: DOCUMENT_MAX_BYTES },
      { key: 'evidence', title: '佐证材料', required: false, formats: ['pdf', 'zip', 'jpg', 'png'], maxBytes: ARCHIVE_MAX_BYTES, multiple: true },
    ],
  },
  notes: [
    '认定通知的发文机关默认为上海市教育委员会（noticeIssuer）：种子为上海市教育委员会牵头印发（沪教委高〔2021〕64号）；种子未规定认定流程与发文机关，取牵头单位；种子未给出其发文字号的机关代字，故不设 noticePrefix（批次可另行指定 issuer）。',
    '基地类型定义取自《上海市深化产教融合协同育人行动计划(2021-2025年)》第10条：由企业提供准员工待遇并签订就业意向协议,学生毕业后优先求职基地企业的就业型基地；承担教学方案中实践类校外教学任务,鼓励符合条件的企业专家联合校内教师承担课程教学的教学型基地；以及接收学生开展行业见习、专业实习、顶岗实践等活动的践习型基地。',
    '种子未规定申报、评审、认定流程，也未给出申报条件与评分指标表：流程（学校申报→形式审查→专家评审→公示→认定）为平台通用流程；申报条件只取各类型定义中可核对的要素；指标树由“市级产教融合协同育人基地”的原文描述（依托国内外知名企业、产业龙头企业；具有国内行业影响力）与所选类型的定义要素组成，两组权重相同，每项0—10分，总分100分，只对所选类型的指标打分。',
    '种子未规定申报主体：平台以学校（普通高等学校、职业院校）为申报单位、合作企业为共建方；未规定公示天数（取平台默认5个工作日）与认定数量。',
    '发文单位为上海市教育委员会、上海市发展和改革委员会、上海市经济和信息化委员会、上海市人力资源和社会保障局、上海市国有资产监督管理委员会联合印发。',
    '认定后：鼓励发布产教融合协同育人年度报告，作为绩效评价、予以财政资金支持的依据之一；项目资金年度动态调整。',
    '周期评估（evaluation）：种子以年度报告作为绩效评价的依据（第6条），要求“全程跟踪、定期报送、适时督查”并强化绩效评价结果运用、对项目资金年度动态调整（第16条），未给出评估指标、周期与结论标准。评估指标由平台按上述条文与第2条（组织机构、实施与管理流程、考核评价、激励约束制度）及第10条基地类型定义拟定（E1—E3，同级权重相同，每项0—10分）；评估周期、各项权重与评分标准、继续认定/给予激励/限期整改/撤销认定的条件及与资金调整的衔接由上海市教育委员会补充完善。',
    shanghaiAvoidListNote,
    '评审分配（assignment，平台设定）：面向学科专业作为标签与专家专业领域匹配；合作企业作为关联单位，其专家与申报学校一样回避；上海市项目的申报单位同在一市，申报表不含所在地区，不做同地区回避。',
  ],
  assignment: { tagFields: ['disciplines'], relatedOrganizationFields: ['partnerEnterprise'], avoidListField: AVOID_LIST_KEY },
};

/**
 * 上海市产教融合标杆学校 (沪教委高〔2021〕64号, seed 002, item 2): a school whose
 * industry–education collaborative education is outstanding ("认定一批产教融合协同育人成效突出的
 * 标杆学校"). The seed names the recognition but gives no conditions, indicator table or
 * procedure: the indicators are the school-side duties item 2 lists, and the notes say what
 * the office must complete (conditions, weights, quota) through `PUT /api/admin/programs`.
 */
import { ARCHIVE_MAX_BYTES, AVOID_LIST_KEY, avoidListField, contactFields, DOCUMENT_MAX_BYTES } from '../common-fields.js';
import type { ProgramTemplateInput } from '../schema.js';
import { shanghaiAnnualReport, shanghaiAvoidListNote, shanghaiIssuance, shanghaiSchoolApplicantKinds, shanghaiSteps } from './shanghai-procedure.js';

/** The Shanghai industry–education integration benchmark school program. */
export const shBenchmarkSchool: ProgramTemplateInput = {
  id: 'sh-benchmark-school',
  name: '上海市产教融合标杆学校',
  ...shanghaiIssuance,
  applicantKinds: shanghaiSchoolApplicantKinds,
  form: [
    { key: 'applicantName', label: '申报学校', type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: '标杆学校建设方案名称', type: 'text', maxLength: 100 },
    {
      key: 'schoolKind',
      label: '学校类型',
      type: 'select',
      options: [
        { value: 'university', label: '普通高等学校' },
        { value: 'vocational_college', label: '职业院校' },
      ],
    },
    { key: 'coordinationOffice', label: '推进协同育人的组织机构', type: 'text', maxLength: 200, help: '机构名称及设立文件' },
    { key: 'hasCoordinationCommissioner', label: '已设置“产教融合协作专员”工作岗', type: 'boolean', required: false },
    { key: 'disciplines', label: '开展协同育人的学科专业', type: 'textarea', maxLength: 2000 },
    { key: 'partnerEnterprises', label: '主要合作企业', type: 'textarea', maxLength: 2000, help: '每行一家' },
    {
      key: 'cooperationForms',
      label: '与企业开展协同育人的形式',
      type: 'multiselect',
      options: [
        { value: 'industry_college', label: '共建现代产业学院' },
        { value: 'future_technology_college', label: '未来技术学院' },
        { value: 'rd_cooperation', label: '技术研发合作' },
        { value: 'order_training', label: '委托订单培养' },
        { value: 'skills_training', label: '技术技能培训' },
      ],
    },
    { key: 'summary', label: '产教融合协同育人工作及成效概述', type: 'textarea', maxLength: 5000 },
    avoidListField(),
    ...contactFields(),
  ],
  eligibility: [{ code: 'organization', kind: 'checklist', text: '建立健全推进协同育人的组织机构' }],
  materials: [
    { key: 'application_form', title: '产教融合标杆学校申报书', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES },
    { key: 'organization_documents', title: '推进协同育人的组织机构设立文件', required: true, formats: ['pdf'], maxBytes: DOCUMENT_MAX_BYTES },
    {
      key: 'management_rules',
      title: '协同育人实施与管理制度（岗位管理、考核评价、收入分配、激励约束）',
      required: true,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
    },
    { key: 'annual_report', title: '产教融合协同育人年度报告', required: false, formats: ['pdf'], maxBytes: DOCUMENT_MAX_BYTES },
    { key: 'evidence', title: '佐证材料', required: false, formats: ['pdf', 'zip', 'jpg', 'png'], maxBytes: ARCHIVE_MAX_BYTES, multiple: true },
  ],
  indicators: [
    { code: 'organization', title: '建立健全推进协同育人的组织机构' },
    { code: 'team', title: '加强专业化队伍建设' },
    {
      code: 'process',
      title: '协同育人实施与管理流程',
      children: [
        { code: 'process-1', title: '产业调研' },
        { code: 'process-2', title: '需求对接' },
        { code: 'process-3', title: '联合招生' },
        { code: 'process-4', title: '共同培养' },
        { code: 'process-5', title: '综合评价' },
        { code: 'process-6', title: '就业创业' },
      ],
    },
    {
      code: 'system',
      title: '健全相应岗位管理、考核评价、收入分配、激励约束等制度',
      children: [
        { code: 'system-1', title: '岗位管理' },
        { code: 'system-2', title: '考核评价' },
        { code: 'system-3', title: '收入分配' },
        { code: 'system-4', title: '激励约束' },
      ],
    },
    {
      code: 'forms',
      title: '多种形式开展协同育人',
      children: [
        { code: 'forms-1', title: '共建现代产业学院' },
        { code: 'forms-2', title: '未来技术学院' },
        { code: 'forms-3', title: '技术研发合作' },
        { code: 'forms-4', title: '委托订单培养' },
        { code: 'forms-5', title: '技术技能培训' },
      ],
    },
    { code: 'outcomes', title: '产教融合协同育人成效突出' },
  ],
  review: {},
  steps: shanghaiSteps('学校申报'),
  publicity: { workingDays: 5 },
  postRecognition: shanghaiAnnualReport('种子第6条：鼓励学校和产教融合型企业发布产教融合协同育人年度报告，并将其作为相关单位实施产教融合项目绩效评价、予以财政资金支持的依据之一；第16条：对项目资金进行年度动态调整。'),
  notes: [
    '认定依据：种子第2条“围绕产教融合协同育人体系建设任务,认定一批产教融合协同育人成效突出的标杆学校”。种子只给出这一句和第2条对学校的要求，没有认定办法；国家层面没有标杆学校的认定规则。',
    '认定通知的发文机关默认为上海市教育委员会（noticeIssuer）：种子由“上海市教育委员会”牵头印发，联席会议办公室设在市教委；种子未给出其发文字号的机关代字，故不设 noticePrefix（批次可另行指定 issuer）。',
    '指标树取自种子第2条对学校的要求（建立健全推进协同育人的组织机构、加强专业化队伍建设；协同育人实施与管理流程的六个环节；岗位管理、考核评价、收入分配、激励约束等制度；共建现代产业学院、未来技术学院、技术研发合作、委托订单培养、技术技能培训等形式）和认定标准“产教融合协同育人成效突出”；同级权重相同，每项0—10分，总分100分。办公室须补全：各项权重、观测点与评分标准。',
    '种子未规定申报、评审、认定流程：流程（学校申报→形式审查→专家评审→公示→认定）为平台通用流程。',
    '申报条件：种子只要求学校“建立健全推进协同育人的组织机构”，作为形式审查核对项；“产教融合协作专员”为种子“鼓励”事项，只作选填项。办公室须补全：申报资格条件（如办学年限、协同育人项目数量）与负面清单。',
    '种子未规定认定数量（不设 quota），未规定公示天数（取平台默认5个工作日）；认定后的年度报告取自种子第6条，周期评估、退出机制种子未规定，办公室须补全。',
    shanghaiAvoidListNote,
    '评审分配（assignment，平台设定）：开展协同育人的学科专业作为标签与专家专业领域匹配；主要合作企业作为关联单位，其专家与申报学校一样回避；上海市项目的申报单位同在一市，不做同地区回避。',
  ],
  assignment: { tagFields: ['disciplines'], relatedOrganizationFields: ['partnerEnterprises'], avoidListField: AVOID_LIST_KEY },
};

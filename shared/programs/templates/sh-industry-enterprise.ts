/**
 * 上海市市级产教融合型企业 (沪教委高〔2021〕64号, seed 002, item 4): the seed asks to
 * "完善市级产教融合型企业认定标准" and cultivate such enterprises, and names what they do
 * (深入参与育人全过程、提供优质产业教育资源、实现协同育人成果共享共赢). The national rules it
 * builds on — 国家发展改革委 教育部《建设产教融合型企业实施办法（试行）》发改社会〔2019〕590号 —
 * are not among the seeds: what the template takes from them is asked on the form and checked
 * in formal review, and the notes say what the office must complete.
 */
import { ARCHIVE_MAX_BYTES, AVOID_LIST_KEY, avoidListField, contactFields, DOCUMENT_MAX_BYTES } from '../common-fields.js';
import type { ProgramTemplateInput } from '../schema.js';
import { shanghaiAnnualReport, shanghaiAvoidListNote, shanghaiIssuance, shanghaiSteps } from './shanghai-procedure.js';

/** The Shanghai city-level industry–education integration enterprise program. */
export const shIndustryEnterprise: ProgramTemplateInput = {
  id: 'sh-industry-enterprise',
  name: '上海市市级产教融合型企业',
  ...shanghaiIssuance,
  applicantKinds: [{ code: 'enterprise', label: '企业' }],
  form: [
    { key: 'applicantName', label: '申报企业', type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: '产教融合型企业建设培育方案名称', type: 'text', maxLength: 100 },
    { key: 'creditCode', label: '统一社会信用代码', type: 'text', maxLength: 18, pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' },
    { key: 'industry', label: '所属行业', type: 'text', maxLength: 100, help: '如集成电路、生物医药、人工智能' },
    { key: 'inCultivationList', label: '已列入产教融合型企业建设培育名单', type: 'boolean' },
    {
      key: 'participationForms',
      label: '参与举办教育、开展校企合作的方式',
      type: 'multiselect',
      help: '发改社会〔2019〕590号所列方式，以办公室发布的本市认定标准为准',
      options: [
        { value: 'runs_school', label: '独资、合资、合作举办职业院校或高等学校' },
        { value: 'order_classes', label: '以订单班等形式与学校共建学科专业' },
        { value: 'apprenticeship', label: '承担现代学徒制和企业新型学徒制试点任务' },
        { value: 'training_base', label: '与学校共建共享实训基地、技术中心、研发中心' },
        { value: 'other', label: '其他' },
      ],
    },
    { key: 'cooperationYears', label: '与学校稳定开展校企合作的年数', type: 'number', integer: true, min: 0, unit: '年' },
    { key: 'noMajorAccidents', label: '近3年未发生重大环保、安全、质量事故', type: 'boolean' },
    { key: 'goodCreditRecord', label: '具有良好信用记录，无涉税等违法违规经营行为', type: 'boolean' },
    { key: 'partnerSchools', label: '合作学校', type: 'textarea', maxLength: 2000, help: '每行一所' },
    { key: 'summary', label: '参与协同育人的基础与成效概述', type: 'textarea', maxLength: 5000 },
    avoidListField(),
    ...contactFields(),
  ],
  eligibility: [
    {
      code: 'cultivation',
      kind: 'auto',
      text: '产教融合型培育企业',
      check: { type: 'any_true', fields: ['inCultivationList'] },
    },
    { code: 'whole-process', kind: 'checklist', text: '深入参与育人全过程' },
  ],
  materials: [
    { key: 'application_form', title: '市级产教融合型企业申报书', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES },
    { key: 'business_license', title: '营业执照', required: true, formats: ['pdf', 'jpg', 'png'], maxBytes: DOCUMENT_MAX_BYTES },
    { key: 'cooperation_agreements', title: '校企合作协议', required: true, formats: ['pdf'], maxBytes: DOCUMENT_MAX_BYTES, multiple: true },
    { key: 'compliance_statement', title: '近3年无重大环保、安全、质量事故及信用记录的承诺或证明', required: true, formats: ['pdf'], maxBytes: DOCUMENT_MAX_BYTES },
    { key: 'annual_report', title: '产教融合协同育人年度报告', required: false, formats: ['pdf'], maxBytes: DOCUMENT_MAX_BYTES },
    { key: 'evidence', title: '佐证材料', required: false, formats: ['pdf', 'zip', 'jpg', 'png'], maxBytes: ARCHIVE_MAX_BYTES, multiple: true },
  ],
  indicators: [
    { code: 'whole-process', title: '深入参与育人全过程' },
    { code: 'resources', title: '提供优质产业教育资源' },
    { code: 'sharing', title: '实现协同育人成果共享共赢' },
    { code: 'outcomes', title: '产教融合协同育人成效突出' },
  ],
  review: {},
  steps: shanghaiSteps('企业申报'),
  publicity: { workingDays: 5 },
  postRecognition: shanghaiAnnualReport('种子第6条：鼓励学校和产教融合型企业发布产教融合协同育人年度报告，并将其作为相关单位实施产教融合项目绩效评价、予以财政资金支持的依据之一。'),
  notes: [
    '认定依据：种子第4条“完善市级产教融合型企业认定标准,加强市级产教融合型企业孵化培育力度”，第2条“培育一批产教融合协同育人成效突出的产教融合型企业”。种子所依据的国家规则为国家发展改革委 教育部《建设产教融合型企业实施办法（试行）》（发改社会〔2019〕590号），不在种子文件中。',
    '认定通知的发文机关默认为上海市教育委员会（noticeIssuer）：种子由“上海市教育委员会”牵头、与“上海市发展和改革委员会”等联合印发；590号规定省级发展改革部门、教育行政部门共同负责区域内产教融合型企业的组织申报、复核确认、建设培育、认证评价，联合发文时由批次指定 issuer；种子未给出发文字号的机关代字，故不设 noticePrefix。',
    '申报条件：“产教融合型培育企业”（种子第4条；590号“先建后认”，须已列入建设培育名单）为自动核对项，“深入参与育人全过程”为形式审查核对项。590号的建设培育条件（通过独资、合资、合作等方式依法举办或参与举办职业教育、高等教育，稳定开展校企合作；近3年无重大环保、安全、质量事故，具有良好信用记录，无涉税等违法违规经营行为）以申报表的勾选项和材料呈现，形式审查时核对。办公室须按590号原文与本市认定标准补全：资格条件的准确表述与数量门槛（如合作年数）、重点行业范围。',
    '指标树取自种子第4条对市级产教融合型企业的要求（深入参与育人全过程、提供优质产业教育资源、实现协同育人成果共享共赢）和第2条“产教融合协同育人成效突出”；同级权重相同，每项0—10分，总分100分。办公室须补全：590号的认证评价内容、各项权重、观测点与评分标准。',
    '种子未规定申报、评审、认定流程：流程（企业申报→形式审查→专家评审→公示→认定）为平台通用流程；590号的“复核确认、建设培育、认证评价”分段由办公室按本市办法调整。',
    '种子未规定认定数量（不设 quota），未规定公示天数（取平台默认5个工作日）；认定后的年度报告取自种子第6条；590号的动态管理与退出由办公室补全。',
    shanghaiAvoidListNote,
    '评审分配（assignment，平台设定）：所属行业作为标签与专家专业领域匹配；合作学校作为关联单位，其专家与申报企业一样回避；上海市项目的申报单位同在一市，不做同地区回避。',
  ],
  assignment: { tagFields: ['industry'], relatedOrganizationFields: ['partnerSchools'], avoidListField: AVOID_LIST_KEY },
};

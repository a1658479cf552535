/**
 * 工业和信息化部校企协同育人示范基地 (工人函〔2019〕321号, seed 000): a university under the
 * ministry applies for a base built with an enterprise (institute). The four 申报条件 of
 * section 四 are eligibility rules — the measurable ones checked on form fields — and the
 * indicator tree is built from the seed's own 主要任务 and 申报条件 headings, since experts
 * review "根据申报基本条件及建设规划" and the seed gives no scoring table.
 */
import { ARCHIVE_MAX_BYTES, AVOID_LIST_KEY, avoidListField, contactFields, cycleSummaryField, DOCUMENT_MAX_BYTES } from '../common-fields.js';
import type { ProgramTemplateInput } from '../schema.js';

/** The MIIT school–enterprise collaborative education demonstration base program. */
export const miitDemoBase: ProgramTemplateInput = {
  id: 'miit-demo-base',
  name: '工业和信息化部校企协同育人示范基地',
  issuer: '工业和信息化部人事教育司',
  policyRef: '工人函〔2019〕321号',
  seed: '000_638fa3aa698fd086.txt',
  noticeIssuer: { name: '工业和信息化部人事教育司' },
  applicantKinds: [{ code: 'miit_university', label: '部属高校' }],
  form: [
    { key: 'applicantName', label: '申报高校', type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: '示范基地名称', type: 'text', maxLength: 100 },
    { key: 'partnerName', label: '合作企业（院所）名称', type: 'text', maxLength: 200 },
    { key: 'disciplines', label: '涉及学科专业', type: 'textarea', maxLength: 1000 },
    {
      key: 'hasJointPostgraduateTraining',
      label: '有校企（院所）联合培养研究生的经验',
      type: 'boolean',
    },
    {
      key: 'participatedExcellentEngineerPlan',
      label: '参与实施过卓越工程师计划',
      type: 'boolean',
    },
    {
      key: 'enterpriseMentorCount',
      label: '双导师队伍中企业导师人数',
      type: 'number',
      integer: true,
      min: 0,
      maxField: 'mentorTotalCount',
      unit: '人',
    },
    {
      key: 'mentorTotalCount',
      label: '双导师队伍总人数',
      type: 'number',
      integer: true,
      min: 1,
      unit: '人',
      help: '校内导师与企业导师合计',
    },
    {
      key: 'collaborationYears',
      label: '校企协同育人已开展年限',
      type: 'number',
      integer: true,
      min: 0,
      unit: '年',
    },
    { key: 'summary', label: '基地建设规划概述', type: 'textarea', maxLength: 5000 },
    avoidListField(),
    ...contactFields(),
  ],
  eligibility: [
    {
      code: '4.1a',
      kind: 'auto',
      text: '基地需有校企（院所）联合培养研究生的经验，或参与实施过卓越工程师计划',
      check: { type: 'any_true', fields: ['hasJointPostgraduateTraining', 'participatedExcellentEngineerPlan'] },
    },
    {
      code: '4.1b',
      kind: 'checklist',
      text: '申请企业（院所）应具备一定规模，有较强的科技创新能力和明确的研发主攻方向，具备研究指导能力，能够为校企联合培养、全方位协同育人提供有力支撑',
    },
    {
      code: '4.1c',
      kind: 'checklist',
      text: '能提供与高校人才培育相匹配的技术路线和实践方案，能够提供满足本科生、研究生、青年教师和企业员工培养需要的工程实践项目及课程、科研课题、工程现场、实验条件、生活保障等条件',
    },
    {
      code: '4.2a',
      kind: 'checklist',
      text: '基地能构建校企协同育人平台，实现校企合作协议签订、人才培养方案制定、校企人才双向交流研修机制建立等',
    },
    {
      code: '4.2b',
      kind: 'checklist',
      text: '能深入实施卓越工程师培养计划，大力加强研究生联合培养，积极开展青年教师工程实践，促进高校与企业（院所）共同建立创新创业人才发展体系',
    },
    {
      code: '4.2c',
      kind: 'checklist',
      text: '具有一支能够满足本科生、研究生培养需要，具备较高学术水平和丰富实践经验的双导师队伍',
    },
    {
      code: '4.2d',
      kind: 'auto',
      text: '企业导师占导师队伍的比例不低于1/3',
      check: { type: 'ratio_min', numerator: 'enterpriseMentorCount', denominator: 'mentorTotalCount', value: 1 / 3 },
    },
    { code: '4.2e', kind: 'checklist', text: '具备完善的师资培训与管理制度' },
    {
      code: '4.3a',
      kind: 'checklist',
      text: '基地能充分利用高校和合作单位双方的优质资源联合培养本科生、研究生，形成紧密和稳定的产学研合作，实现高校、合作单位及师生多方共赢',
    },
    {
      code: '4.3b',
      kind: 'checklist',
      text: '能积极推广“行业教师”“企业导师”聘任制度和“企业游学”育人模式，建设一批“精品企业课程”和一批优秀“校企示范教学团队”，推进校企协同育人各项工作深入开展',
    },
    { code: '4.4a', kind: 'checklist', text: '该基地在培养模式方面具有符合行业、领域人才培养要求的优势特色' },
    {
      code: '4.4b',
      kind: 'checklist',
      text: '在基地建设、联合培养、导师管理、学生管理、合作交流、挂职锻炼、质量评估等方面具有较完善的规章制度',
    },
    {
      code: '4.4c',
      kind: 'auto',
      text: '已具有3年以上的校企协同育人基础',
      check: { type: 'min', field: 'collaborationYears', value: 3 },
    },
    {
      code: '4.4d',
      kind: 'checklist',
      text: '思路明确，方案可行，培养出的本科生、研究生在就业竞争力和职业胜任力等方面具有突出表现',
    },
  ],
  materials: [
    {
      key: 'application_form',
      title: '《工业和信息化部校企协同育人示范基地建设申请书》',
      required: true,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
    },
    {
      key: 'evidence',
      title: '相关佐证材料',
      required: true,
      formats: ['pdf', 'zip', 'jpg', 'png'],
      maxBytes: ARCHIVE_MAX_BYTES,
      multiple: true,
      description: '按申报条件（一）至（四）组织',
    },
  ],
  indicators: [
    {
      code: '三',
      title: '主要任务',
      children: [
        { code: '三(一)', title: '构建校企协同育人平台' },
        { code: '三(二)', title: '深化人才培养模式改革' },
        { code: '三(三)', title: '推进校企协同创新' },
        { code: '三(四)', title: '健全组织管理和质量保障体系' },
      ],
    },
    {
      code: '四',
      title: '申报条件',
      children: [
        { code: '四(一)', title: '具有较好的协同基础' },
        { code: '四(二)', title: '具有较完善的协同平台体系' },
        { code: '四(三)', title: '能够聚集优质教育资源' },
        { code: '四(四)', title: '已取得较好工作成效' },
      ],
    },
  ],
  review: { siteVisit: 'when_needed' },
  steps: [
    {
      kind: 'application',
      title: '高校申报',
      description: '符合申报条件的高校，根据主要任务、申报条件提出申请，提交《工业和信息化部校企协同育人示范基地建设申请书》。',
    },
    {
      kind: 'expert_review',
      title: '评审考察',
      description: '部委托有关专家，根据申报基本条件及建设规划进行评审。必要时进行实地考察。',
    },
    {
      kind: 'publicity',
      title: '公示确认',
      description: '在部官网上公示通过评审的候选单位。公示无异议并经部审核后，印发认定通知。',
    },
    { kind: 'notice', title: '认定通知', description: '公示无异议并经部审核后，印发认定通知。' },
  ],
  publicity: { workingDays: 5 },
  approval: { body: '工业和信息化部', decisionTitle: '部审核' },
  postRecognition: [
    { kind: 'annual_plan_summary', title: '年度计划及总结' },
    { kind: 'periodic_evaluation', title: '周期报告及评估', cycleYears: 3, description: '以3年为一个周期' },
    { kind: 'incentive_exit', title: '激励和退出机制' },
  ],
  evaluation: {
    indicators: [
      {
        code: 'E1',
        title: '建设规划执行',
        children: [
          { code: 'E1.1', title: '周期建设规划目标完成情况' },
          { code: 'E1.2', title: '年度计划及总结执行情况' },
        ],
      },
      {
        code: 'E2',
        title: '主要任务建设成效',
        children: [
          { code: 'E2.1', title: '校企协同育人平台建设成效（三(一)）' },
          { code: 'E2.2', title: '人才培养模式改革成效（三(二)）' },
          { code: 'E2.3', title: '校企协同创新成效（三(三)）' },
          { code: 'E2.4', title: '组织管理和质量保障体系运行（三(四)）' },
        ],
      },
      {
        code: 'E3',
        title: '育人成效与示范作用',
        children: [
          { code: 'E3.1', title: '本科生、研究生就业竞争力和职业胜任力' },
          { code: 'E3.2', title: '开放共享与示范引领' },
        ],
      },
    ],
    form: [
      { key: 'applicantName', label: '认定高校', type: 'text', maxLength: 100 },
      { key: 'projectTitle', label: '示范基地名称', type: 'text', maxLength: 100 },
      { key: 'partnerName', label: '合作企业（院所）名称', type: 'text', maxLength: 200 },
      { key: 'disciplines', label: '涉及学科专业', type: 'textarea', maxLength: 1000 },
      cycleSummaryField(),
      avoidListField(),
      ...contactFields(),
    ],
    materials: [
      { key: 'cycle_report', title: '周期报告', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES, description: '以3年为一个周期，围绕基地建设规划' },
      { key: 'annual_plans_summaries', title: '周期内各年度计划及总结', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES, multiple: true },
      { key: 'evidence', title: '相关佐证材料', required: false, formats: ['pdf', 'zip', 'jpg', 'png'], maxBytes: ARCHIVE_MAX_BYTES, multiple: true },
    ],
  },
  notes: [
    '认定通知的发文机关默认为工业和信息化部人事教育司（noticeIssuer）：种子五、组织实施：“部人事教育司具体负责基地的认定组织工作”，公示无异议并经部审核后印发认定通知；种子未给出其发文字号的机关代字，故不设 noticePrefix（批次可另行指定 issuer）。',
    '种子未给出评分指标表：指标树取自通知原文“三、主要任务”的（一）至（四）与“四、申报条件”的（一）至（四）标题（评审依据为“申报基本条件及建设规划”），两组权重相同，每项0—10分，总分100分。',
    '申报条件中可量化的三项由表单自动核验：联合培养研究生经验或卓越工程师计划（任一）、企业导师占导师队伍比例不低于1/3、3年以上校企协同育人基础；其余条件由形式审查逐项核对。',
    '评审考察“必要时进行实地考察”（review.siteVisit = when_needed）；公示在部官网进行，种子未规定公示天数，取平台默认5个工作日；种子未规定认定数量（“成熟一个申报一个，审慎提出申报数量”）。',
    '最终审定为部审核（approval）：种子五、组织实施（三）公示确认：“公示无异议并经部审核后，印发认定通知”，状态、邮件、页面与认定通知称“部审核”；公示为种子规定的环节，批次不能设为不公示。',
    '认定后管理：通过建立年度计划及总结、周期报告及评估（以3年为一个周期）制度等，加强基地建设和过程管理，实行激励和退出机制。',
    '周期评估（evaluation）：种子只规定“周期报告及评估（以3年为一个周期）”与“激励和退出机制”，未给出评估指标、材料与结论标准。评估指标由平台按种子“围绕基地建设规划”“年度计划及总结”与“三、主要任务”（一）至（四）及“已取得较好工作成效”所述育人成效拟定（E1—E3，同级权重相同，每项0—10分）；材料为周期报告、各年度计划及总结与佐证材料。各项权重与评分标准、继续认定/给予激励/限期整改/撤销认定的分数线或条件、激励的具体内容由部人事教育司补充完善。',
    '种子要求申请书及相关佐证材料纸质版一式五份寄送人事教育司教育处并发送电子稿；平台只收电子稿，纸质寄送由申报单位线下完成。',
    '申请回避的专家或单位（avoidList）为平台设定的选填项（种子未规定回避申请）：评审分配不安排其中列出的专家及在所列单位（含上级、下属单位）工作的专家。',
    '评审分配（assignment，平台设定）：涉及学科专业（每行或以顿号分隔一个）作为标签与专家专业领域匹配；合作企业（院所）作为关联单位，其专家与申报高校一样回避；全国性项目的申报表不含所在地区，不做同地区回避。',
  ],
  assignment: { tagFields: ['disciplines'], relatedOrganizationFields: ['partnerName'], avoidListField: AVOID_LIST_KEY },
};

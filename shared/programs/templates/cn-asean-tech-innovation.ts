/**
 * 中国—东盟技术创新学院 (桂政办发〔2023〕70号, seed 004): an undergraduate university in
 * Guangxi leads, with vocational schools and research institutes, together with leading
 * enterprises; a non-legal-person institute hosted by the university. Indicators: the
 * annex 中国—东盟技术创新学院建设指标 (groups 1–6, 观测点 1.1–6.3).
 */
import { AVOID_LIST_KEY, avoidListField, contactFields, DOCUMENT_MAX_BYTES } from '../common-fields.js';
import { GUANGXI_CITY_KEY, guangxiApproval, guangxiCityField, guangxiKeyIndustries, guangxiPublicity, guangxiRecognitionSteps, guangxiEffectivenessEvaluation, indicatorEvidence } from './guangxi-procedure.js';
import type { ProgramTemplateInput } from '../schema.js';

/** The recognition indicators, which the 建设成效 evaluation scores too. */
const techInnovationIndicators: ProgramTemplateInput['indicators'] = [
  {
    code: '1',
    title: '基本情况',
    children: [
      { code: '1.1', title: '中国—东盟技术创新学院(以下简称技术创新学院)应围绕现代农业、电子信息、先进制造业、汽车(含工业设计)、交通运输、轻工化工、食品药品、商务服务、医疗卫生、文化旅游等重点行业产业链建设成为产教融合资源充裕、人才培养模式成熟的平台。' },
      { code: '1.2', title: '技术创新学院建设情况纳入牵头高等学校及其参与单位的工作规划和目标考核体系。' },
      { code: '1.3', title: '技术创新学院牵头高等学校、科研院所和合作行业企业会同其他有关单位建立密切配合的协调联动机制,职责分工明确,重点任务明晰,建设规划科学。' },
      { code: '1.4', title: '技术创新学院成员单位落实技术创新学院所需的人员、资源、项目等,保障经费投入,强化政策支持。' },
    ],
  },
  {
    code: '2',
    title: '运行机制',
    children: [
      { code: '2.1', title: '成立由高等学校、行业组织、企业和科研院所等组成的理事会,理事会、秘书处(办公室)、专门委员会三级管理架构健全,权责明确。理事会负责管理决策,秘书处(办公室)负责日常工作,专门委员会提供专业咨询。' },
      { code: '2.2', title: '建立多元协同、共建共管的现代化治理模式,组织完备,运行高效,决策科学。' },
      { code: '2.3', title: '制定技术创新学院建设发展方案,绩效考核体系科学,质量保障体系完备。' },
    ],
  },
  {
    code: '3',
    title: '共建共享',
    children: [
      { code: '3.1', title: '技术创新学院成员单位各施所长,各尽所能,充分发挥各方在培养高素质技术技能人才方面的优势和潜能。' },
      { code: '3.2', title: '技术创新学院成员单位共同设置培养目标、开设项目衔接课程、指导学生完成项目等,并共享研发成果,携手深入全链条、各环节,为学生实习实训、教师实践、学生就业创业、员工培训、企业技术和产品研发、成果转化等提供制度支持和资源保障,切实打通产教融合“最后一公里”。' },
      { code: '3.3', title: '瞄准行业产业发展前沿,技术创新学院成员单位合作打造高层次技术创新团队,共建“英文/东盟语种+技术创新”和“中文+技术创新”培养培训中心,促进教育链、人才链与产业链、创新链紧密结合。' },
      { code: '3.4', title: '探索灵活的用人机制,采取固定岗与流动岗相结合的方式,校企互聘高层次人才、高技能人才、工程技术人员、管理人员、能工巧匠。' },
    ],
  },
  {
    code: '4',
    title: '人才培养',
    children: [
      { code: '4.1', title: '坚持服务学生全面发展,通过校企协同育人,努力塑造学生的价值观念、职业技能意识以及社会责任感,全面提升学生的创新能力、实践能力、沟通合作能力和可持续发展能力。' },
      { code: '4.2', title: '充分发挥“英文/东盟语种+技术创新”和“中文+技术创新”育人功能,有效满足师生对学习研讨、教学培训、项目研究的现实需求。' },
      { code: '4.3', title: '技术创新学院深度参与学校的专业建设、课程开发、队伍建设等人才培养重要环节,及时把新方法、新技术、新工艺、新标准引入教育教学实践。' },
      { code: '4.4', title: '技术创新学院合作企业根据岗位总量设置一定比例的实习实践岗位,接受学生来企实习实训和教师岗位实践,开展现场工程师培养。' },
      { code: '4.5', title: '学校设置现代产业导师特聘岗位,引进高层次人才,努力打造“双师双能型”教师队伍。' },
      { code: '4.6', title: '完善行业人才供需信息平台,面向国内和东盟国家提供精准化的行业信息发布、检索等服务,推动重点领域关键环节核心技术人才供需精准对接。' },
    ],
  },
  {
    code: '5',
    title: '服务发展',
    children: [
      { code: '5.1', title: '由拥有相关优势学科和特色专业的高等学校牵头,建设科研技术转化中心,合作开展技术攻关(包括发明专利、实用新型专利等),共同开展技术转化,成果转化率明显提高。' },
      { code: '5.2', title: '依托科研技术转化中心,技术创新学院、普通高等学校、科研院所与企业开展协同攻关,为行业企业提供技术咨询与服务,促进技术创新、工艺改进、产品升级,解决实际生产问题。' },
      { code: '5.3', title: '支持技术创新学院按程序申请开展行业企业岗前培训、岗位培训、技能鉴定、数字能力提升培训和继续教育等,提升行业企业员工的技能水平和岗位适应能力,培训效果好。' },
      { code: '5.4', title: '技术创新学院积极服务共建“一带一路”倡议、乡村振兴、共同富裕等国家和区域重大发展战略,成效显著。' },
    ],
  },
  {
    code: '6',
    title: '特色创新',
    children: [
      { code: '6.1', title: '技术创新学院在人才培养等方面理念先进、特色鲜明、成绩突出。' },
      { code: '6.2', title: '技术创新学院在制度建设、运行机制等方面特色明显,具有推广价值。' },
      { code: '6.3', title: '技术创新学院促进区域和行业职业教育发展,并取得明显成效,提升职业教育的社会影响力。' },
    ],
  },
];

/** The 中国—东盟技术创新学院 program of Guangxi. */
export const cnAseanTechInnovation: ProgramTemplateInput = {
  id: 'cn-asean-tech-innovation',
  name: '中国—东盟技术创新学院',
  issuer: '广西壮族自治区人民政府办公厅',
  policyRef: '桂政办发〔2023〕70号',
  seed: '004_98d6de44c45d05a6.txt',
  noticeIssuer: { name: '广西壮族自治区教育厅' },
  province: 'gx',
  applicantKinds: [{ code: 'undergraduate_university', label: '区内普通本科高等学校' }],
  form: [
    { key: 'applicantName', label: '牵头高等学校', type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: '技术创新学院名称', type: 'text', maxLength: 100 },
    {
      key: 'industry',
      label: '对接重点行业产业链',
      type: 'select',
      options: [...guangxiKeyIndustries],
    },
    { key: 'otherIndustry', label: '其他重点行业名称', type: 'text', maxLength: 100, when: { field: 'industry', equals: 'other' } },
    { key: 'vocationalSchools', label: '参与职业学校', type: 'textarea', maxLength: 1000, help: '每行一所学校' },
    { key: 'researchInstitutes', label: '参与科研院所', type: 'textarea', maxLength: 1000, help: '每行一家单位' },
    { key: 'leadingEnterprises', label: '联合龙头企业', type: 'textarea', maxLength: 1000, help: '每行一家企业' },
    { key: 'aseanPartners', label: '东盟国家合作高等学校、科研院所、行业企业', type: 'textarea', maxLength: 1000, required: false },
    { key: 'summary', label: '建设基础与目标概述', type: 'textarea', maxLength: 3000 },
    guangxiCityField(),
    avoidListField(),
    ...contactFields(),
  ],
  eligibility: [
    {
      code: 'lead',
      kind: 'checklist',
      text: '由具备条件的普通高等学校牵头,职业学校、科研院所参与,联合龙头企业自愿申报建设技术创新学院',
    },
    { code: 'clusters', kind: 'checklist', text: '围绕10个重点产业集群' },
    { code: 'host', kind: 'checklist', text: '作为非独立法人依托高等学校建设' },
    { code: 'asean', kind: 'checklist', text: '联合东盟高等学校、科研院所、行业企业建设技术创新学院' },
  ],
  materials: [
    { key: 'application_form', title: '技术创新学院申报书', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES },
    {
      key: 'development_plan',
      title: '技术创新学院建设发展方案',
      required: true,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
      description: '观测点2.3',
    },
    {
      key: 'cooperation_agreements',
      title: '与参建单位及东盟合作方的合作协议',
      required: false,
      formats: ['pdf'],
      maxBytes: DOCUMENT_MAX_BYTES,
      multiple: true,
    },
    indicatorEvidence(),
  ],
  indicators: techInnovationIndicators,
  review: {},
  steps: guangxiRecognitionSteps(
    '技术创新学院',
    {
      title: '组织申报',
      description:
        '采用自愿申报、择优遴选方式开展申报。围绕10个重点产业集群,由具备条件的普通高等学校牵头,职业学校、科研院所参与,联合龙头企业自愿申报建设技术创新学院。',
    },
    {
      title: '总结推广',
      description:
        '对于获批建设的技术创新学院,自治区教育厅适时组织开展建设成效评价,总结成功案例,发掘先进典型,推广有效经验,强化示范引领,形成产教集聚融合新格局。',
    },
  ),
  publicity: guangxiPublicity,
  approval: guangxiApproval,
  quota: 10,
  postRecognition: [
    {
      kind: 'periodic_evaluation',
      title: '自治区教育厅适时组织开展建设成效评价',
      description: '种子未规定评价周期（“适时”）。',
    },
  ],
  evaluation: guangxiEffectivenessEvaluation(techInnovationIndicators, { title: '建设成效报告', description: '对照中国—东盟技术创新学院建设指标（1—6及观测点），总结建设成效' }),
  notes: [
    '认定通知的发文机关默认为广西壮族自治区教育厅（noticeIssuer）：种子五、保障措施（一）加强组织领导：“自治区教育厅负责具体工作的组织实施”；建设成效评价亦由自治区教育厅组织（四、组织实施（三）总结推广）；种子未给出其发文字号的机关代字，故不设 noticePrefix（批次可另行指定 issuer）。',
    '申报主体：总体目标写“遴选有基础有条件的区内普通本科高等学校建设10个左右……技术创新学院”，组织申报写“由具备条件的普通高等学校牵头”。',
    '认定由广西职业教育创新发展领导小组办公室组织评选，提出拟入围名单，报广西职业教育创新发展领导小组审定；认定数量（quota 10）取自种子“建设10个左右技术创新学院”（三、重点任务（一））：拟入围名单按得分提出前10名，“左右”由审定时调整。',
    '种子只说“围绕10个重点产业集群”而未逐一列出；行业选项取自观测点1.1列举的重点行业产业链。',
    '种子未列出申报材料清单，也未规定公示环节与公示天数：申报书、合作协议、佐证材料为平台设定（建设发展方案取自观测点2.3）；公示取平台默认5个工作日，批次可设公示天数为0（不公示，publicity.optional），审定后即为最终名单。',
    '最终审定由广西职业教育创新发展领导小组作出（approval）：种子四、组织实施（二）组织认定：“提出拟入围名单报广西职业教育创新发展领导小组审定”，状态、邮件、页面与认定通知称“领导小组审定”。',
    '种子附件中“3.共建共享”在3.2之后重复出现一次（分页所致），指标树只保留一次。',
    '评分：6项基本指标权重相同，每个观测点0—10分，总分100分（平台默认，种子未给分值）。',
    '申请回避的专家或单位（avoidList）为平台设定的选填项（种子未规定回避申请）：评审分配不安排其中列出的专家及在所列单位（含上级、下属单位）工作的专家。',
    '所在设区市（city）为平台设定的选填项：种子未列出设区市，选项取广西壮族自治区行政区划的14个设区市（按行政区划代码）；评审分配以其名称作为申报单位所在地区。',
    '评审分配（assignment，平台设定）：重点行业（industry，按选项名称）及其他重点行业名称作为标签与专家专业领域匹配；参与职业学校、科研院所、联合龙头企业和东盟合作单位作为关联单位，其专家与牵头高校一样回避；默认不做同地区回避，批次可开启。',
    '周期评估（evaluation）：种子四、组织实施（三）总结推广：“对于获批建设的技术创新学院，自治区教育厅适时组织开展建设成效评价”，未给出评价周期、指标、材料与结论标准。评价沿用附件中国—东盟技术创新学院建设指标（1—6及观测点，与认定指标为同一份数据），按建设成效打分；材料为平台设定的建设成效报告与佐证材料；周期取平台默认3年（种子为“适时”，员工可随时发起评估）。评价周期、各项权重与评分标准、继续认定/给予激励/限期整改/撤销认定的条件由自治区教育厅补充完善。',
  ],
  assignment: { tagFields: ['industry', 'otherIndustry'], relatedOrganizationFields: ['vocationalSchools', 'researchInstitutes', 'leadingEnterprises', 'aseanPartners'], avoidListField: AVOID_LIST_KEY, regionField: GUANGXI_CITY_KEY, avoidSameRegion: false },
};

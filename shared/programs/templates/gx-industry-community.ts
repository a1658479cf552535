/**
 * 广西壮族自治区行业产教融合共同体 (桂政办发〔2023〕70号, seed 004): a community across the
 * region around one key industry chain, led by an industry authority, leading enterprise,
 * industry organisation, research institute or university, alone or jointly. Indicators: the
 * annex 广西壮族自治区行业产教融合共同体建设指标 (groups 1–6, 观测点 1.1–6.4).
 */
import { AVOID_LIST_KEY, avoidListField, contactFields, DOCUMENT_MAX_BYTES } from '../common-fields.js';
import { GUANGXI_CITY_KEY, guangxiApproval, guangxiCityField, guangxiKeyIndustries, guangxiPublicity, guangxiRecognitionSteps, indicatorEvidence } from './guangxi-procedure.js';
import type { ProgramTemplateInput } from '../schema.js';

/** The 行业产教融合共同体 program of Guangxi. */
export const gxIndustryCommunity: ProgramTemplateInput = {
  id: 'gx-industry-community',
  name: '广西壮族自治区行业产教融合共同体',
  issuer: '广西壮族自治区人民政府办公厅',
  policyRef: '桂政办发〔2023〕70号',
  seed: '004_98d6de44c45d05a6.txt',
  noticeIssuer: { name: '广西职业教育创新发展领导小组办公室' },
  province: 'gx',
  applicantKinds: [
    { code: 'industry_authority', label: '行业行政主管部门' },
    { code: 'leading_enterprise', label: '行业龙头企业', organizationKinds: ['enterprise'] },
    { code: 'industry_organization', label: '行业组织' },
    { code: 'research_institute', label: '科研院所' },
    { code: 'university', label: '高等学校', organizationKinds: ['undergraduate_university', 'miit_university', 'vocational_college'] },
  ],
  form: [
    { key: 'applicantName', label: '牵头单位名称', type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: '行业产教融合共同体名称', type: 'text', maxLength: 100 },
    {
      key: 'leadMode',
      label: '牵头方式',
      type: 'select',
      options: [
        { value: 'single', label: '单独牵头' },
        { value: 'joint', label: '联合牵头' },
      ],
    },
    {
      key: 'coLeadUnits',
      label: '联合牵头单位',
      type: 'textarea',
      maxLength: 1000,
      help: '每行一个单位',
      when: { field: 'leadMode', equals: 'joint' },
    },
    {
      key: 'industry',
      label: '所属重点行业产业链',
      type: 'select',
      options: [...guangxiKeyIndustries],
    },
    { key: 'otherIndustry', label: '其他重点行业名称', type: 'text', maxLength: 100, when: { field: 'industry', equals: 'other' } },
    { key: 'supervisingAuthority', label: '指导的行业行政主管部门', type: 'text', maxLength: 100 },
    { key: 'industryOrganizations', label: '成员行业组织数', type: 'number', integer: true, min: 0, unit: '家' },
    { key: 'enterprises', label: '成员企业（含上下游企业）数', type: 'number', integer: true, min: 0, unit: '家' },
    { key: 'researchInstitutes', label: '成员科研院所数', type: 'number', integer: true, min: 0, unit: '家' },
    { key: 'universities', label: '成员普通高等学校数', type: 'number', integer: true, min: 0, unit: '所' },
    { key: 'vocationalSchools', label: '成员职业学校数', type: 'number', integer: true, min: 0, unit: '所' },
    { key: 'integrationCentres', label: '产教融合中心数', type: 'number', integer: true, min: 0, unit: '个', required: false },
    { key: 'summary', label: '建设基础与目标概述', type: 'textarea', maxLength: 3000 },
    guangxiCityField(),
    avoidListField(),
    ...contactFields(),
  ],
  eligibility: [
    {
      code: 'lead',
      kind: 'checklist',
      text: '由自治区统筹主导、行业行政主管部门指导,行业行政主管部门、行业龙头企业、行业组织、科研院所、高等学校单独或联合牵头',
    },
    {
      code: 'members',
      kind: 'checklist',
      text: '联合行业组织、上下游企业、科研院所、普通高等学校、职业学校,整合职业教育集团资源',
    },
    {
      code: 'scope',
      kind: 'checklist',
      text: '聚焦高端产业和产业高端,对接产业链全链条人才需求,组建跨区域的行业产教融合共同体',
    },
  ],
  materials: [
    { key: 'application_form', title: '行业产教融合共同体申报书', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES },
    {
      key: 'construction_plan',
      title: '建设方案',
      required: true,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
      description: '各行业产教融合共同体研究制定建设方案',
    },
    {
      key: 'support_needs',
      title: '政策、人才、经费、金融等支持需求清单',
      required: false,
      formats: ['pdf', 'docx', 'xlsx'],
      maxBytes: DOCUMENT_MAX_BYTES,
    },
    {
      key: 'charter',
      title: '行业产教融合共同体章程、运营管理制度',
      required: false,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
      multiple: true,
      description: '观测点2.3',
    },
    indicatorEvidence(),
  ],
  indicators: [
    {
      code: '1',
      title: '基本情况',
      children: [
        { code: '1.1', title: '行业产教融合共同体应围绕现代农业、电子信息、先进制造业、汽车(含工业设计)、交通运输、轻工化工、食品药品、商务服务、医疗卫生、文化旅游等重点行业产业链;行业产教融合共同体产教资源富集,涵盖行业组织、上下游企业、科研院所、普通高等学校、职业学校。' },
        { code: '1.2', title: '行业产教融合共同体建设情况纳入各参与单位的工作规划和目标考核体系。' },
        { code: '1.3', title: '行业产教融合共同体会同有关部门建立密切配合的协调联动机制,明确职责分工,划定重点任务,提出时间节点。' },
        { code: '1.4', title: '落实职业教育有关土地、金融、项目、人力资源等激励政策的具体举措,经费投入和政策支持力度大。' },
      ],
    },
    {
      code: '2',
      title: '运行机制',
      children: [
        { code: '2.1', title: '成立行业行政主管部门、行业组织、企业、学校、科研院所等多方参与的理事会,理事会、秘书处、专门委员会三层级管理架构完善,职责分工明确。秘书处配备数量充足、结构合理的专兼职人员。' },
        { code: '2.2', title: '建立多元协同、共建共管的治理模式,组织完备、机制健全、运行高效。' },
        { code: '2.3', title: '建立健全行业产教融合共同体章程、运营管理制度、绩效考核体系、运营质量保障体系等,利益共享机制规范合理。' },
        { code: '2.4', title: '理事会管理决策、秘书处日常运转、专门委员会及各产教融合中心运行均规范高效。' },
      ],
    },
    {
      code: '3',
      title: '共建共享',
      children: [
        { code: '3.1', title: '行业产教融合共同体内各类主体按照“七个共同”(共同研究专业设置、共同设计人才培养方案、共同开发课程、共同开发教材、共同组建教学团队、共同建设实训实习平台、共同制定人才培养质量标准),对接产业链全链条人才需求,积极探索高素质技术技能人才培养的新模式。' },
        { code: '3.2', title: '行业产教融合共同体内各类主体深度参与职业学校专业规划、人才培养标准制定、教材课程开发、师资队伍建设等各个环节,相互为学生实习实训、教师实践、学生就业创业、员工培训、企业技术和产品研发、成果转移转化等提供支持,并取得实际成效。' },
        { code: '3.3', title: '对标行业产业发展前沿,行业产教融合共同体成员单位共建实训基地等产教融合平台,促进教育链、人才链与产业链、创新链紧密结合。' },
        { code: '3.4', title: '设置灵活的用人机制,采取固定岗与流动岗相结合的方式,实现校企互聘高层次人才、高技能人才、工程技术人员、管理人员、能工巧匠等双向取酬。' },
      ],
    },
    {
      code: '4',
      title: '人才培养',
      children: [
        { code: '4.1', title: '建设产教融合中心、行业教育培训服务中心、行业职业教育云平台等,建设满足教学需要的公共教学环境和数字化教学基地。' },
        { code: '4.2', title: '搭建行业人才供需信息平台。每年开展行业发展趋势、人才需求情况等方面的调研,每年第一季度编制并发布行业发展分析报告、行业人才需求预测报告和行业人才供需清单、技术供需清单。面向国内和东盟国家提供精准化的行业信息发布、检索、推荐和相关增值服务,推动重点领域和关键环节核心技术人才供需精准对接。' },
        { code: '4.3', title: '坚持服务学生全面发展,通过校企协作育人,积极塑造学生的价值观念、职业技能意识以及社会责任感,有效提升学生的实践能力、沟通合作能力、可持续发展能力。' },
        { code: '4.4', title: '行业产教融合共同体及时把新方法、新技术、新工艺、新标准引入教育教学实践。开发一批核心课程、优质教材及校企合作典型生产实践项目。' },
        { code: '4.5', title: '企业按岗位总量一定比例设立岗位,接收学生来企实习实训和教师岗位实践,开展现场工程师培养。学校设置现代产业导师特聘岗位,引进高层次人才。' },
      ],
    },
    {
      code: '5',
      title: '服务发展',
      children: [
        { code: '5.1', title: '在相关产业集聚的市建立若干个行业技术协同创新中心,合作取得一批研究成果、一批市厅级奖励。' },
        { code: '5.2', title: '建设行业产业工艺和技术研发中心,行业产教融合共同体内职业学校、普通高等学校、科研院所与企业开展协同攻关,为行业企业提供技术咨询与服务,促进技术创新、工艺改进、产品升级,解决实际生产问题。' },
        { code: '5.3', title: '建设科技成果转化中试基地,成果转化率高,技术项目转化多。' },
        { code: '5.4', title: '建立行业教育培训服务中心,联合制定培训规划,支持行业产教融合共同体内学校积极承接行业企业开展岗前培训、岗位培训、技能鉴定、数字能力提升培训和继续教育等,提升行业企业员工的技能水平和岗位适应力,培训效果好。' },
        { code: '5.5', title: '行业产教融合共同体积极服务共建“一带一路”倡议、乡村振兴、共同富裕等取得明显成效。' },
      ],
    },
    {
      code: '6',
      title: '特色创新',
      children: [
        { code: '6.1', title: '行业产教融合共同体在服务区域经济社会发展等方面理念先进、特色鲜明、成绩突出。' },
        { code: '6.2', title: '行业产教融合共同体在制度建设、运行机制等方面改革创新,并取得明显成效,具有推广价值。' },
        { code: '6.3', title: '行业产教融合共同体促进了本地区本行业职业教育发展,提升了职业教育的社会影响力。' },
        { code: '6.4', title: '行业产教融合共同体在推动广西产教集聚融合发展,打造面向东盟的职业教育开放合作创新高地,服务中国—东盟国际产能合作等方面取得明显成效,作出突出贡献。' },
      ],
    },
  ],
  review: {},
  steps: guangxiRecognitionSteps(
    '行业产教融合共同体',
    {
      title: '项目申报',
      description:
        '由自治区统筹主导、行业行政主管部门指导,行业行政主管部门、行业龙头企业、行业组织、科研院所、高等学校单独或联合牵头,重点围绕现代农业、电子信息、先进制造业、汽车(含工业设计)、交通运输、轻工化工、食品药品、商务服务、医疗卫生、文化旅游等10个左右重点行业先行开展建设工作。',
    },
    {
      title: '总结推广',
      description:
        '持续推动普通高等学校、职业学校向行业企业集聚,建成10个行业特色鲜明、产教集聚融合、科教深度融汇、跨区域的行业产教融合共同体,基本形成产教集聚融合发展新格局。',
    },
  ),
  publicity: guangxiPublicity,
  approval: guangxiApproval,
  quota: 10,
  notes: [
    '认定通知的发文机关默认为广西职业教育创新发展领导小组办公室（noticeIssuer）：种子五、组织实施（一）压实工作责任：“广西职业教育创新发展领导小组办公室负责具体工作的组织实施”；认定亦由该办公室组织（四、实施步骤（二）组织认定）；种子未给出其发文字号的机关代字，故不设 noticePrefix（批次可另行指定 issuer）。',
    '认定由广西职业教育创新发展领导小组办公室组织评选，提出拟入围名单，报广西职业教育创新发展领导小组审定；认定数量（quota 10）取自种子“组建10个左右跨区域的行业产教融合共同体”（三、重点任务（一）；四、实施步骤（三）“建成10个”）：拟入围名单按得分提出前10名，“左右”由审定时调整。',
    '种子未列出申报材料清单，也未规定公示环节与公示天数：申报书、章程、佐证材料为平台设定（建设方案、支持需求清单取自“组织实施（四）”）；公示取平台默认5个工作日，批次可设公示天数为0（不公示，publicity.optional），审定后即为最终名单。',
    '最终审定由广西职业教育创新发展领导小组作出（approval）：种子四、实施步骤（二）组织认定：“提出拟入围名单报广西职业教育创新发展领导小组审定”，状态、邮件、页面与认定通知称“领导小组审定”。',
    '种子附件中“3.共建共享”在3.2之后重复出现一次（分页所致），指标树只保留一次。',
    '评分：6项基本指标权重相同，每个观测点0—10分，总分100分（平台默认，种子未给分值）。',
    '申请回避的专家或单位（avoidList）为平台设定的选填项（种子未规定回避申请）：评审分配不安排其中列出的专家及在所列单位（含上级、下属单位）工作的专家。',
    '所在设区市（city）为平台设定的选填项：种子未列出设区市，选项取广西壮族自治区行政区划的14个设区市（按行政区划代码）；评审分配以其名称作为申报单位所在地区。',
    '评审分配（assignment，平台设定）：重点行业（按选项名称）及其他重点行业名称作为标签与专家专业领域匹配；联合牵头单位作为关联单位，其专家与牵头单位一样回避；默认不做同地区回避，批次可开启。',
  ],
  assignment: { tagFields: ['industry', 'otherIndustry'], relatedOrganizationFields: ['coLeadUnits'], avoidListField: AVOID_LIST_KEY, regionField: GUANGXI_CITY_KEY, avoidSameRegion: false },
};

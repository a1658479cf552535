/**
 * 中国—东盟现代工匠学院 (桂政办发〔2023〕70号, seed 004): a Guangxi higher-education
 * institution builds, with a partner institution and enterprises, a craftsman institute in an
 * ASEAN country. Indicators: the annex 中国—东盟现代工匠学院项目认定标准（试行）, 8 一级 and
 * 28 二级 indicators, each 二级 with its 观测点.
 */
import { AVOID_LIST_KEY, avoidListField, contactFields, DOCUMENT_MAX_BYTES } from '../common-fields.js';
import { GUANGXI_CITY_KEY, guangxiApproval, guangxiCityField, guangxiPublicity, guangxiRecognitionSteps, guangxiEffectivenessEvaluation, indicatorEvidence } from './guangxi-procedure.js';
import type { ProgramTemplateInput } from '../schema.js';

/** The recognition indicators, which the 建设成效 evaluation scores too. */
const craftsmanStandard: ProgramTemplateInput['indicators'] = [
  {
    code: '1',
    title: '定位和宗旨',
    children: [
      { code: '1.1', title: '项目定位', observationPoints: ['符合国家战略目标和布局,对接东盟产能合作,符合职业学校发展需要'] },
      { code: '1.2', title: '项目宗旨', observationPoints: ['目标清晰,特色鲜明,可操作可实现'] },
    ],
  },
  {
    code: '2',
    title: '办学基础',
    children: [
      { code: '2.1', title: '依法合规', observationPoints: ['符合两国相关法律法规和办学要求'] },
      { code: '2.2', title: '办学安全', observationPoints: ['两国关系平稳,所在地区治安环境良好'] },
      { code: '2.3', title: '适应性', observationPoints: ['符合所在国经济社会和产业发展战略,开设专业满足所在国职业技术教育发展需求'] },
      { code: '2.4', title: '对象资质', observationPoints: ['纳入所在国国民教育体系的相关院校或经官方认定的相关职业教育培训机构'] },
      { code: '2.5', title: '合作能力', observationPoints: ['具备一定的国际合作基础与能力'] },
    ],
  },
  {
    code: '3',
    title: '场地建设',
    children: [
      { code: '3.1', title: '场地面积', observationPoints: ['具有独立空间和符合专业实训要求的场地'] },
      { code: '3.2', title: '配套设施', observationPoints: ['具备水、电、网络等配套条件,满足线上课堂、实训教学和宣传展示等需求'] },
      { code: '3.3', title: '标识与装饰', observationPoints: ['在项目中心区预留标识与装饰区域'] },
      { code: '3.4', title: '空间布置', observationPoints: ['教学区与实训区空间布局合理,符合职教教学模式要求'] },
    ],
  },
  {
    code: '4',
    title: '师资队伍',
    children: [
      { code: '4.1', title: '外方团队建设', observationPoints: ['合作国参建院校配备具有相关专业基础知识或者相关教学工作经验的教师队伍'] },
      { code: '4.2', title: '中方团队建设', observationPoints: ['中方参建院校配备具有国际化教学经验的专业教师队伍'] },
      { code: '4.3', title: '师资培训', observationPoints: ['根据专业建设需求,对专业教师开展来华与本土培训,使其能够运用中国(先进)教学标准与教学模式、熟练使用实训教学装备并在本土实施教学'] },
    ],
  },
  {
    code: '5',
    title: '教学资源',
    children: [
      { code: '5.1', title: '专业标准', observationPoints: ['建立适合当地要求的专业教学标准'] },
      { code: '5.2', title: '课程标准', observationPoints: ['合作开发专业课程标准、技能培训标准'] },
      { code: '5.3', title: '教材资源', observationPoints: ['理实一体化、模块化的双语专业教材及配套信息化教学资源'] },
      { code: '5.4', title: '实训装备', observationPoints: ['满足专业基础实训与综合实训教学要求,相较当地技术发展具有先进性'] },
    ],
  },
  {
    code: '6',
    title: '校企合作',
    children: [
      { code: '6.1', title: '行业企业适配性', observationPoints: ['契合当地行业企业发展对技术技能人才需求与技术合作需求'] },
      { code: '6.2', title: '校企共建', observationPoints: ['与当地或中资行业企业共建'] },
    ],
  },
  {
    code: '7',
    title: '保障体系',
    children: [
      { code: '7.1', title: '协议约定', observationPoints: ['建立完善的组织架构,明确中外双方职责与权益'] },
      { code: '7.2', title: '资金来源', observationPoints: ['有稳定的资金来源保障,可多元筹集资金机制'] },
      { code: '7.3', title: '管理制度', observationPoints: ['科学合理的管理制度,包括教育教学管理、外派教师管理、资产设备管理等制度'] },
      { code: '7.4', title: '配套支持', observationPoints: ['中外方合作院校(机构)或参与企业建立相应的管理与运行等支持机制'] },
      { code: '7.5', title: '风险防范', observationPoints: ['建立风险防控机制,制定有效应对预案'] },
    ],
  },
  {
    code: '8',
    title: '办学成效',
    children: [
      { code: '8.1', title: '项目效益', observationPoints: ['人才培养效益、促进当地发展效益等'] },
      { code: '8.2', title: '社会影响', observationPoints: ['在国家层面、东盟国家层面、广西层面上的影响'] },
      { code: '8.3', title: '可持续发展', observationPoints: ['项目可持续发展的预期'] },
    ],
  },
];

/** The 中国—东盟现代工匠学院 program of Guangxi. */
export const cnAseanCraftsman: ProgramTemplateInput = {
  id: 'cn-asean-craftsman',
  name: '中国—东盟现代工匠学院',
  issuer: '广西壮族自治区人民政府办公厅',
  policyRef: '桂政办发〔2023〕70号',
  seed: '004_98d6de44c45d05a6.txt',
  noticeIssuer: { name: '广西壮族自治区教育厅' },
  province: 'gx',
  applicantKinds: [{ code: 'gx_university', label: '广西高等学校', organizationKinds: ['undergraduate_university', 'vocational_college'] }],
  form: [
    { key: 'applicantName', label: '申报高等学校', type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: '现代工匠学院名称', type: 'text', maxLength: 100 },
    {
      key: 'hostCountry',
      label: '所在东盟国家',
      type: 'select',
      options: [
        { value: 'BN', label: '文莱' },
        { value: 'KH', label: '柬埔寨' },
        { value: 'ID', label: '印度尼西亚' },
        { value: 'LA', label: '老挝' },
        { value: 'MY', label: '马来西亚' },
        { value: 'MM', label: '缅甸' },
        { value: 'PH', label: '菲律宾' },
        { value: 'SG', label: '新加坡' },
        { value: 'TH', label: '泰国' },
        { value: 'VN', label: '越南' },
      ],
    },
    { key: 'partnerInstitution', label: '东盟国家合作院校（机构）', type: 'text', maxLength: 200 },
    {
      key: 'partnerQualification',
      label: '合作院校（机构）资质',
      type: 'select',
      options: [
        { value: 'national_education', label: '纳入所在国国民教育体系的相关院校' },
        { value: 'recognised_training', label: '经官方认定的相关职业教育培训机构' },
        { value: 'none', label: '均不是' },
      ],
    },
    { key: 'partnerEnterprises', label: '共建行业企业（当地或中资）', type: 'textarea', maxLength: 1000, help: '每行一家企业' },
    { key: 'majors', label: '开设专业', type: 'textarea', maxLength: 1000, help: '每行一个专业' },
    { key: 'siteArea', label: '场地面积', type: 'number', min: 0, unit: '平方米' },
    { key: 'chineseTeachers', label: '中方参建院校专业教师数', type: 'number', integer: true, min: 0, unit: '人' },
    { key: 'foreignTeachers', label: '合作国参建院校教师数', type: 'number', integer: true, min: 0, unit: '人' },
    { key: 'summary', label: '项目定位与宗旨概述', type: 'textarea', maxLength: 3000 },
    guangxiCityField(),
    avoidListField(),
    ...contactFields(),
  ],
  eligibility: [
    {
      code: 'apply',
      kind: 'checklist',
      text: '广西高等学校结合自身学科和专业优势,立足广西、面向东盟,多元协同、跨国联动,自主申报现代工匠学院建设项目',
    },
    {
      code: 'abroad',
      kind: 'checklist',
      text: '依托中资企业、跨国企业和东盟国家院校与企业,在东盟国家建设中国—东盟现代工匠学院',
    },
    {
      code: 'partner',
      kind: 'auto',
      text: '纳入所在国国民教育体系的相关院校或经官方认定的相关职业教育培训机构',
      check: { type: 'one_of', field: 'partnerQualification', values: ['national_education', 'recognised_training'] },
    },
    {
      code: 'lawful',
      kind: 'checklist',
      text: '严格遵守国家和合作东盟国家的法律、法规,建立健全管理体制和制度,依法依规开展境外办学',
    },
  ],
  materials: [
    { key: 'application_form', title: '现代工匠学院建设项目申报书', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES },
    {
      key: 'cooperation_agreement',
      title: '中外合作协议',
      required: true,
      formats: ['pdf'],
      maxBytes: DOCUMENT_MAX_BYTES,
      multiple: true,
      description: '二级指标“协议约定”：建立完善的组织架构,明确中外双方职责与权益',
    },
    {
      key: 'partner_qualification',
      title: '合作院校（机构）资质证明',
      required: true,
      formats: ['pdf', 'jpg', 'png'],
      maxBytes: DOCUMENT_MAX_BYTES,
      multiple: true,
      description: '二级指标“对象资质”',
    },
    {
      key: 'site_photos',
      title: '场地及配套设施照片',
      required: false,
      formats: ['jpg', 'png', 'pdf'],
      maxBytes: DOCUMENT_MAX_BYTES,
      multiple: true,
      description: '一级指标“场地建设”',
    },
    {
      key: 'management_rules',
      title: '管理制度及风险防控预案',
      required: false,
      formats: ['pdf', 'docx'],
      maxBytes: DOCUMENT_MAX_BYTES,
      multiple: true,
      description: '二级指标“管理制度”“风险防范”',
    },
    indicatorEvidence('按指标序号组织的佐证材料'),
  ],
  indicators: craftsmanStandard,
  review: {},
  steps: guangxiRecognitionSteps(
    '现代工匠学院',
    {
      title: '项目申报',
      description:
        '广西高等学校结合自身学科和专业优势,立足广西、面向东盟,多元协同、跨国联动,自主申报现代工匠学院建设项目。',
    },
    {
      title: '总结推广',
      description:
        '每年定期评估现代工匠学院建设成效,及时优化完善建设目标和制度机制,交流与东盟国家合作开发教学标准、人才共育培养模式机制等方面的好经验和好做法,进一步深化中国—东盟职业教育开放合作。',
    },
  ),
  publicity: guangxiPublicity,
  approval: guangxiApproval,
  quota: 10,
  postRecognition: [
    { kind: 'periodic_evaluation', title: '每年定期评估现代工匠学院建设成效', cycleYears: 1 },
  ],
  evaluation: guangxiEffectivenessEvaluation(craftsmanStandard, { title: '年度建设成效报告', description: '对照认定标准8项一级指标、28项二级指标，总结本年度现代工匠学院建设成效' }),
  notes: [
    '认定通知的发文机关默认为广西壮族自治区教育厅（noticeIssuer）：种子五、组织实施（一）落实建设责任：“自治区教育厅负责现代工匠学院的统筹规划”，现代工匠学院“在自治区教育厅指导下”运行；种子未给出其发文字号的机关代字，故不设 noticePrefix（批次可另行指定 issuer）。',
    '指标取自附件《中国—东盟现代工匠学院项目认定标准（试行）》：8项一级指标（种子以序号1—8编号）、28项二级指标，每项二级指标配一条观测点原文；二级指标编号（如1.1、2.5）为平台按表中次序所加，种子未编号。',
    '“对象资质”既是认定标准也是合作前提：合作院校（机构）须为纳入所在国国民教育体系的相关院校或经官方认定的相关职业教育培训机构，由表单字段自动核验，并须上传资质证明。',
    '认定由广西职业教育创新发展领导小组办公室组织评选，提出拟入围名单，报广西职业教育创新发展领导小组审定；认定数量（quota 10）取自种子“建设10个现代工匠学院”（三、重点任务（一））与“2023年启动10个现代工匠学院遴选建设工作”（四、实施步骤（一）项目申报）：拟入围名单按得分提出前10名。',
    '种子未列出申报材料清单，也未规定公示环节与公示天数：所列材料为平台按认定标准设定；公示取平台默认5个工作日，批次可设公示天数为0（不公示，publicity.optional），审定后即为最终名单。',
    '最终审定由广西职业教育创新发展领导小组作出（approval）：种子四、实施步骤（二）组织认定：“提出拟入围名单报广西职业教育创新发展领导小组审定”，状态、邮件、页面与认定通知称“领导小组审定”。',
    '评分：8项一级指标权重相同，每项二级指标0—10分，总分100分（平台默认，种子未给分值）。',
    '申请回避的专家或单位（avoidList）为平台设定的选填项（种子未规定回避申请）：评审分配不安排其中列出的专家及在所列单位（含上级、下属单位）工作的专家。',
    '所在设区市（city）为平台设定的选填项：种子未列出设区市，选项取广西壮族自治区行政区划的14个设区市（按行政区划代码）；评审分配以其名称作为申报单位所在地区。',
    '评审分配（assignment，平台设定）：开设专业（majors）作为学科标签与专家专业领域匹配；东盟合作院校（机构）与共建行业企业作为关联单位，其专家与申报高校一样回避；默认不做同地区回避，批次可开启。',
    '周期评估（evaluation）：种子四、实施步骤（三）总结推广：“每年定期评估现代工匠学院建设成效，及时优化完善建设目标和制度机制”（postRecognition，周期1年），未给出评估指标、材料与结论标准。评估沿用认定标准（附件《中国—东盟现代工匠学院项目认定标准（试行）》8项一级、28项二级指标及观测点，与认定指标为同一份数据），按建设成效打分；材料为平台设定的年度建设成效报告与佐证材料。各项权重与评分标准、继续认定/给予激励/限期整改/撤销认定的条件由自治区教育厅补充完善。',
  ],
  assignment: { tagFields: ['majors'], relatedOrganizationFields: ['partnerInstitution', 'partnerEnterprises'], avoidListField: AVOID_LIST_KEY, regionField: GUANGXI_CITY_KEY, avoidSameRegion: false },
};

/** Application forms for tests and benchmarks (no vitest here: `bench/` imports it too). */

/** A complete 广西市域产教联合体 form for `applicantName`. */
export function cityConsortiumForm(applicantName = '柳州市人民政府', projectTitle = '柳州汽车产业市域产教联合体') {
  return {
    applicantName,
    projectTitle,
    parkName: '柳东新区汽车产业园',
    industryCluster: 'automobile',
    parkOutputValue: 1200,
    secondaryVocationalSchools: 3,
    higherVocationalSchools: 2,
    universities: 1,
    enterprises: 40,
    researchInstitutes: 2,
    summary: '以汽车产业园为依托，联合龙头企业与职业院校共建技术技能人才培养中心。',
    contactName: '王老师',
    contactPhone: '13800000000',
    contactEmail: 'contact@liuzhou.test',
  };
}

/** A complete 工业和信息化部校企协同育人示范基地 (`miit-demo-base`) form. */
export function miitDemoBaseForm() {
  return {
    applicantName: '北京航空航天大学',
    projectTitle: '航空发动机校企协同育人示范基地',
    partnerName: '中国航发商用航空发动机有限责任公司',
    disciplines: '航空宇航科学与技术；动力工程及工程热物理',
    hasJointPostgraduateTraining: true,
    participatedExcellentEngineerPlan: false,
    enterpriseMentorCount: 12,
    mentorTotalCount: 30,
    collaborationYears: 5,
    summary: '校企共建联合实验室与研究生联合培养基地。',
    contactName: '李老师',
    contactPhone: '010-82317114',
    contactEmail: 'base@buaa.test',
  };
}

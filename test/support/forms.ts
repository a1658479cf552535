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

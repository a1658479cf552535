/**
 * What the Shanghai programs of seed 002 (沪教委高〔2021〕64号) share: their issuance, the
 * schools they address, and their procedure — the seed names no
 * recognition procedure, so each runs the platform's (its own application step, then 形式审查,
 * 专家评审, 公示 and 认定), and the avoid list and assignment wording of their notes.
 */
import type { ProgramTemplateInput } from '../schema.js';

type Step = ProgramTemplateInput['steps'][number];

/**
 * Who issues the Shanghai programs: the policy and the seed they come from, and the body that
 * signs their recognition notices (上海市教育委员会, the action plan's issuer).
 */
export const shanghaiIssuance = {
  issuer: '上海市教育委员会',
  policyRef: '沪教委高〔2021〕64号',
  seed: '002_ba024a8acb7197c0.txt',
  noticeIssuer: { name: '上海市教育委员会' },
  province: 'sh',
} as const satisfies Partial<ProgramTemplateInput>;

/** The schools seed 002 addresses (普通高等学校 and 职业院校), as applicant kinds. */
export const shanghaiSchoolApplicantKinds: ProgramTemplateInput['applicantKinds'] = [
  { code: 'university', label: '普通高等学校', organizationKinds: ['undergraduate_university', 'miit_university'] },
  { code: 'vocational_college', label: '职业院校' },
];

/** The platform's procedure after the program's own application step (e.g. 学校申报). */
export function shanghaiSteps(applicationTitle: string): Step[] {
  return [
    { kind: 'application', title: applicationTitle },
    { kind: 'screening', title: '形式审查' },
    { kind: 'expert_review', title: '专家评审' },
    { kind: 'publicity', title: '公示' },
    { kind: 'approval', title: '认定' },
  ];
}

/** The note on the avoid list every Shanghai template carries (the seed names none). */
export const shanghaiAvoidListNote =
  '申请回避的专家或单位（avoidList）为平台设定的选填项（种子未规定回避申请）：评审分配不安排其中列出的专家及在所列单位（含上级、下属单位）工作的专家。';

/** The annual report of seed 002 item 6, the duty of a recognised school, base or enterprise. */
export function shanghaiAnnualReport(description: string): ProgramTemplateInput['postRecognition'] {
  return [{ kind: 'annual_report', title: '产教融合协同育人年度报告', description }];
}

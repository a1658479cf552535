/**
 * What the Shanghai programs of seed 002 (沪教委高〔2021〕64号) share: the seed names no
 * recognition procedure, so each runs the platform's (its own application step, then 形式审查,
 * 专家评审, 公示 and 认定), and the avoid list and assignment wording of their notes.
 */
import type { ProgramTemplateInput } from '../schema.js';

type Step = ProgramTemplateInput['steps'][number];

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

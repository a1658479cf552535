import { describe, expect, it } from 'vitest';
import type { Application } from '#shared/domain/application.js';
import type { ApplicationStatus } from '#shared/domain/application-status.js';
import { createExpert } from '#shared/domain/expert.js';
import { roundRecusals } from '#shared/domain/round-recusals.js';
import { findProgram } from '#shared/programs/registry.js';
import { openRound, staff, t0 } from './records-fixture.js';

const program = findProgram('miit-demo-base')!;

function application(id: string, status: ApplicationStatus, form: Record<string, unknown>): Application {
  return {
    id,
    version: 1,
    createdAt: t0.toISOString(),
    updatedAt: t0.toISOString(),
    roundId: 'round-1',
    programId: program.id,
    orgId: `org-${id}`,
    applicantName: String(form['applicantName']),
    title: String(form['projectTitle']),
    form,
    status,
    submissions: 1,
  };
}

const expert = (id: string, name: string, organization: string) => createExpert({ name, email: `${id}@experts.test`, organization, expertise: [] }, { id, actor: staff, now: t0 }).entity;

describe('roundRecusals', () => {
  it('names the application and the expert of every excluded pair of the review pool, with the Chinese reason and what matched', () => {
    const applications = [
      application('a1', 'in_review', { applicantName: '广西大学', projectTitle: '智能制造示范基地', partnerName: '上汽通用五菱汽车股份有限公司', avoidList: '王五' }),
      // not in the review pool: still in formal review, or withdrawn
      application('a2', 'screening', { applicantName: '广西大学', projectTitle: '另一基地' }),
      application('a3', 'withdrawn', { applicantName: '广西大学', projectTitle: '撤回的基地' }),
    ];
    const experts = [
      expert('e1', '李工', '广西大学机械工程学院'),
      expert('e2', '赵工', '上汽通用五菱汽车股份有限公司技术中心'),
      expert('e3', '王五', '桂林电子科技大学'),
      expert('e4', '钱工', '桂林理工大学'),
    ];
    const rows = roundRecusals({ round: openRound(program), program, applications, experts });
    const common = { applicationId: 'a1', applicant: '广西大学', title: '智能制造示范基地' };
    expect(rows).toEqual(
      expect.arrayContaining([
        { ...common, expertId: 'e1', expertName: '李工', reason: 'affiliated_organization', reasonLabel: '该专家所在单位是申报单位的上级单位或下属单位，须回避', matched: '广西大学机械工程学院' },
        { ...common, expertId: 'e2', expertName: '赵工', reason: 'related_organization', reasonLabel: expect.stringContaining('合作单位'), matched: '上汽通用五菱汽车股份有限公司' },
        { ...common, expertId: 'e3', expertName: '王五', reason: 'applicant_avoid', reasonLabel: expect.stringContaining('回避名单'), matched: '王五' },
      ]),
    );
    expect(rows).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { assignmentApplication, assignmentExpert, regionName, roundAssignmentContext } from '#shared/domain/assignment-input.js';
import { avoidsSameRegion } from '#shared/domain/round.js';
import { assignExperts, recusals } from '#shared/domain/assignment.js';
import type { Expert } from '#shared/domain/expert.js';
import { findProgram } from '#shared/programs/registry.js';
import { makeProgram } from './program-fixture.js';

const community = findProgram('gx-industry-community')!;
const demoBase = findProgram('miit-demo-base')!;

function expert(overrides: Partial<Expert> = {}): Expert {
  return {
    id: 'e1',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    name: '李工',
    email: 'li@example.cn',
    organization: '广西大学机械工程学院',
    region: '南宁市',
    expertise: ['汽车(含工业设计)'],
    conflicts: ['柳州职业技术学院'],
    capacity: 8,
    ...overrides,
  };
}

describe('assignmentApplication', () => {
  it('reads tags as option labels, partners and the avoid list as names, and the city as a region', () => {
    const application = {
      id: 'app-1',
      applicantName: '柳州职业技术学院',
      form: {
        leadMode: 'joint',
        coLeadUnits: '上汽通用五菱汽车股份有限公司\n广西汽车集团有限公司',
        industry: 'automobile',
        city: '450200',
        avoidList: '张三、王五\n广西大学；',
        summary: '不读的字段',
      },
    };
    expect(assignmentApplication(application, community)).toEqual({
      id: 'app-1',
      organization: '柳州职业技术学院',
      region: '柳州',
      tags: ['汽车(含工业设计)'],
      relatedOrganizations: ['上汽通用五菱汽车股份有限公司', '广西汽车集团有限公司'],
      avoid: ['张三', '王五', '广西大学'],
    });
  });

  it('takes the other industry typed in beside the select, each tag once', () => {
    const application = { id: 'a', applicantName: '某学院', form: { industry: 'other', otherIndustry: '海洋经济，现代农业' } };
    expect(assignmentApplication(application, community).tags).toEqual(['其他重点行业', '海洋经济', '现代农业']);
    const repeated = { id: 'b', applicantName: '某学院', form: { disciplines: '机械工程\n机械工程、材料科学', partnerName: '某研究院' } };
    expect(assignmentApplication(repeated, demoBase)).toMatchObject({ tags: ['机械工程', '材料科学'], relatedOrganizations: ['某研究院'] });
    expect(assignmentApplication(repeated, demoBase)).not.toHaveProperty('region');
  });

  it('gives the applicant only, with empty lists, for a program without an assignment section or an empty form', () => {
    const program = makeProgram();
    expect(program.assignment).toBeUndefined();
    expect(assignmentApplication({ id: 'a', applicantName: '某大学', form: { applicantName: '某大学' } }, program)).toEqual({
      id: 'a',
      organization: '某大学',
      tags: [],
      relatedOrganizations: [],
      avoid: [],
    });
    expect(assignmentApplication({ id: 'a', applicantName: '某大学', form: {} }, community)).toEqual({ id: 'a', organization: '某大学', tags: [], relatedOrganizations: [], avoid: [] });
  });

  it('ignores a select value that is not an option (a form stored before the option was removed)', () => {
    expect(assignmentApplication({ id: 'a', applicantName: 'x', form: { industry: 'mining', city: '999999' } }, community)).toMatchObject({ tags: [] });
    expect(assignmentApplication({ id: 'a', applicantName: 'x', form: { city: '999999' } }, community)).not.toHaveProperty('region');
  });
});

describe('assignmentExpert', () => {
  it('keeps what the assignment compares, with the name and the region without 市', () => {
    expect(assignmentExpert(expert())).toEqual({
      id: 'e1',
      name: '李工',
      organization: '广西大学机械工程学院',
      region: '南宁',
      expertise: ['汽车(含工业设计)'],
      conflicts: ['柳州职业技术学院'],
      capacity: 8,
    });
    const { region: _region, ...withoutRegion } = expert();
    expect(assignmentExpert(withoutRegion)).not.toHaveProperty('region');
  });
});

describe('regionName', () => {
  it('drops a trailing 市 only from names longer than two characters, and empties to undefined', () => {
    expect(regionName(' 柳州市 ')).toBe('柳州');
    expect(regionName('柳州')).toBe('柳州');
    expect(regionName('沙市')).toBe('沙市');
    expect(regionName('  ')).toBeUndefined();
    expect(regionName(undefined)).toBeUndefined();
  });
});

describe('roundAssignmentContext', () => {
  const consortium = findProgram('gx-city-consortium')!;

  it("uses the round's seed when one was drawn, else the round id, and its region setting, else the program's", () => {
    const scene = { program: consortium, applications: [{ id: 'a', applicantName: '柳州市人民政府', form: { industryCluster: 'automobile' } }], experts: [expert()] };
    const fresh = roundAssignmentContext({ ...scene, round: { id: 'round-1' } });
    expect(fresh).toMatchObject({ seed: 'round-1', avoidSameRegion: true, applications: [{ id: 'a', tags: ['汽车'] }], experts: [{ id: 'e1', name: '李工' }] });
    const drawn = roundAssignmentContext({ ...scene, round: { id: 'round-1', assignmentSeed: 'seed-xyz', avoidSameRegion: false } });
    expect(drawn).toMatchObject({ seed: 'seed-xyz', avoidSameRegion: false });
  });

  it('takes the places that tasks committed by an interrupted attempt still hold off their experts\' capacities', () => {
    const scene = { program: consortium, round: { id: 'round-1' }, applications: [], experts: [expert({ id: 'e1', capacity: 3 }), expert({ id: 'e2', capacity: 1 })] };
    const heldTasks = [
      { expertId: 'e1', status: 'invited' as const },
      { expertId: 'e1', status: 'declined' as const },
      { expertId: 'e2', status: 'submitted' as const },
      { expertId: 'e2', status: 'accepted' as const },
    ];
    const context = roundAssignmentContext({ ...scene, heldTasks });
    expect(context.experts.map((item) => [item.id, item.capacity])).toEqual([['e1', 2], ['e2', 0]]);
    expect(roundAssignmentContext(scene).experts.map((item) => item.capacity)).toEqual([3, 1]);
  });

  it('avoids the region where the round says so, or for older rounds where the program says so', () => {
    expect(avoidsSameRegion({}, consortium)).toBe(true);
    expect(avoidsSameRegion({}, community)).toBe(false);
    expect(avoidsSameRegion({ avoidSameRegion: true }, community)).toBe(true);
    expect(avoidsSameRegion({}, makeProgram())).toBe(false);
  });
});

describe('the mapping with the recusal rules', () => {
  it('recuses the sub-unit of the applicant, the partner named in the form, the avoid list and the same city, and never assigns them', () => {
    const round = { id: 'round-1', avoidSameRegion: true };
    const application = {
      id: 'app-1',
      applicantName: '广西大学',
      form: { leadMode: 'joint', coLeadUnits: '柳州职业技术学院', industry: 'automobile', city: '450100', avoidList: '张三' },
    };
    const experts = [
      expert({ id: 'sub-unit', name: '甲', organization: '广西大学机械工程学院', region: '桂林' }),
      expert({ id: 'partner', name: '乙', organization: '柳州职业技术学院汽车工程学院', region: '柳州', conflicts: [] }),
      expert({ id: 'avoided', name: '张三', organization: '桂林电子科技大学', region: '桂林' }),
      expert({ id: 'same-city', name: '丙', organization: '南宁职业技术大学', region: '南宁市', conflicts: [] }),
      expert({ id: 'free', name: '丁', organization: '桂林电子科技大学', region: '桂林市', conflicts: [] }),
    ];
    const context = roundAssignmentContext({ round, program: community, applications: [application], experts });
    const byExpert = Object.fromEntries(recusals(context).map((item) => [item.expertId, [item.reason, item.matched]]));
    expect(byExpert).toEqual({
      'sub-unit': ['affiliated_organization', '广西大学机械工程学院'],
      partner: ['related_organization', '柳州职业技术学院'],
      avoided: ['applicant_avoid', '张三'],
      'same-city': ['same_region', expect.stringContaining('南宁')],
    });
    expect(assignExperts({ ...context, expertsPerApplication: 3 }).assignments['app-1']).toEqual(['free']);
  });

  it('prefers the expert whose expertise is the option label of the form', () => {
    const application = { id: 'app-1', applicantName: '柳州市人民政府', form: { industryCluster: 'automobile' } };
    const experts = [
      expert({ id: 'cars', organization: '桂林电子科技大学', region: '桂林', expertise: ['汽车'], conflicts: [] }),
      expert({ id: 'farms', organization: '广西农业科学院', region: '南宁', expertise: ['特色农业'], conflicts: [] }),
    ];
    for (const seed of ['s1', 's2', 's3', 's4']) {
      const context = roundAssignmentContext({ round: { id: seed }, program: findProgram('gx-city-consortium')!, applications: [application], experts });
      const result = assignExperts({ ...context, expertsPerApplication: 1 });
      expect(result.assignments['app-1']).toEqual(['cars']);
      expect(result.expertiseMatches).toBe(1);
    }
  });
});

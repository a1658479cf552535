/**
 * Programs defined by staff, over HTTP against the real local runtime (API.md v1.1 "Programs as
 * data"): a template is validated with the template schema (422 TEMPLATE_INVALID with the path of
 * each problem), stored as version 1, used for a round, then versioned with another material and
 * indicator — the running round keeps its version (its materials and its experts' score sheet)
 * while a new round and `GET /api/programs/{id}` take the new one.
 */
import { findProgram } from '#shared/programs/registry.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import {
  cityConsortiumForm,
  reviewLinks,
  runtimeNow,
  submitAcceptedApplication,
  uploadPdf,
  waitForRoundStatus,
} from '../support/pipeline-steps.js';
import { startRuntimeProcess, useRuntimeProcess } from '../support/runtime-process.js';
import { samplePdf } from '../support/uploads.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;

type Template = Record<string, any>;

/** The latest template of a program as staff read it back. */
async function templateOf(id: string): Promise<Template> {
  const read = await callApi(base, 'GET', `/api/admin/programs/${id}`, { token: admin });
  expect(read.status).toBe(200);
  return read.body.template;
}

async function openRound(programId: string, settings: Record<string, unknown> = {}) {
  const now = await runtimeNow(base);
  return callApi(base, 'POST', '/api/admin/rounds', {
    token: admin,
    body: { programId, title: '员工定义项目批次', year: 2026, intakeOpensAt: new Date(now - 3600_000).toISOString(), intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString(), ...settings },
  });
}

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '项目管理员' });
});

describe('programs as data', () => {
  it('lists the built-in templates as version 1 for staff, and refuses other callers', async () => {
    const listed = await callApi(base, 'GET', '/api/admin/programs', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.programs.find((program: { id: string }) => program.id === 'gx-city-consortium')).toMatchObject({
      name: '广西壮族自治区市域产教联合体',
      province: 'gx',
      version: 1,
      builtIn: true,
    });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-programs' });
    expect((await callApi(base, 'GET', '/api/admin/programs', { token: institution })).status).toBe(403);
    expect((await callApi(base, 'POST', '/api/admin/programs', { body: { template: {} } })).status).toBe(401);
  });

  it('refuses an invalid template with 422 TEMPLATE_INVALID and the path of each problem', async () => {
    const template = await templateOf('gx-city-consortium');
    template.id = 'staff-broken';
    delete template.steps;
    template.eligibility.push({ code: 'x', text: '企业导师占比', kind: 'auto', check: { type: 'min', field: 'noSuchField', value: 1 } });
    template.materials[0].maxBytes = 1e300;
    const refused = await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'TEMPLATE_INVALID', message: '认定项目模板不符合要求' });
    expect(refused.body.error.details).toEqual([{ path: 'template.materials.0.maxBytes', message: '数值精度超出可保存的范围' }]);

    template.materials[0].maxBytes = 1024;
    template.materials[1].formats = ['exe'];
    const again = await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template } });
    expect(again.status).toBe(422);
    expect(again.body.error.details).toEqual([
      { path: 'template.materials.1.formats.0', message: expect.stringContaining('取值无效') },
      { path: 'template.steps', message: '必填' },
    ]);
    // the rules across parts (here: an auto rule on a field the form lacks) once the parts are well-formed
    template.materials[1].formats = ['pdf'];
    template.steps = (await templateOf('gx-city-consortium')).steps;
    const rules = await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template } });
    expect(rules.body.error.details).toEqual([{ path: 'template.eligibility.x', message: 'unknown form field noSuchField' }]);
    // nothing was stored
    expect((await callApi(base, 'GET', '/api/admin/programs/staff-broken', { token: admin })).status).toBe(404);
  });

  it('refuses a template body over 256 KB with 413, and a template nested deeper than the store keeps', async () => {
    const template = await templateOf('gx-city-consortium');
    template.id = 'staff-huge';
    template.notes = ['长'.repeat(100_000)];
    const huge = await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    template.notes = [];
    let node: Template = { code: 'd0', title: '层' };
    for (let depth = 1; depth < 40; depth += 1) node = { code: `d${depth}`, title: '层', children: [node] };
    template.indicators = [node];
    const deep = await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template } });
    expect(deep.status).toBe(422);
    expect(deep.body.error.details[0].message).toMatch(/嵌套层级过深/);
  });

  it('a staff-defined program created, used for a round, then versioned without changing the running round', async () => {
    const institution = await devToken(base, { role: 'institution', orgId: 'org-staff-program' });
    const expert = { name: '版本专家', email: 'versions@experts.test', organization: '广西大学', expertise: ['职业教育'] };
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);

    // version 1: a copy of the 市域产教联合体 template under a new id and name
    const v1 = await templateOf('gx-city-consortium');
    v1.id = 'staff-consortium';
    v1.name = '市级产教联合体（处室定义）';
    const created = await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template: v1 } });
    expect(created.status).toBe(201);
    expect(created.body.program).toMatchObject({ id: 'staff-consortium', name: v1.name, version: 1, builtIn: false, updatedAt: expect.any(String) });
    expect((await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template: v1 } })).body.error.code).toBe('ALREADY_EXISTS');
    expect((await callApi(base, 'GET', '/api/programs')).body.programs.map((program: { id: string }) => program.id)).toContain('staff-consortium');

    const oldRound = await openRound('staff-consortium', { expertsPerApplication: 1, minValidReviews: 1 });
    expect(oldRound.status).toBe(201);
    expect(oldRound.body.round.programVersion).toBe(1);
    const oldRoundId = oldRound.body.round.id as string;
    const reviewed = await submitAcceptedApplication(base, { admin, institution }, oldRoundId, cityConsortiumForm('柳州市人民政府', '旧版本申报'));
    const draft = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId: oldRoundId, form: cityConsortiumForm('桂林市人民政府', '旧版本草稿') } });
    expect(draft.status).toBe(201);

    // version 2: one more required material and one more indicator; the id in the body must match
    const v2 = structuredClone(v1);
    v2.materials.push({ key: 'annual_plan', title: '年度建设计划', required: true, formats: ['pdf'], maxBytes: 50 * 1024 * 1024 });
    v2.indicators[0].children.push({ code: '1.9', title: '年度建设计划的完成情况' });
    const mismatched = await callApi(base, 'PUT', '/api/admin/programs/gx-city-consortium', { token: admin, body: { template: v2 } });
    expect(mismatched.status).toBe(422);
    expect(mismatched.body.error).toMatchObject({ code: 'TEMPLATE_INVALID', details: [{ path: 'template.id', message: expect.stringContaining('gx-city-consortium') }] });
    const versioned = await callApi(base, 'PUT', '/api/admin/programs/staff-consortium', { token: admin, body: { template: v2 } });
    expect(versioned.status).toBe(200);
    expect(versioned.body.program).toMatchObject({ id: 'staff-consortium', version: 2, builtIn: false });
    const latest = await callApi(base, 'GET', '/api/programs/staff-consortium');
    expect(latest.body.materials.map((material: { key: string }) => material.key)).toContain('annual_plan');

    // the running round keeps version 1: no such material there, and its expert scores version 1's indicators
    const refusedUpload = await callApi(base, 'POST', `/api/applications/${draft.body.application.id}/evidence`, {
      token: institution,
      body: { materialKey: 'annual_plan', fileName: '计划.pdf', contentType: 'application/pdf', size: 1000 },
    });
    expect(refusedUpload.status).toBe(422);
    expect(refusedUpload.body.error.code).toBe('MATERIAL_UNKNOWN');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${oldRoundId}`, { token: admin })).body.round.programVersion).toBe(1);
    // ... and its pages read version 1 (the application names it; ?version= gives it), not the latest
    const ownApplication = await callApi(base, 'GET', `/api/applications/${draft.body.application.id}`, { token: institution });
    expect(ownApplication.body.application.programVersion).toBe(1);
    const first = await callApi(base, 'GET', '/api/programs/staff-consortium?version=1');
    expect(first.status).toBe(200);
    expect(first.body.materials.map((material: { key: string }) => material.key)).not.toContain('annual_plan');
    expect((await callApi(base, 'GET', '/api/programs/staff-consortium?version=9')).status).toBe(404);
    expect((await callApi(base, 'GET', '/api/programs/staff-consortium?version=abc')).status).toBe(400);
    // a cycle evaluation's pages read the evaluation's own template; a program without one has none
    const evaluation = await callApi(base, 'GET', '/api/programs/miit-demo-base?version=1&view=evaluation');
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.materials.map((material: { key: string }) => material.key)).toEqual(findProgram('miit-demo-base')!.evaluation!.materials!.map((material) => material.key));
    expect((await callApi(base, 'GET', '/api/programs/staff-consortium?view=evaluation')).status).toBe(404);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${oldRoundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, oldRoundId, 'in_review');
    const [linkId] = await reviewLinks(base, expert.email);
    expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(200);
    const leaves = (nodes: Template[]): string[] => nodes.flatMap((node) => (node.children ? leaves(node.children) : [node.code]));
    const scoresOf = (codes: readonly string[]) => ({ scores: Object.fromEntries(codes.map((code) => [code, 8])), comment: '按原版本评分。', recommendation: 'recommend', final: true });
    const withNewIndicator = await callApi(base, 'POST', `/api/review/${linkId}/scores`, { body: scoresOf(leaves(v2.indicators)) });
    expect(withNewIndicator.status).toBe(422);
    expect(withNewIndicator.body.error.code).toBe('SCORES_INVALID');
    const onVersion1 = await callApi(base, 'POST', `/api/review/${linkId}/scores`, { body: scoresOf(leaves(v1.indicators)) });
    expect(onVersion1.status).toBe(200);
    expect(onVersion1.body.task.status).toBe('submitted');
    const staffView = await callApi(base, 'GET', `/api/admin/applications/${reviewed.applicationId}`, { token: admin });
    expect(staffView.body.program).toEqual({ id: 'staff-consortium', name: v1.name });

    // a new round runs version 2: the new material is asked for and required
    const newRound = await openRound('staff-consortium');
    expect(newRound.body.round.programVersion).toBe(2);
    const fresh = await callApi(base, 'POST', '/api/applications', { token: institution, body: { roundId: newRound.body.round.id, form: cityConsortiumForm('梧州市人民政府', '新版本申报') } });
    const freshId = fresh.body.application.id as string;
    const pdf = await samplePdf(1);
    await uploadPdf(base, institution, freshId, 'application_form', pdf);
    const incomplete = await callApi(base, 'POST', `/api/applications/${freshId}/submit`, { token: institution, body: {} });
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.body.error.details)).toContain('annual_plan');
    await uploadPdf(base, institution, freshId, 'annual_plan', pdf);
    expect((await callApi(base, 'POST', `/api/applications/${freshId}/submit`, { token: institution, body: {} })).status).toBe(200);

    // each step is in the program's audit trail
    const trail = await callApi(base, 'GET', '/api/admin/audit?entityId=staff-consortium', { token: admin });
    expect(trail.body.events.map((event: { action: string }) => event.action)).toEqual(['program.created', 'program.versioned']);
  });

  it('numbers versions published at once without a gap or a repeat: each is stored or refused with 409', async () => {
    const template = await templateOf('gx-city-consortium');
    template.id = 'staff-racing';
    expect((await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template } })).status).toBe(201);
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => callApi(base, 'PUT', '/api/admin/programs/staff-racing', { token: admin, body: { template: { ...template, name: `并发版本 ${n}` } } })),
    );
    const stored = answers.filter((answer) => answer.status === 200);
    expect(stored.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.body.error.code)).toEqual(answers.filter((answer) => answer.status !== 200).map(() => 'CONCURRENT_UPDATE'));
    expect(stored.map((answer) => answer.body.program.version).sort()).toEqual(stored.map((_, index) => index + 2));
    const listed = (await callApi(base, 'GET', '/api/admin/programs', { token: admin })).body.programs.find((program: { id: string }) => program.id === 'staff-racing');
    expect(listed.version).toBe(1 + stored.length);
    const trail = await callApi(base, 'GET', '/api/admin/audit?entityId=staff-racing', { token: admin });
    expect(trail.body.events.filter((event: { action: string }) => event.action === 'program.versioned')).toHaveLength(stored.length);
  });

  it('stores a revision of a built-in template as its version 2; rounds made before keep version 1', async () => {
    const before = await openRound('gx-industry-community');
    expect(before.body.round.programVersion).toBe(1);
    const template = await templateOf('gx-industry-community');
    template.notes = [...template.notes, '本版本由处室调整：补充说明。'];
    const revised = await callApi(base, 'PUT', '/api/admin/programs/gx-industry-community', { token: admin, body: { template } });
    expect(revised.status).toBe(200);
    expect(revised.body.program).toMatchObject({ version: 2, builtIn: true });
    expect((await callApi(base, 'POST', '/api/admin/programs', { token: admin, body: { template } })).status).toBe(409);
    expect((await openRound('gx-industry-community')).body.round.programVersion).toBe(2);
    const listed = await callApi(base, 'GET', '/api/admin/programs', { token: admin });
    expect(listed.body.programs.find((program: { id: string }) => program.id === 'gx-industry-community')).toMatchObject({ version: 2, builtIn: true });
    // an unknown program cannot be versioned
    template.id = 'no-such-program';
    expect((await callApi(base, 'PUT', '/api/admin/programs/no-such-program', { token: admin, body: { template } })).body.error.code).toBe('PROGRAM_NOT_FOUND');
    expect((await callApi(base, 'GET', `/api/admin/rounds/${before.body.round.id}`, { token: admin })).body.round.programVersion).toBe(1);
  });
});

describe('a province deployment (PROVINCE=sh)', () => {
  it('offers its own province\'s programs and the national ones, refuses rounds and templates of another province', async () => {
    const province = await startRuntimeProcess({ env: { PROVINCE: 'sh' } });
    try {
      const shBase = province.baseUrl;
      const shAdmin = await devToken(shBase, { role: 'admin' });
      const offered = (await callApi(shBase, 'GET', '/api/programs')).body.programs.map((program: { id: string }) => program.id);
      expect(offered).toContain('miit-demo-base');
      expect(offered).toContain('sh-collab-base');
      expect(offered.filter((id: string) => id.startsWith('gx-') || id.startsWith('cn-asean'))).toEqual([]);
      const staffList = (await callApi(shBase, 'GET', '/api/admin/programs', { token: shAdmin })).body.programs.map((program: { id: string }) => program.id);
      expect(staffList).toEqual(offered);
      const now = await runtimeNow(shBase);
      const round = await callApi(shBase, 'POST', '/api/admin/rounds', {
        token: shAdmin,
        body: { programId: 'gx-city-consortium', title: '外省项目', year: 2026, intakeOpensAt: new Date(now).toISOString(), intakeClosesAt: new Date(now + 86_400_000).toISOString() },
      });
      expect(round.status).toBe(422);
      expect(round.body.error).toMatchObject({ code: 'PROGRAM_NOT_OFFERED', details: [{ path: 'programId' }] });
      const template = (await callApi(shBase, 'GET', '/api/admin/programs/gx-city-consortium', { token: shAdmin })).body.template;
      template.id = 'gx-copy';
      const refused = await callApi(shBase, 'POST', '/api/admin/programs', { token: shAdmin, body: { template } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details).toEqual([{ path: 'template.province', message: expect.stringContaining('sh') }]);
    } finally {
      await province.dispose();
    }
  }, 90_000);
});

/**
 * What the expert assignment reads from the form, over HTTP on the local runtime: recusal of a
 * sub-unit of the applicant, a partner named in the form, the declared avoid list and the
 * applicant's city, listed to staff with their reasons (`GET /api/admin/rounds/{id}/recusals`);
 * subject tags from the form preferring experts of matching expertise; and a draw-mode round
 * whose seed in the audit reproduces the stored assignment (API.md v1.1 `assignmentMode`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assignExperts } from '#shared/domain/assignment.js';
import { roundAssignmentContext } from '#shared/domain/assignment-input.js';
import { findProgram } from '#shared/programs/registry.js';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, openCityRound, submitAcceptedApplication, waitForRoundStatus } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '职成处' });
});

interface ExpertInput {
  readonly name: string;
  readonly organization: string;
  readonly region?: string;
  readonly expertise?: readonly string[];
  readonly capacity?: number;
}

let mailbox = 0;
/** Adds experts to the pool; returns their ids by name. */
async function addExperts(experts: readonly ExpertInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const expert of experts) {
    const body = { expertise: ['职业教育'], capacity: 5, ...expert, email: `rules${(mailbox += 1)}@experts.test` };
    const created = await callApi(base, 'POST', '/api/admin/experts', { token: admin, body });
    expect(created.status).toBe(201);
    ids.set(expert.name, created.body.expert.id);
  }
  return ids;
}

/** Closes intake and waits for review; returns the experts of each application's tasks. */
async function assigned(roundId: string): Promise<Record<string, string[]>> {
  expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
  await waitForRoundStatus(base, admin, roundId, 'in_review');
  const { body } = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/assignments`, { token: admin });
  const byApplication: Record<string, string[]> = {};
  for (const task of body.assignments as { applicationId: string; expertId: string }[]) (byApplication[task.applicationId] ??= []).push(task.expertId);
  return byApplication;
}

/** A complete 行业产教融合共同体 form. */
function communityForm(fields: Record<string, unknown>) {
  return {
    projectTitle: '广西汽车行业产教融合共同体',
    industry: 'automobile',
    supervisingAuthority: '广西壮族自治区工业和信息化厅',
    industryOrganizations: 2,
    enterprises: 30,
    researchInstitutes: 2,
    universities: 3,
    vocationalSchools: 8,
    summary: '联合上下游企业与职业院校，共建汽车产业人才培养体系。',
    contactName: '李老师',
    contactPhone: '13800000001',
    contactEmail: 'contact@gxu.test',
    ...fields,
  };
}

describe('recusal from the form', () => {
  it('never assigns a sub-unit of the applicant, a partner, an avoided expert or unit, or an expert of its city, and lists each with its reason', async () => {
    const ids = await addExperts([
      { name: '院内专家', organization: '广西大学机械工程学院', region: '桂林市' },
      { name: '合作专家', organization: '柳州职业技术学院', region: '柳州' },
      { name: '张回避', organization: '广西民族大学', region: '桂林' },
      { name: '理工专家', organization: '桂林理工大学', region: '桂林' },
      { name: '南宁专家', organization: '南宁师范大学', region: '南宁' },
      { name: '自由专家甲', organization: '桂林电子科技大学', region: '桂林' },
      { name: '自由专家乙', organization: '广西师范大学', region: '桂林' },
      { name: '自由专家丙', organization: '玉林师范学院', region: '玉林市' },
    ]);
    const roundId = await openCityRound(base, admin, { programId: 'gx-industry-community', title: '2026年行业产教融合共同体认定', expertsPerApplication: 3, minValidReviews: 2, avoidSameRegion: true });
    const form = communityForm({
      applicantName: '广西大学',
      leadMode: 'joint',
      coLeadUnits: '柳州职业技术学院',
      city: '450100',
      avoidList: '张回避\n桂林理工大学',
    });
    const institution = await devToken(base, { role: 'institution', orgId: 'org-gxu', kind: 'undergraduate_university' });
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId, form, ['construction_plan']);

    const assignment = await assigned(roundId);
    expect(new Set(assignment[applicationId])).toEqual(new Set(['自由专家甲', '自由专家乙', '自由专家丙'].map((name) => ids.get(name))));

    const answer = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/recusals`, { token: admin });
    expect(answer.status).toBe(200);
    const mine = (answer.body.recusals as { expertId: string }[]).filter((row) => [...ids.values()].includes(row.expertId));
    const row = (reason: string, expertName: string, matched: string, reasonLabel: RegExp) =>
      expect.objectContaining({ applicationId, applicant: '广西大学', title: '广西汽车行业产教融合共同体', expertId: ids.get(expertName), expertName, reason, matched, reasonLabel: expect.stringMatching(reasonLabel) });
    expect(mine).toEqual(
      expect.arrayContaining([
        row('affiliated_organization', '院内专家', '广西大学机械工程学院', /上级单位或下属单位/),
        row('related_organization', '合作专家', '柳州职业技术学院', /合作单位/),
        row('applicant_avoid', '张回避', '张回避', /回避名单/),
        row('applicant_avoid', '理工专家', '桂林理工大学', /回避名单/),
        row('same_region', '南宁专家', '南宁', /同属一个地区/),
      ]),
    );
    expect(mine).toHaveLength(5);
  });

  it('answers 404 for an unknown round', async () => {
    const answer = await callApi(base, 'GET', '/api/admin/rounds/round_missing/recusals', { token: admin });
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});

describe('tags and draw mode', () => {
  it('prefers the expert whose expertise is the industry cluster chosen in the form', async () => {
    const ids = await addExperts([
      { name: '汽车专家', organization: '广西科技大学', expertise: ['汽车'] },
      { name: '服务专家', organization: '广西财经学院', expertise: ['现代服务业'] },
      ...['一', '二', '三', '四', '五', '六'].map((digit) => ({ name: `通用专家${digit}`, organization: `广西第${digit}职业学院` })),
    ]);
    const roundId = await openCityRound(base, admin, { title: '2026年市域产教联合体认定（标签）', expertsPerApplication: 2, minValidReviews: 2 });
    const liuzhou = await submitAcceptedApplication(base, { admin, institution: await devToken(base, { role: 'institution', orgId: 'org-tag-liuzhou' }) }, roundId);
    const guilinForm = { ...cityConsortiumForm('桂林市人民政府', '桂林旅游产业市域产教联合体'), industryCluster: 'modern_services' };
    const guilin = await submitAcceptedApplication(base, { admin, institution: await devToken(base, { role: 'institution', orgId: 'org-tag-guilin' }) }, roundId, guilinForm);
    const assignment = await assigned(roundId);
    expect(assignment[liuzhou.applicationId]).toContain(ids.get('汽车专家'));
    expect(assignment[guilin.applicationId]).toContain(ids.get('服务专家'));
    expect(assignment[liuzhou.applicationId]).not.toContain(ids.get('服务专家'));
    expect(assignment[guilin.applicationId]).not.toContain(ids.get('汽车专家'));
    // an optimal round records its seed (the round id) and mode too
    const audit = (await callApi(base, 'GET', `/api/admin/audit?entityId=${roundId}`, { token: admin })).body.events as { action: string; detail?: Record<string, unknown> }[];
    expect(audit.find((event) => event.action === 'round.assignment_started')?.detail).toMatchObject({ mode: 'optimal', seed: roundId, applications: 2, pairs: 4, shortfalls: 0 });
  });

  it('draws with a fresh seed kept on the round and in the audit, and that seed reproduces the assignment', async () => {
    await addExperts(['甲', '乙', '丙', '丁'].map((digit) => ({ name: `抽取专家${digit}`, organization: `广西抽取学院${digit}` })));
    const roundId = await openCityRound(base, admin, { title: '2026年市域产教联合体认定（抽取）', assignmentMode: 'draw', expertsPerApplication: 3, minValidReviews: 2 });
    const applicationIds: string[] = [];
    for (const [orgId, applicant, title] of [
      ['org-draw-1', '北海市人民政府', '北海电子信息市域产教联合体'],
      ['org-draw-2', '钦州市人民政府', '钦州石化市域产教联合体'],
    ] as const) {
      const form = { ...cityConsortiumForm(applicant, title), city: orgId === 'org-draw-1' ? '450500' : '450700', avoidList: '抽取专家甲' };
      applicationIds.push((await submitAcceptedApplication(base, { admin, institution: await devToken(base, { role: 'institution', orgId }) }, roundId, form)).applicationId);
    }
    const stored = await assigned(roundId);

    const round = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round;
    expect(round).toMatchObject({ assignmentMode: 'draw', avoidSameRegion: true });
    expect(round.assignmentSeed).toEqual(expect.any(String));
    expect(round.assignmentSeed).not.toBe(roundId);
    const audit = (await callApi(base, 'GET', `/api/admin/audit?entityId=${roundId}`, { token: admin })).body.events as { action: string; detail?: Record<string, unknown> }[];
    const started = audit.find((event) => event.action === 'round.assignment_started')!;
    const experts = (await callApi(base, 'GET', '/api/admin/experts', { token: admin })).body.experts;
    expect(started.detail).toEqual({ mode: 'draw', seed: round.assignmentSeed, applications: 2, experts: experts.length, pairs: 6, shortfalls: 0 });

    // the same input with the audited seed gives the stored assignment again
    const applications = await Promise.all(applicationIds.map(async (id) => (await callApi(base, 'GET', `/api/admin/applications/${id}`, { token: admin })).body.application));
    const context = roundAssignmentContext({ round: { id: roundId, avoidSameRegion: round.avoidSameRegion, assignmentSeed: String(started.detail!['seed']) }, program: findProgram('gx-city-consortium')!, applications, experts });
    const again = assignExperts({ ...context, expertsPerApplication: 3, mode: 'draw' });
    expect(again.seed).toBe(round.assignmentSeed);
    for (const id of applicationIds) expect(new Set(stored[id])).toEqual(new Set(again.assignments[id]));
    // the avoid list holds in a draw too
    const avoided = experts.find((expert: { name: string }) => expert.name === '抽取专家甲').id;
    for (const id of applicationIds) expect(stored[id]).not.toContain(avoided);
  });
});

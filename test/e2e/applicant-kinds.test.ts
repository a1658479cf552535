/**
 * Applicant kinds enforced, over HTTP against the local runtime: an organisation's kind is part
 * of its profile (单位信息, `GET/PUT /api/profile`), a 市域产教联合体 round (only 设区市人民政府
 * may apply) refuses a school and an organisation without a profile and accepts a city
 * government, and staff list and correct organisations (`/api/admin/organizations`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, devToken } from '../support/http-client.js';
import { cityConsortiumForm, openCityRound } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;
let roundId: string;

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '职成处' });
  roundId = await openCityRound(base, admin);
});

const apply = (token: string, applicantName: string) =>
  callApi(base, 'POST', '/api/applications', { token, body: { roundId, form: cityConsortiumForm(applicantName, `${applicantName}产教联合体`) } });

describe('applicant kinds of a 市域产教联合体 round', () => {
  it('asks an organisation without a profile to complete it first', async () => {
    const newcomer = await devToken(base, { role: 'institution', orgId: 'org-newcomer', kind: null });
    const profile = await callApi(base, 'GET', '/api/profile', { token: newcomer });
    expect(profile.status).toBe(200);
    expect(profile.body.organization).toBeNull();
    expect(profile.body.kinds).toContainEqual({ code: 'city_government', label: '设区市人民政府' });
    const refused = await apply(newcomer, '某单位');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'PROFILE_INCOMPLETE', details: [{ path: 'kind' }] });
    expect(refused.body.error.message).toContain('单位信息');
  });

  it('refuses a school, naming who may apply, and accepts a city government', async () => {
    const school = await devToken(base, { role: 'institution', orgId: 'org-gxzy', kind: null });
    const saved = await callApi(base, 'PUT', '/api/profile', { token: school, body: { name: '广西职业技术学院', kind: 'vocational_college' } });
    expect(saved.status).toBe(200);
    expect(saved.body.organization).toMatchObject({ id: 'org-gxzy', name: '广西职业技术学院', kind: 'vocational_college', kindLabel: '职业院校', version: 1 });
    const refused = await apply(school, '广西职业技术学院');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'APPLICANT_KIND_NOT_ALLOWED',
      message: '本项目仅限设区市人民政府申报',
      details: [{ path: 'kind', kind: 'vocational_college', allowed: ['city_government'] }],
    });
    expect((await callApi(base, 'GET', '/api/applications', { token: school })).body.applications).toEqual([]);

    const city = await devToken(base, { role: 'institution', orgId: 'org-wuzhou', kind: null });
    const profile = { name: '梧州市人民政府', kind: 'city_government', creditCode: '11450400007565512E' };
    expect((await callApi(base, 'PUT', '/api/profile', { token: city, body: { ...profile, creditCode: '11450400007565512F' } })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'creditCode' }] });
    expect((await callApi(base, 'PUT', '/api/profile', { token: city, body: profile })).status).toBe(200);
    const accepted = await apply(city, '梧州市人民政府');
    expect(accepted.status).toBe(201);
    expect(accepted.body.application).toMatchObject({ orgId: 'org-wuzhou', status: 'draft' });
  });

  it('lets staff list organisations and correct a kind, which the next application follows', async () => {
    const school = await devToken(base, { role: 'institution', orgId: 'org-hezhou', kind: null });
    await callApi(base, 'PUT', '/api/profile', { token: school, body: { name: '贺州市人民政府', kind: 'other' } });
    expect((await apply(school, '贺州市人民政府')).body.error.code).toBe('APPLICANT_KIND_NOT_ALLOWED');

    const listed = await callApi(base, 'GET', '/api/admin/organizations', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.organizations).toContainEqual(expect.objectContaining({ id: 'org-hezhou', kind: 'other', kindLabel: '其他单位' }));
    const corrected = await callApi(base, 'PUT', '/api/admin/organizations/org-hezhou', { token: admin, body: { name: '贺州市人民政府', kind: 'city_government' } });
    expect(corrected.body.organization).toMatchObject({ kind: 'city_government', version: 2 });
    // The same correction again changes nothing.
    expect((await callApi(base, 'PUT', '/api/admin/organizations/org-hezhou', { token: admin, body: { name: '贺州市人民政府', kind: 'city_government' } })).body.organization.version).toBe(2);
    expect((await apply(school, '贺州市人民政府')).status).toBe(201);

    const trail = await callApi(base, 'GET', '/api/admin/audit?entityId=org-hezhou', { token: admin });
    expect(trail.body.events.map((event: { action: string; actor: string }) => [event.action, event.actor.split(':')[0]])).toEqual([
      ['organization.created', 'institution'],
      ['organization.updated', 'admin'],
    ]);
    expect(trail.body.events[1].detail).toEqual({ fields: ['kind'] });
  });

  it('keeps each side to its own routes and refuses a kind outside the vocabulary', async () => {
    const school = await devToken(base, { role: 'institution', orgId: 'org-gxzy' });
    expect((await callApi(base, 'GET', '/api/admin/organizations', { token: school })).status).toBe(403);
    expect((await callApi(base, 'GET', '/api/profile', { token: admin })).status).toBe(403);
    const unknown = await callApi(base, 'PUT', '/api/profile', { token: school, body: { name: '广西职业技术学院', kind: 'school' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  });
});

/**
 * Restart safety: stopping and starting the runtime keeps the data, and a workflow that was
 * waiting (here the round waiting for its intake deadline) carries on after the restart. The
 * runtime's own AWS credentials survive too: an upload slot handed out before the restart
 * (a presigned POST signed with them) still takes its file after it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { startRuntimeProcess, type RuntimeProcess } from '../support/runtime-process.js';
import { postUpload, samplePdf } from '../support/uploads.js';

const started: RuntimeProcess[] = [];

afterAll(async () => {
  for (const runtime of started.reverse()) await runtime.dispose();
});

describe('the local runtime across a restart', () => {
  it('keeps records and resumes the waiting round workflow, which closes intake at its deadline', async () => {
    const first = await startRuntimeProcess();
    started.push(first);
    let admin = await devToken(first.baseUrl, { role: 'admin' });
    const now = Date.parse((await callApi(first.baseUrl, 'GET', '/dev/health')).body.now);
    const round = await callApi(first.baseUrl, 'POST', '/api/admin/rounds', {
      token: admin,
      body: {
        programId: 'gx-industry-community',
        title: '重启测试批次',
        year: 2026,
        intakeOpensAt: new Date(now - 60_000).toISOString(),
        intakeClosesAt: new Date(now + 3600_000).toISOString(),
      },
    });
    expect(round.status).toBe(201);
    const roundId = round.body.round.id as string;
    const institution = await devToken(first.baseUrl, { role: 'institution', orgId: 'org-a', kind: 'industry_organization' });
    const draft = await callApi(first.baseUrl, 'POST', '/api/applications', { token: institution, body: { roundId, form: { applicantName: '某行业协会', projectTitle: '某行业产教融合共同体' } } });
    expect(draft.status).toBe(201);
    const pdf = await samplePdf();
    const slot = await callApi(first.baseUrl, 'POST', `/api/applications/${draft.body.application.id}/evidence`, {
      token: institution,
      body: { materialKey: 'application_form', fileName: '申报书.pdf', contentType: 'application/pdf', size: pdf.length },
    });
    expect(slot.status).toBe(201);
    const credentialsFile = join(first.dataDir, 'aws-credentials.json');
    const credentials = readFileSync(credentialsFile, 'utf8');
    await first.stop();

    // Same port: the upload URL names it.
    const second = await startRuntimeProcess({ dataDir: first.dataDir, port: Number(new URL(first.baseUrl).port) });
    started.push(second);
    expect(readFileSync(credentialsFile, 'utf8')).toBe(credentials);
    expect((await postUpload(slot.body.upload, pdf)).status).toBe(204);
    const evidence = await eventually(async () => {
      const { body } = await callApi(second.baseUrl, 'GET', `/api/applications/${draft.body.application.id}/evidence/${slot.body.evidence.id}`, { token: institution });
      return body.evidence.status === 'pending' ? undefined : body.evidence;
    }, 'the evidence check after the restart');
    expect(evidence.status).toBe('verified');
    admin = await devToken(second.baseUrl, { role: 'admin' });
    expect((await callApi(second.baseUrl, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round).toMatchObject({ status: 'open', counts: { draft: 1 } });

    await callApi(second.baseUrl, 'POST', '/dev/clock', { body: { advanceSeconds: 2 * 3600 } });
    const closed = await eventually(async () => {
      const { body } = await callApi(second.baseUrl, 'GET', `/api/admin/rounds/${roundId}`, { token: admin });
      return body.round.status === 'open' ? undefined : body.round;
    }, 'intake to close on its own');
    expect(closed.intakeClosedAt).toBeDefined();
    expect(['screening', 'assigning', 'in_review', 'awaiting_shortlist_approval']).toContain(closed.status);

    const lateInstitution = await devToken(second.baseUrl, { role: 'institution', orgId: 'org-a' });
    const late = await callApi(second.baseUrl, 'POST', `/api/applications/${draft.body.application.id}/submit`, { token: lateInstitution, body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INTAKE_CLOSED');
  });
});

/**
 * Application intake over HTTP against the local runtime: evidence uploads (presigned POST
 * conditions, magic bytes, hashing, idempotent processing), ownership, eligibility screening,
 * return for correction and resubmission.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { miitDemoBaseForm } from '../support/forms.js';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { useRuntimeProcess } from '../support/runtime-process.js';
import { postUpload, samplePdf, samplePng } from '../support/uploads.js';
import { pdfWithJavaScript, windowsProgram, zipBombFile, zipFile } from '../unit/evidence/fixtures.js';

const runtime = useRuntimeProcess();
let base: string;
let admin: string;
let owner: string;
let stranger: string;
let roundId: string;

const miitForm = miitDemoBaseForm();

beforeAll(async () => {
  base = runtime().baseUrl;
  admin = await devToken(base, { role: 'admin', name: '人事教育司' });
  owner = await devToken(base, { role: 'institution', orgId: 'org-buaa', kind: 'miit_university' });
  stranger = await devToken(base, { role: 'institution', orgId: 'org-other', kind: 'miit_university' });
  const now = Date.parse((await callApi(base, 'GET', '/dev/health')).body.now);
  const round = await callApi(base, 'POST', '/api/admin/rounds', {
    token: admin,
    body: { programId: 'miit-demo-base', title: '首批示范基地认定', year: 2026, intakeOpensAt: new Date(now - 60_000).toISOString(), intakeClosesAt: new Date(now + 30 * 86_400_000).toISOString() },
  });
  roundId = round.body.round.id;
});

async function newApplication(form: Record<string, unknown> = miitForm): Promise<string> {
  const created = await callApi(base, 'POST', '/api/applications', { token: owner, body: { roundId, form } });
  expect(created.status).toBe(201);
  return created.body.application.id;
}

async function requestUpload(applicationId: string, body: Record<string, unknown>) {
  return callApi(base, 'POST', `/api/applications/${applicationId}/evidence`, { token: owner, body });
}

async function settledEvidence(applicationId: string, evidenceId: string) {
  return eventually(async () => {
    const { body } = await callApi(base, 'GET', `/api/applications/${applicationId}/evidence/${evidenceId}`, { token: owner });
    return body.evidence.status === 'pending' ? undefined : body.evidence;
  }, 'evidence processing');
}

async function uploadVerified(applicationId: string, materialKey: string, bytes: Uint8Array): Promise<string> {
  const requested = await requestUpload(applicationId, { materialKey, fileName: `${materialKey}.pdf`, contentType: 'application/pdf', size: bytes.length });
  expect(requested.status).toBe(201);
  expect((await postUpload(requested.body.upload, bytes)).status).toBe(204);
  expect((await settledEvidence(applicationId, requested.body.evidence.id)).status).toBe('verified');
  return requested.body.evidence.id;
}

describe('evidence uploads', () => {
  it('verifies a good PDF, records its sha256 and page count, and a repeated upload event changes nothing', async () => {
    const applicationId = await newApplication();
    const pdf = await samplePdf(3);
    const requested = await requestUpload(applicationId, { materialKey: 'application_form', fileName: '申请书.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(requested.status).toBe(201);
    const { url, fields } = requested.body.upload;
    expect(fields.key).toBe(`quarantine/${roundId}/${applicationId}/${requested.body.evidence.id}`);
    const policy = JSON.parse(Buffer.from(fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(expect.arrayContaining([['content-length-range', 1, pdf.length], ['eq', '$Content-Type', 'application/pdf']]));
    expect(Date.parse(policy.expiration) - Date.parse((await callApi(base, 'GET', '/dev/health')).body.now)).toBeLessThanOrEqual(15 * 60_000);

    expect((await postUpload({ url, fields }, pdf)).status).toBe(204);
    const evidence = await settledEvidence(applicationId, requested.body.evidence.id);
    expect(evidence).toMatchObject({ status: 'verified', sha256: createHash('sha256').update(pdf).digest('hex'), pages: 3 });

    // The same upload delivered again (a retried POST and so a second S3 event) is harmless.
    expect((await postUpload({ url, fields }, pdf)).status).toBe(204);
    await new Promise((done) => setTimeout(done, 500));
    const again = (await callApi(base, 'GET', `/api/applications/${applicationId}/evidence/${evidence.id}`, { token: owner })).body.evidence;
    expect(again).toEqual(evidence);
  });

  it('refuses a size above the material limit and a type the material does not accept before any upload', async () => {
    const applicationId = await newApplication();
    const tooBig = await requestUpload(applicationId, { materialKey: 'application_form', fileName: 'a.pdf', contentType: 'application/pdf', size: 60 * 1024 * 1024 });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('FILE_TOO_LARGE');
    const wrongType = await requestUpload(applicationId, { materialKey: 'application_form', fileName: 'a.png', contentType: 'image/png', size: 100 });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(wrongType.body.error.message).toMatch(/只接受/);
    const unknownField = await requestUpload(applicationId, { materialKey: 'application_form', fileName: 'a.pdf', contentType: 'application/pdf', size: 1, extra: 1 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('lets the upload policy refuse a larger file, another key, another type and an empty file, with reasons', async () => {
    const applicationId = await newApplication();
    const pdf = await samplePdf();
    const requested = await requestUpload(applicationId, { materialKey: 'evidence', fileName: 'e.pdf', contentType: 'application/pdf', size: pdf.length });
    const upload = requested.body.upload;

    const larger = await postUpload(upload, new Uint8Array([...pdf, ...pdf]));
    expect(larger.status).toBe(400);
    expect(larger.text).toContain('EntityTooLarge');

    const otherKey = await postUpload(upload, pdf, { fields: { key: `quarantine/${roundId}/someone-else/x` } });
    expect(otherKey.status).toBe(403);
    expect(otherKey.text).toContain('AccessDenied');
    expect(otherKey.text).toMatch(/<Reason>.+<\/Reason>/);

    const otherType = await postUpload(upload, pdf, { fields: { 'Content-Type': 'text/html' } });
    expect(otherType.status).toBe(403);

    const empty = await postUpload(upload, new Uint8Array());
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('EntityTooSmall');
  });

  it('rejects a file whose content does not match its declared type, and an empty-looking PDF', async () => {
    const applicationId = await newApplication();
    const disguised = await requestUpload(applicationId, { materialKey: 'evidence', fileName: '照片.pdf', contentType: 'application/pdf', size: samplePng.length });
    expect((await postUpload(disguised.body.upload, samplePng)).status).toBe(204);
    const rejected = await settledEvidence(applicationId, disguised.body.evidence.id);
    expect(rejected.status).toBe('rejected');
    expect(rejected.reason).toMatch(/不符/);

    const garbage = new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf');
    const broken = await requestUpload(applicationId, { materialKey: 'evidence', fileName: '坏文件.pdf', contentType: 'application/pdf', size: garbage.length });
    expect((await postUpload(broken.body.upload, garbage)).status).toBe(204);
    const refused = await settledEvidence(applicationId, broken.body.evidence.id);
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toBeTruthy();
  });

  it('refuses a zip bomb and an archive holding a program, and flags a PDF with JavaScript for staff', async () => {
    const applicationId = await newApplication();
    const upload = async (fileName: string, contentType: string, bytes: Buffer) => {
      const requested = await requestUpload(applicationId, { materialKey: 'evidence', fileName, contentType, size: bytes.length });
      expect(requested.status).toBe(201);
      expect((await postUpload(requested.body.upload, bytes)).status).toBe(204);
      return settledEvidence(applicationId, requested.body.evidence.id);
    };
    const bomb = await upload('材料.zip', 'application/zip', await zipBombFile(200));
    expect(bomb).toMatchObject({ status: 'rejected', reason: expect.stringContaining('压缩炸弹') });
    const program = await upload('安装包.zip', 'application/zip', zipFile([{ name: '说明.txt', data: '说明' }, { name: 'setup.exe', data: windowsProgram() }]));
    expect(program).toMatchObject({ status: 'rejected', reason: expect.stringContaining('“setup.exe”') });
    const scripted = await upload('协议.pdf', 'application/pdf', await pdfWithJavaScript({ objectStreams: false }));
    expect(scripted).toMatchObject({ status: 'verified', flags: ['pdf_javascript'], flagLabels: ['PDF 内含 JavaScript 脚本或自动动作，请谨慎打开'] });

    const listed = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}/applications`, { token: admin })).body.applications.find((item: { id: string }) => item.id === applicationId);
    const byId = new Map(listed.evidence.map((item: { id: string }) => [item.id, item]));
    expect(byId.get(scripted.id)).toMatchObject({ status: 'verified', flags: ['pdf_javascript'], flagLabels: [expect.stringContaining('JavaScript')] });
    // the refused archives no longer count once a newer file of the material exists
    expect([...byId.keys()]).toEqual([scripted.id]);
  });

  it('refuses an upload whose policy has expired', async () => {
    const applicationId = await newApplication();
    const pdf = await samplePdf();
    const requested = await requestUpload(applicationId, { materialKey: 'evidence', fileName: 'late.pdf', contentType: 'application/pdf', size: pdf.length });
    await callApi(base, 'POST', '/dev/clock', { body: { advanceSeconds: 16 * 60 } });
    const late = await postUpload(requested.body.upload, pdf);
    expect(late.status).toBe(403);
    expect(late.text).toMatch(/expired/i);
  });
});

describe('ownership', () => {
  it("answers 403 to another institution for every route on an application", async () => {
    const applicationId = await newApplication();
    const attempts = [
      callApi(base, 'GET', `/api/applications/${applicationId}`, { token: stranger }),
      callApi(base, 'PATCH', `/api/applications/${applicationId}`, { token: stranger, body: { form: miitForm } }),
      callApi(base, 'POST', `/api/applications/${applicationId}/evidence`, { token: stranger, body: { materialKey: 'evidence', fileName: 'x.pdf', contentType: 'application/pdf', size: 10 } }),
      callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: stranger, body: {} }),
      callApi(base, 'POST', `/api/applications/${applicationId}/withdraw`, { token: stranger, body: {} }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    const list = await callApi(base, 'GET', '/api/applications', { token: stranger });
    expect(list.body.applications.map((item: { id: string }) => item.id)).not.toContain(applicationId);
    expect((await callApi(base, 'GET', `/api/applications/${applicationId}`)).status).toBe(401);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: owner })).status).toBe(403);
  });
});

describe('submission and screening', () => {
  it('refuses an incomplete submission with the missing items', async () => {
    const applicationId = await newApplication({ applicantName: '某大学', projectTitle: '某基地' });
    const incomplete = await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: owner, body: {} });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.code).toBe('FORM_INVALID');
    await callApi(base, 'PATCH', `/api/applications/${applicationId}`, { token: owner, body: { form: miitForm } });
    const removed = await uploadVerified(applicationId, 'application_form', await samplePdf());
    const taken = await callApi(base, 'DELETE', `/api/applications/${applicationId}/evidence/${removed}`, { token: owner });
    expect(taken.body.evidence.status).toBe('removed');
    expect((await callApi(base, 'DELETE', `/api/applications/${applicationId}/evidence/${removed}`, { token: stranger })).status).toBe(403);
    const noMaterials = await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: owner, body: {} });
    expect(noMaterials.status).toBe(422);
    expect(noMaterials.body.error.code).toBe('MATERIALS_INCOMPLETE');
    expect(noMaterials.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['application_form', 'evidence']);
  });

  it('flags a failed automatic rule with its text, returns for correction, accepts the resubmission, and locks evidence after submit', async () => {
    const applicationId = await newApplication({ ...miitForm, enterpriseMentorCount: 5, mentorTotalCount: 30 });
    const pdf = await samplePdf();
    await uploadVerified(applicationId, 'application_form', pdf);
    await uploadVerified(applicationId, 'evidence', pdf);
    expect((await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: owner, body: {} })).body.application.status).toBe('submitted');
    expect((await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: owner, body: {} })).status).toBe(200);

    const firstFile = (await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: owner })).body.application.evidence[0].id;
    expect((await callApi(base, 'DELETE', `/api/applications/${applicationId}/evidence/${firstFile}`, { token: owner })).status).toBe(409);
    const locked = await requestUpload(applicationId, { materialKey: 'evidence', fileName: 'more.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('INVALID_STATE');
    expect((await callApi(base, 'PATCH', `/api/applications/${applicationId}`, { token: owner, body: { form: miitForm } })).status).toBe(409);

    const screening = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/api/admin/rounds/${roundId}/applications`, { token: admin });
      const application = body.applications.find((item: { id: string }) => item.id === applicationId);
      return application?.status === 'screening' && application.eligibility ? application : undefined;
    }, 'screening');
    expect(screening.eligibility.passed).toBe(false);
    const mentorRule = screening.eligibility.results.find((result: { code: string }) => result.code === '4.2d');
    expect(mentorRule).toMatchObject({ outcome: 'fail', kind: 'auto' });
    expect(mentorRule.text).toContain('1/3');
    expect(mentorRule.detail).toContain('16.7%');

    const missingReason = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'return', reasons: [] } });
    expect(missingReason.status).toBe(400);
    const returned = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'return', reasons: ['企业导师占比不足，请补充导师名单'] } });
    expect(returned.body.application.status).toBe('returned');
    const mail = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(miitForm.contactEmail)}`);
      return body.messages.find((message: { subject: string }) => message.subject.includes('退回补正'));
    }, 'return mail');
    expect(mail.text).toContain('企业导师占比不足');

    expect((await callApi(base, 'PATCH', `/api/applications/${applicationId}`, { token: owner, body: { form: miitForm } })).status).toBe(200);
    expect((await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: owner, body: {} })).body.application).toMatchObject({ status: 'submitted', submissions: 2 });
    const rescreened = await eventually(async () => {
      const { body } = await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: owner });
      return body.application.status === 'screening' && body.application.eligibility?.passed ? body.application : undefined;
    }, 'second screening');
    expect(rescreened.eligibility.results.find((result: { code: string }) => result.code === '4.2d').outcome).toBe('pass');
    const accepted = await callApi(base, 'POST', `/api/admin/applications/${applicationId}/screening`, { token: admin, body: { outcome: 'accept' } });
    expect(accepted.body.application.status).toBe('accepted');
    const events = (await callApi(base, 'GET', `/api/admin/audit?entityId=${applicationId}`, { token: admin })).body.events.map((event: { action: string }) => event.action);
    expect(events.filter((action: string) => action === 'application.submitted')).toHaveLength(2);
    expect(events).toContain('application.returned');
  });
});

describe('the audit trail of an edit', () => {
  it('records a PATCH with who made it and the versions it moved between; a refused PATCH records nothing', async () => {
    const applicationId = await newApplication({ applicantName: miitForm.applicantName, projectTitle: '某基地' });
    const edited = await callApi(base, 'PATCH', `/api/applications/${applicationId}`, { token: owner, body: { form: miitForm } });
    expect(edited.status).toBe(200);
    expect(edited.body.application).toMatchObject({ version: 2, title: miitForm.projectTitle });
    const refused = await callApi(base, 'PATCH', `/api/applications/${applicationId}`, { token: owner, body: { form: { ...miitForm, nickname: '北航' } } });
    expect(refused.status).toBe(400);
    const { events } = (await callApi(base, 'GET', `/api/admin/audit?entityId=${applicationId}`, { token: admin })).body;
    const byOwner = expect.stringMatching(/^institution:/);
    expect(events).toEqual([
      expect.objectContaining({ action: 'application.created', entityType: 'application', entityId: applicationId, actor: byOwner, fromVersion: 0, toVersion: 1 }),
      expect.objectContaining({ action: 'application.edited', entityType: 'application', entityId: applicationId, actor: events[0].actor, fromVersion: 1, toVersion: 2 }),
    ]);
    expect((await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: owner })).body.application.version).toBe(2);
  });
});

describe('uploads racing a submission', () => {
  it('registers no upload slot after the submission, and the submission decides on exactly the files it saw', async () => {
    const applicationId = await newApplication();
    const pdf = await samplePdf();
    await uploadVerified(applicationId, 'application_form', pdf);
    await uploadVerified(applicationId, 'evidence', pdf);
    const ask = () => requestUpload(applicationId, { materialKey: 'evidence', fileName: '补充材料.pdf', contentType: 'application/pdf', size: pdf.length });
    const submit = async () => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const answer = await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: owner, body: {} });
        if (answer.status !== 409 || answer.body.error.code !== 'CONCURRENT_UPDATE') return answer;
      }
      throw new Error('the submission kept losing to the uploads');
    };
    // 20 requests for a slot spread over a short time, the submission sent among them.
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const asked = Array.from({ length: 20 }, async (_, index) => {
      await pause(index * 2);
      return ask();
    });
    const submitted = pause(20).then(submit);
    const answers = await Promise.all(asked);
    const submission = await submitted;

    expect(submission.status).toBe(200);
    const submittedAt = Date.parse(submission.body.application.submittedAt);
    for (const answer of answers) {
      expect([201, 409]).toContain(answer.status);
      if (answer.status === 409) expect(['INVALID_STATE', 'CONCURRENT_UPDATE']).toContain(answer.body.error.code);
    }
    const created = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.evidence);
    for (const slot of created) expect(Date.parse(slot.createdAt)).toBeLessThanOrEqual(submittedAt);
    const seen = submission.body.application.evidence.map((item: { id: string }) => item.id).sort();
    const stored = (await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: owner })).body.application;
    expect(stored.status).not.toBe('draft');
    expect(stored.evidence.map((item: { id: string }) => item.id).sort()).toEqual(seen);
    expect(seen).toEqual(expect.arrayContaining(created.map((slot: { id: string }) => slot.id)));
    expect(seen).toHaveLength(2 + created.length);
    // after the submission no slot can be added any more
    const after = await ask();
    expect([after.status, after.body.error.code]).toEqual([409, 'INVALID_STATE']);
  });
});

describe('withdrawal', () => {
  it('withdraws once, answers a repeated withdrawal with the same state, and refuses later changes', async () => {
    const applicationId = await newApplication();
    const first = await callApi(base, 'POST', `/api/applications/${applicationId}/withdraw`, { token: owner, body: {} });
    expect(first.body.application.status).toBe('withdrawn');
    const again = await callApi(base, 'POST', `/api/applications/${applicationId}/withdraw`, { token: owner, body: {} });
    expect(again.body.application).toEqual(first.body.application);
    const submit = await callApi(base, 'POST', `/api/applications/${applicationId}/submit`, { token: owner, body: {} });
    expect(submit.status).toBe(409);
    expect((await callApi(base, 'PATCH', `/api/applications/${applicationId}`, { token: owner, body: { form: miitForm } })).status).toBe(409);
    const events = (await callApi(base, 'GET', `/api/admin/audit?entityId=${applicationId}`, { token: admin })).body.events.map((event: { action: string }) => event.action);
    expect(events.filter((action: string) => action === 'application.withdrawn')).toHaveLength(1);
  });
});

describe('idempotent requests', () => {
  async function post(token: string | undefined, key: string, body: unknown) {
    const response = await fetch(`${base}/api/applications`, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('answers a repeated create with the same Idempotency-Key with the first result and creates one draft', async () => {
    const key = `create-${Date.now()}`;
    const before = (await callApi(base, 'GET', '/api/applications', { token: owner })).body.applications.length;
    const first = await post(owner, key, { roundId, form: miitForm });
    const second = await post(owner, key, { roundId, form: miitForm });
    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    expect((await callApi(base, 'GET', '/api/applications', { token: owner })).body.applications.length).toBe(before + 1);
    const third = await post(owner, `${key}-other`, { roundId, form: miitForm });
    expect(third.body.application.id).not.toBe(first.body.application.id);
  });

  it('refuses the same key for another request or another caller', async () => {
    const key = `reuse-${Date.now()}`;
    expect((await post(owner, key, { roundId, form: miitForm })).status).toBe(201);
    const otherBody = await post(owner, key, { roundId, form: { ...miitForm, projectTitle: '另一个项目' } });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherCaller = await post(stranger, key, { roundId, form: miitForm });
    expect(otherCaller.status).toBe(422);
  });

  it('refuses a caller who may not call the route before looking at the key, and keeps the first caller\'s record', async () => {
    const key = `unauthorised-${Date.now()}`;
    const first = await post(owner, key, { roundId, form: miitForm });
    expect(first.status).toBe(201);
    const wrongRole = await post(admin, key, { roundId, form: miitForm });
    expect([wrongRole.status, wrongRole.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await post(undefined, key, { roundId, form: { ...miitForm, projectTitle: '另一个项目' } });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await post(owner, key, { roundId, form: miitForm })).toEqual(first);
  });

  it('leaves reads alone: a GET with a key is answered fresh each time', async () => {
    const read = () => fetch(`${base}/api/applications`, { headers: { authorization: `Bearer ${owner}`, 'idempotency-key': 'read-key' } }).then(async (response) => ({ status: response.status, count: ((await response.json()) as any).applications.length }));
    const first = await read();
    await post(owner, `after-read-${Date.now()}`, { roundId, form: miitForm });
    const second = await read();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.count).toBe(first.count + 1);
  });
});

import { describe, expect, it } from 'vitest';
import { andThen } from '#shared/domain/audit-event.js';
import { createApplication, decideScreening, editApplication, moveApplication, startScreening, submitApplication } from '#shared/domain/application.js';
import { recordInspection, requestUpload, type Evidence } from '#shared/domain/evidence.js';
import { advanceRound } from '#shared/domain/round.js';
import { completeForm, makeProgram } from './program-fixture.js';
import { at, draftApplication, openRound, school, staff, t0 } from './records-fixture.js';

const program = makeProgram();

function verifiedEvidence(applicationId = 'app-1', id = 'ev-1', materialKey = 'report', minutes = 1): Evidence {
  const { change } = requestUpload(
    { materialKey, fileName: 'a.pdf', contentType: 'application/pdf', size: 100 },
    { id: applicationId, roundId: 'round-1', orgId: 'org-1', status: 'draft', form: completeForm },
    program,
    { id, actor: school, now: at(minutes) },
  );
  return recordInspection(change.entity, { sha256: 'a'.repeat(64), bytes: 100, detectedFormat: 'pdf', pdfPages: 1 }, { status: 'draft' }, { actor: school, now: at(minutes + 1) })!.entity;
}

describe('applications', () => {
  it('start as drafts with the display fields taken from the form', () => {
    const application = draftApplication();
    expect(application).toMatchObject({ status: 'draft', applicantName: '某某大学', title: '智能制造协同育人基地', submissions: 0, orgId: 'org-1' });
  });

  it('refuse unknown or mistyped form fields in a draft with 400, while missing ones wait for submission', () => {
    const round = openRound();
    const create = (form: Record<string, unknown>) => () => createApplication({ form }, round, program, { id: 'a', orgId: 'o', actor: school, now: t0 });
    expect(create({ applicantName: '某大学', nickname: 'x' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }));
    expect(create({ applicantName: '某大学', collaborationYears: '五年' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'collaborationYears' })] }),
    );
    expect(create({ applicantName: '某大学' })().entity.status).toBe('draft');
  });

  it('cannot be created outside the intake window', () => {
    const round = openRound();
    expect(() => createApplication({ form: completeForm }, round, program, { id: 'a', orgId: 'o', actor: school, now: new Date(Date.parse(round.intakeClosesAt)) })).toThrow(
      expect.objectContaining({ code: 'INTAKE_CLOSED', status: 409 }),
    );
  });

  it('submit only with a complete form and every required material, then lock edits', () => {
    const round = openRound();
    const draft = createApplication({ form: { applicantName: '某某大学', projectTitle: '基地' } }, round, program, { id: 'app-1', orgId: 'org-1', actor: school, now: t0 }).entity;
    expect(() => submitApplication(draft, [verifiedEvidence()], round, program, { actor: school, now: at(5) })).toThrow(expect.objectContaining({ code: 'FORM_INVALID' }));
    const complete = editApplication(draft, completeForm, program, { actor: school, now: at(2) }).entity;
    expect(() => submitApplication(complete, [], round, program, { actor: school, now: at(5) })).toThrow(
      expect.objectContaining({ code: 'MATERIALS_INCOMPLETE', details: [expect.objectContaining({ path: 'report' })] }),
    );
    const submitted = submitApplication(complete, [verifiedEvidence()], round, program, { actor: school, now: at(5) });
    expect(submitted.entity).toMatchObject({ status: 'submitted', submissions: 1, submittedAt: at(5).toISOString() });
    expect(submitted.events.map((event) => event.action)).toEqual(['application.submitted']);
    expect(() => editApplication(submitted.entity, completeForm, program, { actor: school, now: at(6) })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('refuses submission while a current file is rejected, but not once a newer upload replaced it', () => {
    const round = openRound();
    const application = draftApplication(round);
    const { change } = requestUpload({ materialKey: 'report', fileName: 'bad.pdf', contentType: 'application/pdf', size: 10 }, application, program, { id: 'ev-bad', actor: school, now: at(1) });
    const rejected = recordInspection(change.entity, { sha256: 'b'.repeat(64), bytes: 10, detectedFormat: 'png', problem: { code: 'TYPE_MISMATCH', message: '不符' } }, application, { actor: school, now: at(2) })!.entity;
    expect(() => submitApplication(application, [rejected], round, program, { actor: school, now: at(3) })).toThrow(expect.objectContaining({ code: 'EVIDENCE_NOT_VERIFIED' }));
    const replaced = verifiedEvidence('app-1', 'ev-good', 'report', 10);
    expect(submitApplication(application, [rejected, replaced], round, program, { actor: school, now: at(20) }).entity.status).toBe('submitted');
  });

  it('starts screening only once every current file passed its check, keeping the eligibility report', () => {
    const round = openRound();
    const application = draftApplication(round);
    const pending = requestUpload({ materialKey: 'report', fileName: 'a.pdf', contentType: 'application/pdf', size: 100 }, application, program, { id: 'ev-p', actor: school, now: at(1) }).change.entity;
    const submitted = submitApplication(application, [pending], round, program, { actor: school, now: at(2) }).entity;
    expect(() => startScreening(submitted, [pending], program, { actor: staff, now: at(3) })).toThrow(expect.objectContaining({ code: 'EVIDENCE_PENDING', status: 409 }));
    expect(() => startScreening(application, [verifiedEvidence()], program, { actor: staff, now: at(3) })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    const started = startScreening(submitted, [verifiedEvidence()], program, { actor: staff, now: at(3) }).entity;
    expect(started.status).toBe('screening');
    expect(started.eligibility?.results.length).toBeGreaterThan(0);
  });

  it('cannot be submitted after intake closed, even within the window once staff closed it', () => {
    const round = openRound();
    const closed = advanceRound(round, 'screening', {}, { actor: staff, now: at(1), action: 'round.intake_closed' }).entity;
    expect(() => submitApplication(draftApplication(round), [verifiedEvidence()], closed, program, { actor: school, now: at(2) })).toThrow(
      expect.objectContaining({ code: 'INTAKE_CLOSED', status: 409 }),
    );
  });

  it('chain two moves into one write with both audit events (screening, then returned)', () => {
    const round = openRound();
    const submitted = submitApplication(draftApplication(round), [verifiedEvidence()], round, program, { actor: school, now: at(5) }).entity;
    const change = andThen(moveApplication(submitted, 'screening', {}, { actor: staff, now: at(6), action: 'a' }), (next) =>
      moveApplication(next, 'returned', {}, { actor: staff, now: at(6), action: 'b' }),
    );
    expect(change.expectedVersion).toBe(submitted.version);
    expect(change.entity).toMatchObject({ status: 'returned', version: submitted.version + 2 });
    expect(change.events.map((event) => [event.action, event.fromVersion, event.toVersion])).toEqual([
      ['a', submitted.version, submitted.version + 1],
      ['b', submitted.version + 1, submitted.version + 2],
    ]);
    expect(() => moveApplication(submitted, 'recognized', {}, { actor: staff, now: at(6), action: 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('take a formal-review decision only in screening, and a return or refusal only with reasons', () => {
    const round = openRound();
    const submitted = submitApplication(draftApplication(round), [verifiedEvidence()], round, program, { actor: school, now: at(5) }).entity;
    const context = { actor: staff, actorName: '职成处', now: at(6) };
    expect(() => decideScreening(submitted, { outcome: 'accept', reasons: [] }, context)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    const screening = moveApplication(submitted, 'screening', {}, { ...context, action: 'application.screening_started' }).entity;
    expect(() => decideScreening(screening, { outcome: 'return', reasons: [] }, context)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }));
    const returned = decideScreening(screening, { outcome: 'return', reasons: ['缺少盖章页'] }, context);
    expect(returned.entity).toMatchObject({ status: 'returned', screening: { outcome: 'return', reasons: ['缺少盖章页'], by: '职成处', at: at(6).toISOString() } });
    expect(returned.events.map((event) => event.action)).toEqual(['application.returned']);
    expect(decideScreening(screening, { outcome: 'accept', reasons: [] }, context).entity.status).toBe('accepted');
    expect(decideScreening(screening, { outcome: 'ineligible', reasons: ['合作不满 3 年'] }, context).entity.status).toBe('ineligible');
  });
});

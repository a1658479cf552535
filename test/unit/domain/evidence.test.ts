import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicableMaterials, currentEvidence, parseQuarantineKey, quarantineKey, recordInspection, removeEvidence, requestUpload, type Evidence } from '#shared/domain/evidence.js';
import { completeForm, makeProgram } from './program-fixture.js';
import { at, school } from './records-fixture.js';

const program = makeProgram();
const application = { id: 'app-1', roundId: 'round-1', orgId: 'org-1', status: 'draft', form: completeForm };

function pending(id: string, minutes: number, materialKey = 'report'): Evidence {
  return requestUpload({ materialKey, fileName: `${id}.pdf`, contentType: 'application/pdf', size: 10 }, application, program, { id, actor: school, now: at(minutes) }).change.entity;
}

const findings = { sha256: 'c'.repeat(64), bytes: 10, detectedFormat: 'pdf' as const, pdfPages: 2 };

describe('the materials of an application', () => {
  it('are those whose condition its form satisfies, a multiselect counting when it contains the value (as every `when`)', () => {
    const conditioned = makeProgram({
      materials: [
        { key: 'report', title: '申报书', required: true, formats: ['pdf'], maxBytes: 10_000_000 },
        { key: 'placements', title: '就业协议', required: true, formats: ['pdf'], maxBytes: 10_000_000, when: { field: 'baseType', equals: 'employment' } },
        { key: 'ai_lab', title: '实训室照片', required: false, formats: ['pdf'], maxBytes: 10_000_000, when: { field: 'fields', equals: 'ai' } },
      ],
    });
    const keys = (form: Record<string, unknown>) => applicableMaterials(conditioned, form).map((material) => material.key);
    expect(keys({ baseType: 'employment', fields: ['auto', 'ai'] })).toEqual(['report', 'placements', 'ai_lab']);
    expect(keys({ baseType: 'teaching', fields: ['auto'] })).toEqual(['report']);
  });
});

describe('evidence', () => {
  it('asks for an upload only for a known material, an accepted type and a size within the limit', () => {
    expect(pending('e', 0)).toMatchObject({ status: 'pending', quarantineKey: 'quarantine/round-1/app-1/e', declaredBytes: 10 });
    const ask = (request: Partial<{ materialKey: string; contentType: string; size: number }>) => () =>
      requestUpload({ materialKey: 'report', fileName: 'a', contentType: 'application/pdf', size: 10, ...request }, application, program, { id: 'e', actor: school, now: at(0) });
    expect(ask({ materialKey: 'nope' })).toThrow(expect.objectContaining({ code: 'MATERIAL_UNKNOWN', status: 422 }));
    expect(ask({ contentType: 'image/png' })).toThrow(expect.objectContaining({ code: 'FILE_TYPE_NOT_ALLOWED', status: 422 }));
    expect(ask({ size: 10_000_001 })).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE', status: 413 }));
    expect(() => requestUpload({ materialKey: 'report', fileName: 'a', contentType: 'application/pdf', size: 10 }, { ...application, status: 'submitted' }, program, { id: 'e', actor: school, now: at(0) })).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', status: 409 }),
    );
  });

  it('records findings once: verified with the evidence key, or rejected with the reason; a second delivery is a no-op', () => {
    const verified = recordInspection(pending('e', 0), findings, application, { actor: school, now: at(1) })!;
    expect(verified.entity).toMatchObject({ status: 'verified', evidenceKey: 'evidence/round-1/app-1/e', sha256: findings.sha256, pdfPages: 2 });
    expect(recordInspection(verified.entity, findings, application, { actor: school, now: at(2) })).toBeUndefined();
    const rejected = recordInspection(pending('f', 0), { ...findings, problem: { code: 'ENCRYPTED_PDF', message: '加密' } }, application, { actor: school, now: at(1) })!;
    expect(rejected.entity).toMatchObject({ status: 'rejected', problemCode: 'ENCRYPTED_PDF', reason: '加密' });
    expect(rejected.entity.evidenceKey).toBeUndefined();
  });

  it('round-trips quarantine keys and refuses any other key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), (round, app, ev) => {
        expect(parseQuarantineKey(quarantineKey(round, app, ev))).toEqual({ roundId: round, applicationId: app, evidenceId: ev });
      }),
    );
    for (const key of ['evidence/r/a/e', 'quarantine/r/a', 'quarantine/r/a/e/x', 'quarantine/../a/e', 'quarantine/r/a/e%2F']) expect(parseQuarantineKey(key)).toBeUndefined();
  });

  it('counts only current files: a rejected file stops counting once a newer file of its material exists', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ material: fc.constantFrom('report', 'other'), rejected: fc.boolean() }), { maxLength: 12 }), (uploads) => {
        const items = uploads.map((upload, index) => {
          const item = { ...pending(`e${index}`, index), materialKey: upload.material };
          return recordInspection(item, upload.rejected ? { ...findings, problem: { code: 'X', message: 'x' } } : findings, application, { actor: school, now: at(index) })!.entity;
        });
        const current = currentEvidence(items);
        for (const item of items) {
          const newer = items.some((other) => other.materialKey === item.materialKey && other.createdAt > item.createdAt);
          expect(current.includes(item)).toBe(item.status !== 'rejected' || !newer);
        }
      }),
    );
  });

  it('can be taken back before submission only; a removed file no longer counts but stays on record', () => {
    const verified = recordInspection(pending('e', 0), findings, application, { actor: school, now: at(1) })!.entity;
    const removed = removeEvidence(verified, { status: 'returned' }, { actor: school, now: at(2) });
    expect(removed.entity.status).toBe('removed');
    expect(removed.events.map((event) => event.action)).toEqual(['evidence.removed']);
    expect(currentEvidence([removed.entity])).toEqual([]);
    expect(() => removeEvidence(removed.entity, { status: 'draft' }, { actor: school, now: at(3) })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => removeEvidence(verified, { status: 'submitted' }, { actor: school, now: at(3) })).toThrow(expect.objectContaining({ code: 'INVALID_STATE', status: 409 }));
  });

  it('keeps what the check flagged for staff on the record', () => {
    const flagged = recordInspection(pending('e', 0), { ...findings, flags: ['pdf_javascript'] }, application, { actor: school, now: at(1) })!.entity;
    expect(flagged).toMatchObject({ status: 'verified', flags: ['pdf_javascript'] });
    expect(recordInspection(pending('f', 0), { ...findings, flags: [] }, application, { actor: school, now: at(1) })!.entity.flags).toBeUndefined();
  });

  it('rejects a file whose slot was registered after the submission, whatever the file holds', () => {
    const submittedAt = at(5).toISOString();
    const submitted = { status: 'submitted', submittedAt };
    const status = (slotMinutes: number, owner: { status: string; submittedAt?: string } | undefined) =>
      recordInspection(pending(`e${slotMinutes}`, slotMinutes), findings, owner, { actor: school, now: at(9) })!.entity;
    expect(status(4, submitted)).toMatchObject({ status: 'verified', evidenceKey: 'evidence/round-1/app-1/e4' });
    expect(status(5, submitted).status).toBe('verified');
    const late = status(6, submitted);
    expect(late).toMatchObject({ status: 'rejected', problemCode: 'UPLOAD_AFTER_SUBMISSION', reason: '申报已提交，该文件在提交后才登记上传，未计入申报材料' });
    expect(late.evidenceKey).toBeUndefined();
    expect(status(6, { status: 'returned', submittedAt }).status).toBe('verified');
    expect(status(6, { status: 'withdrawn', submittedAt }).status).toBe('rejected');
    expect(status(1, undefined).status).toBe('rejected');
  });
});

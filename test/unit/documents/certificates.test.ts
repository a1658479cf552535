/**
 * The recognition certificates (认定证书) of a published round: one per recognised application in
 * the notice's order, with stable numbers, refused before publication and for an application not
 * recognised; rendered and read back as text (the unit, the project, the program, the issuer,
 * the notice number, the certificate number and the Beijing date).
 */
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { applicationCertificate, certificateNumber, roundCertificates } from '#functions/documents/certificate-content.js';
import { loadCjkFonts } from '#functions/documents/cjk-font.js';
import { renderRecognitionCertificates } from '#functions/documents/recognition-certificate.js';
import type { Application } from '#shared/domain/application.js';
import { createRound, type Round } from '#shared/domain/round.js';
import { findProgram } from '#shared/programs/registry.js';
import { pageLines } from '#test/support/pdf-text.js';
import { staff, t0 } from '../domain/records-fixture.js';

const program = findProgram('gx-city-consortium')!;
const approvedAt = '2026-11-30T17:30:00.000Z';

function publishedRound(status: Round['status'] = 'published'): Round {
  const round = createRound(
    { programId: program.id, title: '2026年认定', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: new Date(t0.getTime() + 86_400_000).toISOString() },
    program,
    { id: 'round-certificates', province: 'gx', actor: staff, now: t0 },
  ).entity;
  return {
    ...round,
    status,
    ranking: [
      { applicationId: 'app-b', rank: 1, score: 90, validReviews: 3, spread: 1 },
      { applicationId: 'app-a', rank: 2, score: 80, validReviews: 3, spread: 1 },
      { applicationId: 'app-c', rank: 3, score: 70, validReviews: 3, spread: 1 },
    ],
    finalDecision: { noticeNumber: '桂教职成〔2026〕8号', approvedBy: '职成处', approvedAt },
  };
}

const applications = [
  { id: 'app-a', status: 'recognized', applicantName: '玉林市人民政府', title: '玉林机械制造市域产教联合体' },
  { id: 'app-b', status: 'recognized', applicantName: '柳州市人民政府', title: '柳州汽车产业市域产教联合体' },
  { id: 'app-c', status: 'rejected', applicantName: '钦州市人民政府', title: '钦州港口物流市域产教联合体' },
] as unknown as Application[];
const records = { applications, objections: [] };

describe('the certificates of a round', () => {
  it('are one per recognised application, in ranking order, numbered by the round and the place on the list', () => {
    const round = publishedRound();
    const certificates = roundCertificates(round, program, records);
    expect(certificates.map((item) => [item.applicationId, item.certificateNumber])).toEqual([
      ['app-b', certificateNumber(round, 1)],
      ['app-a', certificateNumber(round, 2)],
    ]);
    expect(certificates[0]).toEqual({
      applicationId: 'app-b',
      organization: '柳州市人民政府',
      title: '柳州汽车产业市域产教联合体',
      programName: program.name,
      issuer: '广西职业教育创新发展领导小组办公室',
      noticeNumber: '桂教职成〔2026〕8号',
      certificateNumber: expect.stringMatching(/^2026-[0-9A-F]{4}-001$/),
      recognizedAt: approvedAt,
    });
  });

  it('are not ready before publication, and an application not recognised has none', () => {
    expect(() => roundCertificates(publishedRound('awaiting_final_approval'), program, records)).toThrow(expect.objectContaining({ code: 'CERTIFICATE_NOT_READY', status: 409 }));
    expect(() => applicationCertificate(publishedRound(), program, records, 'app-c')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', status: 404 }));
    expect(applicationCertificate(publishedRound(), program, records, 'app-a').organization).toBe('玉林市人民政府');
  });

  it('leave a unit revoked since without a certificate, and the others with their numbers', () => {
    const round = publishedRound();
    const before = roundCertificates(round, program, records);
    const revoked = applications.map((item) => (item.id === 'app-b' ? { ...item, status: 'revoked' as const } : item));
    const after = roundCertificates(round, program, { applications: revoked, objections: [] });
    expect(after.map((item) => item.applicationId)).toEqual(['app-a']);
    expect(after[0]!.certificateNumber).toBe(before[1]!.certificateNumber);
  });

  it('give distinct numbers to the units of a round, and the same number on every read', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 998 }), (id, year, position) => {
        const round = { id, year };
        expect(certificateNumber(round, position)).toBe(certificateNumber(round, position));
        expect(certificateNumber(round, position)).not.toBe(certificateNumber(round, position + 1));
      }),
    );
  });
});

describe('a certificate as a PDF', async () => {
  const fonts = await loadCjkFonts();

  it('is one A4 landscape page that reads back with the unit, project, program, issuer, numbers and the Beijing date', async () => {
    const certificates = roundCertificates(publishedRound(), program, records);
    const pdfs = await renderRecognitionCertificates(certificates, fonts);
    expect(pdfs).toHaveLength(2);
    const document = await PDFDocument.load(pdfs[0]!);
    expect(document.getPageCount()).toBe(1);
    expect(document.getPage(0).getSize().width).toBeCloseTo(841.89, 1);
    expect(document.getTitle()).toBe('柳州市人民政府认定证书');
    const lines = pageLines(document)[0]!;
    expect(lines[0]).toBe('认定证书');
    expect(lines[1]).toBe('柳州市人民政府：');
    const text = lines.join('');
    expect(text).toContain(`你单位申报的“柳州汽车产业市域产教联合体”，经组织认定，被认定为${program.name}。`);
    expect(text).toContain('特发此证。');
    expect(lines).toContain('认定文号：桂教职成〔2026〕8号');
    expect(lines).toContain(`证书编号：${certificates[0]!.certificateNumber}`);
    // decided 2026-11-30T17:30Z, already 1 December in Beijing
    expect(lines.slice(-2)).toEqual(['广西职业教育创新发展领导小组办公室', '2026年12月1日']);
    expect(lines.join('\n')).not.toContain('\uFFFD');
    expect(pageLines(await PDFDocument.load(pdfs[1]!))[0]![1]).toBe('玉林市人民政府：');
  });

  it('renders the same bytes on every run (dated on the decision, not the clock)', async () => {
    const [certificate] = roundCertificates(publishedRound(), program, records);
    const [first] = await renderRecognitionCertificates([certificate!], fonts);
    const [second] = await renderRecognitionCertificates([certificate!], fonts);
    expect(Buffer.from(first!).equals(Buffer.from(second!))).toBe(true);
    expect(await renderRecognitionCertificates([], fonts)).toEqual([]);
  });
});

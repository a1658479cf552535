/**
 * What a recognition certificate (认定证书) says, from a published round, its program and its
 * applications: one per recognised application, with the unit's name, the project, the program,
 * the issuer, the notice number, the date of recognition and a certificate number that the round
 * and the application's place on the notice's list decide. Pure: records in, certificate data out.
 */
import { createHash } from 'node:crypto';
import type { Application } from '#shared/domain/application.js';
import { DomainError } from '#shared/domain/errors.js';
import type { Objection } from '#shared/domain/objection.js';
import { noticeIssuerOf, type Round } from '#shared/domain/round.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import { recognizedApplications } from './notice-content.js';

/** What one certificate says. */
export interface CertificateData {
  readonly applicationId: string;
  /** The recognised unit (the applicant's name on its application). */
  readonly organization: string;
  readonly title: string;
  readonly programName: string;
  /** The body that signs the certificate: the round's notice issuer. */
  readonly issuer: string;
  /** The recognition notice's document number (文号). */
  readonly noticeNumber: string;
  /** e.g. `2026-3FA9-001`: the round's year, a code of the round, the place on the notice's list. */
  readonly certificateNumber: string;
  /** The final decision's time (ISO 8601); the certificate is dated on its day in Beijing. */
  readonly recognizedAt: string;
}

/** The records a round's certificates are made from. */
export interface CertificateRecords {
  readonly applications: readonly Application[];
  readonly objections: readonly Objection[];
}

/**
 * The certificate number of the `position`-th (from 1) recognised application of a round: the
 * round's year, four characters derived from the round's id, and the position on the notice's
 * list (ranking order), so every read of the published round gives each unit the same number.
 *
 * @example
 * certificateNumber({ id: 'round-1', year: 2026 }, 3); // '2026-XXXX-003'
 */
export function certificateNumber(round: Pick<Round, 'id' | 'year'>, position: number): string {
  const roundCode = createHash('sha256').update(round.id).digest('hex').slice(0, 4).toUpperCase();
  return `${round.year}-${roundCode}-${String(position).padStart(3, '0')}`;
}

/**
 * Every certificate of a published round, in the notice's order; a unit whose recognition was
 * revoked since has none (its number is not given to another).
 *
 * @throws DomainError CERTIFICATE_NOT_READY (409) before the round's results are published.
 */
export function roundCertificates(round: Round, program: Pick<ProgramTemplate, 'name' | 'issuer' | 'noticeIssuer'>, records: CertificateRecords): CertificateData[] {
  if (round.status !== 'published' || !round.finalDecision) throw new DomainError('CERTIFICATE_NOT_READY', 'unpublished');
  const { noticeNumber, approvedAt } = round.finalDecision;
  const issuer = noticeIssuerOf(round, program).name;
  // Numbered in the notice's order, which keeps the units revoked since, so that a later
  // revocation leaves the other units' numbers as they were.
  const numbered = recognizedApplications(round, records.applications, records.objections);
  return numbered.flatMap((application, index) =>
    application.status === 'recognized'
      ? [
          {
            applicationId: application.id,
            organization: application.applicantName,
            title: application.title,
            programName: program.name,
            issuer,
            noticeNumber,
            certificateNumber: certificateNumber(round, index + 1),
            recognizedAt: approvedAt,
          },
        ]
      : [],
  );
}

/**
 * The certificate of one application of a published round.
 *
 * @throws DomainError CERTIFICATE_NOT_READY (409) before publication; NOT_FOUND (404) when the
 *   application is not one the round recognised.
 */
export function applicationCertificate(round: Round, program: Pick<ProgramTemplate, 'name' | 'issuer' | 'noticeIssuer'>, records: CertificateRecords, applicationId: string): CertificateData {
  const found = roundCertificates(round, program, records).find((certificate) => certificate.applicationId === applicationId);
  if (!found) throw new DomainError('NOT_FOUND', 'notRecognized');
  return found;
}

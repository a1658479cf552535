/** Public routes: the publicity list (公示), objections (异议), the published results and their notice (PDF). */
import * as z from 'zod';
import { DomainError } from '#shared/domain/errors.js';
import { needsPublicity, noticeIssuerOf, type Round } from '#shared/domain/round.js';
import type { Dependencies } from '../composition-root.js';
import { boundedId } from './http/bounded-schemas.js';
import { clientAddressOf } from './http/client-address.js';
import { httpApi, route, type Route } from './http/http-api.js';
import { receiveObjection } from './objection-intake.js';
import { recognizedApplications } from '../documents/notice-content.js';
import { requireRecord, requireRoundProgram } from '../record-lookups.js';
import { roundNoticeDownload } from './round-notice.js';
import { keptUnits, roundRevocations } from './public-revocations.js';
import { isEvaluationRound } from '#shared/domain/evaluation-round.js';

const objectionBody = z
  .object({
    applicationId: boundedId,
    name: z.string().trim().min(1).max(100),
    organization: z.string().trim().max(200).optional(),
    phone: z.string().trim().regex(/^[0-9+\-() ]{7,30}$/),
    content: z.string().trim().min(10).max(5000),
  })
  .strict();

/**
 * A round whose results are published (the public sees nothing of a decision before).
 *
 * @throws DomainError RESULTS_NOT_PUBLISHED (404) before publication.
 */
async function publishedRound(deps: Dependencies, id: string): Promise<Round & { finalDecision: NonNullable<Round['finalDecision']> }> {
  const round = await requireRecord(deps, 'round', id);
  if (round.status !== 'published' || !round.finalDecision) throw new DomainError('RESULTS_NOT_PUBLISHED', 'round');
  return { ...round, finalDecision: round.finalDecision };
}

async function listed(deps: Dependencies, round: Round, ids: readonly string[]) {
  const applications = await deps.records.listApplicationsOfRound(round.id);
  const byId = new Map(applications.map((item) => [item.id, item]));
  return ids.flatMap((id) => {
    const application = byId.get(id);
    return application ? [{ applicationId: id, applicant: application.applicantName, title: application.title }] : [];
  });
}

/** The routes this function serves, each as the route catalogue (`infra/definitions/catalog.ts`) lists it. */
export const routes: readonly Route[] = [
  route({ method: 'GET', path: '/api/public/rounds/{id}/publicity', auth: 'public' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    if (!needsPublicity(round)) throw new DomainError('PUBLICITY_NOT_HELD', 'round');
    if (!round.publicity || !round.shortlist) throw new DomainError('PUBLICITY_NOT_STARTED', 'round');
    const now = deps.clock.now().getTime();
    const status = now < Date.parse(round.publicity.endsAt) ? 'open' : 'closed';
    return { body: { status, startsAt: round.publicity.startsAt, endsAt: round.publicity.endsAt, entries: await listed(deps, round, round.shortlist.applicationIds) } };
  }),

  route({ method: 'POST', path: '/api/public/rounds/{id}/objections', auth: 'public', body: objectionBody }, async ({ params, body, deps, event }) => {
    const { objection, duplicate } = await receiveObjection(deps, params['id']!, body, clientAddressOf(event, deps.settings));
    return { status: duplicate ? 200 : 201, body: { objection, receiptNumber: objection.receiptNumber, ...(duplicate ? { duplicate: true } : {}) } };
  }),

  route({ method: 'GET', path: '/api/public/rounds/{id}/results', auth: 'public' }, async ({ params, deps }) => {
    const round = await publishedRound(deps, params['id']!);
    const program = await requireRoundProgram(deps, round);
    const applications = await deps.records.listApplicationsOfRound(round.id);
    const revoked = await roundRevocations(deps, round, applications);
    const revokedApplications = new Map(revoked.map((item) => [item.applicationId, item]));
    // a recognition lists what its notice recognised, a later revocation marked; an evaluation the units it keeps
    const recognized = isEvaluationRound(round)
      ? keptUnits(round, revoked)
      : recognizedApplications(round, applications, [])
          .map((item) => ({ applicationId: item.id, applicant: item.applicantName, title: item.title, ...(revokedApplications.has(item.id) ? { revoked: true } : {}) }));
    return {
      body: {
        kind: round.kind ?? 'recognition',
        roundTitle: round.title,
        programName: program.name,
        issuer: noticeIssuerOf(round, program).name,
        noticeNumber: round.finalDecision.noticeNumber,
        publishedAt: round.publishedAt ?? round.updatedAt,
        noticeUrl: `/api/public/rounds/${encodeURIComponent(round.id)}/notice.pdf`,
        recognized,
        revoked,
      },
    };
  }),

  route({ method: 'GET', path: '/api/public/rounds/{id}/notice.pdf', auth: 'public' }, async ({ params, deps }) =>
    roundNoticeDownload(deps, await publishedRound(deps, params['id']!)),
  ),
];

/** The Lambda handler of {@link routes}. */
export const handler = httpApi(routes);

/** Staff routes for objections raised during publicity, and the audit trail (of one record, or a round's whole trail, paged). */
import * as z from 'zod';
import { resolveObjection } from '#shared/domain/objection.js';
import { tagged } from '#shared/ports/record-store.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { boundedId, boundedText } from '../http/bounded-schemas.js';
import { parseInput } from '../http/validation.js';
import { requireRecord } from '#functions/record-lookups.js';
import { continueRound } from '#functions/workflow/round-continuation.js';
import { resolveObjectionBatch } from './objection-batches.js';
import { describeAuditEvents } from './audit-directory.js';

const decision = { outcome: z.enum(['upheld', 'dismissed']), note: boundedText(2000, { min: 1, trim: true }) };
const resolveBody = z.object(decision).strict();
/** At most this many objections in one batch request. */
const maxBatch = 500;
const resolveBatchBody = z.object({ objectionIds: z.array(boundedId).min(1).max(maxBatch), ...decision }).strict();
/** Events per page of a round's trail: the default and the most a client may ask for. */
const auditPage = { default: 100, max: 500 };
const auditQuery = z
  .object({
    entityId: boundedId.optional(),
    roundId: boundedId.optional(),
    limit: z.string().regex(/^[0-9]{1,4}$/, '应为整数').transform(Number).pipe(z.number().int().min(1).max(auditPage.max)).optional(),
    nextToken: boundedText(2000, { min: 1 }).optional(),
  })
  .strict()
  .superRefine((query, context) => {
    if ((query.entityId === undefined) === (query.roundId === undefined)) context.addIssue({ code: 'custom', path: ['entityId'], message: '请指定 entityId 或 roundId 之一' });
    if (query.roundId === undefined && (query.limit !== undefined || query.nextToken !== undefined)) context.addIssue({ code: 'custom', path: ['limit'], message: '分页参数只用于按批次（roundId）查询' });
  });

export const objectionRoutes = [
  route({ method: 'GET', path: '/api/admin/rounds/{id}/objections', auth: 'admin' }, async ({ params, deps }) => {
    const round = await requireRecord(deps, 'round', params['id']!);
    const [objections, applications] = await Promise.all([deps.records.listObjectionsOfRound(round.id), deps.records.listApplicationsOfRound(round.id)]);
    // Staff read the target by name: its applicant and project title beside its id.
    const targets = new Map(applications.map((application) => [application.id, application]));
    return {
      body: {
        objections: objections.map((objection) => ({
          ...objection,
          applicant: targets.get(objection.applicationId)?.applicantName ?? '',
          title: targets.get(objection.applicationId)?.title ?? '',
        })),
      },
    };
  }),

  route({ method: 'POST', path: '/api/admin/objections/{id}/resolve', auth: 'admin', body: resolveBody }, async ({ params, body, principal, deps }) => {
    const objection = await requireRecord(deps, 'objection', params['id']!);
    const change = resolveObjection(objection, body, { actor: actorOf(principal), actorName: principal.name, now: deps.clock.now() });
    await deps.records.commit([tagged('objection', change)]);
    await continueRound(deps, objection.roundId, 'objections');
    return { body: { objection: change.entity } };
  }),

  route({ method: 'POST', path: '/api/admin/rounds/{id}/objections/resolve', auth: 'admin', body: resolveBatchBody }, async ({ params, body, principal, deps }) => {
    const result = await resolveObjectionBatch(deps, params['id']!, body.objectionIds, { outcome: body.outcome, note: body.note }, { actor: actorOf(principal), actorName: principal.name });
    // Also on a repeat: a request retried after a failure here still releases the round.
    await continueRound(deps, params['id']!, 'objections');
    return { body: result };
  }),

  route({ method: 'GET', path: '/api/admin/audit', auth: 'admin' }, async ({ query, deps }) => {
    const { entityId, roundId, limit, nextToken } = parseInput(auditQuery, query);
    if (entityId !== undefined) return { body: { events: await describeAuditEvents(deps, await deps.records.listAudit(entityId)) } };
    const round = await requireRecord(deps, 'round', roundId!);
    const page = await deps.records.listRoundAudit(round.id, { limit: limit ?? auditPage.default, nextToken });
    return { body: { events: await describeAuditEvents(deps, page.events), ...(page.nextToken ? { nextToken: page.nextToken } : {}) } };
  }),
];

/**
 * Institution API (`role=institution`): the rounds open for intake, applications, evidence
 * uploads, submission and withdrawal, the certificate of a recognised application, and the organisation's own profile. Every route only reaches the caller's own organisation's applications.
 */
import * as z from 'zod';
import {
  createApplication,
  editApplication,
  moveApplication,
  submitApplication,
  type Application,
} from '#shared/domain/application.js';
import { DomainError } from '#shared/domain/errors.js';
import { requireAdmittedApplicant } from '#shared/domain/organization.js';
import { needsPublicity, type Round } from '#shared/domain/round.js';
import { approvalOf } from '#shared/programs/procedure.js';
import { fileEditableStatuses, removeEvidence, requestUpload, type Evidence } from '#shared/domain/evidence.js';
import { guarded, tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { boundedId, emptyBody, strictRecord } from './http/bounded-schemas.js';
import { httpApi, route, type Route } from './http/http-api.js';
import { actorOf } from './http/principal.js';
import { freshCopies, requireApplicationProgram, requireRecord, requireRoundProgram } from '../record-lookups.js';
import { requireOwnApplication, requireOwnEvidence } from './lookups.js';
import { applicationView, evidenceView } from './application-view.js';
import { withOptimisticRetry } from './optimistic-retry.js';
import { submissionExecutionName } from '../workflow/execution-names.js';
import { continueRound } from '../workflow/round-continuation.js';
import { applicationNames, openRounds } from './institution-rounds.js';
import { openUploadSlot, uploadRequestBody } from './evidence-slots.js';
import { evaluatedUnitOf } from './evaluation-intake.js';
import { institutionUnitRoutes } from './units/institution-unit-routes.js';
import { profileRoutes } from './organization-profile.js';
import { certificateDownload } from './round-certificates.js';

/** Field key → value; the program's form decides the rest (unknown keys, types, ranges). */
const formSchema = strictRecord(z.unknown(), { maxKeys: 500 });
/** `unitId`: in an evaluation round, the organisation's unit the application is the cycle report of. */
const createBody = z.object({ roundId: boundedId, form: formSchema, unitId: boundedId.optional() }).strict();
const editBody = z.object({ form: formSchema }).strict();
/**
 * What the applicant's page says about the round's procedure: whether it holds publicity, who
 * takes the final decision under what name (e.g. 领导小组审定), and whether it was cancelled and why.
 */
async function roundProcedureView(deps: Dependencies, round: Round) {
  return {
    publicity: needsPublicity(round),
    approval: approvalOf(await requireRoundProgram(deps, round)),
    ...(round.cancellation ? { cancellation: { reason: round.cancellation.reason, cancelledAt: round.cancellation.cancelledAt } } : {}),
  };
}

/** The application as the institution sees it, with its evidence (a failed workflow step is for staff to handle). */
function present(application: Application, evidence?: readonly Evidence[]) {
  const { failure: _failure, ...visible } = applicationView(application);
  return { ...visible, ...(evidence ? { evidence: evidence.map(evidenceView) } : {}) };
}

async function startSubmission(deps: Dependencies, application: Application): Promise<void> {
  await deps.workflows.start('submission', submissionExecutionName(application), { applicationId: application.id });
}

/** The routes this function serves, each as the route catalogue (`infra/definitions/catalog.ts`) lists it. */
export const routes: readonly Route[] = [
  route({ method: 'POST', path: '/api/applications', auth: 'institution', body: createBody }, async ({ body, principal, deps }) => {
    const round = await deps.records.get('round', body.roundId);
    if (!round) throw new DomainError('ROUND_NOT_FOUND', 'named', [{ path: 'roundId', message: '批次不存在' }]);
    const program = await requireRoundProgram(deps, round);
    const now = deps.clock.now();
    const orgId = principal.orgId!;
    const evaluated = await evaluatedUnitOf(deps, round, orgId, body.unitId);
    // Who may apply is decided at recognition; a cycle evaluation takes the round's recognised units.
    if (!evaluated) requireAdmittedApplicant(program, await deps.records.get('organization', orgId));
    if (evaluated?.existing) return { body: { application: present(evaluated.existing, await deps.records.listEvidenceOfApplication(evaluated.existing.id)) } };
    const change = createApplication({ form: body.form, unitId: body.unitId }, round, program, {
      id: evaluated ? evaluated.id : deps.ids.entityId('app'),
      orgId,
      actor: actorOf(principal),
      now,
    });
    await deps.records.commit([tagged('application', change)]);
    return { status: 201, body: { application: present(change.entity, []) } };
  }),

  route({ method: 'GET', path: '/api/rounds', auth: 'institution' }, async ({ principal, deps }) => ({ body: { rounds: await openRounds(deps, principal.orgId!) } })),

  route({ method: 'GET', path: '/api/applications', auth: 'institution' }, async ({ principal, deps }) => {
    const applications = await deps.records.listApplicationsOfOrg(principal.orgId!);
    const names = await applicationNames(deps, applications);
    return { body: { applications: applications.map((item) => ({ ...present(item), ...names.get(item.id) })) } };
  }),

  route({ method: 'GET', path: '/api/applications/{id}', auth: 'institution' }, async ({ params, principal, deps }) => {
    const application = await requireOwnApplication(deps, principal, params['id']!);
    const round = await requireRecord(deps, 'round', application.roundId);
    return {
      body: {
        application: { ...present(application, await deps.records.listEvidenceOfApplication(application.id)), programVersion: round.programVersion ?? 1, procedure: await roundProcedureView(deps, round) },
      },
    };
  }),

  route({ method: 'PATCH', path: '/api/applications/{id}', auth: 'institution', body: editBody }, async ({ params, body, principal, deps }) => {
    // A file added at the same moment moves the version on: the form is applied again to the fresh record.
    const edited = await withOptimisticRetry(async () => {
      const application = await requireOwnApplication(deps, principal, params['id']!);
      const change = editApplication(application, body.form, await requireApplicationProgram(deps, application), { actor: actorOf(principal), now: deps.clock.now() });
      await deps.records.commit([tagged('application', change)]);
      return change.entity;
    });
    return { body: { application: present(edited) } };
  }),

  route({ method: 'POST', path: '/api/applications/{id}/evidence', auth: 'institution', body: uploadRequestBody }, async ({ params, body, principal, deps }) => {
    const { evidence, upload } = await withOptimisticRetry(async () => {
      const application = await requireOwnApplication(deps, principal, params['id']!);
      const now = deps.clock.now();
      const slot = requestUpload(body, application, await requireApplicationProgram(deps, application), { id: deps.ids.entityId('ev'), actor: actorOf(principal), now });
      return openUploadSlot(deps, slot, body, guarded('application', application.id, fileEditableStatuses, now));
    });
    return { status: 201, body: { evidence: evidenceView(evidence), upload } };
  }),

  route({ method: 'GET', path: '/api/applications/{id}/evidence/{evidenceId}', auth: 'institution' }, async ({ params, principal, deps }) => ({
    body: { evidence: evidenceView((await requireOwnEvidence(deps, principal, params['id']!, params['evidenceId']!)).evidence) },
  })),

  route({ method: 'DELETE', path: '/api/applications/{id}/evidence/{evidenceId}', auth: 'institution' }, async ({ params, principal, deps }) => {
    const { application, evidence } = await requireOwnEvidence(deps, principal, params['id']!, params['evidenceId']!);
    const now = deps.clock.now();
    const change = removeEvidence(evidence, application, { actor: actorOf(principal), now });
    await deps.records.commit([tagged('evidence', change), guarded('application', application.id, fileEditableStatuses, now)]);
    return { body: { evidence: evidenceView(change.entity) } };
  }),

  route({ method: 'POST', path: '/api/applications/{id}/submit', auth: 'institution', body: emptyBody }, async ({ params, principal, deps }) => {
    // Conditional on the version read: a file added or taken back meanwhile moved it on, and
    // the decision is taken again on the fresh application and files.
    const outcome = await withOptimisticRetry(async () => {
      const application = await requireOwnApplication(deps, principal, params['id']!);
      // A repeated click: the workflow is started again below (idempotent).
      if (application.status === 'submitted') return { application };
      const round = await requireRecord(deps, 'round', application.roundId);
      // Each listed file read again: the index may still show a file taken back a moment ago.
      const evidence = await freshCopies(deps, 'evidence', await deps.records.listEvidenceOfApplication(application.id));
      const change = submitApplication(application, evidence, round, await requireRoundProgram(deps, round), { actor: actorOf(principal), now: deps.clock.now() });
      await deps.records.commit([tagged('application', change)]);
      return { application: change.entity, evidence };
    });
    await startSubmission(deps, outcome.application);
    return { body: { application: present(outcome.application, outcome.evidence) } };
  }),

  route({ method: 'POST', path: '/api/applications/{id}/withdraw', auth: 'institution', body: emptyBody }, async ({ params, principal, deps }) => {
    // The workflow may be updating the application at the same moment: decide again on fresh data.
    const application = await withOptimisticRetry(async () => {
      const current = await requireOwnApplication(deps, principal, params['id']!);
      if (current.status === 'withdrawn') return current;
      const change = moveApplication(current, 'withdrawn', {}, { actor: actorOf(principal), now: deps.clock.now(), action: 'application.withdrawn' });
      await deps.records.commit([tagged('application', change)]);
      return change.entity;
    });
    await continueRound(deps, application.roundId, 'screening');
    return { body: { application: present(application) } };
  }),

  route({ method: 'GET', path: '/api/applications/{id}/certificate.pdf', auth: 'institution' }, async ({ params, principal, deps }) => {
    const application = await requireOwnApplication(deps, principal, params['id']!);
    return certificateDownload(deps, await requireRecord(deps, 'round', application.roundId), application.id);
  }),

  ...profileRoutes,
  ...institutionUnitRoutes,
];

/** The Lambda handler of {@link routes}. */
export const handler = httpApi(routes);

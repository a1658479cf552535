/**
 * Publishing an evaluation round (周期评估结论): each unit's conclusion is applied to the unit
 * (unit-evaluation.ts), a revoked unit's recognised application becomes `revoked` in the same
 * write, the round's applications end `evaluated`, and every unit is mailed its conclusion.
 * A revocation an upheld objection stopped becomes 继续认定 with the objection's reason noted.
 */
import { systemActor } from '#shared/domain/audit-event.js';
import { moveApplication, type Application } from '#shared/domain/application.js';
import { effectiveDecision } from '#shared/domain/evaluation-round.js';
import { advanceRound, type EvaluationDecision, type Round } from '#shared/domain/round.js';
import { cycleYearsOf } from '#shared/domain/unit.js';
import { continueUnit, rectifyUnit, revokeUnit, rewardUnit, type EvaluatedUnitRecord } from '#shared/domain/unit-evaluation.js';
import { tagged, type TaggedChange } from '#shared/ports/record-store.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import type { Dependencies } from '../composition-root.js';
import { evaluationResultMail } from '../notifications/evaluation-mail.js';
import { freshCopies } from '../record-lookups.js';
import { startConcludedDuties } from './unit-creation.js';

function context(deps: Dependencies, action: string) {
  return { actor: systemActor, now: deps.clock.now(), action };
}

/** The writes one conclusion makes: the unit's, and for a revocation its recognised application's. */
async function conclusionChanges(deps: Dependencies, round: Round & { finalDecision: NonNullable<Round['finalDecision']> }, program: ProgramTemplate, decision: EvaluationDecision): Promise<TaggedChange[]> {
  const unit: EvaluatedUnitRecord | undefined = await deps.records.get('unit', decision.unitId);
  if (!unit) return [];
  const now = deps.clock.now();
  const base = { roundId: round.id, note: decision.note };
  const ctx = { actor: systemActor, now };
  const change =
    decision.outcome === 'revoke'
      ? revokeUnit(unit, { ...base, noticeNumber: round.finalDecision.noticeNumber }, ctx)
      : decision.outcome === 'rectify'
        ? rectifyUnit(unit, { ...base, deadline: decision.rectifyBy! }, ctx)
        : (decision.outcome === 'continue' ? continueUnit : rewardUnit)(unit, { ...base, cycleYears: cycleYearsOf(program) }, ctx);
  if (!change) return [];
  const recognized = decision.outcome === 'revoke' ? await deps.records.get('application', unit.applicationId) : undefined;
  return [
    tagged('unit', change),
    ...(recognized?.status === 'recognized' ? [tagged('application', moveApplication(recognized, 'revoked', {}, context(deps, 'application.revoked')))] : []),
  ];
}

/**
 * Publishes an evaluation round after its final approval: the conclusions, then the
 * applications, the mails and the round (a retry finds the units concluded and changes them
 * no more, mails again rather than leave a unit untold).
 */
export async function publishEvaluation(
  deps: Dependencies,
  round: Round & { finalDecision: NonNullable<Round['finalDecision']> },
  program: ProgramTemplate,
  applications: readonly Application[],
): Promise<void> {
  const upheld = new Set((await deps.records.listObjectionsOfRound(round.id)).filter((item) => item.status === 'upheld').map((item) => item.applicationId));
  const decisions = (round.evaluationDecisions ?? []).map((decision) => effectiveDecision(decision, upheld));
  for (const decision of decisions) {
    const changes = await conclusionChanges(deps, round, program, decision);
    if (changes.length > 0) await deps.records.commit(changes);
  }
  // read back (a retry finds the conclusions committed before and starts what is still to start)
  await startConcludedDuties(deps, await freshCopies(deps, 'unit', decisions.map((decision) => ({ id: decision.unitId }))));
  for (const application of applications.filter((item) => item.status === 'in_publicity' || item.status === 'shortlisted')) {
    await deps.records.commit([tagged('application', moveApplication(application, 'evaluated', {}, context(deps, 'application.evaluated')))]);
  }
  await mailConclusions(deps, round, program, decisions);
  const published = advanceRound(round, 'published', { publishedAt: deps.clock.now().toISOString() }, { ...context(deps, 'round.published'), detail: { noticeNumber: round.finalDecision.noticeNumber } });
  await deps.records.commit([tagged('round', published)]);
}

async function mailConclusions(deps: Dependencies, round: Round & { finalDecision: NonNullable<Round['finalDecision']> }, program: ProgramTemplate, decisions: readonly EvaluationDecision[]): Promise<void> {
  const url = `${deps.settings.publicBaseUrl}/results/${encodeURIComponent(round.id)}`;
  for (const decision of decisions) {
    const unit = await deps.records.get('unit', decision.unitId);
    if (!unit?.contactEmail) continue;
    await deps.mailer.send(
      evaluationResultMail(unit.contactEmail, {
        organization: unit.organization,
        title: unit.title,
        roundTitle: round.title,
        programName: program.name,
        outcome: decision.outcome,
        note: decision.note,
        deadline: decision.rectifyBy,
        noticeNumber: round.finalDecision.noticeNumber,
        url,
      }),
    );
  }
}

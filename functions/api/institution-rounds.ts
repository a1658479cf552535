/** What institutions see of rounds: those open for intake now, and the names their applications show. */
import type { Application } from '#shared/domain/application.js';
import { isEvaluationRound } from '#shared/domain/evaluation-round.js';
import { isIntakeOpen, type Round } from '#shared/domain/round.js';
import type { Unit } from '#shared/domain/unit.js';
import type { Dependencies } from '../composition-root.js';
import { findRoundProgram } from '../record-lookups.js';

/** The name of the program version a round runs (its id when the program is gone). */
async function roundProgramName(deps: Dependencies, round: Round): Promise<string> {
  return (await findRoundProgram(deps, round))?.name ?? round.programId;
}

/**
 * A round as a clerk picks it to apply: no review settings, no decisions. An evaluation round
 * (`kind: 'evaluation'`) lists the organisation's own units it evaluates (`units`), one application each.
 */
async function roundSummary(deps: Dependencies, round: Round, ownUnits: readonly Unit[]) {
  const evaluated = new Set(round.unitIds ?? []);
  return {
    id: round.id,
    title: round.title,
    year: round.year,
    programId: round.programId,
    programName: await roundProgramName(deps, round),
    programVersion: round.programVersion ?? 1,
    kind: round.kind ?? 'recognition',
    intakeOpensAt: round.intakeOpensAt,
    intakeClosesAt: round.intakeClosesAt,
    status: round.status,
    ...(isEvaluationRound(round)
      ? { units: ownUnits.filter((unit) => evaluated.has(unit.id)).map((unit) => ({ id: unit.id, organization: unit.organization, title: unit.title })) }
      : {}),
  };
}

/**
 * The rounds open for intake at the runtime's now that `orgId` may apply in, closing soonest
 * first: every recognition round, and the evaluation rounds of its own units.
 */
export async function openRounds(deps: Dependencies, orgId: string) {
  const now = deps.clock.now();
  const [rounds, ownUnits] = await Promise.all([deps.records.listRounds(), deps.records.listUnitsOfOrg(orgId)]);
  const own = new Set(ownUnits.map((unit) => unit.id));
  const open = rounds.filter((round) => isIntakeOpen(round, now) && (!isEvaluationRound(round) || (round.unitIds ?? []).some((id) => own.has(id))));
  return Promise.all(open.sort((a, b) => a.intakeClosesAt.localeCompare(b.intakeClosesAt)).map((round) => roundSummary(deps, round, ownUnits)));
}

/** The round title and program name of each application, by application id (each round read once). */
export async function applicationNames(deps: Dependencies, applications: readonly Application[]): Promise<Map<string, { roundTitle: string; programName: string }>> {
  const roundIds = [...new Set(applications.map((application) => application.roundId))];
  const rounds = new Map(
    (await Promise.all(roundIds.map((id) => deps.records.get('round', id)))).flatMap((round) => (round ? [[round.id, round] as const] : [])),
  );
  const programNames = new Map(await Promise.all([...rounds.values()].map(async (round) => [round.id, await roundProgramName(deps, round)] as const)));
  return new Map(
    applications.map((application) => [
      application.id,
      { roundTitle: rounds.get(application.roundId)?.title ?? '', programName: programNames.get(application.roundId) ?? application.programId },
    ]),
  );
}

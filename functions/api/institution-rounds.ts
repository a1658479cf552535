/** What institutions see of rounds: those open for intake now, and the names their applications show. */
import type { Application } from '../../shared/domain/application.js';
import { isIntakeOpen, type Round } from '../../shared/domain/round.js';
import type { Dependencies } from '../composition-root.js';
import { findRoundProgram } from '../record-lookups.js';

/** The name of the program version a round runs (its id when the program is gone). */
async function roundProgramName(deps: Dependencies, round: Round): Promise<string> {
  return (await findRoundProgram(deps, round))?.name ?? round.programId;
}

/** A round as a clerk picks it to apply: no review settings, no decisions. */
async function roundSummary(deps: Dependencies, round: Round) {
  return {
    id: round.id,
    title: round.title,
    year: round.year,
    programId: round.programId,
    programName: await roundProgramName(deps, round),
    intakeOpensAt: round.intakeOpensAt,
    intakeClosesAt: round.intakeClosesAt,
    status: round.status,
  };
}

/** The rounds open for intake at the runtime's now, closing soonest first. */
export async function openRounds(deps: Dependencies) {
  const now = deps.clock.now();
  const open = (await deps.records.listRounds()).filter((round) => isIntakeOpen(round, now));
  return Promise.all(open.sort((a, b) => a.intakeClosesAt.localeCompare(b.intakeClosesAt)).map((round) => roundSummary(deps, round)));
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

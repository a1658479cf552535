/**
 * Event-driven continuation of the round workflow: after intake closes the round waits (on a
 * callback token) for the last open screening decision, after assignment for the last
 * application's review to complete, and after publicity ends for the last open objection.
 * The handlers of those events call these functions once their change is written, so the
 * round moves on at once instead of at a later check.
 *
 * No wake-up is lost: the waiting task stores its token and then asks whether anything is
 * left; an event writes its change and then reads the token and asks. Whichever comes second
 * sees the other, and releasing an already released wait is harmless. The questions re-read
 * what the (eventually consistent) index lists as possibly pending, so a decision written a
 * moment ago is seen.
 */
import type { Application } from '#shared/domain/application.js';
import type { Objection } from '#shared/domain/objection.js';
import type { Round } from '#shared/domain/round.js';
import type { RecordKind, RecordKinds } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { freshCopies } from '../record-lookups.js';

/** Statuses that still wait for a screening decision. */
const awaitingScreening: readonly Application['status'][] = ['submitted', 'screening'];

/** Statuses an application can show in a lagging index while it already waits for screening (a draft submitted a moment ago). */
const possiblyAwaitingScreening: readonly Application['status'][] = ['draft', 'returned', ...awaitingScreening];

/** Statuses an application can show in a lagging index while it is already in review (put there by the assignment a moment ago). */
const possiblyInReview: readonly Application['status'][] = ['accepted', 'in_review'];

/** The round's applications the (lagging) index lists with one of `possibly`. */
async function candidatesIn(deps: Dependencies, roundId: string, possibly: readonly Application['status'][]): Promise<Application[]> {
  return (await deps.records.listApplicationsOfRound(roundId)).filter((item) => possibly.includes(item.status));
}

/** How many applications of the round show one of `statuses`, read fresh (the index lists them with any of `possibly`). */
async function applicationsIn(deps: Dependencies, roundId: string, possibly: readonly Application['status'][], statuses: readonly Application['status'][]): Promise<number> {
  return (await freshCopies(deps, 'application', await candidatesIn(deps, roundId, possibly))).filter((item) => statuses.includes(item.status)).length;
}

/** Records read fresh at a time by {@link anyFresh}. */
const freshBatch = 8;

/**
 * Whether any of `candidates`, read fresh in small batches and stopping at the first, is
 * still `pending`: what every event asks (is anything left?), at a cost that does not grow
 * with the round as a full count would (n events × n reads).
 */
async function anyFresh<K extends RecordKind>(deps: Dependencies, kind: K, candidates: readonly { readonly id: string }[], pending: (record: RecordKinds[K]) => boolean): Promise<boolean> {
  for (let start = 0; start < candidates.length; start += freshBatch) {
    if ((await freshCopies(deps, kind, candidates.slice(start, start + freshBatch))).some(pending)) return true;
  }
  return false;
}

/** Whether any application of the round still shows one of `statuses` (the index lists them with any of `possibly`). */
async function anyApplicationIn(deps: Dependencies, roundId: string, possibly: readonly Application['status'][], statuses: readonly Application['status'][]): Promise<boolean> {
  return anyFresh(deps, 'application', await candidatesIn(deps, roundId, possibly), (item) => statuses.includes(item.status));
}

/** How many applications of the round still wait for their screening decision. */
export async function pendingScreening(deps: Dependencies, roundId: string): Promise<number> {
  return applicationsIn(deps, roundId, possiblyAwaitingScreening, awaitingScreening);
}

/** The round's objections the (lagging) index lists as open. */
async function openCandidates(deps: Dependencies, roundId: string): Promise<Objection[]> {
  return (await deps.records.listObjectionsOfRound(roundId)).filter((item) => item.status === 'open');
}

/** How many objections against the round are still open. */
export async function openObjections(deps: Dependencies, roundId: string): Promise<number> {
  return (await freshCopies(deps, 'objection', await openCandidates(deps, roundId))).filter((item) => item.status === 'open').length;
}

/** The event-released waits of a round: the round status they wait in, and whether anything is still left. */
export const roundWaits = {
  screening: { status: 'screening', anyLeft: (deps, roundId) => anyApplicationIn(deps, roundId, possiblyAwaitingScreening, awaitingScreening) },
  reviews: { status: 'in_review', anyLeft: (deps, roundId) => anyApplicationIn(deps, roundId, possiblyInReview, ['in_review']) },
  objections: { status: 'in_publicity', anyLeft: async (deps, roundId) => anyFresh(deps, 'objection', await openCandidates(deps, roundId), (item) => item.status === 'open') },
} as const satisfies Record<string, { status: Round['status']; anyLeft: (deps: Dependencies, roundId: string) => Promise<boolean> }>;

/** A round wait: for the last screening decision, the last review, or the last open objection after publicity. */
export type RoundWait = keyof typeof roundWaits;

/**
 * After an event that may end `wait` (a screening decision or withdrawal; a completed review;
 * an objection's resolution): releases the round waiting there when nothing is left.
 *
 * @example
 * await continueRound(deps, application.roundId, 'screening');
 */
export async function continueRound(deps: Dependencies, roundId: string, wait: RoundWait): Promise<void> {
  const round = await deps.records.get('round', roundId);
  const token = round?.callbacks[wait];
  if (round?.status !== roundWaits[wait].status || !token) return;
  if (!(await roundWaits[wait].anyLeft(deps, roundId))) await deps.workflows.resumeIfWaiting(token, {});
}

/**
 * Persistence of the domain's records. Every write is a {@link RecordStore.commit} of one or
 * more changes with their audit events, applied all-or-nothing, each conditional on the
 * version it was computed from.
 */
import type { Application } from '../domain/application.js';
import type { AuditEvent, Change } from '../domain/audit-event.js';
import type { Evidence } from '../domain/evidence.js';
import type { Expert } from '../domain/expert.js';
import type { Objection } from '../domain/objection.js';
import type { ProgramVersion, StoredProgram } from '../domain/program-definition.js';
import type { Organization } from '../domain/organization.js';
import type { ReviewTask } from '../domain/review-task.js';
import type { Round } from '../domain/round.js';
import type { Unit } from '../domain/unit.js';
import type { SiteVisit } from '../domain/site-visit.js';
import type { UnitReport } from '../domain/unit-report.js';

/** The kinds of record and their types. */
export interface RecordKinds {
  round: Round;
  application: Application;
  evidence: Evidence;
  expert: Expert;
  reviewTask: ReviewTask;
  objection: Objection;
  unit: Unit;
  siteVisit: SiteVisit;
  program: StoredProgram;
  programVersion: ProgramVersion;
  report: UnitReport;
  /** Keyed by the `orgId` of the organisation's sign-ins. */
  organization: Organization;
}
export type RecordKind = keyof RecordKinds;

/** A change tagged with its kind, ready to commit. */
export type TaggedChange = { [K in RecordKind]: { kind: K; change: Change<RecordKinds[K]> } }[RecordKind];

/** Tags a change with its kind. */
export function tagged<K extends RecordKind>(kind: K, change: Change<RecordKinds[K]>): TaggedChange {
  return { kind, change } as TaggedChange;
}

/**
 * A record the commit depends on without rewriting it: it must still be in one of `statusIn`,
 * and its version moves on by one (`updatedAt` becomes `at`). A writer that read the record
 * before this commit then fails its own conditional write and decides again on fresh data
 * (e.g. a file added to an application: a submission decided on the older set of files).
 * The version step has no audit event of its own; the change committed with it has one.
 */
export interface StatusGuard {
  readonly kind: 'guard';
  readonly of: RecordKind;
  readonly id: string;
  readonly statusIn: readonly string[];
  readonly at: string;
}

/**
 * A review task's place in its expert's capacity in the round (评审上限), claimed by the commit
 * that creates the task: the store keeps, per (round, expert), the tasks that hold a place
 * ({@link RecordStore.trackedLoad}), and the commit fails unless fewer than `capacity` do. A
 * task frees its place in the commit that moves it to a status that does not hold one (see
 * `holdsCapacity`), so two commits racing for an expert's last place cannot both succeed.
 * `capacity` is what is left for the tracked tasks: the expert's capacity less the held tasks
 * the store does not track (created without a claim, e.g. by the round's first assignment).
 */
export interface CapacityClaim {
  readonly kind: 'capacity';
  readonly roundId: string;
  readonly expertId: string;
  readonly taskId: string;
  readonly capacity: number;
}

/** What one commit writes: changes with their audit events, guards on records they depend on, and capacity claims. */
export type CommitEntry = TaggedChange | StatusGuard | CapacityClaim;

/**
 * The claim of a new task on its expert's `capacity` in the round.
 *
 * @example
 * await records.commit([tagged('reviewTask', created), claimCapacity(created.entity, expert.capacity)]);
 */
export function claimCapacity(task: Pick<ReviewTask, 'id' | 'roundId' | 'expertId'>, capacity: number): CapacityClaim {
  return { kind: 'capacity', roundId: task.roundId, expertId: task.expertId, taskId: task.id, capacity };
}

/** A {@link StatusGuard} on a record of `kind`. */
export function guarded(kind: RecordKind, id: string, statusIn: readonly string[], now: Date): StatusGuard {
  return { kind: 'guard', of: kind, id, statusIn, at: now.toISOString() };
}

/** One page of a round's audit trail, oldest first; `nextToken` asks for the next page (absent on the last). */
export interface AuditPage {
  readonly events: AuditEvent[];
  readonly nextToken?: string;
}

export interface RecordStore {
  get<K extends RecordKind>(kind: K, id: string): Promise<RecordKinds[K] | undefined>;
  listRounds(): Promise<Round[]>;
  listApplicationsOfRound(roundId: string): Promise<Application[]>;
  listApplicationsOfOrg(orgId: string): Promise<Application[]>;
  listEvidenceOfApplication(applicationId: string): Promise<Evidence[]>;
  listExperts(): Promise<Expert[]>;
  findExpertByEmail(email: string): Promise<Expert | undefined>;
  listReviewTasksOfRound(roundId: string): Promise<ReviewTask[]>;
  listReviewTasksOfApplication(roundId: string, applicationId: string): Promise<ReviewTask[]>;
  findReviewTaskByLink(linkId: string): Promise<ReviewTask | undefined>;
  listObjectionsOfRound(roundId: string): Promise<Objection[]>;
  listSiteVisitsOfRound(roundId: string): Promise<SiteVisit[]>;
  listSiteVisitsOfApplication(roundId: string, applicationId: string): Promise<SiteVisit[]>;
  /** The programs staff stored (new ones and new versions of built-in ones), by id. */
  listStoredPrograms(): Promise<StoredProgram[]>;
  /** Every organisation with a profile, by id. */
  listOrganizations(): Promise<Organization[]>;
  /** The objection with the same duplicate key (round, application, phone, normalised content), if one was recorded. */
  findDuplicateObjection(objection: Pick<Objection, 'roundId' | 'applicationId' | 'phone' | 'content'>): Promise<Objection | undefined>;
  /**
   * Advances a sequence counter atomically and returns its new value (1 on first use), or
   * undefined once it has reached `max`: each value is handed out once, however many callers
   * race. A value whose record is then not written is skipped (gaps, never repeats).
   */
  nextSequence(name: string, max: number): Promise<number | undefined>;
  /**
   * The review tasks holding a place of the expert's capacity in the round as the store tracks
   * them (tasks created with a {@link CapacityClaim} and not freed since), read consistently.
   */
  trackedLoad(roundId: string, expertId: string): Promise<ReadonlySet<string>>;
  /** Recognised units, all or of one program (by id). */
  listUnits(programId?: string): Promise<Unit[]>;
  listUnitsOfOrg(orgId: string): Promise<Unit[]>;
  /** A unit's annual reports, by year and kind. */
  listReportsOfUnit(unitId: string): Promise<UnitReport[]>;
  /** The annual reports of every unit, all or of one year. */
  listReports(year?: number): Promise<UnitReport[]>;
  /** The files of an annual report. */
  listEvidenceOfReport(reportId: string): Promise<Evidence[]>;
  listAudit(entityId: string): Promise<AuditEvent[]>;
  /**
   * A round's whole trail by time: the events of the round and of its applications, their
   * evidence, review tasks and objections (events recorded since the round index existed),
   * at most `limit` per page, from `nextToken` on.
   *
   * @throws DomainError VALIDATION_FAILED (400) for a `nextToken` not handed out for this round.
   */
  listRoundAudit(roundId: string, page: { readonly limit: number; readonly nextToken?: string | undefined }): Promise<AuditPage>;
  /**
   * Writes the changes and their audit events, and applies the guards, in one transaction.
   *
   * @throws DomainError CONCURRENT_UPDATE (409) when a record changed meanwhile or a guarded
   *   record is missing or no longer in a guarded status, or ALREADY_EXISTS (409) when a
   *   unique value is taken (an expert's e-mail; an expert's review task on an application,
   *   detail path `expertId`; an application's site visit, detail path `applicationId`; a unit's report of a year and kind, detail path `kind`), or CAPACITY_EXHAUSTED (409, detail path `expertId`) when a
   *   {@link CapacityClaim} finds the expert's capacity in the round taken.
   */
  commit(changes: readonly CommitEntry[]): Promise<void>;
}

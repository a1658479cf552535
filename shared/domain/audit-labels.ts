/**
 * Display names in an audit trail (审计记录): who acted (`actorName`) and what the event is
 * about (`entityLabel`), from the records the trail names. The `action` verb stays the stable
 * English code (its Chinese label is the page's job).
 *
 * Actor names:
 * - staff: the name recorded with the event (from the token's `name` claim); older events
 *   recorded none and read `工作人员`;
 * - an institution: the applicant organisation of the application the event is about (an
 *   institution only ever acts on its own), else the recorded name, else `申报单位`;
 * - an expert: the expert's name, else `评审专家`; the workflow: `系统`; the public: `公众`.
 *
 * Entity labels: a round's title, an application's project title (its applicant's name while
 * it has none), an evidence file's name with its application's title, an expert's name, a review
 * task as `<expert>评审《<title>》`, an objection as `异议 <receipt number>`, a site visit as
 * `实地考察《<title>》`; absent when the
 * record is not found.
 */
import type { Application } from './application.js';
import type { Actor, AuditEvent } from './audit-event.js';
import type { Evidence } from './evidence.js';
import type { Expert } from './expert.js';
import type { Objection } from './objection.js';
import type { ReviewTask } from './review-task.js';
import type { Round } from './round.js';
import type { SiteVisit } from './site-visit.js';

/** The records an audit trail names, by id (only those found). */
export interface AuditDirectory {
  readonly rounds: ReadonlyMap<string, Pick<Round, 'title'>>;
  readonly applications: ReadonlyMap<string, Pick<Application, 'title' | 'applicantName'>>;
  readonly evidence: ReadonlyMap<string, Pick<Evidence, 'fileName' | 'applicationId'>>;
  readonly experts: ReadonlyMap<string, Pick<Expert, 'name'>>;
  readonly reviewTasks: ReadonlyMap<string, Pick<ReviewTask, 'applicationId' | 'expertId'>>;
  readonly objections: ReadonlyMap<string, Pick<Objection, 'receiptNumber' | 'applicationId'>>;
  /** Site visits named by the trail (absent: none loaded). */
  readonly siteVisits?: ReadonlyMap<string, Pick<SiteVisit, 'applicationId'>>;
}

/** An audit event with its display names. */
export type DescribedAuditEvent = AuditEvent & { readonly actorName: string; readonly entityLabel?: string };

const actorKinds: readonly Actor['kind'][] = ['admin', 'institution', 'expert', 'public', 'system'];

/**
 * The actor of a recorded `kind:id` label (see `actorLabel`); undefined for a label of no known kind.
 *
 * @example
 * parseActor('expert:exp_1'); // { kind: 'expert', id: 'exp_1' }
 */
export function parseActor(label: string): Actor | undefined {
  const separator = label.indexOf(':');
  const kind = label.slice(0, separator) as Actor['kind'];
  return separator > 0 && actorKinds.includes(kind) ? { kind, id: label.slice(separator + 1) } : undefined;
}

function applicationTitle(application: Pick<Application, 'title' | 'applicantName'>): string {
  return application.title || application.applicantName || '未命名申报';
}

/** The records through which an event reaches its application. */
type LinkedRecords = Pick<AuditDirectory, 'evidence' | 'reviewTasks' | 'objections' | 'siteVisits'>;

/** The application an event is about, directly or through its file, task or objection. */
function applicationIdOf(event: AuditEvent, directory: LinkedRecords): string | undefined {
  switch (event.entityType) {
    case 'application':
      return event.entityId;
    case 'evidence':
      return directory.evidence.get(event.entityId)?.applicationId;
    case 'review_task':
      return directory.reviewTasks.get(event.entityId)?.applicationId;
    case 'objection':
      return directory.objections.get(event.entityId)?.applicationId;
    case 'site_visit':
      return directory.siteVisits?.get(event.entityId)?.applicationId;
    default:
      return undefined;
  }
}

function entityLabel(event: AuditEvent, directory: AuditDirectory): string | undefined {
  const application = (id: string | undefined) => (id === undefined ? undefined : directory.applications.get(id));
  switch (event.entityType) {
    case 'round':
      return directory.rounds.get(event.entityId)?.title;
    case 'application': {
      const found = application(event.entityId);
      return found && applicationTitle(found);
    }
    case 'evidence': {
      const file = directory.evidence.get(event.entityId);
      const owner = application(file?.applicationId);
      return file && (owner ? `${file.fileName}（${applicationTitle(owner)}）` : file.fileName);
    }
    case 'expert':
      return directory.experts.get(event.entityId)?.name;
    case 'review_task': {
      const task = directory.reviewTasks.get(event.entityId);
      const owner = application(task?.applicationId);
      const expert = task && directory.experts.get(task.expertId);
      return task && `${expert?.name ?? '评审专家'}评审《${owner ? applicationTitle(owner) : '申报'}》`;
    }
    case 'objection': {
      const objection = directory.objections.get(event.entityId);
      return objection && `异议 ${objection.receiptNumber}`;
    }
    case 'site_visit': {
      const owner = application(directory.siteVisits?.get(event.entityId)?.applicationId);
      return owner && `实地考察《${applicationTitle(owner)}》`;
    }
    default:
      return undefined;
  }
}

function actorName(event: AuditEvent, directory: AuditDirectory): string {
  const actor = parseActor(event.actor);
  switch (actor?.kind) {
    case 'system':
      return '系统';
    case 'public':
      return '公众';
    case 'expert':
      return directory.experts.get(actor.id)?.name ?? '评审专家';
    case 'institution': {
      const applicationId = applicationIdOf(event, directory);
      const owner = applicationId === undefined ? undefined : directory.applications.get(applicationId);
      return owner?.applicantName || event.actorName || '申报单位';
    }
    case 'admin':
      return event.actorName ?? '工作人员';
    default:
      return event.actorName ?? event.actor;
  }
}

/**
 * An event with its actor's and entity's display names.
 *
 * @example
 * describeAuditEvent({ actor: 'system:workflow', entityType: 'round', entityId: 'r1', … }, directory);
 * // { …, actorName: '系统', entityLabel: '2026年市域产教联合体认定' }
 */
export function describeAuditEvent(event: AuditEvent, directory: AuditDirectory): DescribedAuditEvent {
  const label = entityLabel(event, directory);
  return { ...event, actorName: actorName(event, directory), ...(label === undefined ? {} : { entityLabel: label }) };
}

/**
 * The application and expert ids an event reaches through its records and its actor: what a
 * directory must hold besides the event's own record, once the files, tasks and objections are loaded.
 */
export function secondaryReferences(event: AuditEvent, directory: LinkedRecords): { applicationIds: string[]; expertIds: string[] } {
  const actor = parseActor(event.actor);
  const applicationId = applicationIdOf(event, directory);
  const task = event.entityType === 'review_task' ? directory.reviewTasks.get(event.entityId) : undefined;
  return {
    applicationIds: applicationId === undefined ? [] : [applicationId],
    expertIds: [...(event.entityType === 'expert' ? [event.entityId] : []), ...(task ? [task.expertId] : []), ...(actor?.kind === 'expert' ? [actor.id] : [])],
  };
}

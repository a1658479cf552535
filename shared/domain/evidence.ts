/**
 * Evidence (佐证材料): a file uploaded for one material of an application. It is `pending`
 * until the evidence processor has checked it, then `verified` or `rejected` with a reason.
 */
import type { EvidenceFormat, Material, ProgramTemplate } from '../programs/schema.js';
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';
import { formatByteSizes } from './byte-size.js';
import { formatOfContentType } from './evidence-formats.js';
import { conditionHolds } from './form-condition.js';
import type { ApplicationStatus } from './application-status.js';

/** `removed`: taken back by the institution before submission (kept for the audit trail). */
export type EvidenceStatus = 'pending' | 'verified' | 'rejected' | 'removed';

/** Something staff should know about an accepted file (it is not refused for it). */
export type EvidenceFlag = 'pdf_javascript' | 'pdf_partly_inspected';

/** The Chinese label of each {@link EvidenceFlag}, as staff read it. */
export const evidenceFlagLabels: Readonly<Record<EvidenceFlag, string>> = {
  pdf_javascript: 'PDF 内含 JavaScript 脚本或自动动作，请谨慎打开',
  pdf_partly_inspected: 'PDF 有部分内容（压缩对象流）无法自动检查，其中可能含有脚本，请谨慎打开',
};

/**
 * A file belongs to an application (`applicationId`, its `roundId`) or, with `ownerKind:
 * 'report'`, to a recognised unit's annual report: then `applicationId` holds the report's id and
 * `roundId` the unit's, so one quarantine layout, one upload policy and one processor serve both.
 */
export interface Evidence extends EntityMeta {
  readonly ownerKind?: 'report';
  readonly applicationId: string;
  readonly roundId: string;
  readonly orgId: string;
  readonly materialKey: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly declaredBytes: number;
  readonly status: EvidenceStatus;
  readonly quarantineKey: string;
  readonly evidenceKey?: string;
  readonly sha256?: string;
  readonly bytes?: number;
  readonly detectedFormat?: EvidenceFormat | null;
  readonly pdfPages?: number;
  readonly problemCode?: string;
  readonly reason?: string;
  /** What the check noticed for staff, e.g. a PDF with JavaScript. */
  readonly flags?: readonly EvidenceFlag[];
}

/** What the evidence processor found in an uploaded object. */
export interface EvidenceFindings {
  readonly sha256: string;
  readonly bytes: number;
  readonly detectedFormat: EvidenceFormat | null;
  readonly pdfPages?: number;
  readonly problem?: { readonly code: string; readonly message: string };
  readonly flags?: readonly EvidenceFlag[];
}

/** The quarantine key an upload must use: `quarantine/<round>/<application>/<evidence>`. */
export function quarantineKey(roundId: string, applicationId: string, evidenceId: string): string {
  return `quarantine/${roundId}/${applicationId}/${evidenceId}`;
}

/** The key of a verified file: `evidence/<round>/<application>/<evidence>`. */
export function verifiedKey(roundId: string, applicationId: string, evidenceId: string): string {
  return `evidence/${roundId}/${applicationId}/${evidenceId}`;
}

/** Parses a quarantine key back into its ids; undefined for any other key. */
export function parseQuarantineKey(key: string): { roundId: string; applicationId: string; evidenceId: string } | undefined {
  const match = /^quarantine\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(key);
  if (!match) return undefined;
  return { roundId: match[1]!, applicationId: match[2]!, evidenceId: match[3]! };
}

/** The materials of `program` that apply to an application with this form (kind-dependent ones included only when their condition holds). */
export function applicableMaterials(program: Pick<ProgramTemplate, 'materials'>, form: Readonly<Record<string, unknown>>): Material[] {
  return program.materials.filter((material) => conditionHolds(material.when, form));
}

/**
 * The evidence that counts for an application: for a single-file material only its newest
 * upload; for a multi-file material every upload except rejected ones replaced by a newer one.
 */
export function currentEvidence(evidence: readonly Evidence[]): Evidence[] {
  const kept = evidence.filter((item) => item.status !== 'removed');
  const newestByMaterial = new Map<string, Evidence>();
  for (const item of kept) {
    const newest = newestByMaterial.get(item.materialKey);
    if (!newest || item.createdAt >= newest.createdAt) newestByMaterial.set(item.materialKey, item);
  }
  return kept.filter((item) => item.status !== 'rejected' || newestByMaterial.get(item.materialKey) === item);
}

/**
 * Checks the files that count ({@link currentEvidence}) against the materials that apply: no
 * file rejected, and one for every required material.
 *
 * @throws DomainError EVIDENCE_NOT_VERIFIED (422), MATERIALS_INCOMPLETE (422), one detail per file or material.
 */
export function assertMaterialsComplete(materials: readonly Material[], current: readonly Evidence[]): void {
  const rejected = current.filter((item) => item.status === 'rejected');
  if (rejected.length > 0) {
    throw new DomainError('EVIDENCE_NOT_VERIFIED', 'rejected', rejected.map((item) => ({ path: item.materialKey, message: item.reason ?? '文件未通过检查', evidenceId: item.id })));
  }
  const missing = materials.filter((material) => material.required && !current.some((item) => item.materialKey === material.key));
  if (missing.length > 0) {
    throw new DomainError('MATERIALS_INCOMPLETE', 'required', missing.map((material) => ({ path: material.key, message: `缺少“${material.title}”` })));
  }
}

/** The upload an institution asks for. */
export interface UploadRequest {
  readonly materialKey: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/**
 * Registers a pending upload for a material of an editable application.
 *
 * @throws DomainError INVALID_STATE (409) once submitted; MATERIAL_UNKNOWN (422), FILE_TYPE_NOT_ALLOWED (422), FILE_TOO_LARGE (413).
 */
export function requestUpload(
  request: UploadRequest,
  application: { id: string; roundId: string; orgId: string; status: string; form: Record<string, unknown> },
  program: Pick<ProgramTemplate, 'materials'>,
  context: { id: string; actor: Actor; now: Date },
): { change: Change<Evidence>; material: Material } {
  assertEvidenceEditable(application);
  const material = applicableMaterials(program, application.form).find((item) => item.key === request.materialKey);
  if (!material) {
    throw new DomainError('MATERIAL_UNKNOWN', 'key', { key: request.materialKey }, [{ path: 'materialKey', message: '材料项不存在' }]);
  }
  const format = formatOfContentType(request.contentType);
  if (!format || !material.formats.includes(format)) {
    throw new DomainError(
      'FILE_TYPE_NOT_ALLOWED',
      'material',
      { title: material.title, formats: material.formats.join('、') },
      [
        { path: 'contentType', message: `不接受的文件类型：${request.contentType}` },
      ],
    );
  }
  if (request.size > material.maxBytes) {
    const [size, limit] = formatByteSizes(request.size, material.maxBytes);
    throw new DomainError('FILE_TOO_LARGE', 'material', { title: material.title, limit }, [{ path: 'size', message: `文件大小 ${size}` }]);
  }
  const evidence: Evidence = {
    ...newEntityMeta(context.id, context.now),
    applicationId: application.id,
    roundId: application.roundId,
    orgId: application.orgId,
    materialKey: material.key,
    fileName: request.fileName,
    contentType: request.contentType,
    declaredBytes: request.size,
    status: 'pending',
    quarantineKey: quarantineKey(application.roundId, application.id, context.id),
  };
  return {
    change: { entity: evidence, expectedVersion: 0, events: [audit(context.actor, 'evidence.upload_requested', 'evidence', undefined, evidence, context.now)] },
    material,
  };
}

/**
 * The application statuses in which files may be added or taken back. A commit that adds or
 * removes a file must also guard its application on these (the record store's status guard,
 * which moves the application's version on: a submission decided on the older set of files
 * then fails its conditional write and decides again).
 */
export const fileEditableStatuses: readonly ApplicationStatus[] = ['draft', 'returned'];

function acceptsFiles(application: { status: string }): boolean {
  return (fileEditableStatuses as readonly string[]).includes(application.status);
}

function assertEvidenceEditable(application: { status: string }): void {
  if (!acceptsFiles(application)) {
    throw new DomainError('INVALID_STATE', 'evidenceLocked');
  }
}

/**
 * Takes a file back from a draft or returned application. The record stays (status
 * `removed`) so the audit trail keeps what was uploaded.
 *
 * @throws DomainError INVALID_STATE (409) once submitted or when already removed.
 */
export function removeEvidence(evidence: Evidence, application: { status: string }, context: { actor: Actor; now: Date }): Change<Evidence> {
  assertEvidenceEditable(application);
  if (evidence.status === 'removed') throw new DomainError('INVALID_STATE', 'evidenceRemoved');
  const next = revise(evidence, { status: 'removed' }, context.now);
  return { entity: next, expectedVersion: evidence.version, events: [audit(context.actor, 'evidence.removed', 'evidence', evidence, next, context.now)] };
}

/**
 * Whether a file uploaded into this slot may still become part of the application: while the
 * application is editable, and afterwards only for a slot that existed when it was submitted
 * (its upload may still be on the way; the submission workflow waits for it).
 */
export function slotStillCounts(evidence: Evidence, application: { status: string; submittedAt?: string | undefined } | undefined): boolean {
  if (!application) return false;
  if (acceptsFiles(application)) return true;
  return application.submittedAt !== undefined && Date.parse(evidence.createdAt) <= Date.parse(application.submittedAt);
}

/** The finding for a file uploaded into a slot that no longer counts ({@link slotStillCounts}). */
export const lateUploadProblem = { code: 'UPLOAD_AFTER_SUBMISSION', message: '申报已提交，该文件在提交后才登记上传，未计入申报材料' } as const;

/**
 * Records what the evidence processor found. Returns `undefined` when the evidence was
 * already checked, so a repeated upload event changes nothing. A file in a slot that no
 * longer counts for its application ({@link slotStillCounts}) is rejected whatever it holds.
 */
export function recordInspection(
  evidence: Evidence,
  inspected: EvidenceFindings,
  application: { status: string; submittedAt?: string | undefined } | undefined,
  context: { actor: Actor; now: Date },
): Change<Evidence> | undefined {
  if (evidence.status !== 'pending') return undefined;
  const findings = slotStillCounts(evidence, application) ? inspected : { ...inspected, problem: lateUploadProblem };
  const base = {
    sha256: findings.sha256,
    bytes: findings.bytes,
    detectedFormat: findings.detectedFormat,
    ...(findings.pdfPages === undefined ? {} : { pdfPages: findings.pdfPages }),
    ...(findings.flags && findings.flags.length > 0 ? { flags: findings.flags } : {}),
  };
  const next = findings.problem
    ? revise(evidence, { ...base, status: 'rejected', problemCode: findings.problem.code, reason: findings.problem.message }, context.now)
    : revise(evidence, { ...base, status: 'verified', evidenceKey: verifiedKey(evidence.roundId, evidence.applicationId, evidence.id) }, context.now);
  return {
    entity: next,
    expectedVersion: evidence.version,
    events: [audit(context.actor, next.status === 'verified' ? 'evidence.verified' : 'evidence.rejected', 'evidence', evidence, next, context.now, findings.problem ? { code: findings.problem.code } : undefined)],
  };
}

/**
 * Organisations (申报单位) and their profile: the name, the kind (单位类型, from the platform's
 * vocabulary) and optionally the 统一社会信用代码. An organisation is the `orgId` of the
 * institution's sign-in; its kind decides which programs it may apply to.
 */
import { audit, type Actor, type Change } from './audit-event.js';
import { newEntityMeta, revise, type EntityMeta } from './entity.js';
import { DomainError } from './errors.js';
import { isOrganizationKind, organizationKindLabels, type OrganizationKind } from './organization-kinds.js';
import type { ProgramTemplate } from '../programs/schema.js';

/** An organisation's record; its id is the `orgId` its institutions sign in with. */
export interface Organization extends EntityMeta {
  readonly name: string;
  /** Absent until the organisation (or staff) fills in its kind. */
  readonly kind?: OrganizationKind;
  /** 统一社会信用代码 (GB 32100-2015), when given. */
  readonly creditCode?: string;
}

/** What an organisation's profile says, as the institution or staff enter it. */
export interface OrganizationProfile {
  readonly name: string;
  readonly kind: OrganizationKind;
  readonly creditCode?: string | undefined;
}

const creditCodeCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Whether a text is a valid 统一社会信用代码: 18 characters of the code's alphabet (no I, O, S,
 * V, Z) whose last is the GB 32100-2015 check character (weights 3^i mod 31).
 *
 * @example
 * isCreditCode('91350100M000100Y43'); // true
 */
export function isCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  let weight = 1;
  for (let index = 0; index < 17; index += 1) {
    sum += creditCodeCharacters.indexOf(code[index]!) * weight;
    weight = (weight * 3) % 31;
  }
  return creditCodeCharacters[(31 - (sum % 31)) % 31] === code[17];
}

/**
 * Creates an organisation's record or updates its profile; undefined when the profile says
 * what the record already says (a repeated save changes nothing). The audit event of an update
 * names the fields that changed.
 *
 * @throws DomainError VALIDATION_FAILED (400) for a 统一社会信用代码 that is not valid.
 */
export function saveOrganizationProfile(
  existing: Organization | undefined,
  profile: OrganizationProfile,
  context: { id: string; actor: Actor; now: Date },
): Change<Organization> | undefined {
  const creditCode = profile.creditCode?.trim().toUpperCase() || undefined;
  if (creditCode !== undefined && !isCreditCode(creditCode)) {
    throw new DomainError('VALIDATION_FAILED', 'creditCode', [{ path: 'creditCode', message: '统一社会信用代码不正确' }]);
  }
  const values: Omit<Organization, keyof EntityMeta> = { name: profile.name.trim(), kind: profile.kind, ...(creditCode ? { creditCode } : {}) };
  if (!existing) {
    const created: Organization = { ...newEntityMeta(context.id, context.now), ...values };
    return { entity: created, expectedVersion: 0, events: [audit(context.actor, 'organization.created', 'organization', undefined, created, context.now)] };
  }
  const fields = (['name', 'kind', 'creditCode'] as const).filter((field) => existing[field] !== values[field]);
  if (fields.length === 0) return undefined;
  // The profile replaces the record's fields as a whole: a 统一社会信用代码 left out is removed.
  const { name: _name, kind: _kind, creditCode: _creditCode, ...meta } = existing;
  const updated = revise<Organization>({ ...meta, ...values }, {}, context.now);
  return { entity: updated, expectedVersion: existing.version, events: [audit(context.actor, 'organization.updated', 'organization', existing, updated, context.now, { fields })] };
}

/** The organisation kinds one of a program's applicant kinds admits: its mapping, else its code when that is a vocabulary kind. */
export function applicantOrganizationKinds(kind: { readonly code: string; readonly organizationKinds?: readonly OrganizationKind[] | undefined }): readonly OrganizationKind[] {
  return kind.organizationKinds ?? (isOrganizationKind(kind.code) ? [kind.code] : []);
}

/** The organisation kinds a program admits, over all its applicant kinds. */
export function admittedOrganizationKinds(program: Pick<ProgramTemplate, 'applicantKinds'>): Set<OrganizationKind> {
  return new Set(program.applicantKinds.flatMap((kind) => [...applicantOrganizationKinds(kind)]));
}

/**
 * Checks an organisation may apply to a program: it has a profile with a kind, and the
 * program's applicant kinds admit that kind.
 *
 * @throws DomainError PROFILE_INCOMPLETE (422) without a profile or kind;
 *   APPLICANT_KIND_NOT_ALLOWED (422) naming who may apply (e.g. 本项目仅限设区市人民政府申报).
 */
export function requireAdmittedApplicant(program: Pick<ProgramTemplate, 'applicantKinds'>, organization: Pick<Organization, 'kind'> | undefined): void {
  const kind = organization?.kind;
  if (kind === undefined) {
    throw new DomainError('PROFILE_INCOMPLETE', 'kind', [{ path: 'kind', message: '尚未填写单位类型' }]);
  }
  const admitted = admittedOrganizationKinds(program);
  if (admitted.has(kind)) return;
  const who = program.applicantKinds.map((item) => item.label).join('、');
  throw new DomainError(
    'APPLICANT_KIND_NOT_ALLOWED',
    'program',
    { applicants: who },
    [
      { path: 'kind', message: `贵单位的单位类型为“${organizationKindLabels[kind]}”，不在本项目的申报主体之列`, kind, allowed: [...admitted] },
    ],
  );
}

/**
 * Organisation profiles (单位信息): the institution reads and edits its own (`GET/PUT /api/profile`),
 * staff list every organisation and correct one (`GET /api/admin/organizations`,
 * `PUT /api/admin/organizations/{orgId}`). A save that changes nothing writes nothing.
 */
import * as z from 'zod';
import type { Actor } from '#shared/domain/audit-event.js';
import { saveOrganizationProfile, type Organization } from '#shared/domain/organization.js';
import { organizationKindLabels, organizationKinds } from '#shared/domain/organization-kinds.js';
import { tagged } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { boundedText } from './http/bounded-schemas.js';
import { route } from './http/http-api.js';
import { actorOf } from './http/principal.js';
import { withOptimisticRetry } from './optimistic-retry.js';

/** The body of a profile save: 单位名称, 单位类型 and optionally the 统一社会信用代码. */
const profileBody = z
  .object({
    name: boundedText(100, { min: 1, trim: true }),
    kind: z.enum(organizationKinds),
    creditCode: boundedText(18, { trim: true }).optional(),
  })
  .strict();

/** Every organisation kind with its label, for forms. */
const kindChoices = organizationKinds.map((code) => ({ code, label: organizationKindLabels[code] }));

/** An organisation as the API answers it, with its kind's Chinese label. */
export function organizationView(organization: Organization) {
  return { ...organization, ...(organization.kind ? { kindLabel: organizationKindLabels[organization.kind] } : {}) };
}

/** Saves an organisation's profile (creating its record on first save), again on fresh data if it changed meanwhile. */
async function saveProfile(deps: Dependencies, orgId: string, profile: z.output<typeof profileBody>, actor: Actor): Promise<Organization> {
  return withOptimisticRetry(async () => {
    const existing = await deps.records.get('organization', orgId);
    const change = saveOrganizationProfile(existing, profile, { id: orgId, actor, now: deps.clock.now() });
    if (!change) return existing!;
    await deps.records.commit([tagged('organization', change)]);
    return change.entity;
  });
}

/** The institution's own profile. */
export const profileRoutes = [
  route({ method: 'GET', path: '/api/profile', auth: 'institution' }, async ({ principal, deps }) => {
    const organization = await deps.records.get('organization', principal.orgId!);
    return { body: { organization: organization ? organizationView(organization) : null, kinds: kindChoices } };
  }),

  route({ method: 'PUT', path: '/api/profile', auth: 'institution', body: profileBody }, async ({ body, principal, deps }) => ({
    body: { organization: organizationView(await saveProfile(deps, principal.orgId!, body, actorOf(principal))) },
  })),
];

/** Staff's list of organisations and their corrections. */
export const organizationRoutes = [
  route({ method: 'GET', path: '/api/admin/organizations', auth: 'admin' }, async ({ deps }) => {
    const organizations = await deps.records.listOrganizations();
    return { body: { organizations: organizations.map(organizationView), kinds: kindChoices } };
  }),

  route({ method: 'PUT', path: '/api/admin/organizations/{orgId}', auth: 'admin', body: profileBody }, async ({ params, body, principal, deps }) => ({
    body: { organization: organizationView(await saveProfile(deps, params['orgId']!, body, actorOf(principal))) },
  })),
];

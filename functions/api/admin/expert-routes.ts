/** Staff routes for the expert pool: add one, list or search it. */
import * as z from 'zod';
import { createExpert, matchesExpertSearch } from '#shared/domain/expert.js';
import { tagged } from '#shared/ports/record-store.js';
import { route } from '../http/http-api.js';
import { actorOf } from '../http/principal.js';
import { boundedText } from '../http/bounded-schemas.js';
import { parseInput } from '../http/validation.js';

/** The fields of one expert, as accepted by the API and by the import. */
export const expertInput = z
  .object({
    name: z.string().trim().min(1).max(50),
    email: z.email().max(254),
    organization: z.string().trim().min(1).max(200),
    region: z.string().trim().max(50).optional(),
    expertise: z.array(z.string().trim().min(1).max(50)).max(30),
    conflicts: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    capacity: z.number().int().min(1).max(200).optional(),
  })
  .strict();

/** `?q=`: search terms over name, organisation and expertise (at most 100 characters). */
const searchQuery = z.object({ q: boundedText(100, { trim: true }).optional() }).strict();

export const expertRoutes = [
  route({ method: 'POST', path: '/api/admin/experts', auth: 'admin', body: expertInput }, async ({ body, principal, deps }) => {
    const change = createExpert(body, { id: deps.ids.entityId('expert'), actor: actorOf(principal), now: deps.clock.now() });
    await deps.records.commit([tagged('expert', change)]);
    return { status: 201, body: { expert: change.entity } };
  }),

  route({ method: 'GET', path: '/api/admin/experts', auth: 'admin' }, async ({ query, deps }) => {
    const { q } = parseInput(searchQuery, query);
    const experts = await deps.records.listExperts();
    return { body: { experts: q === undefined ? experts : experts.filter((expert) => matchesExpertSearch(expert, q)) } };
  }),
];

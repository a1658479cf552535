/**
 * A program template as staff send it (`POST/PUT /api/admin/programs`), checked before it is
 * stored: the template schema, the store's limits (DynamoDB nests at most 32 levels, keeps
 * numbers between 1e-130 and 9.99e125, keys of at most 2048 bytes) and the deployment's
 * program setting. Every problem is reported with its path under `template`.
 */
import { DomainError, type ErrorDetail } from '#shared/domain/errors.js';
import { isStorableNumber } from '#shared/domain/storable-number.js';
import { isOffered, type ProgramOffer } from '#shared/programs/program-offer.js';
import { programTemplateSchema, type ProgramTemplate } from '#shared/programs/schema.js';
import { ID_MAX_LENGTH } from '../http/bounded-schemas.js';
import { issueDetails } from '../http/validation.js';

/** The largest template body accepted (the built-in ones are under 100 KB); a stored version stays under DynamoDB's 400 KB item. */
export const maxTemplateBodyBytes = 256 * 1024;

/** The deepest nesting accepted inside a template, well under DynamoDB's 32 levels (the record wraps it in two more). */
const maxTemplateDepth = 20;

/** Most problems reported on one template. */
const maxProblems = 50;

/** Problems zod cannot see: nesting too deep for the store, numbers it cannot keep. Stops descending at the depth limit. */
function storageProblems(value: unknown, path: readonly (string | number)[], problems: ErrorDetail[]): void {
  if (problems.length >= maxProblems) return;
  const at = ['template', ...path].join('.');
  if (typeof value === 'number' && !isStorableNumber(value)) problems.push({ path: at, message: '数值精度超出可保存的范围' });
  if (typeof value !== 'object' || value === null) return;
  if (path.length >= maxTemplateDepth) {
    problems.push({ path: at, message: `嵌套层级过深（最多 ${maxTemplateDepth} 层）` });
    return;
  }
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  for (const [key, child] of entries) storageProblems(child, [...path, key], problems);
}

function refuse(details: readonly ErrorDetail[]): DomainError {
  return new DomainError('TEMPLATE_INVALID', 'template', details.slice(0, maxProblems));
}

/**
 * The template staff sent, parsed with the program template schema (defaults filled in).
 *
 * @throws DomainError TEMPLATE_INVALID (422) with the path (`template.…`) and a message per problem,
 *   also for a program this deployment does not offer (another province's, or a national one it does not list).
 */
export function parseStaffTemplate(input: unknown, offer: ProgramOffer): ProgramTemplate {
  const stored: ErrorDetail[] = [];
  storageProblems(input, [], stored);
  if (stored.length > 0) throw refuse(stored);
  const parsed = programTemplateSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw refuse(issueDetails(parsed.error).map((detail) => ({ ...detail, path: detail.path ? `template.${detail.path}` : 'template' })));
  const template = parsed.data;
  if (template.id.length > ID_MAX_LENGTH) throw refuse([{ path: 'template.id', message: `不能超过 ${ID_MAX_LENGTH} 个字符` }]);
  if (!isOffered(template, offer)) {
    throw refuse([
      template.province === undefined
        ? { path: 'template.id', message: '本平台未提供该国家级认定项目（见部署设置 programs）' }
        : { path: 'template.province', message: `本平台只提供本省（${offer.province}）的认定项目` },
    ]);
  }
  return template;
}

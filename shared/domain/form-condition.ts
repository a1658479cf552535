/**
 * `when` conditions of program templates (form fields, eligibility rules, materials,
 * indicators): an item applies only while a form field holds a given value.
 */
import type * as z from 'zod';
import type { conditionSchema, FormField } from '../programs/schema.js';

/** A `when` condition of a program template. */
export type Condition = z.infer<typeof conditionSchema>;

/**
 * Whether `form` satisfies `when`: the field equals the value, or, for a multiselect (a
 * list), contains it. No condition always holds; a missing field never satisfies one.
 *
 * @example
 * conditionHolds({ field: 'baseType', equals: 'employment' }, { baseType: 'employment' }); // true
 * conditionHolds({ field: 'fields', equals: 'ai' }, { fields: ['ai', 'auto'] }); // true
 */
export function conditionHolds(when: Condition | undefined, form: Readonly<Record<string, unknown>>): boolean {
  if (when === undefined) return true;
  const value = form[when.field];
  return Array.isArray(value) ? value.includes(when.equals) : value === when.equals;
}

/**
 * Whether `field` applies to a form with the given (parsed) values: it has no `when`, or the
 * condition field applies too and holds the given value. Conditions that refer to an unknown
 * field, or that form a cycle, never hold.
 *
 * @example
 * // field 'placements' has when: { field: 'baseType', equals: 'employment' }
 * isFieldApplicable(program.form, 'placements', { baseType: 'employment' }); // true
 */
export function isFieldApplicable(fields: readonly Pick<FormField, 'key' | 'when'>[], key: string, values: Readonly<Record<string, unknown>>): boolean {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const visiting = new Set<string>();
  const applies = (current: string): boolean => {
    const field = byKey.get(current);
    if (!field) return false;
    if (!field.when) return true;
    if (visiting.has(current)) return false;
    visiting.add(current);
    const result = applies(field.when.field) && conditionHolds(field.when, values);
    visiting.delete(current);
    return result;
  };
  return applies(key);
}

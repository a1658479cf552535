/**
 * `when` conditions of program templates (form fields, eligibility rules, materials,
 * indicators): an item applies only while a form field holds a given value.
 */
import type { z } from 'zod';
import type { conditionSchema } from '../programs/schema.js';

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

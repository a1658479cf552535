/**
 * A template field's value as a person reads it, shared by the portal's read-only form and the
 * staff's screening view: option labels instead of codes, 是/否, the number's unit. Pure: no DOM.
 */
import type { FormField } from '#shared/programs/schema.js';
import { valueText } from '#shared/domain/value-text.js';

function optionLabel(field: Extract<FormField, { options: unknown }>, value: unknown): string {
  return field.options.find((option) => option.value === value)?.label ?? valueText(value);
}

/**
 * A field's value in words (`words` gives the audience's 是/否); undefined when it is empty.
 *
 * @example
 * fieldValueText({ type: 'number', unit: '亿元', … }, 12, { yes: '是', no: '否' }); // '12 亿元'
 */
export function fieldValueText(field: FormField, value: unknown, words: { readonly yes: string; readonly no: string }): string | undefined {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  switch (field.type) {
    case 'boolean':
      return value === true ? words.yes : value === false ? words.no : valueText(value);
    case 'number':
      return typeof value === 'number' && field.unit ? `${value} ${field.unit}` : valueText(value);
    case 'select':
      return optionLabel(field, value);
    case 'multiselect':
      return (Array.isArray(value) ? value : [value]).map((item) => optionLabel(field, item)).join('、');
    default:
      return valueText(value);
  }
}

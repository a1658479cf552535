/**
 * Building blocks every program template repeats: the contact fields of the application
 * form and the default upload limits. Templates stay plain data; these only save retyping.
 */
import type { ProgramTemplateInput } from './schema.js';

type FormFieldInput = ProgramTemplateInput['form'][number];

/** One mebibyte in bytes. */
export const MIB = 1024 * 1024;
/** Default upload limit for a single document (PDF, Word, image): 50 MiB. */
export const DOCUMENT_MAX_BYTES = 50 * MIB;
/** Default upload limit for an archive of evidence (zip): 200 MiB. */
export const ARCHIVE_MAX_BYTES = 200 * MIB;

/** Mainland mobile number, or a landline with area code and optional extension. */
export const PHONE_PATTERN = '^(?:1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(?:-\\d{1,6})?)$';
/** A plain e-mail address. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

/**
 * The contact person, phone and e-mail fields (联系人/联系电话/电子邮箱) every form ends with.
 *
 * @example
 * form: [applicantField, titleField, ...contactFields()]
 */
export function contactFields(): FormFieldInput[] {
  return [
    { key: 'contactName', label: '联系人', type: 'text', maxLength: 50 },
    { key: 'contactPhone', label: '联系电话', type: 'text', maxLength: 30, pattern: PHONE_PATTERN, help: '手机号码或带区号的固定电话' },
    { key: 'contactEmail', label: '电子邮箱', type: 'text', maxLength: 100, pattern: EMAIL_PATTERN },
  ];
}

/** The key of the {@link avoidListField} every form has. */
export const AVOID_LIST_KEY = 'avoidList';

/**
 * The applicant's declared avoid list (申请回避的专家或单位): optional, one expert or
 * organisation per line. The expert assignment never gives the application to an expert named
 * there or working at a unit named there (or its parent or sub-unit); name it in the template's
 * `assignment.avoidListField`.
 *
 * @example
 * form: [applicantField, titleField, avoidListField(), ...contactFields()]
 */
export function avoidListField(): FormFieldInput {
  return {
    key: AVOID_LIST_KEY,
    label: '申请回避的专家或单位',
    type: 'textarea',
    maxLength: 2000,
    required: false,
    help: '每行填写一位专家姓名或一个单位名称；评审时不会安排这些专家，以及在这些单位（含其上级单位和下属单位）工作的专家。无须回避的请留空。',
  };
}

/** The cycle summary (周期建设总结) an evaluation form asks of the unit. */
export function cycleSummaryField(): FormFieldInput {
  return { key: 'cycleSummary', label: '周期建设总结', type: 'textarea', maxLength: 5000, help: '本认定周期内的建设任务完成情况、主要成效与存在问题' };
}

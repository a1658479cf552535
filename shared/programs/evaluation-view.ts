/**
 * The evaluation view of a program (周期评估): the template an evaluation round runs on, with
 * the form, materials and indicators of the program's `evaluation` section and no eligibility
 * rules, so intake, evidence, screening, assignment, review links and ranking run unchanged.
 */
import { ARCHIVE_MAX_BYTES, contactFields, cycleSummaryField, DOCUMENT_MAX_BYTES } from './common-fields.js';
import * as z from 'zod';
import { formFieldSchema, materialSchema, type FormField, type Material, type ProgramTemplate } from './schema.js';

/** The form of an evaluation section that names none: the unit's name and title, a cycle summary, the contact fields. */
function defaultEvaluationForm(program: ProgramTemplate): FormField[] {
  const labelOf = (key: string, fallback: string) => program.form.find((field) => field.key === key)?.label ?? fallback;
  return z.array(formFieldSchema).parse([
    { key: 'applicantName', label: labelOf('applicantName', '认定单位'), type: 'text', maxLength: 100 },
    { key: 'projectTitle', label: labelOf('projectTitle', '认定项目名称'), type: 'text', maxLength: 100 },
    cycleSummaryField(),
    ...contactFields(),
  ]);
}

/** The materials of an evaluation section that names none: the 周期报告 and optional evidence. */
const defaultEvaluationMaterials: Material[] = z.array(materialSchema).parse([
  { key: 'cycle_report', title: '周期报告', required: true, formats: ['pdf', 'docx'], maxBytes: DOCUMENT_MAX_BYTES },
  { key: 'evidence', title: '佐证材料', required: false, formats: ['pdf', 'zip', 'jpg', 'png'], maxBytes: ARCHIVE_MAX_BYTES, multiple: true },
]);

/** Whether the program defines a cycle evaluation (an `evaluation` section). */
export function hasEvaluation(program: ProgramTemplate): program is ProgramTemplate & { evaluation: NonNullable<ProgramTemplate['evaluation']> } {
  return program.evaluation !== undefined;
}

/**
 * The template an evaluation round of `program` runs on: the evaluation section's indicators,
 * its form and materials (or the defaults), no eligibility rules, and the assignment settings
 * limited to the fields the evaluation form has.
 *
 * @example
 * const view = evaluationView(requireProgram('miit-demo-base')); // view.indicators: the 周期评估 indicators
 */
export function evaluationView(program: ProgramTemplate & { evaluation: NonNullable<ProgramTemplate['evaluation']> }): ProgramTemplate {
  const section = program.evaluation;
  const form = section.form ?? defaultEvaluationForm(program);
  const keys = new Set(form.map((field) => field.key));
  const assignment = program.assignment;
  const known = (key: string | undefined) => (key !== undefined && keys.has(key) ? key : undefined);
  const regionField = known(assignment?.regionField);
  const avoidListField = known(assignment?.avoidListField);
  return {
    ...program,
    form,
    eligibility: [],
    materials: section.materials ?? defaultEvaluationMaterials,
    indicators: section.indicators,
    ...(assignment === undefined
      ? {}
      : {
          assignment: {
            tagFields: assignment.tagFields.filter((key) => keys.has(key)),
            relatedOrganizationFields: assignment.relatedOrganizationFields.filter((key) => keys.has(key)),
            ...(avoidListField === undefined ? {} : { avoidListField }),
            ...(regionField === undefined ? {} : { regionField }),
            avoidSameRegion: assignment.avoidSameRegion && regionField !== undefined,
          },
        }),
  };
}

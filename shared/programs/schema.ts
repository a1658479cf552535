/**
 * The program template schema (认定项目模板). A program is data: who may apply, what they
 * must fill in and upload, which rules decide eligibility, how experts score and how the
 * result is published. Every template in `shared/programs/templates/` is parsed with
 * {@link programTemplateSchema} when it is loaded.
 */
import * as z from 'zod';
import { isOrganizationKind, organizationKinds } from '../domain/organization-kinds.js';

/**
 * The most experts one application may have. Its review starts in one transaction (the
 * application, and per expert the task, its (application, expert) guard and audit event),
 * and a DynamoDB transaction holds at most 100 items.
 */
export const maxExpertsPerApplication = 30;

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case code');
const seedFile = z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/);

function isRegExpSource(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * Who may apply (申报主体), in the program's words, and the organisation kinds of the platform's
 * vocabulary (`shared/domain/organization-kinds.ts`) it admits: `organizationKinds`, else the
 * code itself, which must then be a vocabulary kind.
 */
export const applicantKindSchema = z
  .object({ code, label: z.string().min(1), organizationKinds: z.array(z.enum(organizationKinds)).min(1).optional() })
  .strict()
  .refine((kind) => kind.organizationKinds !== undefined || isOrganizationKind(kind.code), {
    path: ['organizationKinds'],
    message: `an applicant kind whose code is not an organisation kind needs organizationKinds (one or more of ${organizationKinds.join(', ')})`,
  });

/** A value a form field must equal for a dependent item to apply (e.g. only for 就业型 bases). */
export const conditionSchema = z
  .object({
    field: z.string().min(1),
    equals: z.union([z.string(), z.number(), z.boolean()]),
  })
  .strict();

const fieldBase = {
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: z.string().min(1),
  required: z.boolean().default(true),
  help: z.string().optional(),
  when: conditionSchema.optional(),
};

/** One typed field of the application form, with its Chinese label and validation. */
export const formFieldSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...fieldBase,
      type: z.literal('text'),
      maxLength: z.number().int().positive().default(200),
      /** A regular expression (source, no flags) the whole value must match, e.g. for a phone number or an e-mail address. */
      pattern: z
        .string()
        .min(1)
        .refine((source) => isRegExpSource(source), 'invalid regular expression')
        .optional(),
    })
    .strict(),
  z.object({ ...fieldBase, type: z.literal('textarea'), maxLength: z.number().int().positive().default(5000) }).strict(),
  z
    .object({
      ...fieldBase,
      type: z.literal('number'),
      integer: z.boolean().default(false),
      min: z.number().optional(),
      max: z.number().optional(),
      /**
       * The key of another number field this value may not exceed: a part is never more than
       * its whole (e.g. enterprise mentors ≤ mentors in total).
       */
      maxField: z.string().min(1).optional(),
      unit: z.string().optional(),
    })
    .strict(),
  z.object({ ...fieldBase, type: z.literal('boolean') }).strict(),
  z.object({ ...fieldBase, type: z.literal('date') }).strict(),
  z
    .object({
      ...fieldBase,
      type: z.enum(['select', 'multiselect']),
      options: z.array(z.object({ value: z.string().min(1), label: z.string().min(1) }).strict()).min(1),
    })
    .strict(),
]);

/** A machine check of an eligibility rule on form fields. */
export const eligibilityCheckSchema = z.discriminatedUnion('type', [
  /** `form[field] >= value` */
  z.object({ type: z.literal('min'), field: z.string(), value: z.number() }).strict(),
  /**
   * `form[numerator] / form[denominator] >= value` (denominator > 0): the share of a part in
   * its whole, so the numerator field must name the denominator as its `maxField`.
   */
  z
    .object({ type: z.literal('ratio_min'), numerator: z.string(), denominator: z.string(), value: z.number() })
    .strict(),
  /** at least one of the boolean fields is true */
  z.object({ type: z.literal('any_true'), fields: z.array(z.string()).min(1) }).strict(),
  /** `form[field]` is one of `values` */
  z.object({ type: z.literal('one_of'), field: z.string(), values: z.array(z.string()).min(1) }).strict(),
]);

/** An application condition from the seed: machine-checked (`auto`) or checked by staff (`checklist`). */
export const eligibilityRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      code: z.string().min(1),
      text: z.string().min(1),
      kind: z.literal('auto'),
      check: eligibilityCheckSchema,
      when: conditionSchema.optional(),
    })
    .strict(),
  z
    .object({
      code: z.string().min(1),
      text: z.string().min(1),
      kind: z.literal('checklist'),
      when: conditionSchema.optional(),
    })
    .strict(),
]);

/** File formats the evidence processor can recognise by magic bytes. */
export const evidenceFormatSchema = z.enum(['pdf', 'jpg', 'png', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'zip']);
export type EvidenceFormat = z.infer<typeof evidenceFormatSchema>;

/** A material (申报材料) the applicant uploads. */
export const materialSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.string().min(1),
    required: z.boolean(),
    formats: z.array(evidenceFormatSchema).min(1),
    maxBytes: z.number().int().positive(),
    multiple: z.boolean().default(false),
    description: z.string().optional(),
    when: conditionSchema.optional(),
  })
  .strict();

/**
 * A node of the indicator tree. Group nodes (基本指标, 一级/二级指标) have `children`;
 * leaves are the scored items (观测点 or 二级指标). `weight` is the node's share of its
 * parent (defaults: siblings equal); `observationPoints` carries the seed's 观测点 text
 * where the scored leaf itself is an indicator. A node with `when` applies only to
 * applications whose form satisfies the condition (e.g. the indicators of one kind of
 * base); inapplicable nodes are left out and their siblings' weights renormalised.
 */
export interface IndicatorNode {
  code: string;
  title: string;
  weight?: number | undefined;
  observationPoints?: string[] | undefined;
  when?: { field: string; equals: string | number | boolean } | undefined;
  children?: IndicatorNode[] | undefined;
}

export const indicatorNodeSchema: z.ZodType<IndicatorNode, IndicatorNode> = z.lazy(() =>
  z
    .object({
      code: z.string().min(1),
      title: z.string().min(1),
      weight: z.number().positive().optional(),
      observationPoints: z.array(z.string().min(1)).optional(),
      when: conditionSchema.optional(),
      children: z.array(indicatorNodeSchema).min(1).optional(),
    })
    .strict(),
);

/** How expert scores become one figure per application. */
export const aggregationSchema = z.enum(['mean', 'trimmed_mean', 'median']);
export type Aggregation = z.infer<typeof aggregationSchema>;

/** The process steps a program runs, in order, with the seed's own step names. */
export const stepSchema = z
  .object({
    kind: z.enum(['application', 'screening', 'expert_review', 'site_visit', 'publicity', 'approval', 'notice', 'promotion']),
    title: z.string().min(1),
    optional: z.boolean().default(false),
    description: z.string().optional(),
  })
  .strict();

/** Reference guidance attached to a program (e.g. the MOE 市域产教联合体 standard). */
export const guidanceSchema = z
  .object({
    title: z.string().min(1),
    source: z.string().min(1),
    /** The seed file the guidance is quoted from, when it is not the program's own seed. */
    seed: seedFile.optional(),
    items: z.array(z.object({ title: z.string().min(1), text: z.string().min(1) }).strict()).min(1),
  })
  .strict();

/**
 * Form fields every program has: the applicant's name (申报单位) and the project's title
 * (项目名称) are what publicity lists, notices and expert invitations show.
 */
export const requiredFormKeys = ['applicantName', 'projectTitle'] as const;

/**
 * A duty of a recognised unit after recognition, in the seed's wording (e.g. 年度计划及总结,
 * 周期报告及评估 with a 3-year cycle, 激励和退出机制).
 */
export const postRecognitionDutySchema = z
  .object({
    kind: z.enum(['annual_plan_summary', 'annual_report', 'periodic_evaluation', 'incentive_exit']),
    title: z.string().min(1),
    /** Length of the cycle in years where the seed gives one. */
    cycleYears: z.number().int().positive().optional(),
    description: z.string().optional(),
  })
  .strict();

/** A calendar day of the year, `MM-DD` (no 29 February: a due date must exist every year). */
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'MM-DD')
  .refine((value) => {
    const [month, day] = value.split('-').map(Number) as [number, number];
    return day <= new Date(Date.UTC(2025, month, 0)).getUTCDate();
  }, 'no such day in every year');

/**
 * The annual duties of a recognised unit (认定后管理: 年度计划及总结 / 年度报告): each calendar
 * year of its cycle it owes a plan (`plan`, due on `planDue` of that year) and a summary
 * (`summary`, due on `summaryDue` of that year), dates in China's time zone. `cycleYears`
 * overrides the cycle length otherwise read from the `periodic_evaluation` duty (default 3).
 * The report forms and materials default to the platform's (see `shared/domain/unit-report.ts`).
 */
export const unitDutiesSchema = z
  .object({
    cycleYears: z.number().int().min(1).max(10).optional(),
    planDue: monthDay.default('03-31'),
    summaryDue: monthDay.default('12-31'),
    planForm: z.array(formFieldSchema).min(1).optional(),
    summaryForm: z.array(formFieldSchema).min(1).optional(),
    reportMaterials: z.array(materialSchema).min(1).optional(),
  })
  .strict();
export type UnitDuties = z.infer<typeof unitDutiesSchema>;

/**
 * The cycle evaluation (周期评估) of recognised units: the indicators experts score an
 * evaluation round on and, when they differ from the recognition's, its form and materials
 * (e.g. the 周期报告). Absent form or materials: the evaluation view's defaults (the unit's
 * name and title, a cycle summary and the contact fields; a 周期报告 and optional evidence).
 */
export const evaluationSectionSchema = z
  .object({
    indicators: z.array(indicatorNodeSchema).min(1),
    form: z.array(formFieldSchema).min(1).optional(),
    materials: z.array(materialSchema).min(1).optional(),
  })
  .strict();
export type EvaluationSection = z.infer<typeof evaluationSectionSchema>;

/**
 * The body that signs a round's recognition notice (发文机关), e.g. 广西职业教育创新发展领导小组办公室,
 * and optionally its document-number prefix (机关代字, e.g. 桂教职成): the notice number must then
 * start with it.
 */
export const noticeIssuerSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    noticePrefix: z.string().trim().min(1).max(30).optional(),
  })
  .strict();
export type NoticeIssuer = z.infer<typeof noticeIssuerSchema>;

/**
 * The body that takes the final decision (审定机关, e.g. 广西职业教育创新发展领导小组) and the
 * seed's name for that decision (e.g. 领导小组审定, 部审核), shown to people wherever a round
 * waits for it or names it.
 */
export const approvalSchema = z
  .object({
    body: z.string().trim().min(1).max(100),
    decisionTitle: z.string().trim().min(1).max(30),
  })
  .strict();
export type Approval = z.infer<typeof approvalSchema>;

/**
 * What the expert assignment reads from an application's form (all keys are form field keys):
 * `tagFields` give the subject tags matched against experts' expertise (a select's value
 * counts as its option label, so 产业集群 options match expertise written in Chinese; a
 * text area counts one tag per line or per item separated by 、，;),
 * `relatedOrganizationFields` name partner, co-applicant and member organisations (recused
 * like the applicant), `avoidListField` the applicant's declared avoid list (申请回避的专家或单位),
 * `regionField` the applicant's region; `avoidSameRegion` is the rounds' default for refusing
 * experts of the applicant's region.
 */
export const assignmentSettingsSchema = z
  .object({
    tagFields: z.array(z.string().min(1)).default([]),
    relatedOrganizationFields: z.array(z.string().min(1)).default([]),
    avoidListField: z.string().min(1).optional(),
    regionField: z.string().min(1).optional(),
    avoidSameRegion: z.boolean().default(false),
  })
  .strict();
export type AssignmentSettings = z.infer<typeof assignmentSettingsSchema>;

/** The field types each part of the assignment section may name. */
const assignmentFieldTypes = {
  tagFields: ['text', 'textarea', 'select', 'multiselect'],
  relatedOrganizationFields: ['text', 'textarea'],
  avoidListField: ['text', 'textarea'],
  regionField: ['text', 'select'],
} as const satisfies Record<string, readonly FormField['type'][]>;

/** The whole validated template of a recognition program. */
export const programTemplateSchema = z
  .object({
    id: code,
    name: z.string().min(1),
    issuer: z.string().min(1),
    policyRef: z.string().min(1),
    /**
     * Who signs the recognition notice of a round unless the round names its own issuer: the
     * body the seed puts in charge of the recognition (not necessarily the policy's issuer).
     * Defaults to `issuer`; the template's notes say where it comes from.
     */
    noticeIssuer: noticeIssuerSchema.optional(),
    /** The seed file (in ../shared/seeds) the template is taken from. */
    seed: seedFile,
    province: z.string().optional(),
    applicantKinds: z.array(applicantKindSchema).min(1),
    form: z.array(formFieldSchema).min(1),
    eligibility: z.array(eligibilityRuleSchema),
    materials: z.array(materialSchema).min(1),
    indicators: z.array(indicatorNodeSchema).min(1),
    scoring: z
      .object({
        leafMaxScore: z.number().positive().default(10),
        total: z.number().positive().default(100),
      })
      .strict()
      .default({ leafMaxScore: 10, total: 100 }),
    review: z
      .object({
        expertsPerApplication: z.number().int().min(1).max(maxExpertsPerApplication).default(5),
        minValidReviews: z.number().int().min(1).default(3),
        aggregation: aggregationSchema.default('trimmed_mean'),
        reviewDays: z.number().int().min(1).default(14),
        formalReview: z.boolean().default(true),
        siteVisit: z.enum(['never', 'when_needed', 'always']).default('never'),
      })
      .strict(),
    steps: z.array(stepSchema).min(1),
    /**
     * The public notice (公示) of the shortlist: its length in working days, and whether a round
     * may hold none (`optional`: the seed names no publicity step; a publicity step marked
     * `optional` in `steps` allows it too; `publicityMayBeSkipped` in procedure.ts).
     */
    publicity: z.object({ workingDays: z.number().int().min(1).default(5), optional: z.boolean().default(false) }).strict(),
    /**
     * Who takes the final decision and how the seed names it (e.g. 工业和信息化部 · 部审核;
     * 广西职业教育创新发展领导小组 · 领导小组审定): statuses, mails, pages and the notice use it.
     * Absent: 最终审定 by the notice's issuer (`approvalOf` in procedure.ts).
     */
    approval: approvalSchema.optional(),
    quota: z.number().int().positive().optional(),
    guidance: z.array(guidanceSchema).default([]),
    postRecognition: z.array(postRecognitionDutySchema).default([]),
    /** The recognised unit's annual duties; absent: the platform defaults ({@link unitDutiesSchema}). */
    duties: unitDutiesSchema.optional(),
    /** The cycle evaluation's indicators (and form, materials); absent: the program runs no evaluation rounds. */
    evaluation: evaluationSectionSchema.optional(),
    notes: z.array(z.string()).default([]),
    /** What the expert assignment reads from the form; absent: the applicant's name only. */
    assignment: assignmentSettingsSchema.optional(),
  })
  .strict()
  .superRefine((program, ctx) => {
    if (program.review.minValidReviews > program.review.expertsPerApplication) {
      ctx.addIssue({ code: 'custom', path: ['review', 'minValidReviews'], message: 'exceeds expertsPerApplication' });
    }
    const fieldKeys = new Set(program.form.map((field) => field.key));
    for (const key of requiredFormKeys) {
      if (!fieldKeys.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['form'], message: `every program form needs a '${key}' field` });
      }
    }
    reportDuplicates(ctx, ['form'], program.form.map((field) => field.key), 'form field key');
    reportDuplicates(ctx, ['materials'], program.materials.map((material) => material.key), 'material key');
    reportDuplicates(ctx, ['eligibility'], program.eligibility.map((rule) => rule.code), 'eligibility rule code');
    reportDuplicates(ctx, ['indicators'], indicatorNodes(program.indicators).map((node) => node.code), 'indicator code');
    const conditions: { path: string[]; when: z.infer<typeof conditionSchema> | undefined }[] = [
      ...program.form.map((field) => ({ path: ['form', field.key], when: field.when })),
      ...program.eligibility.map((rule) => ({ path: ['eligibility', rule.code], when: rule.when })),
      ...program.materials.map((material) => ({ path: ['materials', material.key], when: material.when })),
      ...indicatorNodes(program.indicators).map((node) => ({ path: ['indicators', node.code], when: node.when })),
    ];
    for (const { path, when } of conditions) {
      if (when === undefined) continue;
      const target = program.form.find((field) => field.key === when.field);
      if (target === undefined) {
        ctx.addIssue({ code: 'custom', path, message: `condition on unknown form field ${when.field}` });
      } else if (
        (target.type === 'select' || target.type === 'multiselect') &&
        !target.options.some((option) => option.value === when.equals)
      ) {
        ctx.addIssue({ code: 'custom', path, message: `condition value ${String(when.equals)} is not an option of ${when.field}` });
      }
    }
    checkAssignmentSettings(ctx, program.form, program.assignment);
    checkEvaluationSection(ctx, program.evaluation);
    for (const field of program.form) {
      if (field.type !== 'number' || field.maxField === undefined) continue;
      const whole = program.form.find((candidate) => candidate.key === field.maxField);
      if (whole?.type !== 'number' || whole.key === field.key) {
        ctx.addIssue({ code: 'custom', path: ['form', field.key, 'maxField'], message: `maxField ${field.maxField} is not another number field` });
      }
    }
    for (const rule of program.eligibility) {
      if (rule.kind !== 'auto') continue;
      const check = rule.check;
      if (check.type === 'ratio_min') {
        const part = program.form.find((field) => field.key === check.numerator);
        if (part?.type === 'number' && part.maxField !== check.denominator) {
          ctx.addIssue({ code: 'custom', path: ['eligibility', rule.code], message: `ratio numerator ${check.numerator} needs maxField ${check.denominator}` });
        }
      }
      const fields =
        check.type === 'ratio_min' ? [check.numerator, check.denominator] : check.type === 'any_true' ? check.fields : [check.field];
      for (const field of fields) {
        if (!fieldKeys.has(field)) {
          ctx.addIssue({ code: 'custom', path: ['eligibility', rule.code], message: `unknown form field ${field}` });
        }
      }
    }
  });

/** Every key the assignment section names must be a form field of a type it can read. */
function checkAssignmentSettings(ctx: z.RefinementCtx, form: readonly FormField[], settings: AssignmentSettings | undefined): void {
  if (settings === undefined) return;
  const named: { part: keyof typeof assignmentFieldTypes; key: string; path: (string | number)[] }[] = [
    ...settings.tagFields.map((key, i) => ({ part: 'tagFields' as const, key, path: ['assignment', 'tagFields', i] })),
    ...settings.relatedOrganizationFields.map((key, i) => ({ part: 'relatedOrganizationFields' as const, key, path: ['assignment', 'relatedOrganizationFields', i] })),
    ...(settings.avoidListField === undefined ? [] : [{ part: 'avoidListField' as const, key: settings.avoidListField, path: ['assignment', 'avoidListField'] }]),
    ...(settings.regionField === undefined ? [] : [{ part: 'regionField' as const, key: settings.regionField, path: ['assignment', 'regionField'] }]),
  ];
  for (const { part, key, path } of named) {
    const field = form.find((candidate) => candidate.key === key);
    const allowed: readonly FormField['type'][] = assignmentFieldTypes[part];
    if (field === undefined) ctx.addIssue({ code: 'custom', path, message: `unknown form field ${key}` });
    else if (!allowed.includes(field.type)) ctx.addIssue({ code: 'custom', path, message: `${part} cannot read the ${field.type} field ${key}` });
  }
  if (settings.avoidSameRegion && settings.regionField === undefined) {
    ctx.addIssue({ code: 'custom', path: ['assignment', 'avoidSameRegion'], message: 'avoidSameRegion needs a regionField' });
  }
}

/** The evaluation section's own form needs the required keys, its keys and codes are unique, and its conditions name its own form's fields. */
function checkEvaluationSection(ctx: z.RefinementCtx, section: EvaluationSection | undefined): void {
  if (section === undefined) return;
  if (section.form !== undefined) {
    const keys = new Set(section.form.map((field) => field.key));
    for (const key of requiredFormKeys) {
      if (!keys.has(key)) ctx.addIssue({ code: 'custom', path: ['evaluation', 'form'], message: `the evaluation form needs a '${key}' field` });
    }
    reportDuplicates(ctx, ['evaluation', 'form'], section.form.map((field) => field.key), 'form field key');
  }
  reportDuplicates(ctx, ['evaluation', 'materials'], (section.materials ?? []).map((material) => material.key), 'material key');
  reportDuplicates(ctx, ['evaluation', 'indicators'], indicatorNodes(section.indicators).map((node) => node.code), 'indicator code');
  const fieldKeys = new Set((section.form ?? []).map((field) => field.key));
  const conditions = [
    ...(section.form ?? []).map((field) => ({ path: ['evaluation', 'form', field.key], when: field.when })),
    ...(section.materials ?? []).map((material) => ({ path: ['evaluation', 'materials', material.key], when: material.when })),
    ...indicatorNodes(section.indicators).map((node) => ({ path: ['evaluation', 'indicators', node.code], when: node.when })),
  ];
  for (const { path, when } of conditions) {
    if (when !== undefined && !fieldKeys.has(when.field)) ctx.addIssue({ code: 'custom', path, message: `condition on unknown evaluation form field ${when.field}` });
  }
}

/** Every node of an indicator forest, depth first (parents before their children). */
export function indicatorNodes(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((node) => [node, ...indicatorNodes(node.children ?? [])]);
}

function reportDuplicates(ctx: z.RefinementCtx, path: string[], values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path, message: `duplicate ${what} ${value}` });
    seen.add(value);
  }
}

/** A program template after parsing (defaults filled in). */
export type ProgramTemplate = z.infer<typeof programTemplateSchema>;
/** A program template as written in a template file (defaults may be omitted). */
export type ProgramTemplateInput = z.input<typeof programTemplateSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;
export type EligibilityCheck = z.infer<typeof eligibilityCheckSchema>;
export type Material = z.infer<typeof materialSchema>;
export type ProcessStep = z.infer<typeof stepSchema>;
export type PostRecognitionDuty = z.infer<typeof postRecognitionDutySchema>;
export type Guidance = z.infer<typeof guidanceSchema>;

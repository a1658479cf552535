import { describe, expect, it } from 'vitest';
import { evaluationView, hasEvaluation } from '#shared/programs/evaluation-view.js';
import { findProgram, listPrograms } from '#shared/programs/registry.js';
import { indicatorNodes, programTemplateSchema } from '#shared/programs/schema.js';
import { miitDemoBase } from '#shared/programs/templates/miit-demo-base.js';

describe('the evaluation section and view of a program', () => {
  it('is defined by the seed-000 and seed-002 templates, whose notes say what the office completes', () => {
    const evaluated = listPrograms().filter(hasEvaluation).map((program) => program.id);
    expect(evaluated).toEqual(expect.arrayContaining(['miit-demo-base', 'sh-collab-base']));
    for (const id of ['miit-demo-base', 'sh-collab-base']) {
      expect(findProgram(id)!.notes.some((note) => note.startsWith('周期评估') && note.includes('补充完善'))).toBe(true);
    }
  });

  it('is defined by every template whose units owe a periodic evaluation (周期评估 / 建设成效评估)', () => {
    const owing = listPrograms().filter((program) => program.postRecognition.some((duty) => duty.kind === 'periodic_evaluation'));
    expect(owing.map((program) => program.id)).toEqual(expect.arrayContaining(['miit-demo-base', 'cn-asean-tech-innovation', 'cn-asean-craftsman']));
    expect(owing.filter((program) => !hasEvaluation(program)).map((program) => program.id)).toEqual([]);
  });

  it.each([
    ['cn-asean-craftsman', '年度建设成效报告', '每年定期评估现代工匠学院建设成效'],
    ['cn-asean-tech-innovation', '建设成效报告', '适时组织开展建设成效评价'],
  ])('evaluates %s on its own recognition indicators with a %s, and says so in its notes', (id, report, quote) => {
    const program = findProgram(id)!;
    if (!hasEvaluation(program)) throw new Error(`${id} has an evaluation section`);
    expect(program.evaluation.indicators).toEqual(program.indicators);
    const view = evaluationView(program);
    expect(view.materials.map((material) => [material.title, material.required])).toEqual([[report, true], ['佐证材料', false]]);
    expect(view.form.map((field) => field.key)).toEqual(['applicantName', 'projectTitle', 'cycleSummary', 'contactName', 'contactPhone', 'contactEmail']);
    expect(programTemplateSchema.safeParse(view).success).toBe(true);
    const note = program.notes.find((candidate) => candidate.startsWith('周期评估'));
    expect(note).toContain(quote);
    expect(note).toContain('由自治区教育厅补充完善');
  });

  it('runs an evaluation round on the section: its indicators, form and materials, no eligibility rules, assignment on its own fields', () => {
    const program = findProgram('miit-demo-base')!;
    if (!hasEvaluation(program)) throw new Error('miit-demo-base has an evaluation section');
    const view = evaluationView(program);
    expect(indicatorNodes(view.indicators).map((node) => node.code)).toContain('E2.4');
    expect(view.materials.map((material) => material.key)).toEqual(['cycle_report', 'annual_plans_summaries', 'evidence']);
    expect(view.form.map((field) => field.key)).toContain('cycleSummary');
    expect(view.eligibility).toEqual([]);
    expect(view.assignment).toMatchObject({ tagFields: ['disciplines'], relatedOrganizationFields: ['partnerName'], avoidListField: 'avoidList' });
    expect(programTemplateSchema.safeParse(view).success).toBe(true);
  });

  it('defaults the form and materials where the section names only indicators, and drops assignment fields the form lacks', () => {
    const parsed = programTemplateSchema.parse({ ...miitDemoBase, evaluation: { indicators: [{ code: 'E1', title: '建设成效' }] } });
    if (!hasEvaluation(parsed)) throw new Error('parsed with a section');
    const view = evaluationView(parsed);
    expect(view.form.map((field) => field.key)).toEqual(['applicantName', 'projectTitle', 'cycleSummary', 'contactName', 'contactPhone', 'contactEmail']);
    expect(view.form[0]!.label).toBe('申报高校');
    expect(view.materials.map((material) => material.key)).toEqual(['cycle_report', 'evidence']);
    expect(view.assignment).toEqual({ tagFields: [], relatedOrganizationFields: [], avoidSameRegion: false });
  });

  it('refuses a section whose form lacks the names, repeats a code, or conditions on a field it does not have', () => {
    const result = programTemplateSchema.safeParse({
      ...miitDemoBase,
      evaluation: {
        indicators: [{ code: 'E1', title: '甲' }, { code: 'E1', title: '乙', when: { field: 'collaborationYears', equals: 3 } }],
        form: [{ key: 'projectTitle', label: '名称', type: 'text' }],
      },
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "evaluation.form: the evaluation form needs a 'applicantName' field",
        'evaluation.indicators: duplicate indicator code E1',
        'evaluation.indicators.E1: condition on unknown evaluation form field collaborationYears',
      ]),
    );
  });
});

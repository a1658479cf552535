/**
 * The recognition notice of real program rounds, rendered and read back as text: signed by the
 * round's issuer (by default the body the seed puts in charge), naming the steps the program
 * has, with a title broken only between words.
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadCjkFonts } from '#functions/documents/cjk-font.js';
import { noticeProcedure, recognitionNoticeData } from '#functions/documents/notice-content.js';
import { renderRecognitionNotice } from '#functions/documents/recognition-notice.js';
import { namePieces } from '#functions/documents/title-lines.js';
import type { Application } from '#shared/domain/application.js';
import { createRound, type Round } from '#shared/domain/round.js';
import { findProgram, listPrograms } from '#shared/programs/registry.js';
import type { NoticeIssuer, ProgramTemplate } from '#shared/programs/schema.js';
import { pageLines } from '#test/support/pdf-text.js';
import { staff, t0 } from '../domain/records-fixture.js';

const decidedAt = '2026-12-01T02:00:00.000Z';

/** A finally approved round of `program` (publicity held unless `publicity: false`). */
function approvedRound(program: ProgramTemplate, options: { issuer?: NoticeIssuer; publicity?: boolean } = {}): Round {
  const round = createRound(
    {
      programId: program.id,
      title: '2026年认定',
      year: 2026,
      intakeOpensAt: t0.toISOString(),
      intakeClosesAt: new Date(t0.getTime() + 86_400_000).toISOString(),
      ...(options.issuer ? { issuer: options.issuer } : {}),
    },
    program,
    { id: `round-${program.id}`, province: 'gx', actor: staff, now: t0 },
  ).entity;
  return {
    ...round,
    status: 'awaiting_final_approval',
    ...(options.publicity === false ? {} : { publicity: { startsAt: t0.toISOString(), endsAt: t0.toISOString() } }),
    finalDecision: { noticeNumber: '桂教职成〔2026〕8号', approvedBy: '职成处', approvedAt: decidedAt },
  };
}

const recognized = [{ id: 'app-1', status: 'recognized', applicantName: '柳州市人民政府', title: '柳州汽车产业市域产教联合体' }] as unknown as Application[];

async function noticeLines(round: Round, program: ProgramTemplate): Promise<string[]> {
  const data = recognitionNoticeData(round, program, { applications: recognized, objections: [] });
  const document = await PDFDocument.load(await renderRecognitionNotice(data, await loadCjkFonts()));
  return pageLines(document).flat();
}

/** The title lines: between the document number and the addressee. */
function titleLines(lines: readonly string[]): string[] {
  return lines.slice(2, lines.indexOf('各有关单位：'));
}

describe('the notice of a Guangxi round', () => {
  it('is headed and signed by the office of the leadership group, not the government office that issued the policy', async () => {
    const program = findProgram('gx-city-consortium')!;
    const lines = await noticeLines(approvedRound(program), program);
    expect(lines[0]).toBe('广西职业教育创新发展领导小组办公室');
    expect(lines[1]).toBe('桂教职成〔2026〕8号');
    expect(lines.at(-3)).toBe('广西职业教育创新发展领导小组办公室');
    expect(lines.join('')).not.toContain('人民政府办公厅');
  });

  it('is signed by the issuer the round names', async () => {
    const program = findProgram('gx-industry-community')!;
    const lines = await noticeLines(approvedRound(program, { issuer: { name: '广西壮族自治区教育厅', noticePrefix: '桂教职成' } }), program);
    expect(lines[0]).toBe('广西壮族自治区教育厅');
    expect(lines.at(-3)).toBe('广西壮族自治区教育厅');
  });

  it('breaks its title between words, in balanced lines', async () => {
    const program = findProgram('gx-city-consortium')!;
    expect(titleLines(await noticeLines(approvedRound(program), program))).toEqual(['关于公布2026年广西壮族自治区', '市域产教联合体认定结果的通知']);
  });

  it('names the program’s own steps (项目申报, 组织认定) and no step the program does not have', async () => {
    const program = findProgram('gx-city-consortium')!;
    const text = (await noticeLines(approvedRound(program), program)).join('');
    expect(text).toContain('认定工作经项目申报、组织认定、公示等程序');
    expect(text).not.toContain('形式审查');
    expect(text).not.toContain('专家评审');
    expect(text).not.toContain('年度建设计划');
  });
});

describe('the notice of every program', () => {
  it.each(listPrograms().map((program) => [program.id, program] as const))('%s: issuer, steps and an unbroken program name in the title', async (_id, program) => {
    const lines = await noticeLines(approvedRound(program), program);
    const issuer = program.noticeIssuer?.name ?? program.issuer;
    expect(lines[0]).toBe(issuer);
    expect(lines.at(-3)).toBe(issuer);

    const text = lines.join('');
    const steps = program.steps.filter((step) => ['application', 'screening', 'expert_review', 'publicity'].includes(step.kind)).map((step) => step.title);
    for (const step of steps) expect(text).toContain(step);
    for (const duty of program.postRecognition) expect(text).toContain(duty.title);

    // the title breaks only between its words: never inside the year or the program name, except after its leading region or ministry
    const title = titleLines(lines);
    expect(title.join('')).toBe(`关于公布2026年${program.name}认定结果的通知`);
    const nameStart = '关于公布2026年'.length;
    const allowed = new Set([4, nameStart, nameStart + namePieces(program.name)[0]!.length, nameStart + program.name.length]);
    let offset = 0;
    for (const line of title.slice(0, -1)) {
      offset += line.length;
      expect({ line, breakAt: allowed.has(offset) }).toEqual({ line, breakAt: true });
    }
  });

  it('leaves publicity out of the steps when the round held none', () => {
    expect(noticeProcedure(findProgram('sh-collab-base')!, approvedRound(findProgram('sh-collab-base')!, { publicity: false }))).toEqual(['学校申报', '形式审查', '专家评审']);
    expect(noticeProcedure(findProgram('gx-city-consortium')!, approvedRound(findProgram('gx-city-consortium')!, { publicity: false }))).toEqual(['项目申报', '组织认定']);
    expect(noticeProcedure(findProgram('miit-demo-base')!, approvedRound(findProgram('miit-demo-base')!))).toEqual(['高校申报', '评审考察', '公示确认']);
  });

  it('says the units are recognised by the program’s own approving decision: 领导小组审定 (seed 004), 部审核 (seed 000)', async () => {
    for (const [id, decision] of [['gx-city-consortium', '领导小组审定'], ['cn-asean-craftsman', '领导小组审定'], ['miit-demo-base', '部审核'], ['sh-collab-base', '最终审定']] as const) {
      const program = findProgram(id)!;
      const text = (await noticeLines(approvedRound(program, { publicity: id === 'miit-demo-base' }), program)).join('');
      expect(text).toContain(`经${decision}，认定以下1个项目为${program.name}`);
    }
    // a Guangxi round without publicity: neither 公示 nor a mere 审定
    const program = findProgram('gx-city-consortium')!;
    const text = (await noticeLines(approvedRound(program, { publicity: false }), program)).join('');
    expect(text).toContain('认定工作经项目申报、组织认定等程序，现已完成。经领导小组审定，');
    expect(text).not.toContain('公示');
  });

  it('falls back to the program’s notice issuer for a round stored before rounds had one', () => {
    const program = findProgram('cn-asean-craftsman')!;
    const { issuer: _issuer, ...stored } = approvedRound(program);
    expect(recognitionNoticeData(stored, program, { applications: [], objections: [] }).issuer).toBe('广西壮族自治区教育厅');
  });
});

describe('the notice of an evaluation round', () => {
  const program = findProgram('miit-demo-base')!;
  const decisions = [
    { unitId: 'u1', applicationId: 'a1', organization: '哈尔滨工业大学', title: '智能制造示范基地', outcome: 'rectify' as const, note: '', rectifyBy: decidedAt },
    { unitId: 'u2', applicationId: 'a2', organization: '北京理工大学', title: '无人系统示范基地', outcome: 'revoke' as const, note: '' },
    { unitId: 'u3', applicationId: 'a3', organization: '北京航空航天大学', title: '航空发动机示范基地', outcome: 'revoke' as const, note: '' },
  ];
  const evaluationRound = (list: typeof decisions): Round => ({ ...approvedRound(program), kind: 'evaluation', unitIds: list.map((item) => item.unitId), evaluationDecisions: list });
  const upheld = [{ applicationId: 'a3', status: 'upheld' }] as unknown as Parameters<typeof recognitionNoticeData>[2]['objections'];

  async function evaluationLines(round: Round): Promise<string[]> {
    const data = recognitionNoticeData(round, program, { applications: [], objections: upheld });
    return pageLines(await PDFDocument.load(await renderRecognitionNotice(data, await loadCjkFonts()))).flat();
  }

  it('lists the units it keeps recognised with their conclusions, apart from those it revokes, and a revocation an upheld objection stopped as kept', () => {
    const data = recognitionNoticeData(evaluationRound(decisions), program, { applications: [], objections: upheld });
    expect(data.recognized).toEqual([
      { applicant: '哈尔滨工业大学', title: '智能制造示范基地', conclusion: '限期整改' },
      { applicant: '北京航空航天大学', title: '航空发动机示范基地', conclusion: '继续认定' },
    ]);
    expect(data.evaluation).toEqual({ revoked: [{ applicant: '北京理工大学', title: '无人系统示范基地', conclusion: '撤销认定' }] });
  });

  it('reads as the 周期评估结论: the units kept recognised, then those revoked listed as 撤销认定, with none of the recognition wording', async () => {
    const lines = await evaluationLines(evaluationRound(decisions));
    const text = lines.join('');
    expect(titleLines(lines).join('')).toBe(`关于公布2026年${program.name}周期评估结论的通知`);
    expect(text).toContain(`${program.name}周期评估工作经`);
    expect(text).toContain(`经部审核，以下2个项目保留${program.name}认定，现予公布。以下1个项目撤销${program.name}认定。`);
    expect(text).toContain(`${program.name}周期评估保留认定名单`);
    expect(text).toContain('1. 哈尔滨工业大学 — 智能制造示范基地（限期整改）');
    expect(text).toContain('2. 北京航空航天大学 — 航空发动机示范基地（继续认定）');
    expect(text).toContain(`${program.name}撤销认定名单`);
    expect(text).toContain('1. 北京理工大学 — 无人系统示范基地（撤销认定）');
    expect(text.indexOf('撤销认定名单')).toBeGreaterThan(text.indexOf('保留认定名单'));
    expect(text).not.toContain('认定结果的通知');
    expect(text).not.toContain('认定以下');
  });

  it('has no revocation list when it revokes none', async () => {
    const text = (await evaluationLines(evaluationRound(decisions.filter((decision) => decision.outcome !== 'revoke')))).join('');
    expect(text).toContain(`以下1个项目保留${program.name}认定，现予公布。请各认定单位`);
    expect(text).not.toContain('撤销');
  });
});

describe('the notice of a round one of whose units was revoked later', () => {
  it('still lists every unit it recognised, in ranking order', () => {
    const program = findProgram('gx-city-consortium')!;
    const round: Round = {
      ...approvedRound(program),
      status: 'published',
      ranking: [
        { applicationId: 'app-b', rank: 1, score: 90, validReviews: 3, spread: 1 },
        { applicationId: 'app-a', rank: 2, score: 85, validReviews: 3, spread: 1 },
      ],
    };
    const applications = [
      { id: 'app-a', status: 'recognized', applicantName: '柳州市人民政府', title: '柳州汽车产业市域产教联合体' },
      { id: 'app-b', status: 'revoked', applicantName: '玉林市人民政府', title: '玉林机械产业市域产教联合体' },
      { id: 'app-c', status: 'rejected', applicantName: '梧州市人民政府', title: '梧州市域产教联合体' },
    ] as unknown as Application[];
    expect(recognitionNoticeData(round, program, { applications, objections: [] }).recognized).toEqual([
      { applicant: '玉林市人民政府', title: '玉林机械产业市域产教联合体' },
      { applicant: '柳州市人民政府', title: '柳州汽车产业市域产教联合体' },
    ]);
  });
});

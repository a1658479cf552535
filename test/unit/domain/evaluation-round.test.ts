import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revise } from '#shared/domain/entity.js';
import { createEvaluationRound, decideEvaluation, type EvaluatedUnit } from '#shared/domain/evaluation-round.js';
import { evaluationOutcomes, needsPublicity, type Round } from '#shared/domain/round.js';
import { errorOf } from '#test/support/error-of.js';
import { makeProgram } from './program-fixture.js';
import { at, staff } from './records-fixture.js';

const program = makeProgram();
const now = at(10);
const unit = (id: string, status: EvaluatedUnit['status'] = 'active', programId = program.id): EvaluatedUnit => ({ id, programId, orgId: `org-${id}`, organization: `单位${id}`, title: `基地${id}`, status });
const input = { programId: program.id, title: '周期评估', year: 2029, intakeOpensAt: now.toISOString(), intakeClosesAt: at(60 * 24).toISOString() };
const context = { id: 'round-ev', province: 'gx', actor: staff, now };

function ranked(ids: readonly string[]): Round {
  const round = createEvaluationRound(input, program, ids.map((id) => ({ id, unit: unit(id) })), context).entity;
  return revise(round, { status: 'awaiting_shortlist_approval' }, at(20));
}

const decide = (round: Round, decisions: Parameters<typeof decideEvaluation>[1]) =>
  decideEvaluation(round, decisions, { actor: staff, actorName: '职成处', now: at(30), units: (round.unitIds ?? []).map((id) => unit(id)), applications: (round.unitIds ?? []).map((id) => ({ id: `app-${id}`, status: 'scored' as const, unitId: id })) });

describe('evaluation rounds', () => {
  it('open on the listed units with kind evaluation', () => {
    const round = createEvaluationRound(input, program, [{ id: 'u1', unit: unit('u1') }, { id: 'u2', unit: unit('u2', 'rectifying') }], context).entity;
    expect(round).toMatchObject({ kind: 'evaluation', unitIds: ['u1', 'u2'], status: 'open', programId: program.id });
  });

  it('refuse no unit, an unknown, revoked, repeated or foreign unit, each named', () => {
    const error = errorOf(() =>
      createEvaluationRound(input, program, [
        { id: 'gone', unit: undefined },
        { id: 'r', unit: unit('r', 'revoked') },
        { id: 'x', unit: unit('x', 'active', 'other') },
        { id: 'ok', unit: unit('ok') },
        { id: 'ok', unit: unit('ok') },
      ], context),
    );
    expect(error).toMatchObject({ code: 'EVALUATION_UNITS_INVALID', status: 422 });
    expect((error as { details: { message: string }[] }).details.map((item) => item.message)).toEqual([
      '认定单位不存在：gone',
      '认定单位已撤销认定：单位r',
      '认定单位不属于该认定项目：单位x',
      '认定单位重复：ok',
    ]);
    expect(errorOf(() => createEvaluationRound(input, program, [], context))).toMatchObject({ code: 'EVALUATION_UNITS_INVALID' });
  });

  it('take one conclusion for every unit: the revoked ones are the shortlist, and only they hold publicity', () => {
    const round = ranked(['u1', 'u2', 'u3']);
    const change = decide(round, [
      { unitId: 'u1', outcome: 'continue' },
      { unitId: 'u2', outcome: 'rectify', note: '整改', rectifyBy: at(60 * 24 * 90).toISOString() },
      { unitId: 'u3', outcome: 'revoke', note: '撤销' },
    ])!;
    expect(change.entity.shortlist?.applicationIds).toEqual(['app-u3']);
    expect(change.entity.evaluationDecisions?.map((item) => [item.unitId, item.outcome, item.organization])).toEqual([
      ['u1', 'continue', '单位u1'],
      ['u2', 'rectify', '单位u2'],
      ['u3', 'revoke', '单位u3'],
    ]);
    expect(needsPublicity(change.entity)).toBe(true);
    const kept = decide(round, [{ unitId: 'u1', outcome: 'continue' }, { unitId: 'u2', outcome: 'incentive' }, { unitId: 'u3', outcome: 'continue' }])!;
    expect(kept.entity.shortlist?.applicationIds).toEqual([]);
    expect(needsPublicity(kept.entity)).toBe(false);
  });

  it('are idempotent for the same conclusions and refuse other ones once decided', () => {
    const round = ranked(['u1']);
    const decided = decide(round, [{ unitId: 'u1', outcome: 'continue', note: '好' }])!.entity;
    expect(decide(decided, [{ unitId: 'u1', outcome: 'continue', note: '好' }])).toBeUndefined();
    expect(errorOf(() => decide(decided, [{ unitId: 'u1', outcome: 'revoke' }]))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });

  it('refuse a rectification without a deadline in the future, and a deadline on another conclusion', () => {
    const round = ranked(['u1']);
    expect(errorOf(() => decide(round, [{ unitId: 'u1', outcome: 'rectify' }]))).toMatchObject({ code: 'EVALUATION_DECISIONS_INVALID', details: [{ path: 'decisions.0.rectifyBy' }] });
    expect(errorOf(() => decide(round, [{ unitId: 'u1', outcome: 'rectify', rectifyBy: at(1).toISOString() }]))).toMatchObject({ code: 'EVALUATION_DECISIONS_INVALID' });
    expect(errorOf(() => decide(round, [{ unitId: 'u1', outcome: 'continue', rectifyBy: at(99_999).toISOString() }]))).toMatchObject({ code: 'EVALUATION_DECISIONS_INVALID' });
  });

  it('accept a set of conclusions exactly when it names every unit of the round once', () => {
    const ids = ['u1', 'u2', 'u3'];
    const round = ranked(ids);
    fc.assert(
      fc.property(fc.array(fc.record({ unitId: fc.constantFrom('u1', 'u2', 'u3', 'u9'), outcome: fc.constantFrom('continue', 'incentive', 'revoke' as const) }), { maxLength: 5 }), (decisions) => {
        const valid = decisions.length === ids.length && ids.every((id) => decisions.filter((item) => item.unitId === id).length === 1);
        if (valid) expect(decide(round, decisions)?.entity.evaluationDecisions).toHaveLength(3);
        else expect(errorOf(() => decide(round, decisions))).toMatchObject({ code: 'EVALUATION_DECISIONS_INVALID' });
      }),
    );
    expect(evaluationOutcomes).toEqual(['continue', 'incentive', 'rectify', 'revoke']);
  });

  it('are refused outside the shortlist step and for a recognition round', () => {
    const open = createEvaluationRound(input, program, [{ id: 'u1', unit: unit('u1') }], context).entity;
    expect(errorOf(() => decide(open, [{ unitId: 'u1', outcome: 'continue' }]))).toMatchObject({ code: 'INVALID_STATE' });
    const { kind: _kind, ...recognition } = ranked(['u1']);
    expect(errorOf(() => decide(recognition, [{ unitId: 'u1', outcome: 'continue' }]))).toMatchObject({ code: 'INVALID_STATE' });
  });
});

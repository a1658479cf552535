import { describe, expect, it } from 'vitest';
import { createRound } from '#shared/domain/round.js';
import { checkIndicatorWeights, maxIndicatorWeight, programOfRound } from '#shared/domain/round-scoring.js';
import { leafWeights, scoreReview } from '#shared/domain/scoring.js';
import { makeProgram } from './program-fixture.js';
import { at, staff, t0 } from './records-fixture.js';

const program = makeProgram();

describe('a round\'s own scoring settings', () => {
  it('replace the template\'s weights, item points and aggregation', () => {
    const scored = programOfRound(program, { aggregation: 'median', leafMaxScore: 5, indicatorWeights: { '1': 3, '2.1': 2 } });
    expect(scored.review.aggregation).toBe('median');
    expect(scored.scoring.leafMaxScore).toBe(5);
    const weights = leafWeights(scored.indicators, 100);
    expect(weights['1.1']! + weights['1.2']!).toBeCloseTo(75); // 3 shares of 4
    expect(weights['2.1']).toBeCloseTo(12.5);
    expect(weights['2.2']).toBeCloseTo(6.25);
    const full = { '1.1': 5, '1.2': 5, '2.1': 0, '2.2': 0, '2.3': 0 };
    expect(scoreReview(scored.indicators, full, scored.scoring)).toBeCloseTo(75);
    expect(program.indicators[0]!.weight).toBeUndefined();
  });

  it('default to the template for rounds that set nothing', () => {
    const scored = programOfRound(program, { aggregation: program.review.aggregation });
    expect(scored.indicators).toEqual(program.indicators);
    expect(scored.scoring).toEqual(program.scoring);
  });

  it('are checked when the round is opened', () => {
    const open = (indicatorWeights: Record<string, number>) => () =>
      createRound(
        { programId: program.id, title: 'x', year: 2026, intakeOpensAt: t0.toISOString(), intakeClosesAt: at(60).toISOString(), indicatorWeights },
        program,
        { id: 'r', province: 'gx', actor: staff, now: t0 },
      );
    expect(open({ '9.9': 1 })).toThrow(expect.objectContaining({ code: 'ROUND_INVALID', details: [expect.objectContaining({ path: 'indicatorWeights.9.9' })] }));
    expect(open({ '1': 0 })).toThrow(expect.objectContaining({ code: 'ROUND_INVALID' }));
    expect(open({ '1': 2 })().entity).toMatchObject({ indicatorWeights: { '1': 2 }, leafMaxScore: 10 });
  });
});

describe('round indicator weights', () => {
  it('refuse weights the store cannot keep or beyond the bound', () => {
    for (const weight of [1e300, 5e-324, maxIndicatorWeight + 1, 0, -1]) {
      expect(checkIndicatorWeights(program, { '1': weight })).toEqual([{ path: 'indicatorWeights.1', message: expect.stringContaining('正数') }]);
    }
    expect(checkIndicatorWeights(program, { '1': maxIndicatorWeight, '2': 0.5 })).toEqual([]);
  });
});

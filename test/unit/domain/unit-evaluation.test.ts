import { describe, expect, it } from 'vitest';
import { systemActor } from '#shared/domain/audit-event.js';
import { revise } from '#shared/domain/entity.js';
import { recognizeUnit } from '#shared/domain/unit.js';
import { continueUnit, rectifyUnit, revokeUnit, rewardUnit } from '#shared/domain/unit-evaluation.js';
import { errorOf } from '#test/support/error-of.js';
import { makeProgram } from './program-fixture.js';
import { at, draftApplication, openRound } from './records-fixture.js';

const program = makeProgram();
const recognized = revise(draftApplication(), { status: 'recognized' as const }, at(1));
const unit = recognizeUnit(recognized, openRound(program), program, { actor: systemActor, now: at(2) }).entity;
const context = { actor: systemActor, now: new Date('2029-03-01T00:00:00Z') };

describe('unit evaluation verbs', () => {
  it('continue and reward start the next cycle from now and end a rectification', () => {
    const rectifying = rectifyUnit(unit, { roundId: 'ev-1', note: '整改', deadline: '2029-06-01T00:00:00.000Z' }, context)!.entity;
    expect(rectifying).toMatchObject({ status: 'rectifying', rectification: { deadline: '2029-06-01T00:00:00.000Z', roundId: 'ev-1' } });
    for (const verb of [continueUnit, rewardUnit]) {
      const next = verb(rectifying, { roundId: 'ev-2', note: '', cycleYears: 3 }, context)!.entity;
      expect(next).toMatchObject({ status: 'active', cycleStartsAt: '2029-03-01T00:00:00.000Z', cycleEndsAt: '2032-03-01T00:00:00.000Z' });
      expect(next.rectification).toBeUndefined();
      expect(next.lastEvaluation).toMatchObject({ roundId: 'ev-2', outcome: verb === continueUnit ? 'continue' : 'incentive' });
    }
  });

  it('revoke with the round and its notice number, and never again', () => {
    const revoked = revokeUnit(unit, { roundId: 'ev-1', note: '撤销', noticeNumber: '工信人函〔2029〕5号' }, context)!.entity;
    expect(revoked).toMatchObject({ status: 'revoked', revocation: { roundId: 'ev-1', noticeNumber: '工信人函〔2029〕5号', at: '2029-03-01T00:00:00.000Z' } });
    expect(errorOf(() => continueUnit(revoked, { roundId: 'ev-2', note: '', cycleYears: 3 }, context))).toMatchObject({ code: 'INVALID_STATE', status: 409 });
  });

  it('change nothing a second time for the same round (a retried publication)', () => {
    const once = rectifyUnit(unit, { roundId: 'ev-1', note: '整改', deadline: '2029-06-01T00:00:00.000Z' }, context)!.entity;
    expect(rectifyUnit(once, { roundId: 'ev-1', note: '整改', deadline: '2029-06-01T00:00:00.000Z' }, context)).toBeUndefined();
    expect(revokeUnit(once, { roundId: 'ev-1', note: '', noticeNumber: 'x' }, context)).toBeUndefined();
  });
});

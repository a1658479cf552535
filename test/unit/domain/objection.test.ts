import { describe, expect, it } from 'vitest';
import { raiseObjection, resolveObjection } from '../../../shared/domain/objection.js';
import { revise } from '../../../shared/domain/entity.js';
import { at, openRound, staff } from './records-fixture.js';

const publicActor = { kind: 'public' as const, id: '139' };
const onNotice = revise(openRound(), { status: 'in_publicity', shortlist: { applicationIds: ['app-1'], approvedBy: 's', approvedAt: at(0).toISOString() }, publicity: { startsAt: at(0).toISOString(), endsAt: at(60).toISOString() } }, at(0));
const input = { applicationId: 'app-1', name: '张三', phone: '13900000000', content: '申报材料中的合作年限与事实不符。' };

describe('objections', () => {
  it('are accepted only during the publicity period and only against listed applications', () => {
    expect(raiseObjection(input, onNotice, { id: 'o', actor: publicActor, now: at(30) }).entity).toMatchObject({ status: 'open', roundId: onNotice.id });
    expect(() => raiseObjection(input, onNotice, { id: 'o', actor: publicActor, now: at(60) })).toThrow(expect.objectContaining({ code: 'PUBLICITY_CLOSED', status: 409 }));
    expect(() => raiseObjection(input, openRound(), { id: 'o', actor: publicActor, now: at(30) })).toThrow(expect.objectContaining({ code: 'PUBLICITY_CLOSED' }));
    expect(() => raiseObjection({ ...input, applicationId: 'app-9' }, onNotice, { id: 'o', actor: publicActor, now: at(30) })).toThrow(expect.objectContaining({ code: 'NOT_ON_PUBLICITY' }));
  });

  it('are resolved once, with who decided and why', () => {
    const objection = raiseObjection(input, onNotice, { id: 'o', actor: publicActor, now: at(30) }).entity;
    const resolved = resolveObjection(objection, { outcome: 'dismissed', note: '经核实材料属实' }, { actor: staff, actorName: '职成处', now: at(40) }).entity;
    expect(resolved).toMatchObject({ status: 'dismissed', resolution: { outcome: 'dismissed', by: '职成处' } });
    expect(() => resolveObjection(resolved, { outcome: 'upheld', note: 'x' }, { actor: staff, actorName: 'y', now: at(41) })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizePhone,
  objectionDuplicateKey,
  raiseObjection,
  receiptNumber,
  resolveObjection,
  resolveObjections,
  type Objection,
} from '#shared/domain/objection.js';
import { revise } from '#shared/domain/entity.js';
import { at, openRound, staff } from './records-fixture.js';

const publicActor = { kind: 'public' as const, id: '139' };
const onNotice = revise(openRound(), { status: 'in_publicity', shortlist: { applicationIds: ['app-1'], approvedBy: 's', approvedAt: at(0).toISOString() }, publicity: { startsAt: at(0).toISOString(), endsAt: at(60).toISOString() } }, at(0));
const input = { applicationId: 'app-1', name: '张三', phone: '13900000000', content: '申报材料中的合作年限与事实不符。' };
const raised = (id: string, sequence = 1, content = input.content) => raiseObjection({ ...input, content }, onNotice, { id, actor: publicActor, now: at(30), sequence }).entity;
const decider = { actor: staff, actorName: '职成处', now: at(90) };

describe('objections', () => {
  it('are accepted only during the publicity period and only against listed applications', () => {
    expect(raiseObjection(input, onNotice, { id: 'o', actor: publicActor, now: at(30), sequence: 1 }).entity).toMatchObject({ status: 'open', roundId: onNotice.id });
    expect(() => raiseObjection(input, onNotice, { id: 'o', actor: publicActor, now: at(60), sequence: 1 })).toThrow(expect.objectContaining({ code: 'PUBLICITY_CLOSED', status: 409 }));
    expect(() => raiseObjection(input, openRound(), { id: 'o', actor: publicActor, now: at(30), sequence: 1 })).toThrow(expect.objectContaining({ code: 'PUBLICITY_CLOSED' }));
    expect(() => raiseObjection({ ...input, applicationId: 'app-9' }, onNotice, { id: 'o', actor: publicActor, now: at(30), sequence: 1 })).toThrow(expect.objectContaining({ code: 'NOT_ON_PUBLICITY' }));
  });

  it('carry the round year and their sequence as a receipt number YY-<year>-<six digits>', () => {
    expect(raised('o', 123).receiptNumber).toBe('YY-2026-000123');
    expect(receiptNumber(2027, 1)).toBe('YY-2027-000001');
    expect(receiptNumber(2027, 999_999)).toBe('YY-2027-999999');
    for (const bad of [0, -1, 1.5, 1_000_000, Number.NaN]) expect(() => receiptNumber(2026, bad)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), (a, b) => {
        expect(receiptNumber(2026, a)).toMatch(/^YY-2026-\d{6}$/);
        expect(receiptNumber(2026, a) === receiptNumber(2026, b)).toBe(a === b);
      }),
    );
  });

  it('are the same objection when only spacing, width, case or the phone format differ', () => {
    const base = { roundId: 'r', applicationId: 'a', phone: '13900000000', content: '企业数量 与实际不符 ABC' };
    expect(objectionDuplicateKey({ ...base, phone: '+86 139-0000-0000', content: '  企业数量与实际不符\nabc ' })).toBe(objectionDuplicateKey(base));
    expect(objectionDuplicateKey({ ...base, content: '企业数量与实际不符ＡＢＣ' })).toBe(objectionDuplicateKey(base));
    expect(objectionDuplicateKey({ ...base, content: '企业数量与实际相符 ABC' })).not.toBe(objectionDuplicateKey(base));
    expect(objectionDuplicateKey({ ...base, applicationId: 'b' })).not.toBe(objectionDuplicateKey(base));
    expect(objectionDuplicateKey({ ...base, roundId: 'r2' })).not.toBe(objectionDuplicateKey(base));
    expect(objectionDuplicateKey({ ...base, phone: '13900000001' })).not.toBe(objectionDuplicateKey(base));
    expect(normalizePhone('0086 13900000000')).toBe('13900000000');
    expect(normalizePhone('(0771) 5550-123')).toBe('07715550123');
  });

  it('are resolved once, with who decided and why', () => {
    const objection = raised('o');
    const resolved = resolveObjection(objection, { outcome: 'dismissed', note: '经核实材料属实' }, { actor: staff, actorName: '职成处', now: at(40) }).entity;
    expect(resolved).toMatchObject({ status: 'dismissed', resolution: { outcome: 'dismissed', by: '职成处' } });
    expect(() => resolveObjection(resolved, { outcome: 'upheld', note: 'x' }, { actor: staff, actorName: 'y', now: at(41) })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('are dismissed in a batch with one note, each with its own audit event, and a repeat changes nothing', () => {
    const batch = [raised('o1', 1), raised('o2', 2, '第二条内容不同的异议文字。'), raised('o3', 3, '第三条内容不同的异议文字。')];
    const decision = { outcome: 'dismissed' as const, note: '经核实，材料属实。' };
    const first = resolveObjections(onNotice.id, batch, decision, decider);
    expect(first.unchanged).toEqual([]);
    expect(first.changes.map((change) => [change.entity.id, change.entity.status, change.expectedVersion, change.events.map((event) => [event.action, event.entityId])])).toEqual(
      batch.map((item) => [item.id, 'dismissed', 1, [['objection.dismissed', item.id]]]),
    );
    const stored: Objection[] = first.changes.map((change) => change.entity);
    const again = resolveObjections(onNotice.id, [...stored, raised('o4', 4, '第四条内容不同的异议文字。')], { ...decision, note: ` ${decision.note} ` }, decider);
    expect(again.unchanged.map((item) => item.id)).toEqual(['o1', 'o2', 'o3']);
    expect(again.changes.map((change) => change.entity.id)).toEqual(['o4']);
  });

  it('refuse a batch that contains another round’s or an otherwise resolved objection, resolving none', () => {
    const upheld = resolveObjection(raised('o1'), { outcome: 'upheld', note: '属实' }, decider).entity;
    expect(() => resolveObjections(onNotice.id, [raised('o0'), upheld], { outcome: 'dismissed', note: '不属实' }, decider)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', status: 409, details: [expect.objectContaining({ message: expect.stringContaining('o1') })] }),
    );
    expect(() => resolveObjections('round-other', [raised('o0')], { outcome: 'dismissed', note: '不属实' }, decider)).toThrow(expect.objectContaining({ code: 'OBJECTION_NOT_IN_ROUND', status: 422 }));
  });
});

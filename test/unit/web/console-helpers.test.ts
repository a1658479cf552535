/**
 * Pure helpers of the staff console: Beijing `datetime-local` values, and a Chinese label for
 * every audit verb the domain's verbs leave (so the audit page shows no bare English verb).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beijingInputToIso, isoToBeijingInput } from '#functions/web/browser/app/beijing-input.js';
import { auditActionLabels } from '#functions/web/staff-messages.js';
import { verbCases } from '../domain/verb-cases.js';

describe('Beijing datetime-local values', () => {
  it('reads a wall-clock value as Beijing time and writes one back', () => {
    expect(beijingInputToIso('2026-12-01T09:30')).toBe('2026-12-01T09:30:00+08:00');
    expect(Date.parse(beijingInputToIso('2026-12-01T09:30')!)).toBe(Date.parse('2026-12-01T01:30:00Z'));
    expect(isoToBeijingInput('2026-12-01T16:30:00Z')).toBe('2026-12-02T00:30');
  });

  it('refuses what is not a datetime-local value', () => {
    for (const value of ['', '2026-12-01', '2026-13-01T09:30', 'tomorrow', '2026-12-01 09:30']) expect(beijingInputToIso(value)).toBeUndefined();
  });

  it('round-trips every minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z') / 60_000, max: Date.parse('2099-12-31T00:00:00Z') / 60_000 }), (minutes) => {
        const time = new Date(minutes * 60_000);
        expect(Date.parse(beijingInputToIso(isoToBeijingInput(time))!)).toBe(time.getTime());
      }),
    );
  });
});

describe('audit verb labels', () => {
  it('has a Chinese label for every action a domain verb records', () => {
    const actions = new Set(Object.values(verbCases).flatMap((cases) => cases.flatMap((item) => item.actions)));
    const unlabelled = [...actions].filter((action) => !auditActionLabels[action]);
    expect(unlabelled).toEqual([]);
    for (const label of Object.values(auditActionLabels)) expect(label).toMatch(/\p{Script=Han}/u);
  });
});

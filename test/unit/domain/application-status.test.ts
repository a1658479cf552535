import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicationStatuses,
  canTransition,
  isApplicationStatus,
  nextStatuses,
  terminalStatuses,
  withdrawableStatuses,
  type ApplicationStatus,
} from '#shared/domain/application-status.js';
import { assertTransition } from '#shared/domain/application.js';
import { isDomainError } from '#shared/domain/errors.js';
import { applicationStatusLabel, applicationStatusLabels } from '#shared/domain/status-labels.js';
import { errorOf } from '#test/support/error-of.js';

const status = fc.constantFrom(...applicationStatuses);

describe('application status machine', () => {
  it('follows the happy path from draft to recognized', () => {
    const path: ApplicationStatus[] = [
      'draft', 'submitted', 'screening', 'accepted', 'in_review', 'scored', 'shortlisted', 'in_publicity', 'recognized',
    ];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('lets a returned application be submitted again', () => {
    expect(canTransition('screening', 'returned')).toBe(true);
    expect(canTransition('returned', 'submitted')).toBe(true);
  });

  it('allows withdrawal before the shortlist decision only', () => {
    for (const from of applicationStatuses) {
      expect(canTransition(from, 'withdrawn')).toBe(withdrawableStatuses.includes(from));
    }
    expect(canTransition('scored', 'withdrawn')).toBe(true);
    expect(canTransition('shortlisted', 'withdrawn')).toBe(false);
    expect(canTransition('in_publicity', 'withdrawn')).toBe(false);
  });

  it('names the terminal statuses', () => {
    expect([...terminalStatuses].sort()).toEqual(['evaluated', 'ineligible', 'not_shortlisted', 'rejected', 'revoked', 'withdrawn']);
  });

  it('never leaves a terminal status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...terminalStatuses), status, (from, to) => {
        expect(canTransition(from, to)).toBe(false);
      }),
    );
  });

  // A round without publicity (公示天数 0) recognises its approved shortlist directly, so the
  // gate every recognition passes is the shortlist; publicity, where held, comes between.
  it('reaches recognized only through the approved shortlist, on any walk', () => {
    // Statuses from which recognized can still be reached: half of the walks keep to them, so
    // that many walks do get to recognized (a free random walk almost always withdraws first).
    const toRecognized = new Set<ApplicationStatus>(['recognized']);
    for (let grown = true; grown; ) {
      const before = toRecognized.size;
      for (const status of applicationStatuses) if (nextStatuses(status).some((to) => toRecognized.has(to))) toRecognized.add(status);
      grown = toRecognized.size > before;
    }
    let recognizedWalks = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.nat(), { minLength: 8, maxLength: 40 }), (towardRecognized, choices) => {
        let current: ApplicationStatus = 'draft';
        let onShortlist = false;
        for (const choice of choices) {
          const options: readonly ApplicationStatus[] = nextStatuses(current).filter((to) => !towardRecognized || toRecognized.has(to));
          if (options.length === 0) break;
          current = options[choice % options.length]!;
          if (current === 'shortlisted') onShortlist = true;
          if (current === 'recognized') {
            recognizedWalks += 1;
            expect(onShortlist).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
    // The property only bites on walks that get to recognized: make sure many do.
    expect(recognizedWalks).toBeGreaterThan(30);
  });

  it('reaches recognized only through the approved shortlist, directly or after publicity, by exhaustive search', () => {
    const reachableWithout = new Set<ApplicationStatus>(['draft']);
    const queue: ApplicationStatus[] = ['draft'];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const to of nextStatuses(from)) {
        if (to === 'shortlisted' || reachableWithout.has(to)) continue;
        reachableWithout.add(to);
        queue.push(to);
      }
    }
    expect(reachableWithout.has('recognized')).toBe(false);
    expect(applicationStatuses.filter((from) => nextStatuses(from).includes('recognized'))).toEqual(['shortlisted', 'in_publicity']);
  });

  it('refuses a forbidden transition with INVALID_STATE naming both statuses in Chinese', () => {
    expect(() => assertTransition('draft', 'draft')).toThrow();
    const error = errorOf(() => assertTransition('draft', 'recognized'));
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_STATE', status: 409, message: '申报状态不能从「草稿」变为「已认定」' });
    expect(() => assertTransition('draft', 'submitted')).not.toThrow();
  });

  it('agrees between canTransition and assertTransition for every pair', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        const allowed = canTransition(from, to);
        if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(/申报状态不能从/);
      }),
    );
  });

  it('has a distinct Chinese label for every status', () => {
    const labels = applicationStatuses.map((s) => applicationStatusLabels[s]);
    expect(new Set(labels).size).toBe(applicationStatuses.length);
    for (const label of labels) expect(label).toMatch(/[\u4e00-\u9fff]/);
    expect(applicationStatusLabel('in_publicity')).toBe('公示中');
    expect(applicationStatusLabel('nonsense')).toBe('nonsense');
  });

  it('recognises status strings', () => {
    expect(isApplicationStatus('scored')).toBe(true);
    expect(isApplicationStatus('approved')).toBe(false);
    expect(isApplicationStatus(3)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternScanner } from '#functions/evidence/inspection/pattern-scanner.js';
import { splitAt } from './fixtures.js';

const patterns = ['obj', 'endobj', '/Type', 'bb'].map((text) => Buffer.from(text, 'latin1'));

function naiveHits(bytes: Buffer): { pattern: number; offset: number }[] {
  const hits: { pattern: number; offset: number }[] = [];
  for (let offset = 0; offset < bytes.length; offset += 1) {
    patterns.forEach((pattern, index) => {
      if (bytes.subarray(offset, offset + pattern.length).equals(pattern)) hits.push({ pattern: index, offset });
    });
  }
  return hits.sort((a, b) => a.offset - b.offset || a.pattern - b.pattern);
}

const text = fc
  .array(fc.constantFrom('o', 'b', 'j', 'e', 'n', 'd', '/', 'T', 'y', 'p', ' ', 'x'), { maxLength: 400 })
  .map((letters) => Buffer.from(letters.join(''), 'latin1'));

describe('PatternScanner', () => {
  it('finds exactly the occurrences a naive search finds, whatever the chunking', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat({ max: 400 }), { maxLength: 30 }),
        fc.nat({ max: 20 }),
        fc.integer({ min: 6, max: 20 }),
        (bytes, cuts, lookBehind, lookAhead) => {
          const hits: { pattern: number; offset: number }[] = [];
          const scanner = new PatternScanner(patterns, { lookBehind, lookAhead }, ({ pattern, offset }) =>
            hits.push({ pattern, offset }),
          );
          for (const chunk of splitAt(bytes, cuts)) scanner.push(chunk);
          scanner.end();
          hits.sort((a, b) => a.offset - b.offset || a.pattern - b.pattern);
          expect(hits).toEqual(naiveHits(bytes));
        },
      ),
    );
  });

  it('hands every hit over with its look-behind and look-ahead in the same buffer', () => {
    // Every text holds hits at both edges, so each run checks some (a run without hits checks nothing).
    const withHits = text.map((bytes) => Buffer.concat([Buffer.from('bb ', 'latin1'), bytes, Buffer.from(' endobj', 'latin1')]));
    let checked = 0;
    fc.assert(
      fc.property(withHits, fc.array(fc.nat({ max: 400 }), { maxLength: 30 }), (bytes, cuts) => {
        const lookBehind = 9;
        const lookAhead = 11;
        const scanner = new PatternScanner(patterns, { lookBehind, lookAhead }, ({ buffer, index, offset }) => {
          checked += 1;
          const before = Math.min(lookBehind, offset);
          const after = Math.min(lookAhead, bytes.length - offset);
          expect(index).toBeGreaterThanOrEqual(before);
          expect(buffer.length - index).toBeGreaterThanOrEqual(after);
          expect(buffer.subarray(index - before, index + after)).toEqual(bytes.subarray(offset - before, offset + after));
        });
        for (const chunk of splitAt(bytes, cuts)) scanner.push(chunk);
        scanner.end();
      }),
    );
    // at least 'bb', 'obj' and 'endobj' in each of fast-check's 100 runs
    expect(checked).toBeGreaterThanOrEqual(300);
  });

  it('searches only the selected patterns after a hit that narrows the selection, whatever the chunking', () => {
    // As the PDF scanner does: after `obj` only `bb` is searched, after that `bb` all again.
    const narrowed = [3];
    const react = (pattern: number, selected: readonly number[] | undefined) => (selected === undefined && pattern === 0 ? narrowed : selected === narrowed && pattern === 3 ? undefined : selected);
    const naive = (bytes: Buffer) => {
      const hits: { pattern: number; offset: number }[] = [];
      let selected: readonly number[] | undefined;
      for (let offset = 0; offset < bytes.length; offset += 1) {
        for (let index = 0; index < patterns.length; index += 1) {
          if (selected !== undefined && !selected.includes(index)) continue;
          if (!bytes.subarray(offset, offset + patterns[index]!.length).equals(patterns[index]!)) continue;
          hits.push({ pattern: index, offset });
          const next = react(index, selected);
          if (next === selected) continue;
          selected = next;
          break; // a new selection applies after this hit
        }
      }
      return hits;
    };
    const words = fc
      .array(fc.constantFrom('obj', 'endobj', 'bb', 'b', '/Type', 'o', 'x', ' '), { maxLength: 120 })
      .map((parts) => Buffer.from(parts.join(''), 'latin1'));
    let narrowings = 0;
    fc.assert(
      fc.property(words, fc.array(fc.nat({ max: 400 }), { maxLength: 30 }), (bytes, cuts) => {
        const hits: { pattern: number; offset: number }[] = [];
        let selected: readonly number[] | undefined;
        const scanner = new PatternScanner(patterns, { lookBehind: 6, lookAhead: 8 }, ({ pattern, offset }) => {
          hits.push({ pattern, offset });
          const next = react(pattern, selected);
          if (next === selected) return;
          if (next === narrowed) narrowings += 1;
          selected = next;
          scanner.select(next);
        });
        for (const chunk of splitAt(bytes, cuts)) scanner.push(chunk);
        scanner.end();
        expect(hits).toEqual(naive(bytes));
      }),
    );
    expect(narrowings).toBeGreaterThan(30);
  });

  it('reports hits in stream order', () => {
    const offsets: number[] = [];
    const scanner = new PatternScanner(patterns, { lookBehind: 4, lookAhead: 8 }, ({ offset }) => offsets.push(offset));
    for (const chunk of splitAt(Buffer.from('bb obj /Type endobj bb '.repeat(20), 'latin1'), [5, 17, 60, 61, 200])) {
      scanner.push(chunk);
    }
    scanner.end();
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets.length).toBeGreaterThan(80);
  });
});

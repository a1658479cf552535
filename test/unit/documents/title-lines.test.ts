import fc from 'fast-check';
import type { PDFFont } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { balancedLines, namePieces } from '#functions/documents/title-lines.js';

/** Every character one unit of the size wide. */
const font = { widthOfTextAtSize: (text: string, size: number) => [...text].length * size } as unknown as PDFFont;

describe('title lines', () => {
  it('splits a program name after its leading region or ministry only', () => {
    expect(namePieces('广西壮族自治区市域产教联合体')).toEqual(['广西壮族自治区', '市域产教联合体']);
    expect(namePieces('工业和信息化部校企协同育人示范基地')).toEqual(['工业和信息化部', '校企协同育人示范基地']);
    expect(namePieces('上海市产教融合协同育人基地')).toEqual(['上海市', '产教融合协同育人基地']);
    expect(namePieces('中国—东盟现代工匠学院')).toEqual(['中国—东盟现代工匠学院']);
  });

  it('balances the lines instead of filling the first one', () => {
    const pieces = ['关于公布', '2026年', '广西壮族自治区', '市域产教联合体', '认定结果的通知'];
    // greedy filling would break inside 联合体 at 20 characters
    expect(balancedLines(pieces, font, 1, 20)).toEqual(['关于公布2026年广西壮族自治区', '市域产教联合体认定结果的通知']);
    expect(balancedLines(pieces, font, 1, 40)).toEqual([pieces.join('')]);
  });

  it('wraps a piece wider than a line by characters', () => {
    expect(balancedLines(['一二三四五六七'], font, 1, 3)).toEqual(['一二三', '四五六', '七']);
  });

  it('uses the fewest lines, each within the width, breaking only between pieces', () => {
    const piece = fc.string({ unit: fc.constantFrom('产', '教', '融', '合'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 7 }), fc.integer({ min: 6, max: 30 }), (pieces, width) => {
        const lines = balancedLines(pieces, font, 1, width);
        expect(lines.join('')).toBe(pieces.join(''));
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        const boundaries = new Set(pieces.map((_, index) => pieces.slice(0, index + 1).join('').length));
        let offset = 0;
        for (const line of lines) expect(boundaries.has((offset += line.length))).toBe(true);
        // no fewer lines are possible: a greedy fill by pieces gives the minimum
        let greedy = 1;
        let current = 0;
        for (const item of pieces) {
          if (current + item.length > width) {
            greedy += 1;
            current = 0;
          }
          current += item.length;
        }
        expect(lines.length).toBe(greedy);
      }),
    );
  });
});

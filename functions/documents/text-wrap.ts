/**
 * Line breaking of Chinese running text in PDFs: lines no wider than a width, Latin words and
 * numbers kept whole, and the basic Chinese line-breaking rules (禁则): closing marks never
 * start a line, opening marks never end one.
 */
import type { PDFFont } from 'pdf-lib';

/** Characters that may not start a line (they stay at the end of the previous one). */
const noLineStart = new Set('，。、；：？！）》」』”’〕】…—·%,.;:?!)]}');
/** Characters that may not end a line (they move to the start of the next one). */
const noLineEnd = new Set('（《「『“‘〔【([{');

/** Splits text into unbreakable pieces: runs of Latin letters and digits stay together. */
function pieces(text: string): string[] {
  return text.match(/[A-Za-z0-9@._\-/]+|\s+|./gsu) ?? [];
}

/**
 * Breaks `text` into lines no wider than `width` (first line `firstWidth`), keeping Latin
 * words whole and following the basic Chinese line-breaking rules (禁则).
 */
export function wrapText(text: string, font: Pick<PDFFont, 'widthOfTextAtSize'>, size: number, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  let line = '';
  const limit = () => (lines.length === 0 ? firstWidth : width);
  for (const piece of pieces(text)) {
    const candidate = line + piece;
    if (font.widthOfTextAtSize(candidate, size) <= limit() || line === '') {
      line = candidate;
      continue;
    }
    if (noLineStart.has(piece)) {
      line = candidate; // hanging punctuation: the mark may overhang the margin slightly
      continue;
    }
    let carried = '';
    while (line.length > 1 && noLineEnd.has(line.at(-1)!)) {
      carried = line.at(-1)! + carried;
      line = line.slice(0, -1);
    }
    lines.push(line.trimEnd());
    line = (carried + piece).trimStart();
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}


/**
 * Line breaking of document titles (标题回行). A Chinese official title is broken only between
 * words, with lines of balanced length (GB/T 9704: 回行时词意完整、排列对称、长短适宜). The title
 * is given as pieces that must stay whole (e.g. 关于公布 · 2026年 · 广西壮族自治区 · 市域产教联合体 ·
 * 认定结果的通知); the lines are the fewest that fit, and among those the most even.
 */
import type { PDFFont } from 'pdf-lib';
import { wrapText } from './text-wrap.js';

/**
 * The leading administrative body of a name (a region or a ministry, e.g. 广西壮族自治区,
 * 上海市, 工业和信息化部), after which a title may break.
 */
const leadingBody = /^(.{2,}?(?:自治区|省|市|部))(?=.{2,})/u;

/**
 * Splits a proper name into the pieces a title may break between: after its leading region
 * or ministry, nowhere else.
 *
 * @example
 * namePieces('广西壮族自治区市域产教联合体'); // ['广西壮族自治区', '市域产教联合体']
 */
export function namePieces(name: string): string[] {
  const match = leadingBody.exec(name);
  return match ? [match[1]!, name.slice(match[1]!.length)] : [name];
}

/** Most pieces a title is balanced over by trying every break (2^(n-1) candidates); longer titles are wrapped greedily. */
const maxPieces = 16;

/**
 * Breaks a title made of `pieces` into lines no wider than `width`, only between pieces: the
 * fewest lines, and among those the one whose widest line is narrowest (balanced). A piece
 * wider than a line on its own is wrapped by characters (line-breaking rules apply).
 *
 * @example
 * balancedLines(['关于公布', '2026年', '广西壮族自治区', '市域产教联合体', '认定结果的通知'], bold, 20, 400);
 * // ['关于公布2026年广西壮族自治区', '市域产教联合体认定结果的通知']
 */
export function balancedLines(pieces: readonly string[], font: Pick<PDFFont, 'widthOfTextAtSize'>, size: number, width: number): string[] {
  const measure = (text: string) => font.widthOfTextAtSize(text, size);
  const parts = pieces.filter((piece) => piece !== '');
  if (parts.length === 0) return [''];
  const oversized = parts.some((piece) => measure(piece) > width);
  if (oversized || parts.length > maxPieces) return wrapText(parts.join(''), font, size, width);
  let best: { lines: string[]; widest: number } | undefined;
  for (let breaks = 0; breaks < 2 ** (parts.length - 1); breaks += 1) {
    const lines = [parts[0]!];
    for (let index = 1; index < parts.length; index += 1) {
      if (breaks & (1 << (index - 1))) lines.push(parts[index]!);
      else lines[lines.length - 1] += parts[index]!;
    }
    let widest = 0;
    for (const line of lines) widest = Math.max(widest, measure(line));
    if (widest > width) continue;
    if (!best || lines.length < best.lines.length || (lines.length === best.lines.length && widest < best.widest)) best = { lines, widest };
  }
  return best?.lines ?? wrapText(parts.join(''), font, size, width);
}

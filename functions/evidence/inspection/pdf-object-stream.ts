/**
 * Reads the objects packed in a decoded PDF object stream (`/Type /ObjStm`, ISO 32000-1
 * §7.5.7) for the facts the page count needs: which objects are pages and what the page
 * tree nodes declare as `/Count`; and whether any object holds a script name.
 */
import { mentionsScript } from './pdf-syntax.js';

const ws = '[\\0\\t\\n\\f\\r ]';
const pageType = new RegExp(`/Type${ws}*/Page(?![^\\0\\t\\n\\f\\r ()<>\\[\\]{}/%])`);
const pagesType = new RegExp(`/Type${ws}*/Pages(?![^\\0\\t\\n\\f\\r ()<>\\[\\]{}/%])`);
const countEntry = new RegExp(`/Count${ws}+(\\d+)`);

/** What the objects of one object stream say about the page tree. */
export interface PageTreeFacts {
  /** Object numbers of `/Type /Page` objects. */
  pageObjects: number[];
  /** `/Count` of every `/Type /Pages` node. */
  pageTreeCounts: number[];
  /** Some object holds a script or automatic-action name (see `isScriptName`). */
  javascript: boolean;
}

/**
 * The page facts of a decoded object stream whose dictionary gave `/First first` and `/N count`,
 * or undefined if its header of object numbers and offsets is not well formed.
 */
export function readObjectStream(data: Buffer, first: number, count: number): PageTreeFacts | undefined {
  if (first > data.length || count < 0) return undefined;
  const numbers = data
    .toString('latin1', 0, first)
    .split(new RegExp(`${ws}+`))
    .filter((token) => token.length > 0);
  if (numbers.length < 2 * count || numbers.some((token) => !/^\d+$/.test(token))) return undefined;
  const entries: { objectNumber: number; start: number }[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = first + Number(numbers[2 * index + 1]);
    const previous = entries.at(-1);
    if (start > data.length || (previous !== undefined && start < previous.start)) return undefined;
    entries.push({ objectNumber: Number(numbers[2 * index]), start });
  }
  const facts: PageTreeFacts = { pageObjects: [], pageTreeCounts: [], javascript: mentionsScript(data.toString('latin1', first)) };
  entries.forEach(({ objectNumber, start }, index) => {
    const body = data.toString('latin1', start, entries[index + 1]?.start ?? data.length);
    if (pageType.test(body)) facts.pageObjects.push(objectNumber);
    if (pagesType.test(body)) {
      const declared = countEntry.exec(body);
      if (declared) facts.pageTreeCounts.push(Number(declared[1]));
    }
  });
  return facts;
}

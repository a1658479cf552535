/**
 * Test helper: the seed texts in ../shared/seeds, normalised so that quotes from them can be
 * found regardless of whitespace and of full- or half-width punctuation. Missing seeds throw.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, computed from this file's location (test/unit/programs). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The directory of the seed texts, next to the project. */
export const seedDir = path.resolve(projectRoot, '../shared/seeds');

/**
 * Removes all whitespace and maps full-width ASCII forms (，（）：；！ etc.) to half width,
 * so `（一）` and `(一)`, `，` and `,` compare equal.
 */
export function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0]+/g, '');
}

const cache = new Map<string, string>();

/** The raw text of a seed file; throws when the file (or the whole seeds directory) is missing. */
export function readSeed(file: string): string {
  if (!existsSync(seedDir)) throw new Error(`seed directory missing: ${seedDir}`);
  const full = path.resolve(seedDir, file);
  if (!existsSync(full)) throw new Error(`seed file missing: ${full}`);
  let text = cache.get(full);
  if (text === undefined) {
    text = readFileSync(full, 'utf8');
    cache.set(full, text);
  }
  return text;
}

/** The normalised text of a seed file. */
export function normalisedSeed(file: string): string {
  return normalise(readSeed(file));
}

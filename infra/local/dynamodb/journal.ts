/**
 * Write-ahead journal of committed transactions. Before a transaction's final
 * puts/deletes are applied to dynalite they are appended (and fsync'ed) to
 * `<dataDir>/transactions.journal`; after they are applied the journal is emptied.
 * A journal left by a crash is replayed on start; replay is idempotent because
 * entries hold final item images, not deltas.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Item } from './attribute-value.js';

/** One final write of a transaction. */
export type JournalOperation =
  | { readonly type: 'put'; readonly table: string; readonly item: Item }
  | { readonly type: 'delete'; readonly table: string; readonly key: Item };

/** One committed transaction. */
export interface JournalEntry {
  readonly id: string;
  readonly operations: readonly JournalOperation[];
}

/** File name of the journal inside the data directory. */
export const JOURNAL_FILE = 'transactions.journal';

/** Path of the journal for `dataDir`. */
export function journalPath(dataDir: string): string {
  return path.join(dataDir, JOURNAL_FILE);
}

/** Appends `entry` as one JSON line and fsyncs the file before resolving. */
export async function writeJournalEntry(dataDir: string, entry: JournalEntry): Promise<void> {
  const handle = await fs.open(journalPath(dataDir), 'a');
  try {
    await handle.writeFile(`${JSON.stringify(entry)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Reads the complete entries of the journal (a torn last line, written by a crash
 * before its fsync finished, was never applied and is ignored).
 */
export async function readJournal(dataDir: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(journalPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // Torn write: never acknowledged, never applied.
    }
  }
  return entries;
}

/** Empties the journal (all entries were applied) and fsyncs it. */
export async function clearJournal(dataDir: string): Promise<void> {
  const handle = await fs.open(journalPath(dataDir), 'w');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Applies committed transactions to dynalite through the write-ahead journal. */
import { randomUUID } from 'node:crypto';
import { DynamoDbError } from './errors.js';
import type { InternalClient } from './internal-client.js';
import { clearJournal, readJournal, writeJournalEntry, type JournalOperation } from './journal.js';

/**
 * Journals and applies final writes; replays a journal left by a crash. A transaction's writes
 * reach dynalite as separate, parallel calls: reads wait on {@link settled} so that none sees
 * part of one (DynamoDB transactions are serializable against item reads).
 */
export class TransactionStore {
  private dirty = true;
  /** The apply under way, if any. */
  private applying: Promise<void> | undefined;

  constructor(
    private readonly client: InternalClient,
    private readonly dataDir: string,
  ) {}

  /** Re-applies every journaled entry (idempotent), then empties the journal. */
  async recover(): Promise<number> {
    const entries = await readJournal(this.dataDir);
    for (const entry of entries) await this.apply(entry.operations, true);
    await clearJournal(this.dataDir);
    this.dirty = false;
    return entries.length;
  }

  /** Replays the journal if a previous apply failed half-way (call before reading for a transaction). */
  async ensureClean(): Promise<void> {
    if (this.dirty) await this.recover();
  }

  /** Resolves once the writes being applied (if any) are all applied, or the apply failed. */
  async settled(): Promise<void> {
    await this.applying?.catch(() => undefined);
  }

  /** Durably journals `operations`, applies them, then drops the journal entry. */
  async commit(operations: readonly JournalOperation[]): Promise<void> {
    await this.ensureClean();
    await writeJournalEntry(this.dataDir, { id: randomUUID(), operations });
    this.dirty = true;
    await this.apply(operations);
    await clearJournal(this.dataDir);
    this.dirty = false;
  }

  /** Applies final images; on replay, writes to tables deleted since the crash are skipped. */
  private async apply(operations: readonly JournalOperation[], replay = false): Promise<void> {
    const applying = this.applyAll(operations, replay);
    this.applying = applying;
    try {
      await applying;
    } finally {
      if (this.applying === applying) this.applying = undefined;
    }
  }

  private async applyAll(operations: readonly JournalOperation[], replay: boolean): Promise<void> {
    await Promise.all(
      operations.map(async (operation) => {
        try {
          if (operation.type === 'put') await this.client.call('PutItem', { TableName: operation.table, Item: operation.item });
          else await this.client.call('DeleteItem', { TableName: operation.table, Key: operation.key });
        } catch (error) {
          if (!(replay && error instanceof DynamoDbError && error.name === 'ResourceNotFoundException')) throw error;
        }
      }),
    );
  }
}

import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionRecord } from './execution-record.js';

/** A registered state machine as persisted. */
export interface StoredStateMachine {
  stateMachineArn: string;
  name: string;
  definition: string;
  creationDate: number;
}

/** Writes a file atomically: to a temporary name first, then renamed over the target. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/**
 * Persists executions (one JSON file each, under `<dataDir>/executions`) and the
 * registered state machines (`<dataDir>/state-machines.json`).
 */
export class ExecutionStore {
  private readonly executionsDir: string;
  private readonly machinesFile: string;

  /** Creates the store, making the directories when missing. */
  constructor(dataDir: string) {
    this.executionsDir = join(dataDir, 'executions');
    this.machinesFile = join(dataDir, 'state-machines.json');
    mkdirSync(this.executionsDir, { recursive: true });
  }

  /** Writes the whole record of one execution. */
  saveExecution(record: ExecutionRecord): void {
    const file = join(this.executionsDir, `${encodeURIComponent(`${record.stateMachineName}:${record.name}`)}.json`);
    writeAtomically(file, JSON.stringify(record));
  }

  /** Reads every persisted execution. */
  loadExecutions(): ExecutionRecord[] {
    return readdirSync(this.executionsDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(this.executionsDir, file), 'utf8')) as ExecutionRecord);
  }

  /** Writes the list of registered state machines. */
  saveStateMachines(machines: StoredStateMachine[]): void {
    writeAtomically(this.machinesFile, JSON.stringify(machines, null, 1));
  }

  /** Reads the registered state machines (empty on first start). */
  loadStateMachines(): StoredStateMachine[] {
    try {
      return JSON.parse(readFileSync(this.machinesFile, 'utf8')) as StoredStateMachine[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

import { compileDefinition, InvalidDefinitionError } from './definition.js';
import type { ExecutionStore, StoredStateMachine } from './execution-store.js';

const namePattern = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The registered state machines, persisted so their creation dates survive restarts.
 * Definitions are validated when registered; stored ones are compiled on first use.
 */
export class StateMachineRegistry {
  private readonly machines = new Map<string, StoredStateMachine>();

  /** Creates the registry and reloads previously registered machines. */
  constructor(
    private readonly store: ExecutionStore,
    private readonly arnPrefix: string,
  ) {
    for (const stored of store.loadStateMachines()) this.machines.set(stored.stateMachineArn, stored);
  }

  /**
   * Registers (or replaces the definition of) a state machine and returns its ARN.
   * Throws when the name is invalid, or {@link InvalidDefinitionError} (naming the machine) when
   * the definition is invalid or uses what this runtime does not support.
   */
  register(name: string, definition: string, now: number): string {
    if (!namePattern.test(name)) throw new Error(`Invalid state machine name '${name}'`);
    try {
      compileDefinition(definition);
    } catch (error) {
      throw error instanceof InvalidDefinitionError ? new InvalidDefinitionError(error.problems, name) : error;
    }
    const stateMachineArn = `${this.arnPrefix}:stateMachine:${name}`;
    const creationDate = this.machines.get(stateMachineArn)?.creationDate ?? now;
    this.machines.set(stateMachineArn, { stateMachineArn, name, definition, creationDate });
    this.store.saveStateMachines([...this.machines.values()]);
    return stateMachineArn;
  }

  /** The machine with this ARN, if registered. */
  get(stateMachineArn: string): StoredStateMachine | undefined {
    return this.machines.get(stateMachineArn);
  }

  /** All registered machines, by name. */
  list(): StoredStateMachine[] {
    return [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

import { createRequire } from 'node:module';
import type { ChoiceRule } from './choice-rules.js';
import type { Catcher, Retrier } from './retry-catch.js';
import { unsupportedFeatures } from './supported-subset.js';

/** The fields that move to the next state. */
interface Transition {
  Comment?: string;
  Next?: string;
  End?: boolean;
}

/** A `lambda:invoke[.waitForTaskToken]` Task. */
export interface TaskState extends Transition {
  Type: 'Task';
  Resource: string;
  Parameters: { FunctionName: string; Payload?: unknown };
  ResultSelector?: unknown;
  ResultPath?: string | null;
  OutputPath?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

/** A Pass state: its output is its Parameters template applied to its input (or the input). */
export interface PassState extends Transition {
  Type: 'Pass';
  Parameters?: unknown;
}

/** A Choice state. */
export interface ChoiceState {
  Type: 'Choice';
  Comment?: string;
  Choices: ChoiceRule[];
  Default?: string;
}

/** A Wait state until the timestamp its input holds. */
export interface WaitState extends Transition {
  Type: 'Wait';
  TimestampPath: string;
}

/** An inline Map state. */
export interface MapState extends Transition {
  Type: 'Map';
  ItemsPath?: string;
  ItemSelector?: unknown;
  ItemProcessor: StatesContainer;
  MaxConcurrency?: number;
  ResultPath?: string | null;
}

/** A Succeed state. */
export interface SucceedState {
  Type: 'Succeed';
  Comment?: string;
}

/** A state of the supported subset (see supported-subset.ts and the README). */
export type StateDefinition = TaskState | PassState | ChoiceState | WaitState | MapState | SucceedState;

/** A `StartAt` + `States` block: the machine itself or a Map's item processor. */
export interface StatesContainer {
  StartAt: string;
  States: Record<string, StateDefinition>;
}

/** A parsed definition with every States block addressable by a scope id. */
export interface CompiledDefinition {
  definition: StatesContainer;
  /** Scope id → States block. The machine itself is scope `''`. */
  scopes: Map<string, StatesContainer>;
}

/** Raised by {@link compileDefinition} for invalid or unsupported definitions. */
export class InvalidDefinitionError extends Error {
  /** Creates the error with every problem found, naming the state machine when it is known. */
  constructor(
    readonly problems: string[],
    stateMachineName?: string,
  ) {
    super(`Invalid state machine definition${stateMachineName === undefined ? '' : ` '${stateMachineName}'`}: ${problems.join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

interface AslValidatorResult {
  isValid: boolean;
  errorsText(separator?: string): string;
}
type AslValidator = (definition: unknown) => AslValidatorResult;
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

/** Scope id of a Map state's item processor. */
export function mapScope(parentScope: string, stateName: string): string {
  return `${parentScope}/${encodeURIComponent(stateName)}`;
}

function collectScopes(scope: string, container: StatesContainer, scopes: Map<string, StatesContainer>): void {
  scopes.set(scope, container);
  for (const [name, state] of Object.entries(container.States)) {
    if (state.Type === 'Map') collectScopes(mapScope(scope, name), state.ItemProcessor, scopes);
  }
}

/* asl-validator compiles its JSON schemas on every call (hundreds of ms), so results are kept per text. */
const compiledDefinitions = new Map<string, CompiledDefinition>();

/**
 * Parses and validates a definition: first with `asl-validator`, then against the
 * subset this runtime implements. Throws {@link InvalidDefinitionError} listing every
 * problem, so an unsupported feature is refused instead of running differently from
 * AWS. The result is shared and must not be modified.
 */
export function compileDefinition(text: string): CompiledDefinition {
  const cached = compiledDefinitions.get(text);
  if (cached) return cached;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidDefinitionError([`not valid JSON: ${(error as Error).message}`]);
  }
  const validation = aslValidator(structuredClone(parsed));
  if (!validation.isValid) throw new InvalidDefinitionError([validation.errorsText('; ')]);
  const problems = unsupportedFeatures(parsed as Record<string, unknown>);
  if (problems.length > 0) throw new InvalidDefinitionError(problems);
  const definition = parsed as StatesContainer;
  const compiled: CompiledDefinition = { definition, scopes: new Map() };
  collectScopes('', definition, compiled.scopes);
  compiledDefinitions.set(text, compiled);
  return compiled;
}

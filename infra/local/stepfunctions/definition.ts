import { createRequire } from 'node:module';
import { comparisonOperators, type ChoiceRule } from './choice-rules.js';
import { parseIntrinsic, isIntrinsic } from './intrinsics.js';
import { compilePath } from './json-path.js';
import type { Catcher, Retrier } from './retry-catch.js';

/** A state of the supported ASL subset (JSONPath query language). */
export interface StateDefinition {
  Type: 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Map' | 'Parallel';
  Comment?: string;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  Result?: unknown;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: (ChoiceRule & { Next: string })[];
  Default?: string;
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  Error?: string;
  Cause?: string;
  ErrorPath?: string;
  CausePath?: string;
  ItemsPath?: string;
  ItemSelector?: unknown;
  Iterator?: StatesContainer;
  ItemProcessor?: StatesContainer & { ProcessorConfig?: { Mode?: string } };
  MaxConcurrency?: number;
  MaxConcurrencyPath?: string;
  Branches?: StatesContainer[];
}

/** A `StartAt` + `States` block: the machine itself, a Map processor or a Parallel branch. */
export interface StatesContainer {
  StartAt: string;
  States: Record<string, StateDefinition>;
}

/** A whole state machine definition. */
export interface MachineDefinition extends StatesContainer {
  Comment?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: string;
}

/** How a Task's Resource is executed locally. */
export type TaskResource =
  | { kind: 'lambda-invoke'; waitForTaskToken: boolean }
  | { kind: 'lambda-function'; functionArn: string }
  | { kind: 'start-execution'; mode: 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken' };

/** A parsed definition with every States block addressable by a scope id. */
export interface CompiledDefinition {
  definition: MachineDefinition;
  /** Scope id → States block. The machine itself is scope `''`. */
  scopes: Map<string, StatesContainer>;
}

/** Raised by {@link compileDefinition} for invalid or unsupported definitions. */
export class InvalidDefinitionError extends Error {
  /** Creates the error with every problem found. */
  constructor(readonly problems: string[]) {
    super(`Invalid state machine definition: ${problems.join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

interface AslValidatorResult {
  isValid: boolean;
  errorsText(separator?: string): string;
}
type AslValidator = (definition: unknown) => AslValidatorResult;
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

const lambdaInvoke = /^arn:aws[a-z-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;
const lambdaFunction = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
const startExecution = /^arn:aws[a-z-]*:states:::states:startExecution(\.sync:2|\.sync|\.waitForTaskToken)?$/;

/**
 * Classifies a Task Resource, or returns `undefined` when it is not supported locally.
 *
 * @example classifyResource('arn:aws:states:::lambda:invoke.waitForTaskToken') // { kind: 'lambda-invoke', waitForTaskToken: true }
 */
export function classifyResource(resource: string): TaskResource | undefined {
  const invoke = lambdaInvoke.exec(resource);
  if (invoke) return { kind: 'lambda-invoke', waitForTaskToken: invoke[1] !== undefined };
  if (lambdaFunction.test(resource)) return { kind: 'lambda-function', functionArn: resource };
  const start = startExecution.exec(resource);
  if (start) {
    const suffix = start[1];
    const mode = suffix === '.sync:2' ? 'sync:2' : suffix === '.sync' ? 'sync' : suffix ? 'waitForTaskToken' : 'request-response';
    return { kind: 'start-execution', mode };
  }
  return undefined;
}

/** Scope id of a Map state's item processor. */
export function mapScope(parentScope: string, stateName: string): string {
  return `${parentScope}/${encodeURIComponent(stateName)}`;
}

/** Scope id of one branch of a Parallel state. */
export function branchScope(parentScope: string, stateName: string, branch: number): string {
  return `${mapScope(parentScope, stateName)}/${branch}`;
}

const unsupportedFields = [
  'Assign',
  'Arguments',
  'Output',
  'Items',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'Credentials',
  'Condition',
];

class SubsetChecker {
  readonly problems: string[] = [];
  readonly scopes = new Map<string, StatesContainer>();

  container(scope: string, container: StatesContainer): void {
    this.scopes.set(scope, container);
    for (const [name, state] of Object.entries(container.States)) this.state(scope, name, state);
  }

  private report(name: string, problem: string): void {
    this.problems.push(`state '${name}': ${problem}`);
  }

  private path(name: string, field: string, value: unknown, options: { allowIntrinsic?: boolean; resultPath?: boolean } = {}): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') return this.report(name, `${field} must be a string`);
    try {
      if (options.allowIntrinsic && isIntrinsic(value)) {
        parseIntrinsic(value);
        return;
      }
      const path = compilePath(value);
      if (options.resultPath && (path.root !== '$' || !path.definite)) this.report(name, `${field} '${value}' must be a definite $ path`);
    } catch (error) {
      this.report(name, `${field}: ${(error as Error).message}`);
    }
  }

  private template(name: string, field: string, template: unknown): void {
    if (Array.isArray(template)) {
      template.forEach((item) => this.template(name, field, item));
      return;
    }
    if (template === null || typeof template !== 'object') return;
    for (const [key, value] of Object.entries(template as Record<string, unknown>)) {
      if (key.endsWith('.$')) this.path(name, `${field}.${key}`, value, { allowIntrinsic: true });
      else this.template(name, field, value);
    }
  }

  private choiceRule(name: string, rule: ChoiceRule): void {
    for (const combinator of ['And', 'Or'] as const) {
      const inner = rule[combinator];
      if (Array.isArray(inner)) inner.forEach((item) => this.choiceRule(name, item as ChoiceRule));
    }
    if (rule.Not && typeof rule.Not === 'object') this.choiceRule(name, rule.Not as ChoiceRule);
    if (rule.And || rule.Or || rule.Not) return;
    this.path(name, 'Variable', rule.Variable);
    const operators = Object.keys(rule).filter((key) => !['Variable', 'Next', 'Comment'].includes(key));
    for (const operator of operators) {
      const base = operator.endsWith('Path') ? operator.slice(0, -4) : operator;
      if (!comparisonOperators.includes(base)) this.report(name, `Choice operator ${operator} is not supported`);
      else if (operator !== base) this.path(name, operator, rule[operator]);
    }
  }

  private state(scope: string, name: string, state: StateDefinition): void {
    const fields = state as unknown as Record<string, unknown>;
    for (const field of unsupportedFields) {
      if (field in fields) this.report(name, `${field} is not supported by the local Step Functions service`);
    }
    if (fields.QueryLanguage === 'JSONata') this.report(name, 'the JSONata query language is not supported');
    for (const field of ['InputPath', 'OutputPath', 'ItemsPath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath']) {
      this.path(name, field, fields[field]);
    }
    this.path(name, 'ResultPath', state.ResultPath, { resultPath: true });
    this.path(name, 'ErrorPath', state.ErrorPath, { allowIntrinsic: true });
    this.path(name, 'CausePath', state.CausePath, { allowIntrinsic: true });
    this.template(name, 'Parameters', state.Parameters);
    this.template(name, 'ResultSelector', state.ResultSelector);
    this.template(name, 'ItemSelector', state.ItemSelector);
    for (const retrier of state.Retry ?? []) {
      if (retrier.JitterStrategy === 'FULL') this.report(name, 'Retry JitterStrategy FULL is not supported');
    }
    for (const catcher of state.Catch ?? []) this.path(name, 'Catch.ResultPath', catcher.ResultPath, { resultPath: true });
    if (state.Type === 'Task' && (!state.Resource || !classifyResource(state.Resource))) {
      this.report(name, `Task Resource '${String(state.Resource)}' is not supported (lambda:invoke[.waitForTaskToken], a Lambda function ARN, states:startExecution[.sync|.sync:2|.waitForTaskToken])`);
    }
    if (state.Type === 'Choice') (state.Choices ?? []).forEach((rule) => this.choiceRule(name, rule));
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') this.report(name, 'distributed Map is not supported');
      if (processor) this.container(mapScope(scope, name), processor);
    }
    if (state.Type === 'Parallel') {
      (state.Branches ?? []).forEach((branch, index) => this.container(branchScope(scope, name, index), branch));
    }
  }
}

/* asl-validator compiles its JSON schemas on every call (hundreds of ms), so results are kept per text. */
const compiledDefinitions = new Map<string, CompiledDefinition>();

/**
 * Parses and validates a definition: first with `asl-validator`, then against the
 * subset this interpreter implements. Throws {@link InvalidDefinitionError} listing
 * every problem, so unsupported features never pass silently. The result is shared
 * and must not be modified.
 */
export function compileDefinition(text: string): CompiledDefinition {
  const cached = compiledDefinitions.get(text);
  if (cached) return cached;
  let definition: MachineDefinition;
  try {
    definition = JSON.parse(text) as MachineDefinition;
  } catch (error) {
    throw new InvalidDefinitionError([`not valid JSON: ${(error as Error).message}`]);
  }
  const validation = aslValidator(structuredClone(definition));
  if (!validation.isValid) throw new InvalidDefinitionError([validation.errorsText('; ')]);
  const checker = new SubsetChecker();
  if (definition.QueryLanguage === 'JSONata') checker.problems.push('the JSONata query language is not supported');
  checker.container('', definition);
  if (checker.problems.length > 0) throw new InvalidDefinitionError(checker.problems);
  const compiled = { definition, scopes: checker.scopes };
  compiledDefinitions.set(text, compiled);
  return compiled;
}

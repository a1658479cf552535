import { choiceOperators } from './choice-rules.js';
import { matchableStatesErrors } from './errors.js';
import { compilePath } from './json-path.js';
import { lambdaInvokeParameters, parseTaskResource } from './lambda-invoke.js';

type Json = Record<string, unknown>;

const transition = ['Type', 'Comment', 'Next', 'End'];

/**
 * The fields each supported state type may have: what the project's state machines use.
 * Any other state type (Parallel, Fail) or field (InputPath, Result, Seconds,
 * HeartbeatSeconds, ItemReader, Assign, …) is refused.
 */
export const supportedFields: Readonly<Record<string, readonly string[]>> = {
  Task: [...transition, 'Resource', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'TimeoutSeconds', 'TimeoutSecondsPath', 'Retry', 'Catch'],
  Pass: [...transition, 'Parameters'],
  Choice: ['Type', 'Comment', 'Choices', 'Default'],
  Wait: [...transition, 'TimestampPath'],
  Map: [...transition, 'ItemsPath', 'ItemSelector', 'ItemProcessor', 'MaxConcurrency', 'ResultPath'],
  Succeed: ['Type', 'Comment'],
};

const machineFields = ['Comment', 'StartAt', 'States'];
const processorFields = ['Comment', 'StartAt', 'States', 'ProcessorConfig'];
const retrierFields = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate'];
const catcherFields = ['ErrorEquals', 'Next', 'ResultPath'];
const pathFields = ['ResultPath', 'OutputPath', 'ItemsPath', 'TimeoutSecondsPath', 'TimestampPath'];

/** The context-object paths this runtime provides: a waitForTaskToken Task's token and a Map iteration's item. */
const taskTokenPath = '$$.Task.Token';
const mapItemPath = '$$.Map.Item.Value';

const list = (names: readonly string[]): string => names.join(', ');
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Walks a definition that asl-validator accepted and collects what this runtime would not run as AWS does. */
class SubsetChecker {
  readonly problems: string[] = [];

  machine(definition: Json): void {
    this.fields('the state machine', definition, machineFields);
    this.states('', definition.States);
  }

  private report(where: string, problem: string): void {
    this.problems.push(`${where}: ${problem}`);
  }

  private fields(where: string, object: Json, allowed: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) this.report(where, `field ${key} is not supported (supported: ${list(allowed)})`);
    }
  }

  private states(prefix: string, states: unknown): void {
    if (!isObject(states)) return;
    for (const [name, state] of Object.entries(states)) if (isObject(state)) this.state(prefix === '' ? name : `${prefix} › ${name}`, state);
  }

  private state(name: string, state: Json): void {
    const type = String(state.Type);
    const allowed = supportedFields[type];
    if (!allowed) return this.report(`state '${name}'`, `state type ${type} is not supported (supported: ${list(Object.keys(supportedFields))})`);
    const where = `state '${name}' (${type})`;
    this.fields(where, state, allowed);
    for (const field of pathFields) this.path(where, field, state[field]);
    if (type === 'Task') this.task(where, state);
    if (type === 'Pass') this.template(where, 'Parameters', state.Parameters, []);
    if (type === 'Choice' && Array.isArray(state.Choices)) state.Choices.forEach((rule, index) => this.choiceRule(`${where} Choices[${index}]`, rule));
    if (type === 'Map') this.map(name, where, state);
  }

  private path(where: string, field: string, value: unknown): void {
    if (value === undefined || (value === null && (field === 'ResultPath' || field.endsWith('.ResultPath')))) return;
    if (typeof value !== 'string') return this.report(where, `${field} must be a path string`);
    try {
      if (compilePath(value).root !== '$') this.report(where, `${field} '${value}' must start with $ (not $$)`);
    } catch (error) {
      this.report(where, `${field}: ${(error as Error).message}`);
    }
  }

  /** Checks a payload template; `$$` paths may only be the context paths in `context` (or fields below them). */
  private template(where: string, field: string, template: unknown, context: readonly string[]): void {
    if (Array.isArray(template)) return template.forEach((item) => this.template(where, field, item, context));
    if (!isObject(template)) return;
    for (const [key, value] of Object.entries(template)) {
      if (!key.endsWith('.$')) {
        this.template(where, `${field}.${key}`, value, context);
        continue;
      }
      const name = `${field}.${key}`;
      if (typeof value !== 'string' || !value.startsWith('$')) {
        this.report(where, `${name} '${String(value)}' is not a JSONPath (intrinsic functions such as States.Format are not supported)`);
        continue;
      }
      try {
        if (compilePath(value).root === '$$' && !context.some((allowed) => value === allowed || value.startsWith(`${allowed}.`))) {
          this.report(where, `${name}: the context path '${value}' is not supported here (only ${taskTokenPath} in a waitForTaskToken Task's Parameters and ${mapItemPath} in a Map's ItemSelector)`);
        }
      } catch (error) {
        this.report(where, `${name}: ${(error as Error).message}`);
      }
    }
  }

  private task(where: string, state: Json): void {
    const resource = typeof state.Resource === 'string' ? parseTaskResource(state.Resource) : undefined;
    if (!resource) {
      this.report(where, `Resource '${String(state.Resource)}' is not supported (only arn:aws:states:::lambda:invoke and arn:aws:states:::lambda:invoke.waitForTaskToken)`);
    }
    const parameters = state.Parameters;
    if (!isObject(parameters) || typeof parameters.FunctionName !== 'string') this.report(where, 'Parameters must name the function with a literal FunctionName');
    else this.fields(`${where} Parameters`, parameters, lambdaInvokeParameters);
    this.template(where, 'Parameters', parameters, resource?.waitForTaskToken ? [taskTokenPath] : []);
    this.template(where, 'ResultSelector', state.ResultSelector, []);
    this.handlers(where, 'Retry', state.Retry, retrierFields);
    this.handlers(where, 'Catch', state.Catch, catcherFields);
  }

  private handlers(where: string, field: 'Retry' | 'Catch', entries: unknown, allowed: readonly string[]): void {
    if (!Array.isArray(entries)) return;
    entries.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const at = `${where} ${field}[${index}]`;
      this.fields(at, entry, allowed);
      if (field === 'Catch') this.path(at, 'Catch.ResultPath', entry.ResultPath);
      for (const error of Array.isArray(entry.ErrorEquals) ? (entry.ErrorEquals as unknown[]) : []) {
        if (typeof error === 'string' && error.startsWith('States.') && !matchableStatesErrors.includes(error)) {
          this.report(at, `error name ${error} is not supported (only ${list(matchableStatesErrors)} and names outside States.)`);
        }
      }
    });
  }

  private choiceRule(where: string, rule: unknown): void {
    if (!isObject(rule)) return;
    const operators = Object.keys(rule).filter((key) => !['Variable', 'Next', 'Comment'].includes(key));
    for (const operator of operators) {
      if (!(choiceOperators as readonly string[]).includes(operator)) this.report(where, `Choice operator ${operator} is not supported (supported: ${list(choiceOperators)})`);
    }
    if (operators.length !== 1) this.report(where, 'a Choice rule must have exactly one comparison');
    this.path(where, 'Variable', rule.Variable);
  }

  private map(name: string, where: string, state: Json): void {
    this.template(where, 'ItemSelector', state.ItemSelector, [mapItemPath]);
    const processor = state.ItemProcessor;
    if (!isObject(processor)) return;
    this.fields(`${where} ItemProcessor`, processor, processorFields);
    const config = processor.ProcessorConfig;
    if (isObject(config)) {
      this.fields(`${where} ItemProcessor.ProcessorConfig`, config, ['Mode']);
      if (config.Mode !== undefined && config.Mode !== 'INLINE') this.report(where, `ProcessorConfig.Mode ${JSON.stringify(config.Mode)} is not supported (only INLINE)`);
    }
    this.states(name, processor.States);
  }
}

/**
 * Lists what a definition uses beyond the subset this runtime implements, one sentence
 * per problem naming the state and field, e.g.
 * `state 'Notify' (Task): field HeartbeatSeconds is not supported (supported: …)`.
 * Expects a definition that asl-validator accepted; an empty list means it can run.
 */
export function unsupportedFeatures(definition: Json): string[] {
  const checker = new SubsetChecker();
  checker.machine(definition);
  return checker.problems;
}

/**
 * Checkers of the links the project writes twice (see `test/unit/checked-links.test.ts`): the
 * route catalogue and the routes the handlers serve, the Lambda tasks of the state machine
 * definitions and the workflow tasks that run them, the pages and their Content-Security-Policy.
 * Each returns the problems it finds, in words (none when the two sides agree).
 */
import type * as z from 'zod';

/** A route as the catalogue lists it and as a handler declares it. */
export interface RouteKey {
  readonly method: string;
  readonly path: string;
}

/** A catalogue route: the function it is sent to and the gateway's authorisation (`jwt`: the JWT authorizer; `none`: anyone). */
export interface CataloguedRoute extends RouteKey {
  readonly functionName: string;
  readonly auth: string;
}

/** A route a handler serves and who its chain lets call it (`public`, or the role it requires). */
export interface ServedRoute extends RouteKey {
  readonly auth: string;
}

const keyOf = (route: RouteKey) => `${route.method} ${route.path}`;

/** The gateway authorisation a handler's access rule needs: none for a public route, the JWT authorizer for a role. */
const gatewayAuthFor = (handlerAuth: string) => (handlerAuth === 'public' ? 'none' : 'jwt');

/**
 * What differs between the catalogue's routes and the routes each function serves: a catalogue
 * route its function does not serve, or serves under another authorisation (public in the
 * handler but behind the JWT authorizer, or needing a role the gateway lets anyone past without
 * a token), a route a function serves that the catalogue does not send to it, and a route
 * served twice by one function.
 *
 * @example
 * routeProblems([{ method: 'GET', path: '/a', functionName: 'f', auth: 'none' }], { f: [] }); // ['f does not serve GET /a']
 */
export function routeProblems(catalogue: readonly CataloguedRoute[], served: Readonly<Record<string, readonly ServedRoute[]>>): string[] {
  const problems: string[] = [];
  const catalogued = new Set(catalogue.map((route) => `${route.functionName} ${keyOf(route)}`));
  for (const route of catalogue) {
    const declared = (served[route.functionName] ?? []).find((candidate) => keyOf(candidate) === keyOf(route));
    if (!declared) problems.push(`${route.functionName} does not serve ${keyOf(route)}`);
    else if (gatewayAuthFor(declared.auth) !== route.auth) {
      problems.push(`${route.functionName} serves ${keyOf(route)} to ${declared.auth === 'public' ? 'anyone' : `role ${declared.auth}`}, but the catalogue's auth is ${route.auth}`);
    }
  }
  for (const [functionName, routes] of Object.entries(served)) {
    const seen = new Set<string>();
    for (const route of routes) {
      if (seen.has(keyOf(route))) {
        problems.push(`${functionName} serves ${keyOf(route)} twice`);
        continue;
      }
      seen.add(keyOf(route));
      if (!catalogued.has(`${functionName} ${keyOf(route)}`)) problems.push(`${functionName} serves ${keyOf(route)}, which the catalogue does not route to it`);
    }
  }
  return problems;
}

/** A Task state of a definition: its name, resource and `Parameters` (or `Arguments`). */
export interface TaskState {
  readonly state: string;
  readonly resource: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

interface AslStates {
  readonly States: Readonly<Record<string, Record<string, unknown>>>;
}

/** The Task states of an ASL definition, those inside Map and Parallel states included. */
export function taskStates(definition: AslStates): TaskState[] {
  return Object.entries(definition.States).flatMap(([state, body]): TaskState[] => {
    if (body['Type'] === 'Task') {
      const parameters = (body['Parameters'] ?? body['Arguments'] ?? {}) as Record<string, unknown>;
      return [{ state, resource: String(body['Resource']), parameters }];
    }
    const nested = [body['ItemProcessor'], body['Iterator'], ...((body['Branches'] as unknown[] | undefined) ?? [])];
    return nested.flatMap((machine) => (machine ? taskStates(machine as AslStates) : []));
  });
}

/** A workflow task as the dispatcher sees it: the schema of its payload. */
export interface DispatchedTask {
  readonly payload: z.ZodObject;
}

const lambdaInvocations = ['arn:aws:states:::lambda:invoke', 'arn:aws:states:::lambda:invoke.waitForTaskToken'];

/**
 * What is wrong with the Lambda tasks of a definition: a state that invokes no catalogue function
 * (by its `${…Arn}` placeholder), names a task its function does not have, or passes a payload
 * the task's schema would refuse (a field it does not take, a required field left out, a fixed
 * value it does not accept). `tasksOf` gives the tasks of the function a placeholder stands for.
 *
 * @example
 * taskProblems(taskStates(definition), (placeholder) => placeholder === 'UnitTasksFunctionArn' ? unitTasks : undefined);
 */
export function taskProblems(
  states: readonly TaskState[],
  tasksOf: (placeholder: string) => Readonly<Record<string, DispatchedTask>> | undefined,
): string[] {
  const problems: string[] = [];
  for (const { state, resource, parameters } of states) {
    if (!lambdaInvocations.includes(resource)) {
      problems.push(`${state}: ${resource} is not a Lambda invocation`);
      continue;
    }
    const placeholder = /^\$\{(\w+)\}$/u.exec(String(parameters['FunctionName']))?.[1];
    const tasks = placeholder === undefined ? undefined : tasksOf(placeholder);
    if (!tasks) {
      problems.push(`${state}: invokes ${String(parameters['FunctionName'])}, which stands for no workflow function`);
      continue;
    }
    const payload = (parameters['Payload'] ?? {}) as Record<string, unknown>;
    const name = String(payload['task']);
    const task = Object.hasOwn(tasks, name) ? tasks[name] : undefined;
    if (!task) {
      problems.push(`${state}: ${placeholder} has no task "${name}"`);
      continue;
    }
    const shape = task.payload.shape as Record<string, z.ZodType>;
    const given = new Map(Object.entries(payload).filter(([key]) => key !== 'task').map(([key, value]) => [key.replace(/\.\$$/u, ''), { value, fixed: !key.endsWith('.$') }]));
    for (const [field, { value, fixed }] of given) {
      const schema = shape[field];
      if (!schema) problems.push(`${state}: task "${name}" takes no field "${field}"`);
      else if (fixed && !schema.safeParse(value).success) problems.push(`${state}: task "${name}" refuses ${field} = ${JSON.stringify(value)}`);
    }
    for (const [field, schema] of Object.entries(shape)) {
      if (!given.has(field) && !schema.safeParse(undefined).success) problems.push(`${state}: task "${name}" needs field "${field}"`);
    }
  }
  return problems;
}

/**
 * The paths among `paths` whose page has no entry in `policies` (keyed by the path's first
 * segment, as the web function looks them up).
 *
 * @example
 * pagesWithoutPolicy(['/console', '/nowhere/{id}'], { console: "default-src 'none'" }); // ['/nowhere/{id}']
 */
export function pagesWithoutPolicy(paths: readonly string[], policies: Readonly<Record<string, string>>): string[] {
  return paths.filter((path) => !Object.hasOwn(policies, path.split('/')[1] ?? ''));
}

/**
 * The links the project writes twice agree: every route of the catalogue is served by the
 * function it names, public on both sides or behind the JWT authorizer and a role, and every
 * route a function serves is in the catalogue; every Lambda task of a state machine definition
 * names a task of the function its placeholder stands for, with a payload that task accepts;
 * every page the web function serves has its Content-Security-Policy.
 * Each check first refuses a fabricated mismatch, so that it is known to be able to fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, routes, stateMachines } from '#infra/definitions/catalog.js';
import { pagePolicies } from '#functions/web/pages.js';
import { pagesWithoutPolicy, routeProblems, type DispatchedTask, type ServedRoute, taskProblems, taskStates } from '../support/checked-links.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** What a catalogue function's entry module exports: `routes` (HTTP functions) or `tasks` (workflow functions). */
interface EntryModule {
  readonly routes?: readonly ServedRoute[];
  readonly tasks?: Readonly<Record<string, DispatchedTask>>;
}

const entries = new Map<string, EntryModule>();
beforeAll(async () => {
  for (const definition of functions) entries.set(definition.name, (await import(pathToFileURL(path.join(root, definition.entry)).href)) as EntryModule);
});

/** The routes each catalogue function serves, with who may call them (none for a function without `routes`). */
function servedRoutes(): Record<string, readonly ServedRoute[]> {
  return Object.fromEntries([...entries].map(([name, entry]) => [name, (entry.routes ?? []).map(({ method, path: routePath, auth }) => ({ method, path: routePath, auth }))]));
}

describe('the route catalogue and the handlers', () => {
  it('disagree when a catalogue route is not served, a served route is not catalogued, or a route is served twice', () => {
    const served = {
      adminApi: [
        { method: 'GET', path: '/api/admin/rounds', auth: 'admin' },
        { method: 'GET', path: '/api/admin/extra', auth: 'admin' },
        { method: 'GET', path: '/api/admin/extra', auth: 'admin' },
      ],
    };
    const catalogue = [
      { method: 'GET', path: '/api/admin/rounds', functionName: 'adminApi', auth: 'jwt' },
      { method: 'GET', path: '/api/admin/missing', functionName: 'adminApi', auth: 'jwt' },
      { method: 'GET', path: '/api/admin/rounds', functionName: 'reviewApi', auth: 'none' },
    ];
    expect(routeProblems(catalogue, served)).toEqual([
      'adminApi does not serve GET /api/admin/missing',
      'reviewApi does not serve GET /api/admin/rounds',
      'adminApi serves GET /api/admin/extra, which the catalogue does not route to it',
      'adminApi serves GET /api/admin/extra twice',
    ]);
  });

  it('disagree when a route is public on one side and needs a token on the other', () => {
    const served = {
      adminApi: [{ method: 'GET', path: '/api/admin/audit', auth: 'public' }],
      institutionApi: [{ method: 'GET', path: '/api/profile', auth: 'institution' }],
      publicApi: [{ method: 'GET', path: '/api/public/rounds/{id}/results', auth: 'public' }],
    };
    const catalogue = [
      { method: 'GET', path: '/api/admin/audit', functionName: 'adminApi', auth: 'jwt' },
      { method: 'GET', path: '/api/profile', functionName: 'institutionApi', auth: 'none' },
      { method: 'GET', path: '/api/public/rounds/{id}/results', functionName: 'publicApi', auth: 'none' },
    ];
    expect(routeProblems(catalogue, served)).toEqual([
      "adminApi serves GET /api/admin/audit to anyone, but the catalogue's auth is jwt",
      "institutionApi serves GET /api/profile to role institution, but the catalogue's auth is none",
    ]);
  });

  it('agree: each function serves exactly the catalogue routes that name it, under their authorisation', () => {
    const served = servedRoutes();
    expect(Object.values(served).flat().length).toBeGreaterThan(50);
    expect(routeProblems(routes, served)).toEqual([]);
    // the fabricated route the first test refuses would be refused here too
    expect(routeProblems([...routes, { method: 'GET', path: '/api/admin/nothing', functionName: 'adminApi', auth: 'jwt' }], served)).toEqual([
      'adminApi does not serve GET /api/admin/nothing',
    ]);
    // both sides carry real authorisations: a staff route made public in its catalogue entry is refused
    expect(served['adminApi']?.every((route) => route.auth === 'admin')).toBe(true);
    const opened = routes.map((route) => (route.path === '/api/admin/audit' ? { ...route, auth: 'none' as const } : route));
    expect(routeProblems(opened, served)).toEqual(["adminApi serves GET /api/admin/audit to role admin, but the catalogue's auth is none"]);
  });
});

/** The tasks of the function each placeholder of each state machine stands for. */
function tasksByPlaceholder(substitutions: Readonly<Record<string, { function: string }>>) {
  return (placeholder: string) => {
    const target = substitutions[placeholder];
    return target ? entries.get(target.function)?.tasks : undefined;
  };
}

describe('the state machine definitions and the workflow tasks', () => {
  const tasks = {
    remind: { payload: z.object({ unitId: z.string(), kind: z.enum(['annual', 'rectification']), year: z.number().optional() }) },
  } satisfies Record<string, DispatchedTask>;
  const tasksOf = (placeholder: string) => (placeholder === 'UnitTasksFunctionArn' ? tasks : undefined);
  const invoke = (payload: Record<string, unknown>, functionName = '${UnitTasksFunctionArn}') => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: functionName, Payload: payload },
    End: true,
  });

  it('disagree when a task is unknown, its function is no workflow function, or its payload does not fit the task', () => {
    const definition = {
      States: {
        Fine: invoke({ task: 'remind', 'unitId.$': '$.unitId', kind: 'annual' }),
        Unknown: invoke({ task: 'remindd', 'unitId.$': '$.unitId' }),
        Elsewhere: invoke({ task: 'remind' }, '${NoSuchFunctionArn}'),
        Each: {
          Type: 'Map',
          ItemProcessor: {
            States: {
              Typo: invoke({ task: 'remind', 'unitID.$': '$.unitId', 'kind.$': '$.kind' }),
              Wrong: invoke({ task: 'remind', 'unitId.$': '$.unitId', kind: 'monthly' }),
            },
          },
        },
        Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: {}, End: true },
      },
    };
    expect(taskProblems(taskStates(definition), tasksOf)).toEqual([
      'Unknown: UnitTasksFunctionArn has no task "remindd"',
      'Elsewhere: invokes ${NoSuchFunctionArn}, which stands for no workflow function',
      'Typo: task "remind" takes no field "unitID"',
      'Typo: task "remind" needs field "unitId"',
      'Wrong: task "remind" refuses kind = "monthly"',
      'Publish: arn:aws:states:::sns:publish is not a Lambda invocation',
    ]);
  });

  it.each(stateMachines.map((machine) => [machine.name, machine] as const))('agree for the %s workflow', (_name, machine) => {
    const definition = JSON.parse(readFileSync(path.join(root, machine.file), 'utf8'));
    const states = taskStates(definition);
    expect(states.length).toBeGreaterThan(2);
    const tasksOf = tasksByPlaceholder(machine.substitutions);
    expect(taskProblems(states, tasksOf)).toEqual([]);
    // a task name the function does not have is refused in the real definition too
    const [first] = states;
    const renamed = { ...first!, parameters: { ...first!.parameters, Payload: { ...(first!.parameters['Payload'] as object), task: 'noSuchTask' } } };
    expect(taskProblems([renamed], tasksOf)).toEqual([`${first!.state}: ${Object.keys(machine.substitutions)[0]} has no task "noSuchTask"`]);
  });
});

describe('the pages and their Content-Security-Policy', () => {
  it('disagree when a page has no policy entry', () => {
    expect(pagesWithoutPolicy(['/console/rounds/{id}', '/nowhere/{id}', '/'], { console: "default-src 'none'" })).toEqual(['/nowhere/{id}', '/']);
  });

  it('agree: every route of the web function has its policy, and a page with script may load this origin’s scripts', () => {
    const pages = (entries.get('webPages')?.routes ?? []).map((route) => route.path);
    expect(pages.length).toBeGreaterThan(15);
    expect(pagesWithoutPolicy(pages, pagePolicies)).toEqual([]);
    for (const page of pages.filter((pagePath) => !pagePath.startsWith('/assets/'))) expect(pagePolicies[page.split('/')[1]!], page).toContain("script-src 'self'");
    expect(pagesWithoutPolicy([...pages, '/reports/{id}'], pagePolicies)).toEqual(['/reports/{id}']);
  });
});

/** Matches request paths against the catalogue's HTTP routes, like API Gateway's route selection. */
import { routes, type RouteDefinition } from '#infra/definitions/catalog.js';

interface CompiledRoute {
  readonly definition: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: string[];
  readonly literalLength: number;
}

const compiled: CompiledRoute[] = routes
  .map((definition) => {
    const names: string[] = [];
    const source = definition.path
      .split('/')
      .map((segment) => {
        const param = /^\{([^}]+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]!);
        return '([^/]+)';
      })
      .join('/');
    return { definition, pattern: new RegExp(`^${source}$`), names, literalLength: definition.path.replace(/\{[^}]+\}/g, '').length };
  })
  // Most specific first: a literal segment beats a parameter, as in API Gateway.
  .sort((a, b) => b.literalLength - a.literalLength);

/**
 * Whether every `%` of a request path starts a valid escape (`%XX` forming UTF-8): API
 * Gateway answers a path that does not with 400, before any route is chosen.
 */
export function hasWellFormedEscapes(path: string): boolean {
  return decodeSegment(path) !== undefined;
}

/** A path segment with its escapes decoded; `undefined` when an escape is malformed. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The route for a method and path, with decoded path parameters; `undefined` when none
 * matches (a parameter with a malformed escape matches nothing: check
 * {@link hasWellFormedEscapes} first to answer 400).
 */
export function matchRoute(method: string, path: string): { definition: RouteDefinition; routeKey: string; pathParameters: Record<string, string> } | undefined {
  for (const route of compiled) {
    if (route.definition.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const values = route.names.map((_name, index) => decodeSegment(match[index + 1]!));
    if (values.some((value) => value === undefined)) return undefined;
    const pathParameters = Object.fromEntries(route.names.map((name, index) => [name, values[index]!]));
    return { definition: route.definition, routeKey: `${route.definition.method} ${route.definition.path}`, pathParameters };
  }
  return undefined;
}

/** Matches request paths against the catalogue's HTTP routes, like API Gateway's route selection. */
import { routes, type RouteDefinition } from '../../definitions/catalog.js';

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

/** The route for a method and path, with decoded path parameters; `undefined` when none matches. */
export function matchRoute(method: string, path: string): { definition: RouteDefinition; routeKey: string; pathParameters: Record<string, string> } | undefined {
  for (const route of compiled) {
    if (route.definition.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    return { definition: route.definition, routeKey: `${route.definition.method} ${route.definition.path}`, pathParameters };
  }
  return undefined;
}

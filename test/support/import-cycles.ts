/**
 * The import graph of the project's TypeScript sources, and its cycles. Every module reference
 * counts, type-only ones included: `import` and `export … from` (with or without `type`),
 * `import('…')` calls and `import('…').T` type queries. Specifiers are resolved as `tsc`
 * resolves them (NodeNext, `.js` naming the `.ts` source); packages are left out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A module and the project modules it refers to (paths relative to the root, `/`-separated). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Modules that import each other, directly or through others (a strongly connected component). */
export interface ImportCycle {
  /** Every module of the cycle, sorted. */
  readonly modules: readonly string[];
  /** One closed path through it from its first module, e.g. `['a.ts', 'b.ts', 'a.ts']`. */
  readonly path: readonly string[];
}

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
  jsxImportSource: 'preact',
};

/** The module specifiers `source` refers to, in order of appearance. */
export function moduleSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The import graph of `files` (relative to `root`): each file's references to other files of the list. */
export function importGraph(root: string, files: readonly string[]): ImportGraph {
  const known = new Set(files);
  const cache = ts.createModuleResolutionCache(root, (name) => name, compilerOptions);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const absolute = path.join(root, file);
    const text = readFileSync(absolute, 'utf8');
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const source = ts.createSourceFile(absolute, text, ts.ScriptTarget.ES2022, false, kind);
    const targets = new Set<string>();
    for (const specifier of moduleSpecifiers(source)) {
      const resolved = ts.resolveModuleName(specifier, absolute, compilerOptions, ts.sys, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = path.relative(root, resolved.resolvedFileName).split(path.sep).join('/');
      if (known.has(target) && target !== file) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/**
 * The cycles of `graph`: one per strongly connected component of two or more modules, sorted
 * by their first module, so that the same cycles always read the same.
 *
 * @example
 * importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]));
 * // [{ modules: ['a.ts', 'b.ts'], path: ['a.ts', 'b.ts', 'a.ts'] }]
 */
export function importCycles(graph: ImportGraph): ImportCycle[] {
  // Tarjan's strongly connected components, iteratively (the graph has hundreds of modules).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components.sort((a, b) => (a[0]! < b[0]! ? -1 : 1)).map((modules) => ({ modules, path: closedPath(graph, modules) }));
}

/** A shortest closed path from the component's first module back to it, inside the component. */
function closedPath(graph: ImportGraph, component: readonly string[]): string[] {
  const members = new Set(component);
  const first = component[0]!;
  const previous = new Map<string, string>();
  const queue = [first];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === first) {
        const cycle = [first];
        for (let at: string | undefined = node; at !== undefined && at !== first; at = previous.get(at)) cycle.splice(1, 0, at);
        return [...cycle, first];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [...component, first];
}

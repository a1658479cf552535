/**
 * No array is spread into a call's arguments (`Math.max(...xs)`, `list.push(...xs)`,
 * `String.fromCharCode(...bytes)`): every argument takes a stack slot, and past about 120k
 * of them the call throws `RangeError: Maximum call stack size exceeded` (a 150 × 1000
 * assignment did). Loops and reductions have no such limit; a spread array literal
 * (`f(...[a, b])`) is bounded and allowed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const folders = ['functions', 'shared', 'infra', 'bench', 'test/support'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs)$/u.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('node_modules') && !path.includes('cdk.out'));
}

/** `name:line: call` of every call or `new` in `text` with a spread argument other than an array literal. */
function callSpreads(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      for (const argument of node.arguments) {
        if (ts.isSpreadElement(argument) && !ts.isArrayLiteralExpression(argument.expression)) {
          const { line } = source.getLineAndCharacterOfPosition(argument.getStart());
          found.push(`${name}:${line + 1}: ${node.getText().slice(0, 80)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the code base', () => {
  it('finds spreads into calls, but not into array or object literals', () => {
    const probe = ['Math.max(0, ...xs);', 'list.push(\n  ...page.Items);', 'new Set(...lists);', 'f(...[1, 2]);', 'g([...xs], { ...o });', 'function h(...rest) {}'].join('\n');
    expect(callSpreads('probe.ts', probe)).toEqual(['probe.ts:1: Math.max(0, ...xs)', 'probe.ts:3: list.push(\n  ...page.Items)', 'probe.ts:4: new Set(...lists)']);
  });

  it('spreads no array into call arguments', () => {
    const files = folders.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((path) => callSpreads(relative(root, path), readFileSync(path, 'utf8')))).toEqual([]);
  });
});

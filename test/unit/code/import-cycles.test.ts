/**
 * No two modules of the project import each other, directly or through others, type-only
 * imports included: a cycle ties modules that should depend one way (the domain on nothing, a
 * construct on the stack it is part of, a catalogue on what it labels) and makes the order of
 * evaluation matter. The checker is `test/support/import-cycles.ts`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '#test/support/import-cycles.js';
import { scratchDir } from '#test/support/scratch-dir.js';

const root = join(import.meta.dirname, '..', '..', '..');
const folders = ['bench', 'functions', 'infra', 'shared', 'test'];

/** The TypeScript sources of `folders` under `base`, relative to it. */
function sources(base: string, within: readonly string[]): string[] {
  return within.flatMap((folder) =>
    readdirSync(join(base, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/u.test(entry.name) && !entry.parentPath.split(sep).includes('node_modules'))
      .map((entry) => relative(base, join(entry.parentPath, entry.name)).split(sep).join('/')),
  );
}

/**
 * Cycles known and being removed, each with the change that removes it. Keep this empty: a
 * cycle is broken by moving what both modules need into a third, or by describing the other
 * side with an interface, not by adding it here.
 */
const knownCycles: readonly (readonly string[])[] = [];

describe('import cycles', () => {
  it('are found through type-only imports, `export … from`, `import()` types and calls, but not through packages', () => {
    const base = scratchDir('import-cycles-');
    writeFileSync(join(base, 'status.ts'), "import type { Label } from './labels.js';\nexport type Status = 'draft';\nexport const label: Label = 'x';\n");
    writeFileSync(join(base, 'labels.ts'), "import type { Status } from './status.js';\nexport type Label = string;\nexport const labels: Record<Status, Label> = { draft: '草稿' };\n");
    writeFileSync(join(base, 'stack.ts'), "export { part } from './part.js';\nexport const stack = 1;\n");
    writeFileSync(join(base, 'part.ts'), "export const part = (s: import('./stack.js').Stack) => s;\nexport type Stack = typeof import('./stack.js');\n");
    writeFileSync(join(base, 'lazy.ts'), "export const load = () => import('./eager.js');\n");
    writeFileSync(join(base, 'eager.ts'), "import { load } from './lazy.js';\nexport const eager = load;\n");
    writeFileSync(join(base, 'leaf.ts'), "import { labels } from './labels.js';\nimport * as z from 'zod';\nexport const leaf = [labels, z];\n");
    const cycles = importCycles(importGraph(base, ['eager.ts', 'labels.ts', 'lazy.ts', 'leaf.ts', 'part.ts', 'stack.ts', 'status.ts']));
    expect(cycles).toEqual([
      { modules: ['eager.ts', 'lazy.ts'], path: ['eager.ts', 'lazy.ts', 'eager.ts'] },
      { modules: ['labels.ts', 'status.ts'], path: ['labels.ts', 'status.ts', 'labels.ts'] },
      { modules: ['part.ts', 'stack.ts'], path: ['part.ts', 'stack.ts', 'part.ts'] },
    ]);
  });

  it('name every module of a longer cycle and one path through it', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['b.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([{ modules: ['a.ts', 'b.ts', 'c.ts', 'd.ts'], path: ['a.ts', 'b.ts', 'c.ts', 'a.ts'] }]);
  });

  it('are none in the project, apart from the known ones being removed', () => {
    const files = sources(root, folders);
    expect(files.length).toBeGreaterThan(400);
    const graph = importGraph(root, files);
    // the graph is the real one: the domain's links are seen, type-only ones too
    expect(graph.get('shared/domain/status-labels.ts')).toEqual(['shared/domain/application-status.ts']);
    // and the package imports aliases (#infra/*, #functions/*) resolve, a type-only one too
    expect(graph.get('functions/api/http/client-address.ts')).toEqual(
      expect.arrayContaining(['infra/definitions/environment.ts', 'functions/composition-root.ts']),
    );
    const found = importCycles(graph).map((cycle) => cycle.modules);
    expect(found.filter((modules) => !knownCycles.some((known) => known.join() === modules.join()))).toEqual([]);
  });
});

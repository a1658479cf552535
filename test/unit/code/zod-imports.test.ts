/**
 * zod is imported as a namespace (`import * as z from 'zod'`): esbuild then bundles only the
 * parts a function uses. The named import `import { z } from 'zod'` hands over zod's whole
 * namespace object, locales included, and put about 370 KB into every function's bundle
 * (bench/cold-start.ts measures it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const folders = ['functions', 'shared', 'infra'];
const namedZodImport = /import\s+(type\s+)?\{[^}]*\}\s+from\s+['"]zod(\/[^'"]*)?['"]/u;

describe('zod imports', () => {
  it('recognises a named import of zod, but not a namespace import', () => {
    expect(namedZodImport.test("import { z } from 'zod';")).toBe(true);
    expect(namedZodImport.test("import type { ZodType } from 'zod';")).toBe(true);
    expect(namedZodImport.test("import * as z from 'zod';")).toBe(false);
  });

  it('are namespace imports everywhere bundled code lives', () => {
    const files = folders.flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.tsx?$/u.test(entry.name) && !entry.parentPath.includes('node_modules'))
        .map((entry) => join(entry.parentPath, entry.name)),
    );
    expect(files.length).toBeGreaterThan(100);
    const named = files.filter((file) => namedZodImport.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
    expect(named).toEqual([]);
  });
});

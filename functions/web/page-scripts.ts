/**
 * The TypeScript page scripts (`./browser/*.ts`, and the Preact views `*.tsx` of the console,
 * portal and sign-in), bundled by esbuild into one browser file each
 * and served from this origin under `/assets/<name>` (the pages' CSP allows `script-src 'self'`
 * and no inline script).
 *
 * Lookup: an `assets/` directory next to the running module first (a Lambda bundle is one
 * `index.mjs`; the CDK construct bundles the scripts into `<asset>/assets/<name>` at synth time,
 * see `infra/constructs/handler-function.ts`), else the script is bundled from its source with
 * esbuild on first use (local runs and tests, where esbuild is installed).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Each page script by the name it is served under, with its entry in `./browser/`. */
export const pageScripts = {
  'review-page.js': 'review-page.ts',
  'publicity-page.js': 'publicity-page.ts',
  'results-page.js': 'results-page.ts',
  'signin.js': 'signin.tsx',
  'console.js': 'console.tsx',
  'portal.js': 'portal.tsx',
} as const satisfies Record<string, string>;

/** The name a page script is served under. */
export type PageScriptName = keyof typeof pageScripts;

/** Whether `name` is a page script. */
export function isPageScript(name: string): name is PageScriptName {
  return Object.hasOwn(pageScripts, name);
}

/** The esbuild options of a page script (the CDK construct passes the same on its command line). */
export const pageScriptBuild = { bundle: true, format: 'iife', target: 'es2020', platform: 'browser', minify: true, legalComments: 'none', jsx: 'automatic', jsxImportSource: 'preact' } as const;

/** The path of a page script's TypeScript entry. */
export function pageScriptEntry(name: PageScriptName): string {
  return fileURLToPath(new URL(`./browser/${pageScripts[name]}`, import.meta.url));
}

/** esbuild is a development tool: imported by name only where a script is bundled from source. */
const esbuildModule = 'esbuild';

async function bundle(name: PageScriptName): Promise<string> {
  const { build } = (await import(esbuildModule)) as typeof import('esbuild');
  const result = await build({ ...pageScriptBuild, entryPoints: [pageScriptEntry(name)], write: false });
  return result.outputFiles[0]!.text;
}

const cache = new Map<PageScriptName, Promise<string>>();

/**
 * The bundled JavaScript of a page script, built (or read) once per process.
 *
 * @example
 * const code = await pageScript('results-page.js');
 */
export function pageScript(name: PageScriptName): Promise<string> {
  let code = cache.get(name);
  if (!code) {
    const shipped = fileURLToPath(new URL(`./assets/${name}`, import.meta.url));
    code = existsSync(shipped) ? readFile(shipped, 'utf8') : bundle(name);
    code.catch(() => cache.delete(name));
    cache.set(name, code);
  }
  return code;
}

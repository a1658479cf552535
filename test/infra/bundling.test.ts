import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageScripts } from '#functions/web/page-scripts.js';
import { handlerEsbuildOptions } from '#infra/constructs/handler-function.js';
import { type FunctionName, functions } from '#infra/definitions/catalog.js';
import { logicalId, projectRoot, type SynthesizedProvince, synthProvince } from './synth-province.js';

/** The one test file that bundles every function with esbuild, as `cdk synth` does. */
let synthesized: SynthesizedProvince;
let assemblyDirectory: string;
beforeAll(() => {
  synthesized = synthProvince({ bundle: true });
  assemblyDirectory = synthesized.app.synth().directory;
});

function bundleDirectory(name: FunctionName): string {
  const resource = synthesized.template.toJSON().Resources[logicalId(synthesized.stack.handlers[name].function)];
  const assetHash = (resource.Properties.Code.S3Key as string).replace(/\.zip$/, '');
  return path.join(assemblyDirectory, `asset.${assetHash}`);
}

/** The JavaScript files of a bundle: `index.mjs` and its chunks. */
function modulesOf(directory: string): string[] {
  return readdirSync(directory).filter((file) => file.endsWith('.mjs'));
}

/**
 * The modules a cold start loads: `index.mjs` and the chunks it imports statically, transitively
 * (minified `import{…}from"./chunk-….mjs"` or `import"./chunk-….mjs"`); a chunk reached only by
 * `import("./chunk-….mjs")` is loaded when the code that imports it first runs.
 */
function staticallyLoaded(directory: string): string[] {
  const loaded = new Set<string>();
  for (const queue = ['index.mjs']; queue.length > 0; ) {
    const file = queue.pop()!;
    if (loaded.has(file)) continue;
    loaded.add(file);
    const code = readFileSync(path.join(directory, file), 'utf8');
    for (const [, imported] of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.mjs)["']/g)) queue.push(imported!);
  }
  return [...loaded].sort();
}

/** The npm packages whose code is in the given modules of a bundle (from their source maps). */
function packagesIn(directory: string, modules: readonly string[]): Set<string> {
  const sources = modules.flatMap((file) => (JSON.parse(readFileSync(path.join(directory, `${file}.map`), 'utf8')) as { sources: string[] }).sources);
  return new Set(sources.flatMap((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1] ?? []));
}

/** The AWS SDK modules the given modules of a bundle import statically (`from"@aws-sdk/…"`; not `import("@aws-sdk/…")`). */
function sdkModulesImportedBy(directory: string, modules: readonly string[]): string[] {
  const imported = modules.flatMap((file) => [...readFileSync(path.join(directory, file), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*["'](@aws-sdk\/[^"']+)["']/g)].map((match) => match[1]!));
  return [...new Set(imported)].sort();
}

/**
 * The AWS SDK modules a cold start may load: the data table's, which the idempotency layer is
 * built on. The composition root loads every other client with its adapter on first use.
 */
const coldStartSdkModules = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb'];

/** Packages imported with `await import()` where a document or a mail is made: no cold start loads them. */
const lazilyLoadedPackages = ['pdf-lib', '@pdf-lib/fontkit', 'subset-font', 'wawoff2', 'exceljs', 'jszip', 'nodemailer'];

describe.each(functions.map((definition) => [definition.name] as const))('bundle of %s', (name) => {
  it('is minified ESM that can require CommonJS, each module with a source map', () => {
    const directory = bundleDirectory(name);
    for (const file of modulesOf(directory)) {
      const code = readFileSync(path.join(directory, file), 'utf8');
      expect(code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);"), file).toBe(true);
      expect(existsSync(path.join(directory, `${file}.map`)), file).toBe(true);
    }
    const entry = readFileSync(path.join(directory, 'index.mjs'), 'utf8');
    // minified: esbuild marks each module of an unminified bundle with a `// <path>` comment line
    expect(entry).toMatch(/handler/);
    expect(entry).not.toMatch(/^\s*\/\/ (functions|shared|node_modules)\//m);
  });

  it('holds the code, its chunks and source maps, plus run-time files only when the catalogue asks for them', () => {
    const definition = functions.find((candidate) => candidate.name === name);
    const shipped = { 'cjk-documents': ['fonts', 'node_modules'], 'page-scripts': ['assets'] } as const;
    const expected = ['index.mjs', 'index.mjs.map', ...(definition && 'assets' in definition ? shipped[definition.assets] : [])].sort();
    const files = readdirSync(bundleDirectory(name));
    expect(files.filter((file) => !/^chunk-[A-Z0-9]+\.mjs(\.map)?$/.test(file)).sort()).toEqual(expected);
  });

  it('leaves the AWS SDK to the Lambda runtime', () => {
    const directory = bundleDirectory(name);
    expect([...packagesIn(directory, modulesOf(directory))].filter((name) => name.startsWith('@aws-sdk/'))).toEqual([]);
  });

  it('loads no AWS SDK client but DynamoDB\'s at cold start', () => {
    const directory = bundleDirectory(name);
    expect(sdkModulesImportedBy(directory, staticallyLoaded(directory)).filter((module) => !coldStartSdkModules.includes(module))).toEqual([]);
  });

  it('loads no PDF, spreadsheet, zip or SMTP package at cold start', () => {
    const directory = bundleDirectory(name);
    const loaded = packagesIn(directory, staticallyLoaded(directory));
    expect(lazilyLoadedPackages.filter((name) => loaded.has(name))).toEqual([]);
  });
});

describe.each([
  ['publicApi', ['pdf-lib', '@pdf-lib/fontkit', 'subset-font']],
  ['adminApi', ['pdf-lib', '@pdf-lib/fontkit', 'subset-font', 'exceljs', 'jszip']],
] as const)('document chunks of %s', (name, packages) => {
  it('ships its document packages in chunks loaded on first use', () => {
    const directory = bundleDirectory(name);
    const lazy = modulesOf(directory).filter((file) => !staticallyLoaded(directory).includes(file));
    expect([...packages].filter((name) => !packagesIn(directory, lazy).has(name))).toEqual([]);
  });
});

describe.each([['publicApi', ['@aws-sdk/client-s3', '@aws-sdk/client-sesv2', '@aws-sdk/client-sfn']]] as const)('SDK chunks of %s', (name, modules) => {
  it('ships the adapters of its other AWS clients in chunks loaded on first use', () => {
    const directory = bundleDirectory(name);
    const lazy = modulesOf(directory).filter((file) => !staticallyLoaded(directory).includes(file));
    expect(modules.filter((module) => !sdkModulesImportedBy(directory, lazy).includes(module))).toEqual([]);
  });
});

describe('bundle of webPages', () => {
  it('ships every page script bundled for the browser (no module syntax, no Node built-ins)', () => {
    const apiPaths = { 'review-page.js': '/api/review/', 'publicity-page.js': '/api/public/rounds/', 'results-page.js': '/api/public/rounds/', 'signin.js': '/dev/token', 'console.js': '/signin', 'portal.js': '/signin' } satisfies Record<keyof typeof pageScripts, string>;
    for (const [name, apiPath] of Object.entries(apiPaths)) {
      const code = readFileSync(path.join(bundleDirectory('webPages'), 'assets', name), 'utf8');
      expect(code.length).toBeGreaterThan(500);
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      expect(code).not.toContain('node:');
      expect(code).toContain(apiPath);
    }
  });
});

/** Every file under `directory`, relative, with POSIX separators. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(directory, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** Copies the directory `source` to a new temporary directory, leaving out `omit` (top-level names). */
function copyToTemporary(source: string, prefix: string, omit: readonly string[] = []): string {
  const copy = mkdtempSync(path.join(realpathSync(os.tmpdir()), prefix));
  cpSync(source, copy, { recursive: true, filter: (file) => !omit.includes(path.relative(source, file).split(path.sep)[0]!) });
  return copy;
}

/**
 * Runs `node` in `directory` as Lambda would: no NODE_PATH, only the function's NODE_OPTIONS.
 * Over-long stderr lines (Node echoes the minified source line of an uncaught error) are cut.
 */
function runNode(directory: string, args: readonly string[]): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '--enable-source-maps' };
  delete env['NODE_PATH'];
  const result = spawnSync(process.execPath, args, { cwd: directory, env, encoding: 'utf8', timeout: 60_000 });
  const stderr = result.stderr
    .split('\n')
    .map((line) => (line.length > 400 ? `${line.slice(0, 200)}… (${line.length} characters)` : line))
    .join('\n');
  return { ...result, stderr };
}

/** Names and sizes of the TrueType files embedded in a PDF. */
function embeddedFonts(document: PDFDocument): { name: string; bytes: number }[] {
  const fonts: { name: string; bytes: number }[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.get(PDFName.of('FontFile2'))) continue;
    const file = document.context.lookup(object.get(PDFName.of('FontFile2')));
    if (file instanceof PDFRawStream) {
      fonts.push({ name: String(object.get(PDFName.of('FontName'))), bytes: decodePDFRawStream(file).decode().length });
    }
  }
  return fonts;
}

/**
 * The adminApi renders PDFs with a CJK font subset by harfbuzz (WebAssembly): its asset must
 * carry the font files and the wasm, because Lambda has no node_modules. A probe bundled with
 * the same esbuild settings renders a notice in a copy of the asset far from the project.
 */
describe('the adminApi asset', () => {
  let asset: string;
  const temporaries: string[] = [];

  beforeAll(async () => {
    asset = copyToTemporary(bundleDirectory('adminApi'), 'admin-asset-');
    temporaries.push(asset);
    await build({
      ...handlerEsbuildOptions(),
      entryPoints: { probe: path.join(projectRoot, 'test/infra/notice-probe.ts') },
      outdir: asset,
      logLevel: 'error',
    });
  });

  afterAll(() => {
    for (const directory of temporaries) rmSync(directory, { recursive: true, force: true });
  });

  it('ships the two font weights with their licence and the harfbuzz package, not other packages', () => {
    const files = filesUnder(bundleDirectory('adminApi'));
    expect(files.filter((file) => file.startsWith('fonts/'))).toEqual([
      'fonts/LICENSE_FONT',
      'fonts/NotoSansSC_400Regular.ttf',
      'fonts/NotoSansSC_700Bold.ttf',
    ]);
    expect(files).toContain('node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm');
    expect(new Set(files.filter((file) => file.startsWith('node_modules/')).map((file) => file.split('/')[1]))).toEqual(new Set(['harfbuzzjs']));
    const runtimeFiles = files.filter((file) => !file.endsWith('.mjs') && !file.endsWith('.mjs.map'));
    const megabytes = runtimeFiles.reduce((sum, file) => sum + statSync(path.join(bundleDirectory('adminApi'), file)).size, 0) / 2 ** 20;
    expect(megabytes).toBeLessThan(25); // two 10 MB fonts and 1.3 MB of harfbuzz: far below Lambda's 250 MB
  });

  it('is run from a directory with no node_modules above it', () => {
    for (let directory = path.dirname(asset); directory !== path.dirname(directory); directory = path.dirname(directory)) {
      expect(existsSync(path.join(directory, 'node_modules')), directory).toBe(false);
    }
    expect(existsSync(path.join(path.parse(asset).root, 'node_modules'))).toBe(false);
  });

  it('loads its handler module with plain node, given the AWS SDK as the Lambda runtime provides it', () => {
    // the SDK is external: a resolve hook (outside the asset) lends the project's copy, nothing else
    const hooks = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'aws-sdk-hooks-'));
    temporaries.push(hooks);
    const resolveHook = `export async function resolve(specifier, context, next) {
  return next(specifier, specifier.startsWith('@aws-sdk/') ? { ...context, parentURL: ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'package.json')).href)} } : context);
}`;
    writeFileSync(path.join(hooks, 'hooks.mjs'), resolveHook);
    writeFileSync(path.join(hooks, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    const result = runNode(asset, [
      '--import',
      pathToFileURL(path.join(hooks, 'register.mjs')).href,
      '--input-type=module',
      '-e',
      "const module = await import('./index.mjs'); process.stdout.write(typeof module.handler);",
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('function');
  });

  it('renders a recognition notice with the shipped fonts subset by the shipped wasm', async () => {
    const output = path.join(asset, 'notice.pdf');
    const result = runNode(asset, ['probe.mjs', output]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      regular: path.join(asset, 'fonts', 'NotoSansSC_400Regular.ttf'),
      bold: path.join(asset, 'fonts', 'NotoSansSC_700Bold.ttf'),
    });
    const document = await PDFDocument.load(readFileSync(output));
    expect(document.getPageCount()).toBe(1);
    const fonts = embeddedFonts(document);
    expect(fonts.map((font) => font.name).sort()).toEqual([expect.stringMatching(/NotoSansSC-Bold/), expect.stringMatching(/NotoSansSC-Regular/)]);
    for (const font of fonts) {
      expect(font.bytes).toBeGreaterThan(1_000);
      expect(font.bytes).toBeLessThan(500_000); // a subset: the whole files are 10 MB each
    }
  });

  it.each([
    ['the fonts', 'fonts', /Error: Cannot find module '@expo-google-fonts\/noto-sans-sc\//],
    ['the harfbuzz wasm', 'node_modules', /Error: Cannot find module 'harfbuzzjs\/dist\/harfbuzz-subset\.wasm'/],
  ])('cannot render the notice without %s', (_what, omitted, error) => {
    const crippled = copyToTemporary(asset, 'admin-asset-crippled-', [omitted]);
    temporaries.push(crippled);
    const result = runNode(crippled, ['probe.mjs', path.join(crippled, 'notice.pdf')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(error);
  });
});

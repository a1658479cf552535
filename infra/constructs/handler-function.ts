import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AssetHashType, Duration, type ILocalBundling, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type BuildOptions, buildSync } from 'esbuild';
import { pageScriptBuild, pageScriptEntry, pageScripts, type PageScriptName } from '#functions/web/page-scripts.js';
import type { FunctionAssets, FunctionDefinition } from '../definitions/catalog.js';

/**
 * The Lambda runtime and the matching esbuild target: Node.js 24 (`nodejs20.x` can no longer
 * create functions from 2027-02-01, and Node.js 22 leaves maintenance in April 2027). The local
 * runtime runs the same sources unbundled (tsx) on the machine's Node.js ≥ 20 (package.json
 * engines), so the code uses nothing newer than Node.js 20 offers.
 */
const handlerRuntime = Runtime.NODEJS_24_X;
const esbuildTarget = 'node24';

/** The entry module of every bundle (`index.mjs`), whose `handler` export Lambda calls. */
const handlerModule = 'index';

/**
 * Lets bundled ESM code call `require` (some dependencies are CommonJS). Its `require.resolve`
 * resolves from the bundle's own directory, which is how `subset-font` finds the harfbuzz
 * WebAssembly shipped at `<asset>/node_modules/harfbuzzjs` (see {@link runtimeFiles}).
 */
const requireShim = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * CommonJS globals that do not exist in ES modules, replaced where bundled CommonJS code uses
 * them freely (declared ones are left alone) by their ESM equivalents (Node.js ≥ 20.11), which
 * then name the bundle's file and directory. `wawoff2` (under `subset-font` → `fontverter`)
 * evaluates `__dirname` as soon as it is loaded; without this the PDF modules fail at import
 * with "ReferenceError: __dirname is not defined in ES module scope".
 */
const commonJsGlobals: Readonly<Record<string, string>> = {
  __dirname: 'import.meta.dirname',
  __filename: 'import.meta.filename',
};

/**
 * The esbuild settings every function is bundled with: minified, tree-shaken ESM for the
 * Lambda runtime's Node.js, with linked source maps (the functions run with
 * `--enable-source-maps`) and the AWS SDK left to the runtime. Code splitting puts every
 * module reached only through a dynamic `import()` (pdf-lib, fontkit, subset-font, exceljs,
 * jszip, nodemailer) into a chunk of its own beside `index.mjs`, so a cold start reads and
 * parses only what the handler imports statically; chunks stay in the asset's root, where
 * `import.meta.url` lookups (`./fonts/`, `./assets/`) find their files.
 *
 * Add `entryPoints` (`{ index: <entry> }` for a Lambda's `index.mjs`) and `outdir`.
 */
export function handlerEsbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: esbuildTarget,
    minify: true,
    treeShaking: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: true,
    mainFields: ['module', 'main'],
    banner: { js: requireShim },
    define: { ...commonJsGlobals },
    external: ['@aws-sdk/*'],
  };
}

/** A file or directory copied into a function's asset next to `index.mjs`, or a page script bundled there. */
export interface RuntimeFile {
  /** Absolute path on the machine that synthesizes (from the project's node_modules, or a page script's entry). */
  readonly source: string;
  /** Path relative to the asset root (POSIX separators). */
  readonly target: string;
  /** Bundle `source` for the browser with esbuild ({@link pageScriptBuild}) instead of copying it. */
  readonly bundleForBrowser?: boolean;
}

/** The directory of the package `name` that contains `file` (walking up to its package.json). */
function packageDirectory(file: string, name: string): string {
  for (let directory = path.dirname(file); directory !== path.dirname(directory); directory = path.dirname(directory)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === name) return directory;
    } catch {
      // no package.json here: keep walking up
    }
  }
  throw new Error(`No package ${name} above ${file}`);
}

/**
 * The files a function reads at run time besides its code, resolved from the project's
 * node_modules at synth time (offline: nothing is installed or downloaded).
 *
 * `cjk-documents` (PDF generation):
 * - the Noto Sans SC TrueType files and their licence (OFL) at `fonts/`, where
 *   `functions/documents/cjk-font.ts` looks first (`new URL('./fonts/…', import.meta.url)`,
 *   i.e. next to `index.mjs` and its chunks);
 * - the `harfbuzzjs` package at `node_modules/harfbuzzjs`: `subset-font` (bundled) reads
 *   `require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')` with `fs.readFile`, and the bundle's
 *   `require` resolves from the asset root. The package is small (about 1.3 MB) and has no
 *   dependencies; copying the whole package keeps its `exports` map, which that resolution needs.
 *
 * Why this and not the alternatives:
 * - esbuild's `binary` loader cannot reach the wasm: subset-font takes no wasm bytes, it reads
 *   the file itself, and rewriting that call with an esbuild plugin would patch a dependency;
 *   inlining the fonts (2 × 10 MB) as base64 into `index.mjs` would cost every cold start of
 *   the PDF chunk parse time and memory on every first document.
 * - marking `subset-font` external and copying it with its dependency tree (fontverter,
 *   wawoff2, woff2sfnt-sfnt2woff, p-limit, …) by hand is fragile; `nodeModules` would run
 *   `npm install`, which needs the network. esbuild bundles all that JavaScript fine: only the
 *   files read from disk need shipping.
 */
export function runtimeFiles(assets: FunctionAssets, projectRoot: string): RuntimeFile[] {
  switch (assets) {
    case 'cjk-documents': {
      const fromProject = createRequire(path.join(projectRoot, 'package.json'));
      const fonts = [
        '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
        '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
        '@expo-google-fonts/noto-sans-sc/LICENSE_FONT',
      ].map((specifier) => ({ source: fromProject.resolve(specifier), target: `fonts/${path.posix.basename(specifier)}` }));
      // resolved as subset-font resolves it, so a copy nested under subset-font would be found too
      const wasm = createRequire(fromProject.resolve('subset-font')).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
      return [...fonts, { source: packageDirectory(wasm, 'harfbuzzjs'), target: 'node_modules/harfbuzzjs' }];
    }
    case 'page-scripts':
      return (Object.keys(pageScripts) as PageScriptName[]).map((name) => ({ source: pageScriptEntry(name), target: `assets/${name}`, bundleForBrowser: true }));
  }
}

/**
 * Puts the run-time files into a bundle's output directory: copies files and directories
 * (following symbolic links, so the asset holds real files) and bundles page scripts there
 * with the project's esbuild ({@link pageScriptBuild}).
 */
function placeRuntimeFiles(files: readonly RuntimeFile[], outputDir: string): void {
  for (const { source, target, bundleForBrowser } of files) {
    // path.join normalises the target's `/` separators to the platform's
    const destination = path.join(outputDir, target);
    mkdirSync(path.dirname(destination), { recursive: true });
    if (bundleForBrowser) buildSync({ ...pageScriptBuild, entryPoints: [source], outfile: destination, logLevel: 'error' });
    else cpSync(source, destination, { recursive: true, dereference: true });
  }
}

/**
 * Bundles one function on the synthesizing machine (never in Docker): esbuild's build API
 * with {@link handlerEsbuildOptions} writes `index.mjs` and its lazily imported chunks, then
 * the run-time files are placed beside them. esbuild's errors fail the synthesis.
 */
class LocalHandlerBundling implements ILocalBundling {
  constructor(
    private readonly entry: string,
    private readonly files: readonly RuntimeFile[],
  ) {}

  tryBundle(outputDir: string): boolean {
    buildSync({ ...handlerEsbuildOptions(), entryPoints: { [handlerModule]: this.entry }, outdir: outputDir, logLevel: 'error' });
    placeRuntimeFiles(this.files, outputDir);
    return true;
  }
}

/** Props of {@link HandlerFunction}. */
export interface HandlerFunctionProps {
  /** The catalogue entry. */
  readonly definition: FunctionDefinition;
  /** Absolute path of the project root; the entry is relative to it. */
  readonly projectRoot: string;
  /** Environment variables common to every function (more are added per access). */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * One catalogue function: a Node.js 24 (arm64) Lambda bundled locally by esbuild
 * ({@link handlerEsbuildOptions}: minified, tree-shaken ESM split into lazily loaded chunks,
 * source maps, the AWS SDK left to the runtime), X-Ray tracing, its own log group kept for a
 * year, and its own role that starts with nothing but writing to that log group (no AWS
 * managed policy): every other permission comes from the catalogue's access entry. A
 * catalogue entry with `assets` also gets those run-time files in its asset ({@link runtimeFiles}).
 */
export class HandlerFunction extends Construct {
  /** The Lambda function. */
  readonly function: LambdaFunction;
  /** The function's execution role. */
  readonly role: Role;
  /** The function's log group. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { definition, projectRoot } = props;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${definition.name}`,
    });
    this.logGroup.grantWrite(this.role);
    const files = definition.assets ? runtimeFiles(definition.assets, projectRoot) : [];
    this.function = new LambdaFunction(this, 'Function', {
      // The asset is the bundle alone (hashed by its output, as NodejsFunction does), never the project folder.
      code: Code.fromAsset(projectRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: { image: handlerRuntime.bundlingImage, local: new LocalHandlerBundling(path.join(projectRoot, definition.entry), files) },
      }),
      handler: `${handlerModule}.handler`,
      description: definition.description,
      runtime: handlerRuntime,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    });
  }
}

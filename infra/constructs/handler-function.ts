import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { pageScriptBuild, pageScriptEntry, pageScripts, type PageScriptName } from '../../functions/web/page-scripts.js';
import type { FunctionAssets, FunctionDefinition } from '../definitions/catalog.js';

/**
 * The Lambda runtime and the matching esbuild target. Node.js 20 as the project pins it
 * (package.json engines); Lambda disables creating nodejs20.x functions on 2027-02-01.
 */
const runtime = Runtime.NODEJS_20_X;
const esbuildTarget = 'node20';

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
 * evaluates `__dirname` as soon as it is loaded; without this the adminApi module fails at
 * import with "ReferenceError: __dirname is not defined in ES module scope".
 */
const commonJsGlobals: Readonly<Record<string, string>> = {
  __dirname: 'import.meta.dirname',
  __filename: 'import.meta.filename',
};

/** The esbuild settings every function is bundled with (the CDK form). */
export const handlerBundling: Readonly<
  Required<Pick<BundlingOptions, 'format' | 'target' | 'minify' | 'sourceMap' | 'mainFields' | 'banner' | 'define' | 'externalModules'>>
> = {
  format: OutputFormat.ESM,
  target: esbuildTarget,
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  banner: requireShim,
  define: commonJsGlobals,
  externalModules: ['@aws-sdk/*'],
};

/**
 * {@link handlerBundling} as options of esbuild's `build` API (what `NodejsFunction` passes on
 * its command line), for bundling another entry exactly as the functions are bundled, e.g. a
 * test probe run against a function's asset. Add `entryPoints` and `outfile`.
 */
export function handlerEsbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: handlerBundling.format === OutputFormat.ESM ? 'esm' : 'cjs',
    target: handlerBundling.target,
    minify: handlerBundling.minify,
    sourcemap: handlerBundling.sourceMap,
    mainFields: [...handlerBundling.mainFields],
    banner: { js: handlerBundling.banner },
    define: { ...handlerBundling.define },
    external: [...handlerBundling.externalModules],
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

/** esbuild command-line flags of the page scripts, from the options `functions/web/page-scripts.ts` bundles with. */
function pageScriptFlags(): string[] {
  return Object.entries(pageScriptBuild).map(([option, value]) => {
    const flag = `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    return value === true ? flag : `${flag}=${String(value)}`;
  });
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
 *   i.e. next to `index.mjs`);
 * - the `harfbuzzjs` package at `node_modules/harfbuzzjs`: `subset-font` (bundled) reads
 *   `require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')` with `fs.readFile`, and the bundle's
 *   `require` resolves from the asset root. The package is small (about 1.3 MB) and has no
 *   dependencies; copying the whole package keeps its `exports` map, which that resolution needs.
 *
 * Why this and not the alternatives:
 * - esbuild's `binary` loader cannot reach the wasm: subset-font takes no wasm bytes, it reads
 *   the file itself, and `NodejsFunction` accepts no esbuild plugins to rewrite that call;
 *   inlining the fonts (2 × 10 MB) as base64 into `index.mjs` would cost every cold start of
 *   the function parse time and memory even on routes that make no PDF.
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

/** Quotes a string for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * Command hooks that copy `files` into the bundle's output directory after esbuild, with
 * `mkdir`/`cp` (local bundling runs each command with bash; the project bundles on Linux or
 * macOS, never in Docker), and bundle page scripts there with the project's esbuild. Symbolic
 * links are followed so the asset holds real files.
 */
export function copyRuntimeFiles(files: readonly RuntimeFile[]): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      files.map(({ source, target, bundleForBrowser }) => {
        const destination = path.posix.join(outputDir, target);
        if (bundleForBrowser) {
          const esbuild = path.posix.join(inputDir, 'node_modules', '.bin', 'esbuild');
          return [esbuild, source, ...pageScriptFlags(), `--outfile=${destination}`].map(shellQuote).join(' ');
        }
        return statSync(source).isDirectory()
          ? `mkdir -p ${shellQuote(destination)} && cp -RL ${shellQuote(`${source}/.`)} ${shellQuote(destination)}`
          : `mkdir -p ${shellQuote(path.posix.dirname(destination))} && cp -L ${shellQuote(source)} ${shellQuote(destination)}`;
      }),
  };
}

/** Props of {@link HandlerFunction}. */
export interface HandlerFunctionProps {
  /** The catalogue entry. */
  readonly definition: FunctionDefinition;
  /** Absolute path of the project root; the entry and the lock file are relative to it. */
  readonly projectRoot: string;
  /** Environment variables common to every function (more are added per access). */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * One catalogue function: a Node.js 20 (arm64) Lambda bundled locally by esbuild as minified
 * ESM with source maps and the AWS SDK left to the runtime, X-Ray tracing, its own log group
 * kept for a year, and its own role that starts with nothing but writing to that log group
 * (no AWS managed policy): every other permission comes from the catalogue's access entry.
 * A catalogue entry with `assets` also gets those run-time files copied into its asset
 * ({@link runtimeFiles}).
 */
export class HandlerFunction extends Construct {
  /** The Lambda function. */
  readonly function: NodejsFunction;
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
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, definition.entry),
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: definition.description,
      runtime,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        ...handlerBundling,
        mainFields: [...handlerBundling.mainFields],
        define: { ...handlerBundling.define },
        externalModules: [...handlerBundling.externalModules],
        forceDockerBundling: false,
        ...(definition.assets ? { commandHooks: copyRuntimeFiles(runtimeFiles(definition.assets, projectRoot)) } : {}),
      },
    });
  }
}

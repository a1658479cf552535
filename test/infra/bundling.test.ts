import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionName, functions } from '../../infra/definitions/catalog.js';
import { logicalId, type SynthesizedProvince, synthProvince } from './synth-province.js';

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

describe.each(functions.map((definition) => [definition.name] as const))('bundle of %s', (name) => {
  it('is ESM that can require CommonJS, with a source map', () => {
    const directory = bundleDirectory(name);
    const code = readFileSync(path.join(directory, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
    expect(existsSync(path.join(directory, 'index.mjs.map'))).toBe(true);
  });

  it('leaves the AWS SDK to the Lambda runtime', () => {
    const map = JSON.parse(readFileSync(path.join(bundleDirectory(name), 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.filter((source) => source.includes('node_modules/@aws-sdk/'))).toEqual([]);
  });
});

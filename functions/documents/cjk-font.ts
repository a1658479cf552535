/**
 * The Chinese font of generated PDFs: Noto Sans SC (SIL Open Font License) from the
 * `@expo-google-fonts/noto-sans-sc` package, whole TrueType files that pdf-lib embeds as a
 * subset (only the glyphs a document uses), so a one-page notice stays far below 1 MB.
 *
 * Lookup order: a `fonts/` directory next to the running module first (a Lambda bundle is one
 * `index.mjs`; the CDK construct copies the files to `<asset>/fonts/<file name>`, see
 * `infra/constructs/handler-function.ts`), then the installed package (local runs and tests,
 * where the source module's directory has no `fonts/`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The weights the documents use. */
export type CjkFontWeight = 'regular' | 'bold';

const fontFiles: Readonly<Record<CjkFontWeight, string>> = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

/**
 * The path of the TrueType file of a weight: the copy shipped next to the bundle
 * (`./fonts/<file name>` relative to this module once bundled), else the installed package's.
 *
 * @throws Error when neither a shipped copy nor the font package is found.
 */
export function cjkFontPath(weight: CjkFontWeight = 'regular'): string {
  const shipped = fileURLToPath(new URL(`./fonts/${posix.basename(fontFiles[weight])}`, import.meta.url));
  if (existsSync(shipped)) return shipped;
  return createRequire(import.meta.url).resolve(fontFiles[weight]);
}

const cache = new Map<string, Promise<Uint8Array>>();

/**
 * The bytes of a font weight, read once per process (a warm Lambda reuses them).
 *
 * @example
 * const regular = await loadCjkFont('regular');
 */
export function loadCjkFont(weight: CjkFontWeight = 'regular', path: string = cjkFontPath(weight)): Promise<Uint8Array> {
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = readFile(path).then((buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    bytes.catch(() => cache.delete(path));
    cache.set(path, bytes);
  }
  return bytes;
}

/** Both weights of the document font. */
export interface CjkFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

/** Loads the regular and bold weights. */
export async function loadCjkFonts(): Promise<CjkFonts> {
  const [regular, bold] = await Promise.all([loadCjkFont('regular'), loadCjkFont('bold')]);
  return { regular, bold };
}

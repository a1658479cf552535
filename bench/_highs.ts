/**
 * Loads HiGHS (the `highs` package: the HiGHS LP/MIP solver compiled to WebAssembly). Its
 * types are declared for CommonJS, where TypeScript reads `export default` as the module
 * object; in ESM the default export is the loader itself, hence the one cast here.
 */
import * as highsModule from 'highs';
import type { Highs } from 'highs';

/** Loads the solver (about 3.5 MB of WebAssembly). */
export const loadHighs = highsModule.default as unknown as () => Promise<Highs>;

/** Minimal typings for the untyped `dynalite` package (only what the local runtime uses). */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  /** Options of the dynalite server factory. */
  export interface DynaliteOptions {
    /** LevelDB directory; in-memory when omitted. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
    ssl?: boolean;
  }

  /** Creates (but does not start) a dynalite HTTP server; `close(cb)` also closes its LevelDB. */
  export default function dynalite(options?: DynaliteOptions): Server;
}

/**
 * Local DynamoDB endpoint for the embedded runtime: dynalite (LevelDB on disk) behind a
 * small front server that adds TransactWriteItems / TransactGetItems with DynamoDB
 * semantics (atomic conditional writes, cancellation reasons, idempotency tokens).
 */
import { mkdir } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { BackendToken } from '../auth/backend-guard.js';
import type { SigV4Verifier } from '../auth/sigv4-verifier.js';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';
import { IdempotencyRegistry } from './idempotency.js';
import { InternalClient } from './internal-client.js';
import { Mutex } from './mutex.js';
import { createFrontServer } from './front-server.js';
import { TransactionStore } from './transaction-store.js';

export { writeJournalEntry, readJournal, journalPath, type JournalEntry, type JournalOperation } from './journal.js';

/** A running local DynamoDB endpoint. */
export interface LocalDynamoDb {
  /** Base URL for SDK clients, e.g. `http://127.0.0.1:8000`. */
  endpoint: string;
  /** Stops both servers and closes the LevelDB store. */
  close(): Promise<void>;
}

/** Options of {@link startLocalDynamoDb}. */
export interface LocalDynamoDbOptions {
  /** dynalite LevelDB directory (created if missing); also holds the transaction journal. */
  dataDir: string;
  /** Port of the public endpoint; 0 or undefined = a random free port. */
  port?: number;
  /** Interface of the public endpoint (default 127.0.0.1). */
  host?: string;
  /** Checks the SigV4 signature of every request (the runtime's credentials); without one, any caller is served. */
  verifier?: SigV4Verifier;
  /** Counts requests and consumed capacity units by operation (benchmarks). */
  metrics?: RuntimeMetrics;
}

const LOOPBACK = '127.0.0.1';

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Starts dynalite on an internal loopback port (guarded: it serves only the front and its
 * transaction store) and the front server on `port`,
 * replaying any transaction journal a crash left in `dataDir` before accepting requests.
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  const host = options.host ?? LOOPBACK;
  await mkdir(options.dataDir, { recursive: true });
  const backend = dynalite({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const token = new BackendToken();
  token.guard(backend);
  const internalPort = await listen(backend, 0, LOOPBACK);
  const client = new InternalClient(LOOPBACK, internalPort, token.header());
  const store = new TransactionStore(client, options.dataDir);
  try {
    await store.recover();
  } catch (error) {
    client.close();
    await closeServer(backend);
    throw new Error(`Could not replay the DynamoDB transaction journal in ${options.dataDir}: ${String(error)}`);
  }
  const mutex = new Mutex();
  const { server, agent } = createFrontServer({
    client,
    store,
    mutex,
    idempotency: new IdempotencyRegistry(),
    internalHost: LOOPBACK,
    internalPort,
    internalHeaders: token.header(),
    ...(options.verifier ? { verifier: options.verifier } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (error) {
    agent.destroy();
    client.close();
    await closeServer(backend);
    throw error;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? LOOPBACK : host;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost}:${port}`,
    close() {
      closing ??= (async () => {
        await closeServer(server);
        // Let in-flight writes finish before the store goes away.
        await mutex.run(async () => undefined);
        agent.destroy();
        client.close();
        await closeServer(backend);
      })();
      return closing;
    },
  };
}

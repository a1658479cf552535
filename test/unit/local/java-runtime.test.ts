import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findJava, javaMajorVersion, JavaUnavailableError } from '#infra/local/dynamodb/java-runtime.js';

const homes = mkdtempSync(join(tmpdir(), 'java-home-'));

/** A JAVA_HOME whose `bin/java -version` prints `banner` (as Java does, on stderr). */
function fakeJavaHome(name: string, banner: string): string {
  const home = join(homes, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\necho '${banner}' >&2\n`, { mode: 0o755 });
  return home;
}

afterAll(() => rmSync(homes, { recursive: true, force: true }));

describe('the Java that runs DynamoDB Local', () => {
  it('reads the feature version of old and new version banners', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_392"')).toBe(8);
    expect(javaMajorVersion('openjdk version "25" 2025-09-16')).toBe(25);
    expect(javaMajorVersion('no banner')).toBeUndefined();
  });

  it('says what to install when Java is missing or older than 17', () => {
    for (const home of [join(homes, 'missing'), fakeJavaHome('old', 'java version "1.8.0_392"')]) {
      expect(() => findJava({ JAVA_HOME: home })).toThrow(JavaUnavailableError);
      expect(() => findJava({ JAVA_HOME: home })).toThrow(/runtime >= 17 .*openjdk-17-jre-headless/);
    }
  });

  it('enforces the loopback policy only where the security manager still exists (up to Java 23)', () => {
    expect(findJava({ JAVA_HOME: fakeJavaHome('java17', 'openjdk version "17.0.15" 2025-04-15') })).toMatchObject({ major: 17, securityManager: true });
    expect(findJava({ JAVA_HOME: fakeJavaHome('java24', 'openjdk version "24" 2025-03-18') })).toMatchObject({ major: 24, securityManager: false });
  });
});

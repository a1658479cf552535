import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateCredentials } from '#infra/local/auth/runtime-credentials.js';
import { scratchDir } from '#test/support/scratch-dir.js';

const file = () => join(scratchDir('credentials-'), 'nested', 'aws-credentials.json');

describe('the runtime credentials', () => {
  it('are generated at first start, owner-only, and the same at every later start', () => {
    const path = file();
    const first = loadOrCreateCredentials(path);
    expect(first.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
    expect(first.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateCredentials(path)).toEqual(first);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(first);
  });

  it('differ between data directories', () => {
    const a = loadOrCreateCredentials(file());
    const b = loadOrCreateCredentials(file());
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
  });

  it('are generated anew when the file is unreadable', () => {
    const path = file();
    loadOrCreateCredentials(path);
    writeFileSync(path, '{"accessKeyId":"S3RVER"');
    const replaced = loadOrCreateCredentials(path);
    expect(replaced.accessKeyId).not.toBe('S3RVER');
    expect(loadOrCreateCredentials(path)).toEqual(replaced);
  });
});

/**
 * The local runtime's own AWS credentials: generated at first start, kept (owner-only) under the
 * data directory so that a restart keeps them, and handed to the in-process handlers through the
 * environment the composition root's SDK clients read. The emulators accept only calls signed
 * with them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** An access key pair as the SDK takes it. */
export interface RuntimeCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function generate(): RuntimeCredentials {
  // AWS-shaped: a 20-character upper-case key id, a 40-character secret.
  const id = [...randomBytes(16)].map((byte) => base32[byte % 32]).join('');
  return { accessKeyId: `LKIA${id}`, secretAccessKey: randomBytes(30).toString('base64') };
}

function parse(text: string): RuntimeCredentials | undefined {
  try {
    const stored = JSON.parse(text) as Partial<RuntimeCredentials>;
    const valid = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9+/=]{16,128}$/.test(value);
    return valid(stored.accessKeyId) && valid(stored.secretAccessKey) ? { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The credentials stored in `file`, created there (mode 0600) on first start or when the file is
 * unreadable.
 *
 * @example
 * const credentials = loadOrCreateCredentials(join(dataDir, 'aws-credentials.json'));
 */
export function loadOrCreateCredentials(file: string): RuntimeCredentials {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  const stored = text === undefined ? undefined : parse(text);
  if (stored) return stored;
  const created = generate();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(created), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return created;
}

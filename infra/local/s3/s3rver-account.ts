/**
 * s3rver answers `InvalidAccessKeyId` for any key id but its built-in `S3RVER` (it checks no
 * SigV4 signature itself: the S3 front does, before proxying); this makes it know the
 * runtime's key, so that calls pass through unchanged.
 */
import { createRequire } from 'node:module';
import type { RuntimeCredentials } from '../auth/runtime-credentials.js';

interface S3rverAccounts {
  readonly DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

const require = createRequire(import.meta.url);

/** Adds the runtime's key pair to s3rver's (process-wide) account registry. */
export function registerS3rverKey(credentials: RuntimeCredentials): void {
  const accounts = require('s3rver/lib/models/account.js') as S3rverAccounts;
  accounts.DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
}

import { randomBytes } from 'node:crypto';

const tokenPattern = /^[A-Za-z0-9_-]{86}$/;

/** Creates a fresh opaque task token (86 URL-safe characters). */
export function newTaskToken(): string {
  return randomBytes(64).toString('base64url');
}

/** Whether a string has the shape of a token this service issues (else the API answers InvalidToken). */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && tokenPattern.test(token);
}

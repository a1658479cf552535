/**
 * The portal pages of a deployment (the stack sets EVIDENCE_UPLOAD_ORIGIN on the webPages
 * function to the evidence bucket's regional origin): only they may connect to the bucket, where
 * the browser sends each file with its presigned POST; no other page gets that origin.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { environmentNames } from '#infra/definitions/environment.js';
import { getPage, type PagesHandler } from './page-request.js';

const bucketOrigin = 'https://cjrh-evidence-1a2b3c.s3.cn-northwest-1.amazonaws.com.cn';
let handler: PagesHandler;

beforeAll(async () => {
  vi.stubEnv(environmentNames.evidenceUploadOrigin, bucketOrigin);
  // the page policies are built when the module loads: import it after the environment is set
  ({ handler } = await import('#functions/web/pages.js'));
});

function connectSources(policy: unknown): string | undefined {
  return String(policy)
    .split('; ')
    .find((part) => part.startsWith('connect-src '));
}

describe('the upload origin in the page policies', () => {
  it.each(['/portal', '/portal/rounds/round-1', '/portal/applications/app-1'])('lets %s connect to the evidence bucket', async (path) => {
    const page = await getPage(handler, path);
    expect(page.statusCode).toBe(200);
    expect(connectSources(page.headers?.['content-security-policy'])).toBe(`connect-src 'self' ${bucketOrigin}`);
  });

  it.each(['/console', '/signin', '/publicity/round-1', '/review/link-1'])('keeps %s on its own origin', async (path) => {
    const page = await getPage(handler, path);
    expect(page.statusCode).toBe(200);
    expect(connectSources(page.headers?.['content-security-policy'])).toBe("connect-src 'self'");
  });
});
